/*
 * Unit tests of user address spaces over fake RAM and the fake kernel heap: the
 * descriptors the MMU will walk, level-3 tables made and freed on demand, exact
 * table accounting, refusals that change nothing, the TLB maintenance asked
 * for, and no frame or heap byte lost.
 *
 * Pages mapped without VM_OWNED are given addresses outside fake RAM where
 * possible: touching them would fail the test, as it must not happen.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <string.h>

/* cmocka.h needs the headers above first. */
#include <cmocka.h>

#include "addrspace.h"
#include "fake_ram.h"
#include "lpae.h"
#include "wren/abi.h"

#define BASE7 0xFE000000u /* the smallest region's base */
#define MB2 0x200000u
#define TOP_PAGE 0xFFFFF000u
#define DEV_PA 0x09000000ull /* a device page, outside fake RAM */
#define FAR_PA 0x80000000ull /* RAM the tests do not have */

#define USER_RW (VM_USER | VM_WRITE)
#define USER_R VM_USER
#define USER_RX (VM_USER | VM_EXEC)
#define KERNEL_RW VM_WRITE
#define KERNEL_R 0u
#define DEVICE (VM_DEVICE | VM_WRITE)

/* Descriptor fields, by their bit positions in the ARM ARM. */
#define AP(pte) (((pte) >> 6) & 3)
#define ATTR_INDEX(pte) (((pte) >> 2) & 7)
#define SH(pte) (((pte) >> 8) & 3)
#define AF(pte) (((pte) >> 10) & 1)
#define NG(pte) (((pte) >> 11) & 1)
#define PXN(pte) (((pte) >> 53) & 1)
#define XN(pte) (((pte) >> 54) & 1)
#define ADDR(pte) ((pte)&0x000000FFFFFFF000ull)

static uint32_t frames_at_start;

static int setup(void **state)
{
	(void)state;
	fake_ram_reset(1);
	uint8_t *page0 = phys_to_virt(FAKE_RAM_PA(0));
	kheap_init(page0 + 0x800 + 8, page0 + PAGE_SIZE);
	frames_at_start = frame_free_count();
	return 0;
}

/* Nothing held by the heap or by tables: everything is back where it started. */
static void check_no_leak(void)
{
	assert_int_equal(kheap_bytes_used(), 0);
	assert_int_equal(kheap_frames(), 0);
	assert_int_equal(frame_free_count(), frames_at_start);
}

static void create(struct addrspace *as, uint32_t t1sz, uint8_t asid)
{
	assert_int_equal(as_create(as, t1sz, asid), 0);
}

static void map(struct addrspace *as, uint32_t va, paddr_t pa, uint32_t flags)
{
	assert_int_equal(as_map(as, va, pa, flags), 0);
}

static void check_mapping(const struct addrspace *as, uint32_t va, paddr_t pa, uint32_t flags)
{
	paddr_t got_pa = 0;
	uint32_t got_flags = ~0u;
	assert_int_equal(as_lookup(as, va, &got_pa, &got_flags), 0);
	assert_int_equal(got_pa, pa);
	assert_int_equal(got_flags, flags);
}

static void check_unmapped(const struct addrspace *as, uint32_t va)
{
	assert_int_equal(as_lookup(as, va, NULL, NULL), -ENOENT);
}

/* The level-3 descriptor the MMU reads for va: through the level-2 table descriptor. */
static uint64_t walk(const struct addrspace *as, uint32_t va)
{
	uint64_t l2 = as->l2[(va - as->base) >> 21];
	assert_int_equal(l2 & 3, 3); /* a table descriptor */
	assert_int_equal(l2 & ~ADDR(l2), 3);
	const uint64_t *l3 = phys_to_virt(ADDR(l2));
	return l3[(va >> 12) & 511];
}

/* Takes every free frame, so that the next frame_alloc fails. */
static uint32_t take_all_frames(paddr_t *out)
{
	uint32_t n = 0;
	while ((out[n] = frame_alloc()) != 0)
		n++;
	return n;
}

static void give_back_frames(const paddr_t *frames, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		frame_free(frames[i]);
}

