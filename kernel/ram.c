/*
 * ram_fit: RAM as a device tree says, made safe to hand to the frame allocator.
 * An unedited tree can claim all of a board's RAM, the GPU's share and the
 * devices' addresses included (the Pi's 1 GiB /memory with its peripherals at
 * 0x3f000000): cacheable heap there would be wrong in the quietest way.
 */
#include "ram.h"

static uint64_t end_of(const struct fdt_range *r)
{
	return r->base + r->size;
}

uint32_t ram_fit(struct fdt_range *ram, const struct fdt_range *limit,
		 const struct fdt_range *windows, uint32_t count)
{
	uint64_t start = ram->base, end = end_of(ram);
	uint32_t cut = 0;

	if (limit->size && (start < limit->base || end > end_of(limit))) {
		start = start > limit->base ? start : limit->base;
		end = end < end_of(limit) ? end : end_of(limit);
		cut |= RAM_CUT_FIRMWARE;
	}
	for (uint32_t i = 0; i < count && start < end; i++) {
		const struct fdt_range *w = &windows[i];
		if (w->size == 0 || end_of(w) <= start || w->base >= end)
			continue;
		if (w->base > start)
			end = w->base;
		else
			start = end_of(w);
		cut |= RAM_CUT_WINDOW;
	}
	ram->base = start;
	ram->size = start < end ? end - start : 0;
	return cut;
}
