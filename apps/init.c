/*
 * init: the first process (BOOT_FIRST in kernel/programs.c). It starts the
 * console server, then the drivers (one for a device the board lacks ends at
 * once), then the shell, and stays: it collects a driver that ends, saying so
 * if it was killed, and starts the shell again should it end, a few times at
 * most. (An orphan is nobody's child: the kernel frees it when it ends.)
 * Which servers and drivers it runs is its own choice.
 */
#include <stdio.h>
#include <wren/sys.h>

#include "apps.h"

static const char *const started[] = {"console", "rtc", "mbox", "gpio", "shell"};
#define STARTED (sizeof started / sizeof started[0])
#define SHELL (STARTED - 1)
#define SHELL_STARTS 5 /* a shell that keeps ending is left ended */

static int start(unsigned i)
{
	int pid = sys_spawn(started[i]);
	if (pid < 0)
		printf("init: cannot start %s: error %d\n", started[i], pid);
	return pid;
}

/* Collects what has ended (pids[i] becomes 0) and starts the shell again. */
static void collect(int *pids, unsigned *shell_starts)
{
	struct program_devices info;
	for (unsigned i = 0; i < STARTED; i++) {
		int status = 0;
		if (pids[i] <= 0 || sys_program(pids[i], &info) != -ESRCH)
			continue; /* not started, or still running */
		sys_wait(pids[i], &status);
		if (STATUS_KILLED(status) || i == SHELL)
			printf("init: %s (pid %d) ended, status 0x%x\n", started[i], pids[i],
			       (unsigned)status);
		pids[i] = 0;
		if (i == SHELL && ++*shell_starts <= SHELL_STARTS)
			pids[i] = start(i);
	}
}

int init_main(int argc, char **argv)
{
	int pids[STARTED];
	unsigned shell_starts = 1;
	for (unsigned i = 0; i < STARTED; i++)
		pids[i] = start(i);
	for (;;) {
		struct ipc_msg msg;
		collect(pids, &shell_starts);
		while (ipc_recv(&msg, 0) != 0 || msg.label != IPC_LABEL_NOTIFY ||
		       !(msg.w[0] & NOTIFY_CHILD_EXIT))
			;
	}
}