static void test_pte_user_classes(void **state)
{
	(void)state;
	/* Heap, stack and shared data. */
	uint64_t rw = vm_flags_to_pte(USER_RW);
	assert_int_equal(AP(rw), 1);
	assert_int_equal(XN(rw), 1);
	assert_int_equal(PXN(rw), 1);
	assert_int_equal(NG(rw), 1);
	assert_int_equal(AF(rw), 1);
	assert_int_equal(ATTR_INDEX(rw), 0);
	assert_int_equal(SH(rw), 3);
	assert_int_equal(ADDR(rw), 0);
	assert_int_equal(rw, 0x0060000000000F40ull);
	assert_int_equal(rw, PROT_USER_RW);

	uint64_t r = vm_flags_to_pte(USER_R);
	assert_int_equal(AP(r), 3);
	assert_int_equal(XN(r), 1);
	assert_int_equal(PXN(r), 1);
	assert_int_equal(NG(r), 1);
	assert_int_equal(r, 0x0060000000000FC0ull);

	/* Code: the user may run it, the kernel never. */
	uint64_t rx = vm_flags_to_pte(USER_RX);
	assert_int_equal(AP(rx), 3);
	assert_int_equal(XN(rx), 0);
	assert_int_equal(PXN(rx), 1);
	assert_int_equal(NG(rx), 1);
	assert_int_equal(rx, 0x0020000000000FC0ull);

	/* Ownership is a software bit and changes nothing the MMU sees. */
	assert_int_equal(vm_flags_to_pte(USER_RW | VM_OWNED), rw | 1ull << 55);
	assert_int_equal(vm_flags_to_pte(USER_RX | VM_OWNED), rx | 1ull << 55);

	/* A driver's device window: registers in device memory, never executable,
	 * marked not RAM (software bit 56); pages a device reads in normal memory
	 * the caches keep out of, MAIR0 attribute 2. */
	uint64_t regs = vm_flags_to_pte(USER_RW | VM_DEVICE | VM_NOT_RAM);
	assert_int_equal(ATTR_INDEX(regs), 1);
	assert_int_equal(AP(regs), 1);
	assert_int_equal(XN(regs), 1);
	assert_int_equal(PXN(regs), 1);
	assert_int_equal(NG(regs), 1);
	assert_int_equal(regs, 0x0160000000000C44ull);
	uint64_t dma = vm_flags_to_pte(USER_RW | VM_UNCACHED | VM_OWNED);
	assert_int_equal(ATTR_INDEX(dma), 2);
	assert_int_equal((MAIR0_VALUE >> 16) & 0xFF, 0x44); /* inner and outer non-cacheable */
	assert_int_equal(XN(dma), 1);
	assert_int_equal(dma, 0x00E0000000000F48ull);
}

static void test_pte_kernel_classes(void **state)
{
	(void)state;
	uint64_t rw = vm_flags_to_pte(KERNEL_RW);
	assert_int_equal(AP(rw), 0);
	assert_int_equal(NG(rw), 0); /* the kernel's mappings are global */
	assert_int_equal(XN(rw), 1);
	assert_int_equal(PXN(rw), 1);
	assert_int_equal(ATTR_INDEX(rw), 0);
	assert_int_equal(SH(rw), 3);
	assert_int_equal(AF(rw), 1);
	assert_int_equal(rw, 0x0060000000000700ull);
	assert_int_equal(rw, PROT_KERNEL_RW);

	uint64_t r = vm_flags_to_pte(KERNEL_R);
	assert_int_equal(AP(r), 2);
	assert_int_equal(NG(r), 0);
	assert_int_equal(r, 0x0060000000000780ull);
	assert_int_equal(r, PROT_KERNEL_RO);

	uint64_t x = vm_flags_to_pte(VM_EXEC);
	assert_int_equal(AP(x), 2);
	assert_int_equal(XN(x), 0);
	assert_int_equal(PXN(x), 0);
	assert_int_equal(x, 0x0000000000000780ull);

	uint64_t dev = vm_flags_to_pte(DEVICE);
	assert_int_equal(ATTR_INDEX(dev), 1); /* MAIR0 attribute 1 */
	assert_int_equal((MAIR0_VALUE >> 8) & 0xFF, 0x04);
	assert_int_equal(AP(dev), 0);
	assert_int_equal(XN(dev), 1);
	assert_int_equal(PXN(dev), 1);
	assert_int_equal(AF(dev), 1);
	assert_int_equal(NG(dev), 0);
	assert_int_equal(dev, 0x0060000000000404ull);
	assert_int_equal(dev, PROT_DEVICE);
	assert_int_equal(ATTR_INDEX(vm_flags_to_pte(VM_DEVICE | VM_USER)), 1);
	assert_int_equal(ATTR_INDEX(vm_flags_to_pte(USER_RW)), 0);
	assert_int_equal((MAIR0_VALUE >> 0) & 0xFF, 0xFF);
}

/* A page has one memory type: VM_DEVICE and VM_UNCACHED never go together. */
static bool one_type(uint32_t flags)
{
	return (flags & (VM_DEVICE | VM_UNCACHED)) != (VM_DEVICE | VM_UNCACHED);
}

static void test_pte_round_trip(void **state)
{
	(void)state;
	for (uint32_t flags = 0; flags <= VM_FLAGS_ALL; flags++) {
		if (!one_type(flags))
			continue;
		uint64_t pte = vm_flags_to_pte(flags);
		assert_int_equal(AF(pte), 1);
		assert_int_equal(pte_to_vm_flags(pte), flags);
		/* As a whole page descriptor too, at the highest address LPAE takes. */
		assert_int_equal(pte_to_vm_flags(pte_page(0xFFFFFFF000ull, pte)), flags);
	}
}

