/*
 * The user-region layout calculator (see layout.h for the picture).
 */
#include "layout.h"
#include "memlayout.h"
#include "wren/abi.h"

int layout_user(struct proc_layout *l, uint32_t heap_pages, uint32_t stack_pages,
		uint32_t device_pages, uint32_t shared_start, uint32_t shared_end)
{
	const uint64_t top = 1ull << 32;
	if (stack_pages == 0 || shared_end < shared_start || shared_start < USER_REGION_LOWEST)
		return -EINVAL;
	uint64_t stack_top = shared_start & ~7u; /* AAPCS: sp 8-byte aligned */
	uint64_t stack_start = PAGE_ROUND_DOWN(stack_top - 1);
	uint64_t span = (uint64_t)(stack_pages - 1) + 1 + heap_pages; /* stack, guard, heap */
	/* The window and the unmapped page between it and the heap. */
	uint64_t window = device_pages ? (uint64_t)device_pages + 1 : 0;
	/* Added, not subtracted: with sp at 0xC0000000, stack_start is below the lowest region. */
	if (USER_REGION_LOWEST + (span + window) * PAGE_SIZE > stack_start)
		return -EINVAL;
	uint64_t stack_limit = stack_start - (uint64_t)(stack_pages - 1) * PAGE_SIZE;
	uint64_t guard = stack_limit - PAGE_SIZE;
	uint64_t heap_base = guard - (uint64_t)heap_pages * PAGE_SIZE;

	uint32_t t1sz = USER_T1SZ_SMALLEST;
	while (top - heap_base + window * PAGE_SIZE > (top >> t1sz))
		t1sz--;
	uint32_t region_base = (uint32_t)(top - (top >> t1sz));
	*l = (struct proc_layout){
	    .region_base = region_base,
	    .t1sz = t1sz,
	    .heap_base = (uint32_t)heap_base,
	    .heap_limit = (uint32_t)guard,
	    .guard = (uint32_t)guard,
	    .stack_limit = (uint32_t)stack_limit,
	    .stack_start = (uint32_t)stack_start,
	    .stack_top = (uint32_t)stack_top,
	    .shared_start = shared_start,
	    .shared_end = shared_end,
	    .top_page =
		shared_end > shared_start ? PAGE_ROUND_DOWN(shared_end - 1) : (uint32_t)stack_start,
	    .dev_base = region_base,
	    .dev_limit = region_base + device_pages * PAGE_SIZE,
	};
	return 0;
}
