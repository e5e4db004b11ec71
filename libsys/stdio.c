/*
 * The standard streams of picolibc's tinystdio. stdout and stderr are one
 * stream: a per-process line buffer written to the console with SYS_PUTS, so
 * what a program prints to either comes out in the order it was printed.
 * stdin has no device yet and reads end-of-file.
 */
#include <stdio.h>
#include <wren/sys.h>

static char line[128];
static unsigned used;

static int console_flush(FILE *f)
{
	int err = used ? sys_puts(line, used) : 0;

	(void)f;
	used = 0;
	return err < 0 ? EOF : 0;
}

static int console_put(char c, FILE *f)
{
	line[used++] = c;
	if (c == '\n' || used == sizeof(line))
		return console_flush(f) ? EOF : (unsigned char)c;
	return (unsigned char)c;
}

static int no_input(FILE *f)
{
	(void)f;
	return _FDEV_EOF;
}

static FILE console = FDEV_SETUP_STREAM(console_put, NULL, console_flush, _FDEV_SETUP_WRITE);
static FILE no_device = FDEV_SETUP_STREAM(NULL, no_input, NULL, _FDEV_SETUP_READ);

FILE *const stdin = &no_device;
FILE *const stdout = &console;
FILE *const stderr = &console;

/* exit() runs destructors after the atexit handlers, those of priority 101
 * last: whatever any of them prints still comes out. */
static void __attribute__((destructor(101))) flush_at_exit(void)
{
	console_flush(stdout);
}