/* Every flag combination through the tables and back. */
static void test_map_lookup_every_flag(void **state)
{
	(void)state;
	struct addrspace as;
	create(&as, 7, 3);
	uint32_t mapped = 0;
	for (uint32_t flags = 0; flags <= VM_FLAGS_ALL; flags++) {
		paddr_t pa = flags & VM_OWNED ? frame_alloc() : DEV_PA + flags * PAGE_SIZE;
		if (!one_type(flags)) {
			assert_int_equal(as_map(&as, BASE7 + flags * PAGE_SIZE, pa, flags),
					 -EINVAL);
			if (flags & VM_OWNED)
				frame_free(pa);
			continue;
		}
		map(&as, BASE7 + flags * PAGE_SIZE, pa, flags);
		check_mapping(&as, BASE7 + flags * PAGE_SIZE, pa, flags);
		assert_int_equal(walk(&as, BASE7 + flags * PAGE_SIZE),
				 pa | vm_flags_to_pte(flags) | 3);
		mapped++;
	}
	assert_int_equal(as_count_mapped(&as, 0, 0xFFFFFFFFu), mapped);
	as_destroy(&as);
	check_no_leak();
}

/* The descriptor for any address in a page, and 0 where nothing is. */
static void test_as_pte(void **state)
{
	(void)state;
	struct addrspace as;
	create(&as, 7, 3);
	map(&as, BASE7 + MB2, FAR_PA, USER_RW);
	uint64_t pte = walk(&as, BASE7 + MB2);
	assert_int_equal(pte, FAR_PA | PROT_USER_RW | 3);
	assert_int_equal(as_pte(&as, BASE7 + MB2), pte);
	assert_int_equal(as_pte(&as, BASE7 + MB2 + 0xFFF), pte);
	assert_int_equal(as_pte(&as, BASE7 + MB2 + PAGE_SIZE), 0);
	assert_int_equal(as_pte(&as, BASE7 + MB2 - 1), 0); /* another block, no table */
	assert_int_equal(as_pte(&as, BASE7 - PAGE_SIZE), 0);
	assert_int_equal(as_pte(&as, 0), 0);
	as_destroy(&as);
	check_no_leak();
}

static void check_describe(uint64_t pte, const char *want)
{
	char got[8];
	memset(got, 'x', sizeof got);
	pte_describe(pte, got);
	assert_string_equal(got, want);
}

static void test_pte_describe(void **state)
{
	(void)state;
	check_describe(pte_page(FAR_PA, vm_flags_to_pte(USER_RW)), "RW-/RW-");
	check_describe(pte_page(FAR_PA, vm_flags_to_pte(USER_R)), "R--/R--");
	check_describe(pte_page(FAR_PA, vm_flags_to_pte(USER_RX)), "R--/R-X");
	check_describe(pte_page(FAR_PA, vm_flags_to_pte(KERNEL_RW)), "RW-/---");
	check_describe(pte_page(FAR_PA, vm_flags_to_pte(KERNEL_R)), "R--/---");
	check_describe(pte_page(FAR_PA, vm_flags_to_pte(VM_EXEC)), "R-X/---");
	check_describe(pte_page(DEV_PA, vm_flags_to_pte(DEVICE)), "RW-/---");
	check_describe(pte_page(FAR_PA, PROT_KERNEL_TEXT), "R-X/R-X");
	check_describe(0, "---/---");
	/* Without the access flag or the valid bit, the MMU allows nothing. */
	check_describe(pte_page(FAR_PA, vm_flags_to_pte(USER_RW)) & ~PTE_AF, "---/---");
	check_describe(vm_flags_to_pte(USER_RW), "---/---");
}

static void test_create_sizes(void **state)
{
	(void)state;
	for (uint32_t t1sz = 2; t1sz <= 7; t1sz++) {
		struct addrspace as;
		uint32_t entries = 1u << (11 - t1sz);
		create(&as, t1sz, (uint8_t)(t1sz * 10));
		assert_int_equal(as.entries, entries);
		assert_int_equal(as.base, (uint32_t)((1ull << 32) - (1ull << (32 - t1sz))));
		assert_int_equal(as.t1sz, t1sz);
		assert_int_equal(as.asid, t1sz * 10);
		assert_int_equal(as_table_bytes(&as), entries * 8);
		/* The MMU wants the first-level table aligned to its size, and empty. */
		assert_int_equal(virt_to_phys(as.l2) % (entries * 8), 0);
		for (uint32_t i = 0; i < entries; i++)
			assert_int_equal(as.l2[i], 0);
		assert_int_equal(as_count_mapped(&as, 0, 0xFFFFFFFFu), 0);
		check_unmapped(&as, as.base);
		check_unmapped(&as, TOP_PAGE);
		assert_int_equal(as_lookup(&as, as.base - PAGE_SIZE, NULL, NULL), -EINVAL);
		as_destroy(&as);
		check_no_leak();
	}

	struct addrspace small, big;
	create(&small, 7, 1);
	assert_int_equal(small.entries, 16);
	assert_int_equal(small.base, BASE7);
	assert_int_equal(as_table_bytes(&small), 128);
	create(&big, 2, 2);
	assert_int_equal(big.entries, 512);
	assert_int_equal(big.base, 0xC0000000u);
	assert_int_equal(as_table_bytes(&big), 4096);
	as_destroy(&small);
	as_destroy(&big);
	check_no_leak();
}

