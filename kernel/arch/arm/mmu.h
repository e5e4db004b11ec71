/*
 * The kernel region's translation tables and the handful of MMU operations the
 * rest of the kernel needs. The tables are built by boot_map.c before the MMU
 * is on and completed by mmu.c once the device tree has said how much RAM there is.
 */
#ifndef MMU_H
#define MMU_H

#include <stdint.h>

#include "lpae.h"
#include "memlayout.h"

/* Statically allocated so that boot_map.c needs no allocator. */
struct boot_tables {
	pte_t l2_low[512];   /* VA 0 - 1 GiB: image, stack, heap */
	pte_t l2_high[512];  /* VA 3 - 4 GiB: IO pages, DTB window */
	pte_t l3_image[512]; /* the first 2 MiB, page by page: the seed's regions */
	pte_t l3_io[512];    /* the first 2 MiB of IO pages */
	pte_t l3_dtb[512];   /* the DTB window */
	pte_t l1[4];
} __attribute__((aligned(PAGE_SIZE)));

/* What boot_map.c found, for kmain. */
struct boot_info {
	uint32_t phys_base; /* physical address of virtual address 0 */
	uint32_t dtb_pa;
	uint32_t dtb_va;      /* 0 when r2 did not point at a device tree */
	uint32_t dtb_size;    /* bytes readable at dtb_va */
	uint32_t entered_hyp; /* the boot loader started us in HYP mode */
};

_Static_assert(__builtin_offsetof(struct boot_info, entered_hyp) == 16, "boot.S stores it");

extern struct boot_tables boot_tables;
extern struct boot_info boot_info;

/* Runs with the MMU off; every pointer is physical. Returns TTBR0. */
uint32_t boot_map_kernel(uint32_t phys_base, uint32_t dtb_pa, struct boot_tables *t,
			 struct boot_info *info);

/* The protection the seed gives the image page at virtual address va (0: unmapped). */
pte_t kernel_image_prot(uint32_t va);

/* Maps RAM up to ram_end (physical) as kernel heap and removes the boot identity map. */
void mmu_map_ram(uint64_t ram_end);

/* Maps size bytes of device registers at pa into the IO pages; returns the address, or 0. */
uintptr_t io_map(uint64_t pa, uint32_t size);

static inline uint32_t virt_to_phys(uintptr_t va)
{
	return (uint32_t)va + boot_info.phys_base;
}

#endif
