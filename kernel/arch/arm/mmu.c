/*
 * The kernel region once the MMU is on: the heap's mapping of RAM, the device
 * IO pages, the original .data_shared opened while a process is made, and the
 * MMU operations behind addrspace.h.
 *
 * The IO pages hold the few devices the kernel drives itself. Each gets a run
 * of pages with an unmapped hole on either side (io_run_find), so that an access
 * past one device's registers faults instead of reaching the next; a device the
 * kernel needs only at boot (the Pi's mailbox and GPIO) is unmapped again and
 * its pages become holes, free for the next.
 */
#include "mmu.h"
#include "addrspace.h"
#include "cpu.h"
#include "power.h"
#include "wren/abi.h"

struct boot_tables boot_tables __attribute__((aligned(PAGE_SIZE)));
struct boot_info boot_info;

extern char __shared_orig_start[], __shared_orig_end[];

/* What io_map has mapped; a record of size 0 is free. */
#define IO_REGIONS 8
static struct io_range io_regions[IO_REGIONS];
static uint32_t current_t1sz;   /* 0 while no user region is active */
static uint64_t ram_mapped_end; /* physical */

uint32_t kernel_phys_base;

void mmu_unmap_identity(void)
{
	kernel_phys_base = boot_info.phys_base; /* the first C the MMU runs: phys_to_virt's */
	pte_t *slot = boot_identity_slot(&boot_tables, boot_info.phys_base);
	if (!slot)
		return;
	/* Break before make: the TLB forgets the block before what it displaced
	 * (if anything) comes back. */
	*slot = 0;
	tlb_flush_all();
	*slot = boot_info.identity_saved;
	tables_changed();
}

uint64_t mmu_map_ram(uint64_t ram_end)
{
	/* Only invalid entries are written: no TLB entry can be stale. */
	ram_mapped_end = boot_map_heap(&boot_tables, boot_info.phys_base, ram_end);
	tables_changed();
	return ram_mapped_end;
}

uintptr_t kernel_heap_end(void)
{
	return (uintptr_t)phys_to_virt(ram_mapped_end);
}

void dcache_flush_range(const void *va, size_t size)
{
	uint32_t line = 4u << ((read_ctr() >> 16) & 0xf); /* CTR.DminLine: words */
	uintptr_t end = (uintptr_t)va + size;

	__asm__ volatile("dsb" ::: "memory"); /* the CPU's own stores first */
	for (uintptr_t p = (uintptr_t)va & ~(uintptr_t)(line - 1); p < end; p += line)
		__asm__ volatile("mcr p15, 0, %0, c7, c14, 1" ::"r"(p) : "memory"); /* DCCIMVAC */
	__asm__ volatile("dsb" ::: "memory");
}

static uint32_t io_pages_of(paddr_t pa, uint32_t size)
{
	return PAGE_ROUND_UP((uint32_t)pa % PAGE_SIZE + size) / PAGE_SIZE;
}

uint32_t io_mapped_pages(void)
{
	uint32_t n = 0;
	for (uint32_t i = 0; i < 512; i++)
		n += boot_tables.l3_io[i] != 0;
	return n;
}

uintptr_t io_map(paddr_t pa, uint32_t size)
{
	struct io_range *r = io_regions;
	while (r < io_regions + IO_REGIONS && r->size)
		r++;
	uint32_t pages = io_pages_of(pa, size);
	int first =
	    size && r < io_regions + IO_REGIONS ? io_run_find(boot_tables.l3_io, pages) : -ENOMEM;
	if (first < 0)
		return 0;
	for (uint32_t i = 0; i < pages; i++)
		boot_tables.l3_io[first + i] =
		    pte_page(PAGE_ROUND_DOWN(pa) + i * PAGE_SIZE, PROT_DEVICE);
	tables_changed();
	*r = (struct io_range){pa, size,
			       IO_BASE + (uint32_t)first * PAGE_SIZE + (uint32_t)pa % PAGE_SIZE};
	return r->va;
}

void io_unmap(uintptr_t va)
{
	struct io_range *r = io_regions;
	while (r < io_regions + IO_REGIONS && !(r->size && r->va == va))
		r++;
	if (r == io_regions + IO_REGIONS)
		panic("io_unmap: nothing mapped at %08x\n", (uint32_t)va);
	uint32_t first = (uint32_t)(PAGE_ROUND_DOWN(va) - IO_BASE) / PAGE_SIZE;
	for (uint32_t i = 0; i < io_pages_of(r->pa, r->size); i++) {
		boot_tables.l3_io[first + i] = 0;
		dsb();
		__asm__ volatile("mcr p15, 0, %0, c8, c7, 3" ::"r"(PAGE_ROUND_DOWN(va) +
								   i * PAGE_SIZE)); /* TLBIMVAA */
	}
	dsb();
	isb();
	r->size = 0;
}

int io_region(uint32_t index, struct io_range *out)
{
	for (const struct io_range *r = io_regions; r < io_regions + IO_REGIONS; r++)
		if (r->size && index-- == 0) {
			*out = *r;
			return 0;
		}
	return -ENOENT;
}

uintptr_t io_reach(paddr_t pa)
{
	for (const struct io_range *r = io_regions; r < io_regions + IO_REGIONS; r++) {
		paddr_t first = PAGE_ROUND_DOWN(r->pa);
		if (r->size && pa >= first &&
		    pa - first < (paddr_t)io_pages_of(r->pa, r->size) * PAGE_SIZE)
			return PAGE_ROUND_DOWN(r->va) + (uintptr_t)(pa - first);
	}
	return 0;
}