static void test_create_refusals(void **state)
{
	(void)state;
	static const uint32_t bad_t1sz[] = {0, 1, 8, 9, 31, 32, 0xFFFFFFFFu};
	struct addrspace as, before;
	memset(&as, 0x5A, sizeof as);
	before = as;
	for (size_t i = 0; i < sizeof bad_t1sz / sizeof *bad_t1sz; i++)
		assert_int_equal(as_create(&as, bad_t1sz[i], 1), -EINVAL);
	assert_int_equal(as_create(&as, 7, 0), -EINVAL);
	assert_int_equal(as_create(&as, 2, 0), -EINVAL);
	assert_memory_equal(&as, &before, sizeof as);
	check_no_leak();
}

/* No frame for the 1 GiB region's first-level table. */
static void test_create_out_of_frames(void **state)
{
	(void)state;
	static paddr_t frames[FAKE_RAM_PAGES];
	uint32_t n = take_all_frames(frames);
	struct addrspace as, before;
	memset(&as, 0x5A, sizeof as);
	before = as;
	assert_int_equal(as_create(&as, 2, 1), -ENOMEM);
	assert_memory_equal(&as, &before, sizeof as);
	assert_int_equal(kheap_bytes_used(), 0);
	assert_int_equal(frame_free_count(), 0);
	give_back_frames(frames, n);
	check_no_leak();
}

/* The first-level table fits, the per-table counts do not: the table goes back. */
static void test_create_out_of_heap(void **state)
{
	(void)state;
	static paddr_t frames[FAKE_RAM_PAGES];
	void *own = kmalloc(128); /* gives the heap's start region to the 128-byte class */
	uint32_t n = take_all_frames(frames);
	struct addrspace as;
	assert_int_equal(as_create(&as, 7, 1), -ENOMEM);
	assert_int_equal(kheap_bytes_used(), 128);
	assert_int_equal(frame_free_count(), 0);
	give_back_frames(frames, n);
	create(&as, 7, 1);
	as_destroy(&as);
	kfree(own);
	check_no_leak();
}

static void test_map_lookup_unmap_protect(void **state)
{
	(void)state;
	struct addrspace as;
	create(&as, 7, 5);
	map(&as, BASE7, DEV_PA, DEVICE);
	map(&as, TOP_PAGE, FAR_PA, USER_RW);
	map(&as, BASE7 + 2 * PAGE_SIZE, 0xFFFFFFF000ull, USER_R); /* the highest LPAE frame */
	check_mapping(&as, BASE7, DEV_PA, DEVICE);
	check_mapping(&as, TOP_PAGE, FAR_PA, USER_RW);
	check_mapping(&as, BASE7 + 2 * PAGE_SIZE, 0xFFFFFFF000ull, USER_R);
	assert_int_equal(walk(&as, TOP_PAGE), FAR_PA | PROT_USER_RW | 3);
	assert_int_equal(as_lookup(&as, BASE7, NULL, NULL), 0);

	/* Neighbours in a fresh (junk-filled) table, and in blocks with no table. */
	check_unmapped(&as, BASE7 + PAGE_SIZE);
	check_unmapped(&as, TOP_PAGE - PAGE_SIZE);
	check_unmapped(&as, BASE7 + MB2);
	check_unmapped(&as, TOP_PAGE - MB2);
	assert_int_equal(as_count_mapped(&as, 0, 0xFFFFFFFFu), 3);

	assert_int_equal(as_protect(&as, TOP_PAGE, USER_R), 0);
	check_mapping(&as, TOP_PAGE, FAR_PA, USER_R);
	assert_int_equal(walk(&as, TOP_PAGE), FAR_PA | vm_flags_to_pte(USER_R) | 3);
	assert_int_equal(as_protect(&as, TOP_PAGE, USER_RX), 0);
	check_mapping(&as, TOP_PAGE, FAR_PA, USER_RX);

	assert_int_equal(as_unmap(&as, BASE7), 0);
	check_unmapped(&as, BASE7);
	check_mapping(&as, BASE7 + 2 * PAGE_SIZE, 0xFFFFFFF000ull, USER_R);
	check_mapping(&as, TOP_PAGE, FAR_PA, USER_RX);
	assert_int_equal(as_count_mapped(&as, 0, 0xFFFFFFFFu), 2);

	/* An unmapped page can be mapped again, to anything. */
	map(&as, BASE7, FAR_PA + PAGE_SIZE, KERNEL_RW);
	check_mapping(&as, BASE7, FAR_PA + PAGE_SIZE, KERNEL_RW);
	as_destroy(&as);
	check_no_leak();
}

