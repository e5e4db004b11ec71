/*
 * init: the first process (BOOT_FIRST in kernel/programs.c). It starts the demo
 * programs one after another, reports how each ended, and then stays, taking
 * and dropping whatever is sent to it. (An orphan is nobody's child: the kernel
 * frees it when it ends.) Which demos it runs is its own choice.
 */
#include <stdio.h>
#include <wren/sys.h>

#include "apps.h"

static const char *const startup[] = {"hello", "heap-demo", "stack-demo"};

int init_main(int argc, char **argv)
{
	for (unsigned i = 0; i < sizeof startup / sizeof startup[0]; i++) {
		int status = 0;
		int pid = sys_spawn(startup[i]);
		if (pid < 0) {
			printf("init: cannot start %s: error %d\n", startup[i], pid);
			continue;
		}
		int err = sys_wait(pid, &status);
		if (err < 0)
			printf("init: cannot wait for %s (pid %d): error %d\n", startup[i], pid, err);
		else
			printf("init: %s (pid %d) exited with status %d\n", startup[i], pid, status);
	}
	printf("init: all started programs have ended; the system stays up\n");
	for (;;) {
		struct ipc_msg msg;
		ipc_recv(&msg, 0);
	}
}
