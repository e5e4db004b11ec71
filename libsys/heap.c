/*
 * sbrk: the heap grows and shrinks through the memory server, which decides;
 * the C library's malloc sits on top. A memory server that ends while it is
 * asked (-EPIPE) or before (-ESRCH) is asked again once a supervisor has
 * started the next one, which knows the heap as the kernel has it mapped; a
 * request that the old one had carried out in part is then made on top of
 * what it mapped. Without a memory server, or past the heap's maximum (set in
 * the program table), sbrk fails with ENOMEM and nothing changes.
 */
#include <errno.h>
#include <stddef.h>
#include <wren/mem.h>
#include <wren/sys.h>

#define SBRK_TRIES 4 /* memory servers asked at most, each killed in turn */

static int pager(void)
{
	return sys_info(INFO_PAGER);
}

/* The pager's pid, asked of the kernel once and again only when it has gone
 * (a supervisor's new memory server has another pid); 0 until then. */
static int known_pager;

void *sbrk(ptrdiff_t increment)
{
	struct ipc_msg msg;
	int to = known_pager > 0 ? known_pager : server_await(pager, 0), err = -ESRCH;
	for (int tries = 0; to > 0 && tries < SBRK_TRIES; tries++) {
		msg = (struct ipc_msg){.label = MEM_SBRK, .w = {(unsigned)increment}};
		err = ipc_call(to, &msg, 0);
		if (err != -EPIPE && err != -ESRCH)
			break;
		to = server_await(pager, to);
	}
	known_pager = err ? 0 : to;
	if (err) {
		errno = ENOMEM; /* no memory server to ask */
		return (void *)-1;
	}
	if ((int)msg.w[0] < 0) {
		errno = -(int)msg.w[0];
		return (void *)-1;
	}
	return (void *)msg.w[1];
}
