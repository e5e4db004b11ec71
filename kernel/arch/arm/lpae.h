/*
 * ARMv7-A Long-descriptor (LPAE) translation-table entries: their bits and the
 * few encodings the kernel uses. Plain C, so the host tests check the encoding.
 *
 * Level 1 entries map 1 GiB, level 2 entries 2 MiB, level 3 entries 4 KiB.
 * Access permissions AP[2:1] (bits 7:6): 00 kernel RW, 01 kernel and user RW,
 * 10 kernel R, 11 kernel and user R. There is no "kernel none": a region the
 * kernel must not touch is simply not mapped.
 */
#ifndef LPAE_H
#define LPAE_H

/* MAIR0: attribute 0 normal inner/outer write-back write-allocate, 1 device,
 * 2 normal inner/outer non-cacheable (pages a device reads: DMA). */
#define MAIR0_VALUE 0x004404FF

#ifndef __ASSEMBLER__
#include <stdint.h>

typedef uint64_t pte_t;

#define PTE_TYPE_MASK 3ull
#define PTE_BLOCK 1ull /* level 1 and 2 */
#define PTE_TABLE 3ull /* level 1 and 2 */
#define PTE_PAGE 3ull  /* level 3 */

#define PTE_ATTR_NORMAL (0ull << 2) /* MAIR0 attribute 0: write-back cacheable */
#define PTE_ATTR_DEVICE (1ull << 2) /* MAIR0 attribute 1: device */
#define PTE_ATTR_NC (2ull << 2)     /* MAIR0 attribute 2: normal, not cacheable */
#define PTE_ATTR_MASK (7ull << 2)
#define PTE_AP_KRW (0ull << 6)
#define PTE_AP_URW (1ull << 6)
#define PTE_AP_KRO (2ull << 6)
#define PTE_AP_URO (3ull << 6)
#define PTE_AP_MASK (3ull << 6)
#define PTE_SH_INNER (3ull << 8)
#define PTE_AF (1ull << 10)
#define PTE_NG (1ull << 11)
#define PTE_OWNED (1ull << 55) /* software bit: the frame is freed with the mapping */
/* Software bit: not RAM (a device's registers, or a tree the boot loader left
 * where the kernel's map of RAM may not reach): never reached for a user copy. */
#define PTE_NOT_RAM (1ull << 56)
#define PTE_PXN (1ull << 53)
#define PTE_XN (1ull << 54)
#define PTE_ADDR_MASK 0x000000FFFFFFF000ull

/* The permission classes of the seed's regions, as descriptor attribute bits. */
#define PROT_KERNEL_TEXT (PTE_AP_URO | PTE_ATTR_NORMAL | PTE_SH_INNER | PTE_AF)
/* Page 0, the vectors': kernel read and execute, user none. XN cannot say "not
 * for user mode only", but user mode cannot fetch what it may not read. */
#define PROT_VECTORS (PTE_AP_KRO | PTE_ATTR_NORMAL | PTE_SH_INNER | PTE_AF)
#define PROT_RODATA (PTE_AP_URO | PTE_ATTR_NORMAL | PTE_SH_INNER | PTE_AF | PTE_XN | PTE_PXN)
#define PROT_KERNEL_RO (PTE_AP_KRO | PTE_ATTR_NORMAL | PTE_SH_INNER | PTE_AF | PTE_XN | PTE_PXN)
#define PROT_KERNEL_RW (PTE_AP_KRW | PTE_ATTR_NORMAL | PTE_SH_INNER | PTE_AF | PTE_XN | PTE_PXN)
#define PROT_DEVICE (PTE_AP_KRW | PTE_ATTR_DEVICE | PTE_AF | PTE_XN | PTE_PXN)
#define PROT_USER_RW                                                                               \
	(PTE_AP_URW | PTE_ATTR_NORMAL | PTE_SH_INNER | PTE_AF | PTE_NG | PTE_XN | PTE_PXN)

static inline pte_t pte_page(uint64_t pa, pte_t prot)
{
	return (pa & PTE_ADDR_MASK) | prot | PTE_PAGE;
}

static inline pte_t pte_block(uint64_t pa, pte_t prot)
{
	return (pa & PTE_ADDR_MASK) | prot | PTE_BLOCK;
}

static inline pte_t pte_table(uint64_t table_pa)
{
	return (table_pa & PTE_ADDR_MASK) | PTE_TABLE;
}

static inline uint64_t pte_addr(pte_t pte)
{
	return pte & PTE_ADDR_MASK;
}

struct addrspace;

/* The descriptor attribute bits for addrspace.h's VM_ flags, and back (addrspace.c). */
pte_t vm_flags_to_pte(uint32_t flags);
uint32_t pte_to_vm_flags(pte_t pte);
/* The level-3 descriptor of va in as's region, or 0. */
pte_t as_pte(const struct addrspace *as, uint32_t va);
/* What a descriptor allows, as "RWX/RWX" (kernel/user, '-' where not): 8 bytes with the NUL. */
void pte_describe(pte_t pte, char out[8]);

#endif /* __ASSEMBLER__ */
#endif
