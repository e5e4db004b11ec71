/*
 * Waiting for a server to come back (wren/sys.h, server_await): a supervisor
 * restarts a server that was killed, and a client whose call found it gone
 * asks again once the new one is there.
 */
#include <wren/sys.h>

int server_await(int (*find)(void), int gone)
{
	int hz = sys_info(INFO_TICK_HZ), start = sys_info(INFO_TICKS);
	for (;;) {
		int pid = find();
		if (pid > 0 && pid != gone)
			return pid;
		if (sys_info(INFO_TICKS) - start > hz * AWAIT_SECONDS)
			return 0;
		sys_yield(); /* the supervisor runs above its clients: it has its turn */
	}
}