static void test_tables_on_demand(void **state)
{
	(void)state;
	struct addrspace as;
	create(&as, 7, 1);
	assert_int_equal(as_table_bytes(&as), 128);
	uint32_t left = frame_free_count(); /* the heap may have taken a frame for the tables */

	map(&as, BASE7, FAR_PA, USER_RW);
	assert_int_equal(as_table_bytes(&as), 128 + 4096);
	assert_int_equal(frame_free_count(), left - 1);
	map(&as, BASE7 + MB2 - PAGE_SIZE, FAR_PA, USER_RW); /* the same 2 MiB: same table */
	assert_int_equal(as_table_bytes(&as), 128 + 4096);
	map(&as, BASE7 + MB2, FAR_PA, USER_RW);
	assert_int_equal(as_table_bytes(&as), 128 + 2 * 4096);
	assert_int_equal(frame_free_count(), left - 2);
	map(&as, TOP_PAGE, FAR_PA, USER_RW);
	assert_int_equal(as_table_bytes(&as), 128 + 3 * 4096);
	assert_int_equal(frame_free_count(), left - 3);

	assert_int_equal(as_unmap(&as, BASE7), 0);
	assert_int_equal(as_table_bytes(&as), 128 + 3 * 4096); /* still one page in it */
	assert_int_equal(as_unmap(&as, BASE7 + MB2 - PAGE_SIZE), 0);
	assert_int_equal(as_table_bytes(&as), 128 + 2 * 4096);
	assert_int_equal(as.l2[0], 0);
	assert_int_equal(frame_free_count(), left - 2);
	assert_int_equal(as_unmap(&as, BASE7 + MB2), 0);
	assert_int_equal(as_unmap(&as, TOP_PAGE), 0);
	assert_int_equal(as_table_bytes(&as), 128);
	assert_int_equal(frame_free_count(), left);

	/* A table made again from a recycled frame starts empty. */
	map(&as, BASE7 + PAGE_SIZE, FAR_PA, USER_RW);
	check_unmapped(&as, BASE7);
	assert_int_equal(as_count_mapped(&as, BASE7, BASE7 + MB2), 1);
	as_destroy(&as);
	check_no_leak();
}

static void test_large_region(void **state)
{
	(void)state;
	struct addrspace as;
	create(&as, 2, 9);
	uint32_t left = frame_free_count();
	map(&as, 0xC0000000u, FAR_PA, USER_RW);
	map(&as, TOP_PAGE, FAR_PA + PAGE_SIZE, USER_R);
	map(&as, 0xE0000000u, FAR_PA + 2 * PAGE_SIZE, USER_RX);
	assert_int_equal(as_table_bytes(&as), 4096 + 3 * 4096);
	assert_int_equal(frame_free_count(), left - 3);
	check_mapping(&as, 0xC0000000u, FAR_PA, USER_RW);
	check_mapping(&as, TOP_PAGE, FAR_PA + PAGE_SIZE, USER_R);
	check_mapping(&as, 0xE0000000u, FAR_PA + 2 * PAGE_SIZE, USER_RX);
	assert_int_equal(walk(&as, 0xE0000000u),
			 (FAR_PA + 2 * PAGE_SIZE) | vm_flags_to_pte(USER_RX) | 3);
	assert_int_equal(as_map(&as, 0xBFFFF000u, FAR_PA, USER_RW), -EINVAL);
	assert_int_equal(as_count_mapped(&as, 0, 0xFFFFFFFFu), 3);
	as_destroy(&as);
	check_no_leak();
}

/* Everything a failed call could have touched. */
struct snapshot {
	struct addrspace as;
	uint64_t l2[16];
	uint16_t used[16];
	uint64_t l3[16][512];
	uint32_t table_bytes, mapped, free_frames;
	size_t heap_bytes;
};

static void take_snapshot(struct snapshot *s, const struct addrspace *as)
{
	memset(s, 0, sizeof *s);
	assert_true(as->entries <= 16);
	s->as = *as;
	memcpy(s->l2, as->l2, as->entries * sizeof *as->l2);
	memcpy(s->used, as->l3_used, as->entries * sizeof *as->l3_used);
	for (uint32_t i = 0; i < as->entries; i++)
		if (as->l2[i])
			memcpy(s->l3[i], phys_to_virt(ADDR(as->l2[i])), sizeof s->l3[i]);
	s->table_bytes = as_table_bytes(as);
	s->mapped = as_count_mapped(as, 0, 0xFFFFFFFFu);
	s->free_frames = frame_free_count();
	s->heap_bytes = kheap_bytes_used();
}

static void check_unchanged(const struct snapshot *before, const struct addrspace *as)
{
	static struct snapshot now;
	take_snapshot(&now, as);
	assert_int_equal(now.table_bytes, before->table_bytes);
	assert_int_equal(now.mapped, before->mapped);
	assert_int_equal(now.free_frames, before->free_frames);
	assert_int_equal(now.heap_bytes, before->heap_bytes);
	assert_memory_equal(&now.as, &before->as, sizeof now.as);
	assert_memory_equal(now.l2, before->l2, sizeof now.l2);
	assert_memory_equal(now.used, before->used, sizeof now.used);
	assert_memory_equal(now.l3, before->l3, sizeof now.l3);
}

