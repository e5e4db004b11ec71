/*
 * The entry of every process (see wren/sys.h for the state the kernel starts it
 * in). picolibc's crt0 is not used: the kernel already copied and zeroed the
 * globals and set the stack and the thread pointer, which leaves the
 * arguments, the constructors and exit() to do here.
 */
#include <stdlib.h>
#include <wren/args.h>
#include <wren/sys.h>

void __libc_init_array(void);

/* main with the arguments the kernel keeps for this process (SYS_ARGS). Out of
 * line: only a process that has arguments pays for their room on its stack. */
static __attribute__((noinline)) int main_with_args(int (*main)(int, char **), const char *name)
{
	char block[SPAWN_ARGS_MAX];
	char *argv[SPAWN_ARGC_MAX + 2] = {(char *)name, NULL};
	int len = sys_args(block, sizeof block);
	int n = len < 0 ? len : args_unpack(block, (unsigned)len, argv, 1, SPAWN_ARGC_MAX + 2);
	if (n < 0)
		argv[1] = NULL; /* the kernel checked the block: cannot happen, but stay sound */
	return main(n < 0 ? 1 : 1 + n, argv);
}

void _user_start(int (*main)(int argc, char **argv), int argc, const char *name)
{
	__libc_init_array();
	if (argc > 1)
		exit(main_with_args(main, name));
	/* argv[0] is the program's name where the image keeps it: read-only. */
	char *argv[2] = {(char *)name, NULL};
	exit(main(1, argv));
}
