/*
 * The kernel region's translation tables and the handful of MMU operations the
 * rest of the kernel needs. The tables are built by boot_map.c before the MMU
 * is on and completed by mmu.c once the device tree has said how much RAM there is.
 */
#ifndef MMU_H
#define MMU_H

#include <stdbool.h>
#include <stdint.h>

#include "arch.h"
#include "lpae.h"
#include "mem.h"
#include "memlayout.h"

/* Statically allocated so that boot_map.c needs no allocator. */
struct boot_tables {
	pte_t l2_low[512];   /* VA 0 - 1 GiB: image, stack, heap */
	pte_t l2_io[512];    /* VA 2 - 3 GiB: IO pages, DTB window */
	pte_t l3_image[512]; /* the first 2 MiB, page by page: the seed's regions */
	pte_t l3_io[512];    /* the first 2 MiB of IO pages */
	pte_t l3_dtb[512];   /* the DTB window */
	pte_t l1[4];
};

_Static_assert(__builtin_offsetof(struct boot_info, entered_hyp) == 16, "boot.S stores it");

extern struct boot_tables boot_tables; /* page-aligned: the level-3 and level-2 tables must be */

/* Runs with the MMU off; every pointer is physical. Returns TTBR0. */
uint32_t boot_map_kernel(uint32_t phys_base, uint32_t dtb_pa, struct boot_tables *t,
			 struct boot_info *info);

/* The protection the seed gives the image page at virtual address va (0: unmapped). */
pte_t kernel_image_prot(uint32_t va);

/* The kernel region's descriptor for va (a block, a page, or 0). */
pte_t kernel_pte(uint32_t va);

/* What the MMU itself answers for va with the current tables (ATS1CPR, ATS1CPW,
 * ATS1CUR, ATS1CUW and PAR): the PROBE_ bits of the accesses it would allow. */
#define PROBE_KERNEL_READ 1u
#define PROBE_KERNEL_WRITE 2u
#define PROBE_USER_READ 4u
#define PROBE_USER_WRITE 8u
uint32_t mmu_probe(uint32_t va);

#endif
