/*
 * The page-frame allocator. Free RAM is a few ranges handed out from the bottom
 * (a bump pointer each) plus a list of frames given back, threaded through the
 * free frames themselves. Both ends are O(1) and boot costs nothing per frame.
 */
#include "mem.h"
#include "memlayout.h"

#include "kstring.h"
#include "wren/abi.h"

struct range {
	paddr_t next, end;
};

static struct range ranges[FRAME_RANGES];
static uint32_t range_count;
static uint32_t range_first; /* the ranges before it are used up */
static paddr_t free_list;    /* 0: empty; else a frame whose first word is the next */
static uint32_t free_frames, total_frames;

int frame_add_range(paddr_t start, paddr_t end)
{
	if ((start | end) & (PAGE_SIZE - 1) || start == 0 || end <= start)
		return -EINVAL;
	if (range_count == FRAME_RANGES)
		return -ENOMEM;
	ranges[range_count++] = (struct range){start, end};
	uint32_t n = (uint32_t)((end - start) / PAGE_SIZE);
	free_frames += n;
	total_frames += n;
	return 0;
}

paddr_t frame_alloc(void)
{
	paddr_t pa = free_list;
	if (pa) {
		free_list = *(paddr_t *)phys_to_virt(pa);
	} else {
		/* A used-up range stays so (frames given back go to the list): the
		 * search starts past them, not at the first. */
		while (range_first < range_count &&
		       ranges[range_first].next == ranges[range_first].end)
			range_first++;
		if (range_first == range_count)
			return 0;
		pa = ranges[range_first].next;
		ranges[range_first].next += PAGE_SIZE;
	}
	free_frames--;
	return pa;
}

paddr_t frame_alloc_zeroed(void)
{
	paddr_t pa = frame_alloc();
	if (pa)
		page_zero(phys_to_virt(pa));
	return pa;
}

void frame_free(paddr_t pa)
{
	*(paddr_t *)phys_to_virt(pa) = free_list;
	free_list = pa;
	free_frames++;
}

uint32_t frame_free_count(void)
{
	return free_frames;
}

uint32_t frame_total_count(void)
{
	return total_frames;
}

#ifdef HOST_TEST
/* Forgets everything, so that each host test starts with no RAM. The kernel
 * boots once, with all of this zero, and never needs it. */
void frame_reset(void)
{
	range_count = range_first = 0;
	free_list = 0;
	free_frames = total_frames = 0;
}
#endif
