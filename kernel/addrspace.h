/*
 * Address spaces: a process's user region and its translation tables. The
 * kernel region is shared by all of them and built at boot (arch/arm/mmu.c).
 *
 * A user region is 2^(32 - t1sz) bytes at the top of the address space. Its
 * first-level table has one entry per 2 MiB (16 entries, 128 bytes, for the
 * smallest region); a 4 KiB level-3 table exists only where something is
 * mapped and is freed when its last page is unmapped.
 *
 * Every call checks its arguments and changes nothing when it fails.
 */
#ifndef ADDRSPACE_H
#define ADDRSPACE_H

#include <stdbool.h>
#include <stdint.h>

#include "mem.h"

/* What a mapping allows. Reading is always allowed to whom may access it. */
#define VM_WRITE (1u << 0)
#define VM_EXEC (1u << 1)
#define VM_USER (1u << 2)     /* user mode may access it too */
#define VM_DEVICE (1u << 3)   /* device memory, not cacheable */
#define VM_OWNED (1u << 4)    /* the frame belongs to the address space: freed on unmap */
#define VM_UNCACHED (1u << 5) /* normal memory the caches keep out of (pages a device reads) */
/* Not RAM: the kernel never reaches it through its map of RAM, so a system call
 * given a pointer there gets -EFAULT. */
#define VM_NOT_RAM (1u << 6)
#define VM_FLAGS_ALL                                                                               \
	(VM_WRITE | VM_EXEC | VM_USER | VM_DEVICE | VM_OWNED | VM_UNCACHED | VM_NOT_RAM)

struct addrspace {
	uint64_t *l2;      /* first-level table of the region (LPAE level 2) */
	uint16_t *l3_used; /* valid entries of each level-3 table, per l2 entry */
	uint32_t base;     /* lowest address of the region */
	uint16_t entries;  /* l2 entries: the region's size in 2 MiB */
	uint8_t t1sz, asid;
	uint64_t ttbr; /* what TTBR1 holds while it is active: the table and the ASID */
	/* Zeroed by every unmap and change of permissions, when not NULL: the key
	 * of what its thread's IPC remembered (struct ipc_named), kernel addresses
	 * of its pages that the change may have made stale. One compare of the key
	 * then tells whether they are good, where a count of unmaps kept with them
	 * was three loads and a compare. */
	uint32_t *forget;
};

int as_create(struct addrspace *as, uint32_t t1sz, uint8_t asid);
void as_destroy(struct addrspace *as); /* also frees every VM_OWNED frame */

/* 0, -EINVAL (unaligned, outside the region, bad flags: unknown ones, or both
 * VM_DEVICE and VM_UNCACHED), -EEXIST, -ENOMEM. */
int as_map(struct addrspace *as, uint32_t va, paddr_t pa, uint32_t flags);
/* as_map of an owned user page, read-write or read-only, for a va inside the
 * region and page-aligned and a pa from the frame allocator, which the caller
 * has checked: 0, -EEXIST, -ENOMEM. */
int as_map_owned(struct addrspace *as, uint32_t va, paddr_t pa, bool write);
/* 0 or -EINVAL, -ENOENT (nothing mapped there). */
int as_unmap(struct addrspace *as, uint32_t va);
/* Changes the permissions of a mapped page; VM_OWNED and VM_NOT_RAM stay as they were. */
int as_protect(struct addrspace *as, uint32_t va, uint32_t flags);
int as_lookup(const struct addrspace *as, uint32_t va, paddr_t *pa, uint32_t *flags);

/* Bytes of translation tables: the first level plus every level-3 table. */
uint32_t as_table_bytes(const struct addrspace *as);
/* Mapped pages in [start, end). */
uint32_t as_count_mapped(const struct addrspace *as, uint32_t start, uint32_t end);

/* Where the kernel reaches the byte at va, if user mode may read it (and write
 * it, if write) and it is RAM; else NULL. The look-up on every user-pointer check. */
void *as_user_page(const struct addrspace *as, uint32_t va, bool write);

/* The VM_ flags of the kernel region's page at va; 0 when nothing is mapped there. */
uint32_t kernel_page_flags(uint32_t va);

/* What the page at va allows, as "RWX/RWX" (kernel/user, '-' where not; 8 bytes
 * with the NUL): read from the descriptor of as's region, or of the kernel
 * region when as is NULL or va lies below it. */
void page_describe(const struct addrspace *as, uint32_t va, char out[8]);

/* Making table changes visible to the MMU: after a new entry, and after a removed
 * or changed one (one page or a whole ASID). arch/arm/mmu.c; host tests count them. */
void tables_changed(void);
void tlb_invalidate_page(uint32_t va, uint8_t asid);
void tlb_invalidate_asid(uint8_t asid);

/* Makes as the current user region (TTBR1, its ASID and T1SZ); NULL: none. */
void as_activate(const struct addrspace *as);
/* The same for as (not NULL) from the next return to user mode on: the
 * scheduler's switch, on every IPC between processes. It leaves out the
 * synchronization after the write, which the exception return makes: the
 * kernel itself never reaches user memory through TTBR1, only through its own
 * map of RAM. */
void as_switch(const struct addrspace *as);

#endif
