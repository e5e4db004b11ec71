/*
 * probe: makes the one memory access its parent orders (after growing its heap
 * by a page, if told to), then exits 0. If the access is forbidden, the kernel
 * kills it first, and the parent reads the reason in its exit status.
 */
#include <unistd.h>
#include <wren/sys.h>

#include "probe.h"
#include "testprogs.h"

static volatile unsigned sink, depth_limit = ~0u;

static unsigned recurse(unsigned depth)
{
	volatile unsigned char frame[512];
	frame[0] = (unsigned char)depth;
	if (depth == depth_limit)
		return 0;
	return recurse(depth + 1) + frame[0];
}

int probe_main(void)
{
	struct ipc_msg msg = {.label = PROBE_ASK};
	if (ipc_call(sys_info(INFO_PARENT), &msg, 0) != 0)
		return 1;
	if (msg.w[2] && sbrk(PROBE_PAGE) == (void *)-1)
		return 4;
	volatile unsigned *p = (volatile unsigned *)msg.w[0];
	switch (msg.w[1]) {
	case PROBE_READ: sink = *p; break;
	case PROBE_WRITE: *p = 0; break;
	case PROBE_REWRITE: *p = *p; break;
	case PROBE_EXEC: ((void (*)(void))(msg.w[0] | 1))(); break;
	case PROBE_UNDEF: __asm__ volatile("udf #0"); break;
	case PROBE_RECURSE: sink = recurse(0); break;
	case PROBE_EXEC_PREPARED:
		*(volatile unsigned short *)p = 0x4770; /* bx lr: returns if it runs at all */
		((void (*)(void))(msg.w[0] | 1))();
		break;
	default: return 2;
	}
	return 0;
}