static void test_refusals_change_nothing(void **state)
{
	(void)state;
	static struct snapshot before;
	struct addrspace as;
	create(&as, 7, 4);
	paddr_t owned = frame_alloc();
	map(&as, BASE7, owned, USER_RW | VM_OWNED);
	map(&as, BASE7 + PAGE_SIZE, DEV_PA, DEVICE);
	take_snapshot(&before, &as);

	const uint32_t free_va = BASE7 + 2 * PAGE_SIZE;
	assert_int_equal(as_map(&as, BASE7 + 0x10, FAR_PA, USER_RW), -EINVAL);
	assert_int_equal(as_map(&as, free_va + 0xFFF, FAR_PA, USER_RW), -EINVAL);
	assert_int_equal(as_map(&as, free_va, FAR_PA + 0x800, USER_RW), -EINVAL);
	assert_int_equal(as_map(&as, free_va, FAR_PA + 8, USER_RW), -EINVAL);
	assert_int_equal(as_map(&as, free_va, 1ull << 40, USER_RW), -EINVAL);
	assert_int_equal(as_map(&as, BASE7 - PAGE_SIZE, FAR_PA, USER_RW), -EINVAL);
	assert_int_equal(as_map(&as, 0, FAR_PA, USER_RW), -EINVAL);
	assert_int_equal(as_map(&as, IO_BASE, DEV_PA, DEVICE), -EINVAL);
	assert_int_equal(as_map(&as, free_va, FAR_PA, VM_FLAGS_ALL + 1), -EINVAL);
	assert_int_equal(as_map(&as, free_va, FAR_PA, USER_RW | 0x80000000u), -EINVAL);
	assert_int_equal(as_map(&as, BASE7 + MB2, FAR_PA, 1u << 7), -EINVAL);
	assert_int_equal(as_map(&as, BASE7 + MB2, FAR_PA, USER_RW | VM_DEVICE | VM_UNCACHED),
			 -EINVAL);
	check_unchanged(&before, &as);

	assert_int_equal(as_map(&as, BASE7, FAR_PA, USER_R), -EEXIST);
	assert_int_equal(as_map(&as, BASE7 + PAGE_SIZE, DEV_PA, DEVICE), -EEXIST);
	check_unchanged(&before, &as);
	check_mapping(&as, BASE7, owned, USER_RW | VM_OWNED);

	assert_int_equal(as_unmap(&as, free_va), -ENOENT);     /* table, no entry */
	assert_int_equal(as_unmap(&as, BASE7 + MB2), -ENOENT); /* no table */
	assert_int_equal(as_unmap(&as, TOP_PAGE), -ENOENT);
	assert_int_equal(as_unmap(&as, BASE7 + 1), -EINVAL);
	assert_int_equal(as_unmap(&as, BASE7 - PAGE_SIZE), -EINVAL);
	check_unchanged(&before, &as);

	assert_int_equal(as_protect(&as, free_va, USER_R), -ENOENT);
	assert_int_equal(as_protect(&as, BASE7 + 2 * MB2, USER_R), -ENOENT);
	assert_int_equal(as_protect(&as, BASE7, VM_FLAGS_ALL + 1), -EINVAL);
	assert_int_equal(as_protect(&as, BASE7, USER_R | 0x100u), -EINVAL);
	assert_int_equal(as_protect(&as, BASE7 + 4, USER_R), -EINVAL);
	assert_int_equal(as_protect(&as, BASE7 - PAGE_SIZE, USER_R), -EINVAL);
	check_unchanged(&before, &as);

	assert_int_equal(as_lookup(&as, free_va, NULL, NULL), -ENOENT);
	assert_int_equal(as_lookup(&as, BASE7 + 8, NULL, NULL), -EINVAL);
	assert_int_equal(as_lookup(&as, BASE7 - PAGE_SIZE, NULL, NULL), -EINVAL);

	as_destroy(&as);
	check_no_leak();
}

/* A page in a 2 MiB block without a table needs a frame for one. */
static void test_map_out_of_frames(void **state)
{
	(void)state;
	static struct snapshot before;
	static paddr_t frames[FAKE_RAM_PAGES];
	struct addrspace as;
	create(&as, 7, 4);
	map(&as, BASE7, FAR_PA, USER_RW);
	uint32_t n = take_all_frames(frames);
	take_snapshot(&before, &as);
	assert_int_equal(as_map(&as, BASE7 + MB2, FAR_PA, USER_RW), -ENOMEM);
	assert_int_equal(as_map(&as, TOP_PAGE, FAR_PA, USER_RW), -ENOMEM);
	check_unchanged(&before, &as);
	check_unmapped(&as, BASE7 + MB2);

	/* A block that has its table needs no frame. */
	map(&as, BASE7 + PAGE_SIZE, FAR_PA, USER_RW);
	assert_int_equal(as_unmap(&as, BASE7 + PAGE_SIZE), 0);

	give_back_frames(frames, n);
	map(&as, BASE7 + MB2, FAR_PA, USER_RW);
	as_destroy(&as);
	check_no_leak();
}

