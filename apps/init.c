/*
 * init: the first process (BOOT_FIRST in kernel/programs.c). It starts the demo
 * programs one after another, reports how each ended, and then stays,
 * collecting any orphan it is sent. Which demos it runs is its own choice.
 */
#include <stdio.h>
#include <wren/sys.h>

#include "apps.h"

static const char *const startup[] = {"hello", "heap-demo", "stack-demo"};

int init_main(void)
{
	for (unsigned i = 0; i < sizeof startup / sizeof startup[0]; i++) {
		int status = 0;
		int pid = sys_spawn(startup[i]);
		if (pid < 0) {
			printf("init: cannot start %s: error %d\n", startup[i], pid);
			continue;
		}
		sys_wait(pid, &status);
		printf("init: %s (pid %d) exited with status %d\n", startup[i], pid, status);
	}
	printf("init: all started programs have ended; the system stays up\n");
	for (;;) {
		struct ipc_msg msg;
		ipc_recv(&msg, 0);
	}
}
