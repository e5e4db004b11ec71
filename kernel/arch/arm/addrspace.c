/*
 * User regions in LPAE translation tables (see addrspace.h).
 *
 * With TTBR1 and 2 <= T1SZ <= 7 the walk starts at level 2: one 8-byte entry
 * per 2 MiB, 2^(11 - T1SZ) of them, the table aligned to its size, which the
 * kernel heap's power-of-two classes give for free. Level-3 tables are frames.
 */
#include "addrspace.h"

#include <stdbool.h>

#include "kstring.h"
#include "layout.h"
#include "lpae.h"
#include "memlayout.h"
#include "wren/abi.h"

#define L3_ENTRIES 512

/* Whether flags name a page the tables can hold: at most one memory type. */
static bool flags_ok(uint32_t flags)
{
	return !(flags & ~VM_FLAGS_ALL) &&
	       (flags & (VM_DEVICE | VM_UNCACHED)) != (VM_DEVICE | VM_UNCACHED);
}

/* vm_flags_to_pte, inline for as_map: a page mapped for a pager's request
 * builds its entry here. */
static inline pte_t flags_pte(uint32_t flags)
{
	pte_t pte = PTE_AF;
	if (flags & VM_USER)
		pte |= (flags & VM_WRITE ? PTE_AP_URW : PTE_AP_URO) | PTE_NG;
	else
		pte |= flags & VM_WRITE ? PTE_AP_KRW : PTE_AP_KRO;
	if (flags & VM_DEVICE)
		pte |= PTE_ATTR_DEVICE;
	else
		pte |= (flags & VM_UNCACHED ? PTE_ATTR_NC : PTE_ATTR_NORMAL) | PTE_SH_INNER;
	if (!(flags & VM_EXEC))
		pte |= PTE_XN | PTE_PXN;
	else if (flags & VM_USER)
		pte |= PTE_PXN; /* the kernel never runs user-executable memory */
	if (flags & VM_OWNED)
		pte |= PTE_OWNED;
	if (flags & VM_NOT_RAM)
		pte |= PTE_NOT_RAM;
	return pte;
}

pte_t vm_flags_to_pte(uint32_t flags)
{
	return flags_pte(flags);
}

uint32_t pte_to_vm_flags(pte_t pte)
{
	uint32_t flags = 0;
	uint64_t ap = pte & PTE_AP_MASK;
	if (ap == PTE_AP_URW || ap == PTE_AP_URO)
		flags |= VM_USER;
	if (ap == PTE_AP_URW || ap == PTE_AP_KRW)
		flags |= VM_WRITE;
	if (!(pte & PTE_XN))
		flags |= VM_EXEC;
	if ((pte & PTE_ATTR_MASK) == PTE_ATTR_DEVICE)
		flags |= VM_DEVICE;
	if ((pte & PTE_ATTR_MASK) == PTE_ATTR_NC)
		flags |= VM_UNCACHED;
	if (pte & PTE_OWNED)
		flags |= VM_OWNED;
	if (pte & PTE_NOT_RAM)
		flags |= VM_NOT_RAM;
	return flags;
}

/* A first-level table: from the heap, or a whole frame for the 1 GiB region's 4 KiB. */
static uint64_t *l2_alloc(uint32_t bytes)
{
	if (bytes <= KHEAP_MAX_OBJECT)
		return kzalloc(bytes);
	paddr_t pa = frame_alloc_zeroed();
	return pa ? phys_to_virt(pa) : NULL;
}

static void l2_free(uint64_t *l2, uint32_t bytes)
{
	if (bytes <= KHEAP_MAX_OBJECT)
		kfree(l2);
	else if (l2)
		frame_free(virt_to_phys(l2));
}

