/*
 * The standard streams of picolibc's tinystdio. stdout and stderr are one
 * stream: a per-process line buffer written to the console server when one
 * runs (wren/console.h), or else straight through the kernel (SYS_PUTS); both
 * return once the bytes are on their way out of the UART, so what a program
 * prints, to either stream, comes out in the order it was printed, and before
 * anything the kernel says about it afterwards. stdin reads the lines the
 * console server hands to the program in the foreground; with no console
 * server, or in the background, it is at end of input.
 */
#include <stdio.h>
#include <wren/console.h>
#include <wren/sys.h>

static char line[128];
static unsigned used;
static char input[IPC_LONG_MAX];
static unsigned input_len, input_at;

static int console_flush(FILE *f)
{
	int err = 0;
	(void)f;
	if (used && console_write(line, used) < 0)
		err = sys_puts(line, used);
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

/* A byte of the current line, reading the next one when it is used up; what
 * goes out is written first, so that a prompt shows before the wait. */
static int console_get(FILE *f)
{
	if (input_at == input_len) {
		console_flush(f);
		int n = console_read(input, sizeof input);
		if (n <= 0)
			return n == 0 || n == -ESRCH ? _FDEV_EOF : _FDEV_ERR;
		input_len = (unsigned)n;
		input_at = 0;
	}
	return (unsigned char)input[input_at++];
}

static FILE console = FDEV_SETUP_STREAM(console_put, console_get, console_flush, _FDEV_SETUP_RW);

FILE *const stdin = &console;
FILE *const stdout = &console;
FILE *const stderr = &console;

/* exit() runs destructors after the atexit handlers, those of priority 101
 * last: whatever any of them prints still comes out. */
static void __attribute__((destructor(101))) flush_at_exit(void)
{
	console_flush(stdout);
}
