/*
 * Completes the kernel region once the MMU is on: the heap's mapping of RAM and
 * the device IO pages.
 */
#include "mmu.h"
#include "cpu.h"

struct boot_tables boot_tables;
struct boot_info boot_info;

static uint32_t io_next = IO_BASE; /* IO pages are handed out upwards, never reused yet */

void mmu_map_ram(uint64_t ram_end)
{
	struct boot_tables *t = &boot_tables;
	uint64_t limit = (uint64_t)boot_info.phys_base + (1u << 30);
	if (ram_end > limit)
		ram_end = limit; /* the heap lives in the first GiB of virtual space */
	for (uint32_t i = 1; i < 512; i++) {
		uint64_t pa = (uint64_t)boot_info.phys_base + ((uint64_t)i << BLOCK_SHIFT);
		t->l2_low[i] = pa + BLOCK_SIZE <= ram_end ? pte_block(pa, PROT_KERNEL_RW) : 0;
	}
	t->l1[1] = t->l1[2] = 0;
	tlb_flush_all();
}

uintptr_t io_map(uint64_t pa, uint32_t size)
{
	uint32_t offset = (uint32_t)pa & (PAGE_SIZE - 1);
	uint32_t pages = PAGE_ROUND_UP(offset + size) / PAGE_SIZE;
	uint32_t first = (io_next - IO_BASE) / PAGE_SIZE;
	if (size == 0 || first + pages > 512)
		return 0;
	for (uint32_t i = 0; i < pages; i++)
		boot_tables.l3_io[first + i] = pte_page(pa - offset + i * PAGE_SIZE, PROT_DEVICE);
	dsb();
	isb();
	uintptr_t va = io_next + offset;
	io_next += pages * PAGE_SIZE;
	return va;
}
