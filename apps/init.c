/*
 * init: the first process (BOOT_FIRST in kernel/programs.c). It starts the
 * drivers, which serve from then on (one for a device the board lacks ends at
 * once), then the demo programs one after another, reporting how each ended,
 * and then stays: it collects a driver that ends, saying so if it was killed,
 * and drops whatever else is sent to it. (An orphan is nobody's child: the
 * kernel frees it when it ends.) Which drivers and demos it runs is its own
 * choice.
 */
#include <stdio.h>
#include <wren/sys.h>

#include "apps.h"

static const char *const drivers[] = {"rtc", "mbox", "gpio"};
static const char *const startup[] = {"hello", "heap-demo", "stack-demo", "date", "board", "led"};
#define DRIVERS (sizeof drivers / sizeof drivers[0])

/* Collects the drivers that have ended; their pids become 0. */
static void collect(int *pids)
{
	struct program_devices info;
	for (unsigned i = 0; i < DRIVERS; i++) {
		int status = 0;
		if (pids[i] <= 0 || sys_program(pids[i], &info) != -ESRCH)
			continue; /* not started, or still running */
		sys_wait(pids[i], &status);
		if (STATUS_KILLED(status))
			printf("init: driver %s (pid %d) was killed, status 0x%x\n", drivers[i],
			       pids[i], (unsigned)status);
		pids[i] = 0;
	}
}

int init_main(int argc, char **argv)
{
	int pids[DRIVERS];
	for (unsigned i = 0; i < DRIVERS; i++)
		if ((pids[i] = sys_spawn(drivers[i])) < 0)
			printf("init: cannot start %s: error %d\n", drivers[i], pids[i]);
	for (unsigned i = 0; i < sizeof startup / sizeof startup[0]; i++) {
		int status = 0;
		int pid = sys_spawn(startup[i]);
		if (pid < 0) {
			printf("init: cannot start %s: error %d\n", startup[i], pid);
			continue;
		}
		int err = sys_wait(pid, &status);
		if (err < 0)
			printf("init: cannot wait for %s (pid %d): error %d\n", startup[i], pid,
			       err);
		else
			printf("init: %s (pid %d) exited with status %d\n", startup[i], pid,
			       status);
	}
	printf("init: the demos have ended; the drivers serve, and the system stays up\n");
	collect(pids);
	for (;;) {
		struct ipc_msg msg;
		if (ipc_recv(&msg, 0) == 0 && msg.label == IPC_LABEL_NOTIFY &&
		    (msg.w[0] & NOTIFY_CHILD_EXIT))
			collect(pids);
	}
}
