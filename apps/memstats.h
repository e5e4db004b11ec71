/*
 * Asking the memory server what it has mapped for this process (MEM_STATS).
 */
#ifndef MEMSTATS_H
#define MEMSTATS_H

#include <wren/mem.h>
#include <wren/sys.h>

struct mem_stats {
	unsigned heap_pages, stack_pages, brk;
};

static inline struct mem_stats mem_stats(void)
{
	struct ipc_msg msg = {.label = MEM_STATS};
	struct mem_stats s = {0, 0, 0};
	if (ipc_call(sys_info(INFO_PAGER), &msg, 0) == 0)
		s = (struct mem_stats){msg.w[0], msg.w[1], msg.w[2]};
	return s;
}

#endif