static void test_tlb_maintenance(void **state)
{
	(void)state;
	struct addrspace as;
	create(&as, 7, 42);
	unsigned changed = fake_mmu.tables_changed;
	map(&as, BASE7, FAR_PA, USER_RW);
	assert_true(fake_mmu.tables_changed > changed);
	changed = fake_mmu.tables_changed;
	map(&as, BASE7 + PAGE_SIZE, FAR_PA, USER_RW); /* no new table this time */
	assert_true(fake_mmu.tables_changed > changed);
	map(&as, TOP_PAGE, FAR_PA, USER_RW);

	assert_int_equal(as_protect(&as, BASE7 + PAGE_SIZE, USER_R), 0);
	assert_int_equal(fake_mmu.page_flushes, 1);
	assert_int_equal(fake_mmu.last_page_va, BASE7 + PAGE_SIZE);
	assert_int_equal(fake_mmu.last_page_asid, 42);

	assert_int_equal(as_unmap(&as, TOP_PAGE), 0); /* its table goes too */
	assert_int_equal(fake_mmu.page_flushes, 2);
	assert_int_equal(fake_mmu.last_page_va, TOP_PAGE);
	assert_int_equal(fake_mmu.last_page_asid, 42);
	assert_int_equal(as_unmap(&as, BASE7), 0);
	assert_int_equal(fake_mmu.page_flushes, 3);
	assert_int_equal(fake_mmu.last_page_va, BASE7);

	assert_int_equal(fake_mmu.asid_flushes, 0);
	as_destroy(&as);
	assert_int_equal(fake_mmu.asid_flushes, 1);
	assert_int_equal(fake_mmu.last_asid, 42);

	/* Even an empty address space's ASID is flushed before it can be reused. */
	create(&as, 3, 200);
	as_destroy(&as);
	assert_int_equal(fake_mmu.asid_flushes, 2);
	assert_int_equal(fake_mmu.last_asid, 200);
	check_no_leak();
}

static void test_owned_frames_on_unmap(void **state)
{
	(void)state;
	struct addrspace as;
	create(&as, 7, 1);
	paddr_t owned = frame_alloc(), lent = frame_alloc();
	map(&as, BASE7, owned, USER_RW | VM_OWNED);
	map(&as, BASE7 + PAGE_SIZE, lent, USER_RW);
	uint32_t left = frame_free_count();

	assert_int_equal(as_unmap(&as, BASE7), 0);
	assert_int_equal(frame_free_count(), left + 1); /* the owned frame; the table stays */
	assert_int_equal(as_unmap(&as, BASE7 + PAGE_SIZE), 0);
	assert_int_equal(frame_free_count(), left + 2); /* the table, not the lent frame */

	/* Ownership survives a protect that keeps it. */
	paddr_t owned2 = frame_alloc();
	map(&as, BASE7, owned2, USER_RW | VM_OWNED);
	assert_int_equal(as_protect(&as, BASE7, USER_R | VM_OWNED), 0);
	check_mapping(&as, BASE7, owned2, USER_R | VM_OWNED);
	left = frame_free_count();
	assert_int_equal(as_unmap(&as, BASE7), 0);
	assert_int_equal(frame_free_count(), left + 2);

	as_destroy(&as);
	frame_free(lent);
	check_no_leak();
}

static void test_owned_frames_on_destroy(void **state)
{
	(void)state;
	struct addrspace as;
	create(&as, 7, 1);
	uint32_t left = frame_free_count();
	paddr_t lent[2] = {frame_alloc(), frame_alloc()};
	map(&as, BASE7, frame_alloc(), USER_RW | VM_OWNED);
	map(&as, BASE7 + PAGE_SIZE, lent[0], USER_R);
	map(&as, BASE7 + 5 * MB2, frame_alloc(), USER_RX | VM_OWNED);
	map(&as, TOP_PAGE, frame_alloc(), USER_RW | VM_OWNED);
	map(&as, TOP_PAGE - PAGE_SIZE, lent[1], USER_RW);
	map(&as, TOP_PAGE - 2 * PAGE_SIZE, DEV_PA, DEVICE);
	assert_int_equal(frame_free_count(), left - 5 - 3);
	as_destroy(&as);
	assert_int_equal(frame_free_count(), frames_at_start - 2);
	assert_int_equal(kheap_bytes_used(), 0);
	/* The lent frames are still the owner's: no one else gets them. */
	static paddr_t frames[FAKE_RAM_PAGES];
	uint32_t n = take_all_frames(frames);
	for (uint32_t i = 0; i < n; i++)
		assert_true(frames[i] != lent[0] && frames[i] != lent[1]);
	give_back_frames(frames, n);
	give_back_frames(lent, 2);
	check_no_leak();
}

