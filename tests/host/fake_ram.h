/*
 * A fake physical RAM for host tests of the frame allocator, the kernel heap and
 * address spaces, and the MMU hooks those call, counted so that tests can check
 * the TLB maintenance the kernel asks for.
 */
#ifndef FAKE_RAM_H
#define FAKE_RAM_H

#include <stdint.h>

#include "mem.h"
#include "memlayout.h"

#define FAKE_RAM_BASE 0x40000000ull
#define FAKE_RAM_PAGES 1024u
#define FAKE_RAM_PA(page) (FAKE_RAM_BASE + (paddr_t)(page)*PAGE_SIZE)
#define FAKE_RAM_JUNK 0xA5 /* what RAM holds after a reset: never what the kernel wrote */

/* Calls of the MMU hooks since the last reset. */
struct fake_mmu {
	unsigned tables_changed;
	unsigned page_flushes, asid_flushes;
	uint32_t last_page_va;
	uint8_t last_page_asid, last_asid;
};
extern struct fake_mmu fake_mmu;

/*
 * Fills RAM with FAKE_RAM_JUNK, forgets every frame and hook call, and gives
 * pages [reserved, FAKE_RAM_PAGES) to the frame allocator: the pages below are
 * the test's own (e.g. for the heap's start region).
 */
void fake_ram_reset(uint32_t reserved);

#endif
