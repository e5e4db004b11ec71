/*
 * shell: the interactive shell on the console (`wren>`). It reads a line from
 * the console server, which has done the editing (arrows, history, Ctrl-U),
 * splits it into words, and runs a built-in command (builtins.c) or else the
 * program of that name. A program runs below the shell's priority, so that a
 * program that never stops can still be stopped: Ctrl-C (the console server
 * ends the program in the foreground) or `kill` from the prompt after `&`.
 * Nothing typed can end the shell: every error is one line, then the prompt.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wren/console.h>
#include <wren/sys.h>

#include "apps.h"
#include "shell.h"

#define BACKGROUND_MAX 8

static struct {
	int pid;
	char name[PROC_NAME_MAX + 1];
} background[BACKGROUND_MAX];

/* Says how a program ended, unless it ended well. */
static void report(const char *name, int pid, int status, bool always)
{
	if (STATUS_KILLED(status) && STATUS_KILL_REASON(status) == KILL_BY_REQUEST)
		printf("%s (pid %d) stopped\n", name, pid);
	else if (STATUS_KILLED(status))
		printf("%s (pid %d) was killed (reason %d)\n", name, pid,
		       STATUS_KILL_REASON(status));
	else if (status || always)
		printf("%s (pid %d) exited with status %d\n", name, pid, status);
}

/* Collects the background programs that have ended, saying how. */
static void collect_background(void)
{
	struct program_devices info;
	for (int i = 0; i < BACKGROUND_MAX; i++) {
		int status = 0;
		if (!background[i].pid || sys_program(background[i].pid, &info) != -ESRCH)
			continue;
		if (sys_wait(background[i].pid, &status) > 0)
			report(background[i].name, background[i].pid, status, true);
		background[i].pid = 0;
	}
}

static void remember_background(const char *name, int pid)
{
	for (int i = 0; i < BACKGROUND_MAX; i++)
		if (!background[i].pid) {
			background[i].pid = pid;
			strncpy(background[i].name, name, PROC_NAME_MAX);
			return;
		}
	/* More than the shell follows: the kernel frees it when it ends, unreported. */
}

static const char *spawn_error(int err)
{
	switch (err) {
	case -EPERM: return "not a program the shell may start";
	case -EAGAIN: return "the process table is full";
	case -ENOMEM: return "out of memory";
	case -E2BIG: return "too many arguments";
	default: return "cannot start it";
	}
}

int shell_run(const char *who, const char *name, char **args, bool background_run)
{
	int status = 0, self = sys_getpid();
	int pid = sys_spawn_args(name, (const char *const *)args, 0, SPAWN_BELOW);
	if (pid == -ENOENT || pid == -EINVAL) {
		printf("%s: no program named '%s'\n", who, name);
		return pid;
	}
	if (pid < 0) {
		printf("%s: %s: %s (error %d)\n", who, name, spawn_error(pid), pid);
		return pid;
	}
	if (background_run) {
		remember_background(name, pid);
		printf("[%d] %s\n", pid, name);
		return pid;
	}
	console_foreground(pid);
	int err = sys_wait(pid, &status);
	console_foreground(self);
	if (err < 0)
		printf("%s: cannot wait for %s (pid %d): error %d\n", who, name, pid, err);
	else
		report(name, pid, status, false);
	return pid;
}

bool shell_pid(const char *word, int *pid)
{
	char *end;
	long value = word ? strtol(word, &end, 10) : 0;
	if (!word || *end || end == word || value <= 0 || value > 0x7fffffff)
		return false;
	*pid = (int)value;
	return true;
}

/* Splits line into at most ARGS_MAX words at spaces and tabs; returns how
 * many, or -1 when there are more. */
static int split(char *line, char **argv)
{
	int argc = 0;
	for (char *p = strtok(line, " \t\n"); p; p = strtok(NULL, " \t\n")) {
		if (argc == ARGS_MAX)
			return -1;
		argv[argc++] = p;
	}
	argv[argc] = NULL;
	return argc;
}

static void run_line(char *line)
{
	char *argv[ARGS_MAX + 1];
	int argc = split(line, argv);
	if (argc < 0) {
		printf("shell: more than %d words in a line\n", ARGS_MAX);
		return;
	}
	if (argc == 0)
		return;
	const struct builtin *b = builtin_find(argv[0]);
	if (b) {
		b->run(argc, argv);
		return;
	}
	bool bg = strcmp(argv[argc - 1], "&") == 0;
	if (bg)
		argv[--argc] = NULL;
	if (argc)
		shell_run("shell", argv[0], argv + 1, bg);
}

/* The console server has ended (a read's -EPIPE or -ESRCH), or the one
 * that answered is not the one the shell reads from (*console: a new one
 * that does not know the shell is in the foreground): waits for the
 * supervisor's next one and reads from it. Returns 0, or the error when none
 * comes. */
static int console_back(int *console)
{
	if (!server_await(console_server, 0))
		return -ESRCH;
	*console = console_server();
	return console_foreground(sys_getpid());
}

int shell_main(int argc, char **argv)
{
	char line[CONSOLE_LINE_MAX + 1];
	int console = console_server();
	if (console_foreground(sys_getpid()) < 0) {
		printf("shell: no console to read from\n");
		return 1;
	}
	printf("\nWren shell: type help for the commands, or the name of a program.\n");
	for (;;) {
		collect_background();
		printf("wren> ");
		fflush(stdout);
		int n = console_read(line, CONSOLE_LINE_MAX);
		if ((n == -EPIPE || n == -ESRCH || console_server() != console) &&
		    console_back(&console) >= 0) {
			printf("\nshell: the console server was restarted\n");
			continue;
		}
		if (n == -EINTR)
			continue; /* Ctrl-C: the console has dropped the line */
		if (n == 0) {
			printf("(end of input: the shell stays; poweroff ends the system)\n");
			continue;
		}
		if (n < 0) {
			printf("shell: the console does not answer (error %d)\n", n);
			return 1;
		}
		line[n] = '\0';
		run_line(line);
	}
}