void pte_describe(pte_t pte, char out[8])
{
	uint64_t ap = pte & PTE_AP_MASK;
	bool valid = (pte & 1) && (pte & PTE_AF);
	bool user = valid && (ap == PTE_AP_URW || ap == PTE_AP_URO);
	bool writable = ap == PTE_AP_URW || ap == PTE_AP_KRW;
	out[0] = valid ? 'R' : '-';
	out[1] = valid && writable ? 'W' : '-';
	out[2] = valid && !(pte & PTE_PXN) ? 'X' : '-';
	out[3] = '/';
	out[4] = user ? 'R' : '-';
	out[5] = user && writable ? 'W' : '-';
	out[6] = user && !(pte & PTE_XN) ? 'X' : '-';
	out[7] = '\0';
}

int as_create(struct addrspace *as, uint32_t t1sz, uint8_t asid)
{
	if (t1sz < USER_T1SZ_LARGEST || t1sz > USER_T1SZ_SMALLEST || asid == 0)
		return -EINVAL;
	uint16_t entries = (uint16_t)(1u << (11 - t1sz));
	uint64_t *l2 = l2_alloc(entries * sizeof *l2);
	uint16_t *used = kzalloc(entries * sizeof *used);
	if (!l2 || !used) {
		l2_free(l2, entries * sizeof *l2);
		kfree(used);
		return -ENOMEM;
	}
	*as = (struct addrspace){
	    .l2 = l2,
	    .l3_used = used,
	    .base = (uint32_t)((1ull << 32) - ((1ull << 32) >> t1sz)),
	    .entries = entries,
	    .t1sz = (uint8_t)t1sz,
	    .asid = asid,
	    .ttbr = virt_to_phys(l2) | (uint64_t)asid << 48,
	};
	return 0;
}

static pte_t *l3_table(const struct addrspace *as, uint32_t index)
{
	pte_t entry = as->l2[index];
	return entry ? phys_to_virt(pte_addr(entry)) : NULL;
}

static int check_va(const struct addrspace *as, uint32_t va)
{
	return va < as->base || (va & (PAGE_SIZE - 1)) ? -EINVAL : 0;
}

/* The level-3 entry for va, or NULL when there is no table for it. */
static pte_t *l3_entry(const struct addrspace *as, uint32_t va, uint32_t *index)
{
	*index = (va - as->base) >> BLOCK_SHIFT;
	pte_t *l3 = l3_table(as, *index);
	return l3 ? &l3[(va >> PAGE_SHIFT) & (L3_ENTRIES - 1)] : NULL;
}

/* Enters pa at va, whose arguments are checked: 0, -EEXIST, -ENOMEM (no frame
 * for a level-3 table). */
static inline int map_entry(struct addrspace *as, uint32_t va, paddr_t pa, pte_t bits)
{
	uint32_t index;
	pte_t *pte = l3_entry(as, va, &index);
	if (pte && *pte)
		return -EEXIST;
	if (!pte) {
		paddr_t table = frame_alloc_zeroed();
		if (!table)
			return -ENOMEM;
		as->l2[index] = pte_table(table);
		pte = l3_entry(as, va, &index);
	}
	*pte = pte_page(pa, bits);
	as->l3_used[index]++;
	tables_changed();
	return 0;
}

int as_map(struct addrspace *as, uint32_t va, paddr_t pa, uint32_t flags)
{
	if (check_va(as, va) || (pa & (PAGE_SIZE - 1)) || pa >> 40 || !flags_ok(flags))
		return -EINVAL;
	return map_entry(as, va, pa, flags_pte(flags));
}

/* SYS_MAP's caller has checked va and pa, and its flags are one of two: the
 * entry's bits are a constant, with no checks and no flags_pte. */
int as_map_owned(struct addrspace *as, uint32_t va, paddr_t pa, bool write)
{
	return map_entry(as, va, pa,
			 write ? flags_pte(VM_USER | VM_WRITE | VM_OWNED)
			       : flags_pte(VM_USER | VM_OWNED));
}

