/*
 * probe: makes the one memory access its parent orders (after growing its heap
 * by the pages it is told, through the memory server), then exits 0 (or
 * PROBE_WROTE_HEAP, probe.h). If the access is forbidden, the kernel kills it
 * first, and the parent reads the reason in its exit status. frame-probe is
 * the same program with a heap right below a small stack.
 */
#include <unistd.h>
#include <wren/sys.h>

#include "probe.h"
#include "testprogs.h"

static volatile unsigned sink, depth_limit = ~0u, frame_bottom;

/* A frame of 64 KiB, more than the whole stack of frame-probe (4 pages): its
 * lowest byte, which it writes first, lies below the guard page, in the heap.
 * Built with stack probing, the frame's pages are touched one by one from the
 * top first, so the guard page stops it before that write. */
static __attribute__((noinline)) void big_frame(void)
{
	volatile unsigned char frame[64 * 1024];
	frame[0] = 1;
	frame_bottom = (unsigned)&frame[0];
}

/* The same frame as code built without stack probing makes it (assembly, or a
 * library built without -fstack-clash-protection): sp drops 64 KiB at once and
 * the first store is at the new sp, far below the guard page. */
static void big_frame_unprobed(void)
{
	__asm__ volatile("sub sp, sp, #65536\n\t"
			 "str %0, [sp]\n\t"
			 "add sp, sp, #65536" ::"r"(0)
			 : "memory");
}

/* Whether a lies in this process's heap. */
static int in_heap(unsigned a)
{
	struct proc_layout l;
	return sys_layout(0, &l) == 0 && a >= l.heap_base && a < l.heap_limit;
}

static unsigned recurse(unsigned depth)
{
	volatile unsigned char frame[512];
	frame[0] = (unsigned char)depth;
	if (depth == depth_limit)
		return 0;
	return recurse(depth + 1) + frame[0];
}

int probe_main(int argc, char **argv)
{
	struct ipc_msg msg = {.label = PROBE_ASK};
	if (ipc_call(sys_info(INFO_PARENT), &msg, 0) != 0)
		return 1;
	if (msg.w[2] && sbrk((int)(msg.w[2] * PROBE_PAGE)) == (void *)-1)
		return 4;
	volatile unsigned *p = (volatile unsigned *)msg.w[0];
	switch (msg.w[1]) {
	case PROBE_READ: sink = *p; break;
	case PROBE_WRITE: *p = 0; break;
	case PROBE_REWRITE: *p = *p; break;
	case PROBE_EXEC: ((void (*)(void))(msg.w[0] | 1))(); break;
	case PROBE_UNDEF: __asm__ volatile("udf #0"); break;
	case PROBE_BREAKPOINT: __asm__ volatile("bkpt #0"); break;
	case PROBE_RECURSE: sink = recurse(0); break;
	case PROBE_EXEC_PREPARED:
		*(volatile unsigned short *)p = 0x4770; /* bx lr: returns if it runs at all */
		((void (*)(void))(msg.w[0] | 1))();
		break;
	case PROBE_FRAME: big_frame(); return in_heap(frame_bottom) ? PROBE_WROTE_HEAP : 0;
	case PROBE_FRAME_UNPROBED: big_frame_unprobed(); break;
	case PROBE_CALL: ((void (*)(void))msg.w[0])(); break;
	case PROBE_PMU_READ: __asm__ volatile("mrc p15, 0, %0, c9, c13, 0" : "=r"(sink)); break;
	case PROBE_PMU_WRITE:
		__asm__ volatile("mcr p15, 0, %0, c9, c12, 2" ::"r"(1u << 31)); /* PMCNTENCLR */
		break;
	default: return 2;
	}
	return 0;
}