pte_t kernel_pte(uint32_t va)
{
	pte_t l1 = boot_tables.l1[va >> 30];
	if ((l1 & PTE_TYPE_MASK) != PTE_TABLE)
		return l1;
	pte_t l2 = ((pte_t *)phys_to_virt(pte_addr(l1)))[(va >> BLOCK_SHIFT) & 511];
	if ((l2 & PTE_TYPE_MASK) != PTE_TABLE)
		return l2;
	return ((pte_t *)phys_to_virt(pte_addr(l2)))[(va >> PAGE_SHIFT) & 511];
}

void shared_orig_open(bool readable)
{
	for (uint32_t va = (uint32_t)__shared_orig_start; va < (uint32_t)__shared_orig_end;
	     va += PAGE_SIZE) {
		boot_tables.l3_image[va / PAGE_SIZE] =
		    readable ? pte_page(virt_to_phys((void *)va), PROT_KERNEL_RO) : 0;
		dsb();
		__asm__ volatile("mcr p15, 0, %0, c8, c7, 3" ::"r"(va)); /* TLBIMVAA */
	}
	dsb();
	isb();
}

void tables_changed(void)
{
	dsb();
	isb();
}

void tlb_invalidate_page(uint32_t va, uint8_t asid)
{
	dsb();
	__asm__ volatile("mcr p15, 0, %0, c8, c7, 1" ::"r"((va & ~(PAGE_SIZE - 1)) | asid));
	dsb();
	isb();
}

void tlb_invalidate_asid(uint8_t asid)
{
	dsb();
	__asm__ volatile("mcr p15, 0, %0, c8, c7, 2" ::"r"((uint32_t)asid));
	dsb();
	isb();
}

#define TTBCR_EPD1 (1u << 23) /* no TTBR1 walks: no user region */

/* TTBCR: long descriptors, both walks inner/outer write-back and inner shareable,
 * the ASID taken from TTBR1 (A1), TTBR1 covering the top 2^(32 - t1sz) bytes. */
static uint32_t ttbcr_for(uint32_t t1sz)
{
	return 1u << 31 | 3u << 28 | 1u << 26 | 1u << 24 | 1u << 22 | t1sz << 16 | 3u << 12 |
	       1u << 10 | 1u << 8;
}

/* as_activate of a region of another size than the active one, or of none. */
__attribute__((noinline)) static void activate_resized(const struct addrspace *as)
{
	if (!as) {
		__asm__ volatile(
		    "mcr p15, 0, %0, c2, c0, 2" ::"r"(ttbcr_for(BOOT_T1SZ) | TTBCR_EPD1));
		current_t1sz = 0;
		isb();
		return;
	}
	uint64_t ttbr1 = as->ttbr;
	/* Safe without a TLB flush: no global entry lies above 0xC0000000, and
	 * non-global ones are tagged with the ASID of the region they came from.
	 * Walks stay off (EPD1) while the size and the table disagree. */
	__asm__ volatile("mcr p15, 0, %0, c2, c0, 2" ::"r"(ttbcr_for(as->t1sz) | TTBCR_EPD1));
	isb();
	current_t1sz = as->t1sz;
	__asm__ volatile("mcrr p15, 1, %0, %1, c2" ::"r"((uint32_t)ttbr1),
			 "r"((uint32_t)(ttbr1 >> 32)));
	isb();
	__asm__ volatile("mcr p15, 0, %0, c2, c0, 2" ::"r"(ttbcr_for(as->t1sz)));
	isb();
}

void as_switch(const struct addrspace *as)
{
	/* The common case, a region of the size the active one has: a TTBR1
	 * write alone. */
	if (as->t1sz != current_t1sz) {
		activate_resized(as);
		return;
	}
	uint64_t ttbr1 = as->ttbr;
	__asm__ volatile("mcrr p15, 1, %0, %1, c2" ::"r"((uint32_t)ttbr1),
			 "r"((uint32_t)(ttbr1 >> 32)));
}

void as_activate(const struct addrspace *as)
{
	if (!as) {
		activate_resized(as);
		return;
	}
	as_switch(as);
	isb();
}

/* One address-translation operation; true when the MMU would allow the access. */
#define AT_ALLOWS(op2, va)                                                                         \
	({                                                                                         \
		uint32_t lo, hi;                                                                   \
		__asm__ volatile("mcr p15, 0, %2, c7, c8, " #op2 "\n\tisb\n\t"                     \
				 "mrrc p15, 0, %0, %1, c7"                                         \
				 : "=r"(lo), "=r"(hi)                                              \
				 : "r"(va));                                                       \
		(void)hi;                                                                          \
		!(lo & 1); /* PAR.F: the translation faulted */                                    \
	})

uint32_t mmu_probe(uint32_t va)
{
	return (AT_ALLOWS(0, va) ? PROBE_KERNEL_READ : 0) |
	       (AT_ALLOWS(1, va) ? PROBE_KERNEL_WRITE : 0) |
	       (AT_ALLOWS(2, va) ? PROBE_USER_READ : 0) | (AT_ALLOWS(3, va) ? PROBE_USER_WRITE : 0);
}

uint32_t kernel_page_flags(uint32_t va)
{
	pte_t pte = kernel_pte(va);
	return pte ? pte_to_vm_flags(pte) : 0;
}

void page_describe(const struct addrspace *as, uint32_t va, char out[8])
{
	pte_describe(as && va >= as->base ? as_pte(as, va) : kernel_pte(va), out);
}

uint32_t kernel_table_bytes(void)
{
	return sizeof boot_tables;
}
