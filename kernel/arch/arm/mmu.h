/*
 * The kernel region's translation tables and the handful of MMU operations the
 * rest of the kernel needs. The tables are built by boot_map.c before the MMU
 * is on and completed by mmu.c once the device tree has said how much RAM there is.
 * Nothing here assumes where RAM is: phys_base may lie in any GiB.
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
	pte_t l2[3][512];    /* VA GiB 0, 1, 2: image and heap; GiB 2 ends with the IO pages */
	pte_t l3_image[512]; /* the first 2 MiB, page by page: the seed's regions */
	pte_t l3_io[512];    /* the first 2 MiB of IO pages */
	pte_t l3_dtb[512];   /* the DTB window */
	pte_t l1[4];
};

_Static_assert(__builtin_offsetof(struct boot_info, entered_hyp) == 16, "boot.S stores it");

extern struct boot_tables boot_tables; /* page-aligned: the level-3 and level-2 tables must be */

/*
 * boot_map.c: arithmetic on tables it is given, no globals, so it runs with the
 * MMU off (every pointer physical) and on the host.
 */

/* Builds the kernel region: the image's 2 MiB page by page at phys_base, the
 * device tree (if dtb_pa holds one) in its window, the IO pages' table, and the
 * block the image runs from at its own physical address (the boot identity
 * block; boot_identity_slot has it). Fills *info. Returns TTBR0; cannot fail. */
uint32_t boot_map_kernel(uint32_t phys_base, uint32_t dtb_pa, struct boot_tables *t,
			 struct boot_info *info);

/* The descriptor that holds the boot identity block for phys_base (a level-2
 * entry, or in the top GiB, which has no level-2 table, a level-1 entry), or
 * NULL when there is none: at phys_base 0 the image's own mapping is it. */
pte_t *boot_identity_slot(struct boot_tables *t, uint32_t phys_base);

/* Maps RAM from the end of the image's 2 MiB up to ram_end (physical) with
 * 2 MiB blocks, virtual address v at v + phys_base, up to IO_BASE at most.
 * Returns the physical end of what is mapped: whole blocks only. */
uint64_t boot_map_heap(struct boot_tables *t, uint32_t phys_base, uint64_t ram_end);

/* The protection the seed gives the image page at virtual address va (0: unmapped). */
pte_t kernel_image_prot(uint32_t va);

/* Where io_map puts a device of `pages` pages in the IO pages' table l3 (512
 * entries): the first run of that many free entries with a free entry, a hole,
 * on either side (the table's ends count as holes), so that no device's pages
 * touch another's. Returns the index of its first entry, or -ENOMEM when no such
 * run is left (pages 0 included). */
int io_run_find(const pte_t *l3, uint32_t pages);

/*
 * mmu.c: the same tables once the MMU is on (arch.h has what generic code uses).
 */

/* Sets phys_to_virt's offset (kernel_phys_base, mem.h), removes the boot
 * identity block and puts back what it displaced (the IO or DTB window's
 * table, if phys_base lies there). boot.S calls it right after the jump to
 * virtual addresses, before anything else uses the tables. */
void mmu_unmap_identity(void);

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