int as_unmap(struct addrspace *as, uint32_t va)
{
	uint32_t index;
	pte_t *pte;
	if (check_va(as, va))
		return -EINVAL;
	if (!(pte = l3_entry(as, va, &index)) || !*pte)
		return -ENOENT;
	pte_t old = *pte;
	*pte = 0;
	if (as->forget)
		*as->forget = 0;
	paddr_t table = 0;
	if (--as->l3_used[index] == 0) {
		table = pte_addr(as->l2[index]);
		as->l2[index] = 0;
	}
	tlb_invalidate_page(va, as->asid); /* before anything it pointed at is reused */
	if (table)
		frame_free(table);
	if (old & PTE_OWNED)
		frame_free(pte_addr(old));
	return 0;
}

int as_protect(struct addrspace *as, uint32_t va, uint32_t flags)
{
	uint32_t index;
	pte_t *pte;
	if (check_va(as, va) || !flags_ok(flags))
		return -EINVAL;
	if (!(pte = l3_entry(as, va, &index)) || !*pte)
		return -ENOENT;
	/* Ownership is not a permission, nor what the page is: both stay as they were. */
	*pte = pte_page(pte_addr(*pte), vm_flags_to_pte(flags & ~(VM_OWNED | VM_NOT_RAM)) |
					    (*pte & (PTE_OWNED | PTE_NOT_RAM)));
	if (as->forget)
		*as->forget = 0;
	tlb_invalidate_page(va, as->asid);
	return 0;
}

int as_lookup(const struct addrspace *as, uint32_t va, paddr_t *pa, uint32_t *flags)
{
	uint32_t index;
	const pte_t *pte;
	if (check_va(as, va))
		return -EINVAL;
	if (!(pte = l3_entry(as, va, &index)) || !*pte)
		return -ENOENT;
	if (pa)
		*pa = pte_addr(*pte);
	if (flags)
		*flags = pte_to_vm_flags(*pte);
	return 0;
}

void as_destroy(struct addrspace *as)
{
	tlb_invalidate_asid(as->asid); /* before its frames can be reused */
	for (uint32_t i = 0; i < as->entries; i++) {
		pte_t *l3 = l3_table(as, i);
		if (!l3)
			continue;
		for (uint32_t j = 0; j < L3_ENTRIES; j++)
			if (l3[j] & PTE_OWNED)
				frame_free(pte_addr(l3[j]));
		frame_free(pte_addr(as->l2[i]));
	}
	l2_free(as->l2, as->entries * sizeof(pte_t));
	kfree(as->l3_used);
	memset(as, 0, sizeof *as);
}

pte_t as_pte(const struct addrspace *as, uint32_t va)
{
	uint32_t index;
	const pte_t *pte = va >= as->base ? l3_entry(as, va & ~(PAGE_SIZE - 1), &index) : NULL;
	return pte ? *pte : 0;
}

void *as_user_page(const struct addrspace *as, uint32_t va, bool write)
{
	if (va < as->base)
		return NULL;
	pte_t entry = as->l2[(va - as->base) >> BLOCK_SHIFT];
	if (!entry)
		return NULL;
	pte_t pte =
	    ((const pte_t *)phys_to_virt(pte_addr(entry)))[(va >> PAGE_SHIFT) & (L3_ENTRIES - 1)];
	/* One masked compare: valid, RAM, and user access of the kind asked for. */
	uint64_t kind = pte & (PTE_NOT_RAM | PTE_AP_MASK | PTE_PAGE);
	if (kind != (PTE_AP_URW | PTE_PAGE) && (write || kind != (PTE_AP_URO | PTE_PAGE)))
		return NULL;
	return (char *)phys_to_virt(pte_addr(pte)) + (va & (PAGE_SIZE - 1));
}

uint32_t as_table_bytes(const struct addrspace *as)
{
	uint32_t bytes = as->entries * sizeof(pte_t);
	for (uint32_t i = 0; i < as->entries; i++)
		if (as->l2[i])
			bytes += PAGE_SIZE;
	return bytes;
}

uint32_t as_count_mapped(const struct addrspace *as, uint32_t start, uint32_t end)
{
	uint32_t n = 0;
	for (uint64_t va = PAGE_ROUND_DOWN((uint64_t)start); va < end; va += PAGE_SIZE)
		n += as_pte(as, (uint32_t)va) != 0;
	return n;
}
