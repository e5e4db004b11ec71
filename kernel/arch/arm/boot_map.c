/*
 * Builds the kernel region's translation tables while the MMU is still off.
 *
 * This runs at a physical address although it is linked at its virtual one, so it
 * uses only its arguments (physical pointers) and link-time constants, never a
 * global by name, and is compiled without jump tables. It maps:
 *   - the first 2 MiB of the kernel region page by page, with the seed's
 *     permissions for each region of the image (kernel_image_prot);
 *   - the device tree, read-only, into the DTB window;
 *   - the 2 MiB block the image runs from at its own physical address, so the
 *     instructions that turn the MMU on keep running (mmu_map_ram removes it).
 */
#include "mmu.h"

extern char __text_end[], __rodata_end[], __data_end[], __shared_orig_end[];

pte_t kernel_image_prot(uint32_t va)
{
	if (va < (uint32_t)__text_end)
		return PROT_KERNEL_TEXT;
	if (va < (uint32_t)__rodata_end)
		return PROT_RODATA;
	if (va < (uint32_t)__data_end)
		return PROT_KERNEL_RW;
	if (va < (uint32_t)__shared_orig_end)
		return 0; /* original .data_shared: no access, and a floor under the stack */
	return PROT_KERNEL_RW;
}

static uint32_t read_be32(uint32_t pa)
{
	const volatile uint8_t *p = (const volatile uint8_t *)pa;
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

uint32_t boot_map_kernel(uint32_t phys_base, uint32_t dtb_pa, struct boot_tables *t,
			 struct boot_info *info)
{
	for (uint32_t i = 0; i < 512; i++) {
		pte_t prot = kernel_image_prot(i * PAGE_SIZE);
		if (prot)
			t->l3_image[i] = pte_page(phys_base + i * PAGE_SIZE, prot);
	}
	t->l2_low[0] = pte_table((uint32_t)t->l3_image);
	t->l2_io[(IO_BASE >> BLOCK_SHIFT) & 511] = pte_table((uint32_t)t->l3_io);
	t->l2_io[(DTB_WINDOW >> BLOCK_SHIFT) & 511] = pte_table((uint32_t)t->l3_dtb);
	t->l1[0] = pte_table((uint32_t)t->l2_low);
	t->l1[IO_BASE >> 30] = pte_table((uint32_t)t->l2_io);

	pte_t identity = PTE_AP_KRW | PTE_ATTR_NORMAL | PTE_SH_INNER | PTE_AF;
	if (phys_base >= 0x40000000u) /* RAM in GiB 1: virt */
		t->l1[phys_base >> 30] = pte_block(phys_base & 0xC0000000u, identity);
	else if (phys_base != 0)
		t->l2_low[phys_base >> BLOCK_SHIFT] = pte_block(phys_base, identity);

	info->phys_base = phys_base;
	info->dtb_pa = dtb_pa;
	map_dtb(dtb_pa, t, info);
	return (uint32_t)t->l1;
}
