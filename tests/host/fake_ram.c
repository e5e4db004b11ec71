/*
 * The fake RAM of fake_ram.h: a page-aligned host buffer standing for physical
 * addresses FAKE_RAM_BASE onwards. An address outside it fails the test rather
 * than touching host memory, so a stray descriptor or free-list link shows up.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <stdlib.h>
#include <string.h>

/* cmocka.h needs the headers above first. */
#include <cmocka.h>

#include "addrspace.h"
#include "fake_ram.h"

#define FAKE_RAM_SIZE ((size_t)FAKE_RAM_PAGES * PAGE_SIZE)

struct fake_mmu fake_mmu;
static uint8_t *ram;

void fake_ram_reset(uint32_t reserved)
{
	if (!ram) {
		ram = aligned_alloc(PAGE_SIZE, FAKE_RAM_SIZE);
		assert_non_null(ram);
	}
	memset(ram, FAKE_RAM_JUNK, FAKE_RAM_SIZE);
	memset(&fake_mmu, 0, sizeof fake_mmu);
	frame_reset();
	if (reserved < FAKE_RAM_PAGES)
		assert_int_equal(
		    frame_add_range(FAKE_RAM_PA(reserved), FAKE_RAM_PA(FAKE_RAM_PAGES)), 0);
}

void *phys_to_virt(paddr_t pa)
{
	assert_non_null(ram);
	assert_in_range(pa, FAKE_RAM_BASE, FAKE_RAM_BASE + FAKE_RAM_SIZE - 1);
	return ram + (pa - FAKE_RAM_BASE);
}

paddr_t virt_to_phys(const void *va)
{
	const uint8_t *p = va;
	assert_non_null(ram);
	assert_true(p >= ram && p < ram + FAKE_RAM_SIZE);
	return FAKE_RAM_BASE + (paddr_t)(p - ram);
}

void tables_changed(void)
{
	fake_mmu.tables_changed++;
}

void tlb_invalidate_page(uint32_t va, uint8_t asid)
{
	fake_mmu.page_flushes++;
	fake_mmu.last_page_va = va;
	fake_mmu.last_page_asid = asid;
}

void tlb_invalidate_asid(uint8_t asid)
{
	fake_mmu.asid_flushes++;
	fake_mmu.last_asid = asid;
}
