/*
 * Builds the kernel region's translation tables, and maps RAM into them.
 *
 * boot_map_kernel runs while the MMU is still off, at a physical address
 * although it is linked at its virtual one, so this file uses only its
 * arguments (physical pointers, or virtual ones once the MMU is on) and
 * link-time constants, never a global by name, and is compiled without jump
 * tables. That also makes it plain arithmetic on tables, unit-tested on the
 * host for RAM in every GiB (tests/host/test_boot_map.c). It maps:
 *   - the first 2 MiB of the kernel region page by page, with the seed's
 *     permissions for each region of the image (kernel_image_prot), except
 *     page 0, the vectors', which is the kernel's alone;
 *   - the device tree, read-only, into the DTB window;
 *   - the 2 MiB block the image runs from at its own physical address, so the
 *     instructions that turn the MMU on keep running. Wherever phys_base lies,
 *     that block may fall on a kernel mapping (the heap's blocks, or the IO
 *     pages' and DTB window's tables at the top of GiB 2): it displaces it only
 *     until mmu_unmap_identity, which boot.S calls first thing at virtual
 *     addresses, puts it back;
 *   - later (boot_map_heap, through mmu_map_ram), RAM above the image.
 */
#include "mmu.h"

#include <stddef.h>

#include "wren/abi.h"

extern char __text_end[], __rodata_end[], __data_end[], __shared_orig_end[];

#define GIB_SHIFT 30
#define IDENTITY_PROT (PTE_AP_KRW | PTE_ATTR_NORMAL | PTE_SH_INNER | PTE_AF)

pte_t kernel_image_prot(uint32_t va)
{
	if (va < PAGE_SIZE)
		return PROT_VECTORS; /* kernel only, so that user mode's NULL pointers fault */
	if (va < (uint32_t)(uintptr_t)__text_end)
		return PROT_KERNEL_TEXT;
	if (va < (uint32_t)(uintptr_t)__rodata_end)
		return PROT_RODATA;
	if (va < (uint32_t)(uintptr_t)__data_end)
		return PROT_KERNEL_RW;
	if (va < (uint32_t)(uintptr_t)__shared_orig_end)
		return 0; /* original .data_shared: no access, and a floor under the stack */
	return PROT_KERNEL_RW;
}

/* Where region r of kernel_image_prot's ends. A switch, not a table: this runs
 * before the MMU is on, where a table's link-time address is not where it is. */
#define IMAGE_REGIONS 6
static uint32_t region_end(uint32_t r)
{
	switch (r) {
	case 0: return PAGE_SIZE;
	case 1: return (uint32_t)(uintptr_t)__text_end;
	case 2: return (uint32_t)(uintptr_t)__rodata_end;
	case 3: return (uint32_t)(uintptr_t)__data_end;
	case 4: return (uint32_t)(uintptr_t)__shared_orig_end;
	default: return BLOCK_SIZE;
	}
}

static uint32_t read_be32(uint32_t pa)
{
	const volatile uint8_t *p = (const volatile uint8_t *)(uintptr_t)pa;
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void map_dtb(uint32_t dtb_pa, struct boot_tables *t, struct boot_info *info)
{
	if (dtb_pa == 0 || (dtb_pa & 3) || read_be32(dtb_pa) != 0xd00dfeedu)
		return;
	uint32_t offset = dtb_pa & (PAGE_SIZE - 1);
	uint32_t size = read_be32(dtb_pa + 4);
	if (size > DTB_WINDOW_SIZE - offset)
		size = DTB_WINDOW_SIZE - offset;
	for (uint32_t i = 0; i < PAGE_ROUND_UP(offset + size) / PAGE_SIZE; i++)
		t->l3_dtb[i] = pte_page(PAGE_ROUND_DOWN(dtb_pa) + i * PAGE_SIZE, PROT_KERNEL_RO);
	info->dtb_va = DTB_WINDOW + offset;
	info->dtb_size = size;
}

static pte_t *l2_slot(struct boot_tables *t, uint32_t va)
{
	return &t->l2[va >> GIB_SHIFT][(va >> BLOCK_SHIFT) & 511];
}

pte_t *boot_identity_slot(struct boot_tables *t, uint32_t phys_base)
{
	if (phys_base == 0)
		return NULL;
	if (phys_base >> GIB_SHIFT == 3)
		return &t->l1[3];
	return l2_slot(t, phys_base);
}

uint32_t boot_map_kernel(uint32_t phys_base, uint32_t dtb_pa, struct boot_tables *t,
			 struct boot_info *info)
{
	/* Region by region: one look at the protection a region, not one a page
	 * (512 of them, on boot's path). */
	uint32_t i = 0;
	for (uint32_t r = 0; r < IMAGE_REGIONS; r++) {
		pte_t prot = kernel_image_prot(i * PAGE_SIZE);
		uint32_t end = region_end(r) < BLOCK_SIZE ? region_end(r) : BLOCK_SIZE;
		for (; i * PAGE_SIZE < end; i++)
			if (prot)
				t->l3_image[i] = pte_page(phys_base + i * PAGE_SIZE, prot);
	}
	t->l2[0][0] = pte_table((uint32_t)(uintptr_t)t->l3_image);
	*l2_slot(t, IO_BASE) = pte_table((uint32_t)(uintptr_t)t->l3_io);
	*l2_slot(t, DTB_WINDOW) = pte_table((uint32_t)(uintptr_t)t->l3_dtb);
	for (uint32_t gib = 0; gib < 3; gib++)
		t->l1[gib] = pte_table((uint32_t)(uintptr_t)t->l2[gib]);

	/* The top GiB has no level-2 table (nothing of the kernel is there): a
	 * 1 GiB block serves as the identity instead of a 2 MiB one. */
	pte_t *slot = boot_identity_slot(t, phys_base);
	if (slot) {
		info->identity_saved = *slot;
		*slot = slot == &t->l1[3] ? pte_block(3u << GIB_SHIFT, IDENTITY_PROT)
					  : pte_block(phys_base, IDENTITY_PROT);
	}

	info->phys_base = phys_base;
	info->dtb_pa = dtb_pa;
	map_dtb(dtb_pa, t, info);
	return (uint32_t)(uintptr_t)t->l1;
}

uint64_t boot_map_heap(struct boot_tables *t, uint32_t phys_base, uint64_t ram_end)
{
	uint32_t va = BLOCK_SIZE;
	for (; va < IO_BASE && phys_base + (uint64_t)va + BLOCK_SIZE <= ram_end; va += BLOCK_SIZE)
		*l2_slot(t, va) = pte_block(phys_base + (uint64_t)va, PROT_KERNEL_RW);
	return phys_base + (uint64_t)va;
}

/* Whether entry i of an IO table is free; past either end counts as free. */
static bool io_entry_free(const pte_t *l3, int32_t i)
{
	return i < 0 || i >= 512 || l3[i] == 0;
}

int io_run_find(const pte_t *l3, uint32_t pages)
{
	if (pages == 0 || pages > 512)
		return -ENOMEM;
	for (int32_t start = 0; start + (int32_t)pages <= 512; start++) {
		/* The run itself and the hole on each side: entries start - 1 to start + pages. */
		int32_t i = start - 1;
		while (i <= start + (int32_t)pages && io_entry_free(l3, i))
			i++;
		if (i > start + (int32_t)pages)
			return start;
	}
	return -ENOMEM;
}