static void test_count_mapped(void **state)
{
	(void)state;
	struct addrspace as;
	create(&as, 7, 1);
	map(&as, BASE7, FAR_PA, USER_RW);
	map(&as, BASE7 + PAGE_SIZE, FAR_PA, USER_RW);
	map(&as, BASE7 + MB2, FAR_PA, USER_RW);
	map(&as, TOP_PAGE, FAR_PA, USER_RW);
	assert_int_equal(as_count_mapped(&as, 0, 0xFFFFFFFFu), 4);
	assert_int_equal(as_count_mapped(&as, BASE7, BASE7 + PAGE_SIZE), 1);
	assert_int_equal(as_count_mapped(&as, BASE7, BASE7 + 2 * PAGE_SIZE), 2);
	assert_int_equal(as_count_mapped(&as, BASE7 + 0x10, BASE7 + PAGE_SIZE + 1), 2);
	assert_int_equal(as_count_mapped(&as, BASE7 + PAGE_SIZE, BASE7 + MB2), 1);
	assert_int_equal(as_count_mapped(&as, BASE7 + PAGE_SIZE, BASE7 + MB2 + 1), 2);
	assert_int_equal(as_count_mapped(&as, BASE7 + 2 * PAGE_SIZE, BASE7 + MB2), 0);
	assert_int_equal(as_count_mapped(&as, TOP_PAGE, 0xFFFFFFFFu), 1);
	assert_int_equal(as_count_mapped(&as, 0, BASE7), 0);
	assert_int_equal(as_count_mapped(&as, BASE7, BASE7), 0);
	assert_int_equal(as_unmap(&as, BASE7 + PAGE_SIZE), 0);
	assert_int_equal(as_count_mapped(&as, BASE7, 0xFFFFFFFFu), 3);
	as_destroy(&as);
	check_no_leak();
}

static void test_spaces_independent(void **state)
{
	(void)state;
	struct addrspace a, b;
	create(&a, 7, 1);
	create(&b, 7, 2);
	map(&a, TOP_PAGE, FAR_PA, USER_RW);
	map(&b, TOP_PAGE, FAR_PA + PAGE_SIZE, USER_R);
	check_mapping(&a, TOP_PAGE, FAR_PA, USER_RW);
	check_mapping(&b, TOP_PAGE, FAR_PA + PAGE_SIZE, USER_R);
	map(&a, BASE7, FAR_PA, USER_RW);
	check_unmapped(&b, BASE7);
	assert_int_equal(as_unmap(&a, TOP_PAGE), 0);
	check_mapping(&b, TOP_PAGE, FAR_PA + PAGE_SIZE, USER_R);
	as_destroy(&a);
	check_mapping(&b, TOP_PAGE, FAR_PA + PAGE_SIZE, USER_R);
	assert_int_equal(as_table_bytes(&b), 128 + 4096);
	as_destroy(&b);
	check_no_leak();
}

static void test_no_leak_over_cycles(void **state)
{
	(void)state;
	for (uint32_t i = 0; i < 100; i++) {
		struct addrspace as;
		uint32_t t1sz = 2 + i % 6;
		create(&as, t1sz, (uint8_t)(1 + i % 255));
		uint32_t block = (i * 7) % as.entries;
		uint32_t va = as.base + block * MB2;
		map(&as, as.base, frame_alloc_zeroed(), USER_RW | VM_OWNED);
		map(&as, TOP_PAGE, frame_alloc_zeroed(), USER_RW | VM_OWNED);
		if (va != as.base && va != TOP_PAGE - (MB2 - PAGE_SIZE))
			map(&as, va, frame_alloc_zeroed(), USER_RX | VM_OWNED);
		map(&as, TOP_PAGE - PAGE_SIZE, DEV_PA, DEVICE);
		map(&as, as.base + PAGE_SIZE, FAR_PA, USER_R);
		assert_int_equal(as_protect(&as, TOP_PAGE, USER_R | VM_OWNED), 0);
		if (i % 2)
			assert_int_equal(as_unmap(&as, as.base), 0);
		if (i % 3)
			assert_int_equal(as_unmap(&as, TOP_PAGE - PAGE_SIZE), 0);
		as_destroy(&as);
		assert_int_equal(kheap_bytes_used(), 0);
		assert_int_equal(frame_free_count(), frames_at_start);
	}
	check_no_leak();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_pte_user_classes),
	    cmocka_unit_test(test_pte_kernel_classes),
	    cmocka_unit_test(test_pte_round_trip),
	    cmocka_unit_test_setup(test_map_lookup_every_flag, setup),
	    cmocka_unit_test_setup(test_as_pte, setup),
	    cmocka_unit_test(test_pte_describe),
	    cmocka_unit_test_setup(test_create_sizes, setup),
	    cmocka_unit_test_setup(test_create_refusals, setup),
	    cmocka_unit_test_setup(test_create_out_of_frames, setup),
	    cmocka_unit_test_setup(test_create_out_of_heap, setup),
	    cmocka_unit_test_setup(test_map_lookup_unmap_protect, setup),
	    cmocka_unit_test_setup(test_tables_on_demand, setup),
	    cmocka_unit_test_setup(test_large_region, setup),
	    cmocka_unit_test_setup(test_refusals_change_nothing, setup),
	    cmocka_unit_test_setup(test_map_out_of_frames, setup),
	    cmocka_unit_test_setup(test_tlb_maintenance, setup),
	    cmocka_unit_test_setup(test_owned_frames_on_unmap, setup),
	    cmocka_unit_test_setup(test_owned_frames_on_destroy, setup),
	    cmocka_unit_test_setup(test_count_mapped, setup),
	    cmocka_unit_test_setup(test_spaces_independent, setup),
	    cmocka_unit_test_setup(test_no_leak_over_cycles, setup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
