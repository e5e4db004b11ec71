/*
 * Waiting for a server to come back (wren/sys.h, server_await): a supervisor
 * restarts a server that was killed, and a client whose call found it gone
 * asks again once the new one is there.
 */
#include <wren/sys.h>

int server_await(int (*find)(void), int gone)
{
	int pid = find();
	if (pid > 0 && pid != gone)
		return pid; /* the common case, on every sbrk: no clock read */
	int hz = sys_info(INFO_TICK_HZ), start = sys_info(INFO_TICKS);
	while (sys_info(INFO_TICKS) - start <= hz * AWAIT_SECONDS) {
		sys_yield(); /* the supervisor runs above its clients: it has its turn */
		pid = find();
		if (pid > 0 && pid != gone)
			return pid;
	}
	return 0;
}
