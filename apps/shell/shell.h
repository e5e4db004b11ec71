/*
 * The shell (apps/shell/): what its files share. main.c reads and splits the
 * lines and runs programs; builtins.c holds the built-in commands; memmap.c
 * draws `mem`.
 */
#ifndef SHELL_H
#define SHELL_H

#include <stdbool.h>

#define ARGS_MAX 16 /* words of a command line, the command's name included */

/* A built-in command: argv[0] is its name. Returns nothing: it prints what it
 * has to, errors as one line starting with its name. */
struct builtin {
	const char *name, *usage, *help;
	void (*run)(int argc, char **argv);
};
extern const struct builtin builtins[];

/* The built-in command called name, or NULL. */
const struct builtin *builtin_find(const char *name);

/* Starts program name with the arguments args (NULL-terminated, after the
 * name), below the shell's priority; in the foreground, waits for it to end
 * (Ctrl-C ends it), else prints its pid and returns at once. Errors are one
 * line starting with `who`. Returns its pid, or the negative error. */
int shell_run(const char *who, const char *name, char **args, bool background);

/* Parses a pid (decimal, > 0) into *pid; false when word (may be NULL) is none. */
bool shell_pid(const char *word, int *pid);

/* Draws pid's memory map (memmap.c); errors as one line starting with "mem". */
void shell_mem(int pid);

#endif
