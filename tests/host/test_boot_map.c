/*
 * Unit tests of the kernel region's tables (kernel/arch/arm/boot_map.c) for
 * RAM in every GiB of the physical space: virtual address v is physical
 * v + phys_base, the boot identity block is where the code runs and only until
 * it is removed, whatever it displaced comes back, and the heap maps all RAM
 * above the image up to IO_BASE without touching the IO pages or DTB window;
 * and the image's pages have their regions' permissions; and where the IO
 * pages put a device: never touching another one.
 *
 * Built without PIE (CMakeLists.txt): boot_map.c writes table addresses as
 * 32-bit physical ones, so the tables here must lie below 4 GiB, as static
 * objects of a non-PIE program do; a table's "physical" address is its own.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* cmocka.h needs the headers above first. */
#include <cmocka.h>

#include "lpae.h"
#include "memlayout.h"
#include "mmu.h"
#include "wren/abi.h"

#define STR(x) #x
#define XSTR(x) STR(x)
#define TEXT_END 0x6000
#define RODATA_END 0x8000
#define DATA_END 0x11000
#define SHARED_ORIG_END 0x12000
#define GIB (1ull << 30)
#define NONE (~0ull) /* what translate() answers for an unmapped address */

/* The linker script's symbols whose address is the value. */
/* clang-format off */
__asm__(".globl __text_end, __rodata_end, __data_end, __shared_orig_end\n"
	".set __text_end, " XSTR(TEXT_END) "\n"
	".set __rodata_end, " XSTR(RODATA_END) "\n"
	".set __data_end, " XSTR(DATA_END) "\n"
	".set __shared_orig_end, " XSTR(SHARED_ORIG_END) "\n");
/* clang-format on */

static struct boot_tables tables __attribute__((aligned(PAGE_SIZE)));
static struct boot_info info;

/* What the MMU would make of va: a walk from TTBR0, physical address or NONE. */
static uint64_t translate(uint32_t ttbr0, uint32_t va)
{
	const pte_t *l1 = (const pte_t *)(uintptr_t)ttbr0;
	pte_t e = l1[va >> 30];
	if ((e & PTE_TYPE_MASK) == PTE_BLOCK)
		return pte_addr(e) + (va & (GIB - 1));
	if ((e & PTE_TYPE_MASK) != PTE_TABLE)
		return NONE;
	e = ((const pte_t *)(uintptr_t)pte_addr(e))[(va >> BLOCK_SHIFT) & 511];
	if ((e & PTE_TYPE_MASK) == PTE_BLOCK)
		return pte_addr(e) + (va & (BLOCK_SIZE - 1));
	if ((e & PTE_TYPE_MASK) != PTE_TABLE)
		return NONE;
	e = ((const pte_t *)(uintptr_t)pte_addr(e))[(va >> PAGE_SHIFT) & 511];
	if ((e & PTE_TYPE_MASK) != PTE_PAGE)
		return NONE;
	return pte_addr(e) + (va & (PAGE_SIZE - 1));
}

static uint32_t boot(uint32_t phys_base)
{
	memset(&tables, 0, sizeof tables);
	memset(&info, 0, sizeof info);
	uint32_t ttbr0 = boot_map_kernel(phys_base, 0, &tables, &info);
	assert_int_equal(ttbr0, (uint32_t)(uintptr_t)tables.l1);
	assert_int_equal(info.phys_base, phys_base);
	return ttbr0;
}

/* What mmu_unmap_identity does to the tables, less the TLB. */
static void unmap_identity(uint32_t phys_base)
{
	pte_t *slot = boot_identity_slot(&tables, phys_base);
	if (slot)
		*slot = info.identity_saved;
}

/* The image, the IO pages' table and the DTB window's are where the kernel expects. */
static void check_kernel_mappings(uint32_t ttbr0, uint32_t phys_base)
{
	assert_int_equal(translate(ttbr0, 0), phys_base);
	assert_int_equal(translate(ttbr0, RODATA_END - 4), phys_base + RODATA_END - 4);
	assert_int_equal(translate(ttbr0, DATA_END - PAGE_SIZE), phys_base + DATA_END - PAGE_SIZE);
	assert_int_equal(translate(ttbr0, DATA_END), NONE); /* the original .data_shared */
	assert_int_equal(translate(ttbr0, BLOCK_SIZE - PAGE_SIZE),
			 phys_base + BLOCK_SIZE - PAGE_SIZE); /* the heap's first, partial page */
	assert_true(tables.l2[2][(IO_BASE >> BLOCK_SHIFT) & 511] ==
		    pte_table((uint32_t)(uintptr_t)tables.l3_io));
	assert_true(tables.l2[2][(DTB_WINDOW >> BLOCK_SHIFT) & 511] ==
		    pte_table((uint32_t)(uintptr_t)tables.l3_dtb));
}

/* Boots at phys_base with RAM up to ram_end and checks every step. */
static void check_ram_at(uint32_t phys_base, uint64_t ram_end, uint64_t expect_mapped_end)
{
	uint32_t ttbr0 = boot(phys_base);
	/* Before the MMU is on and right after: the code runs at its physical address. */
	for (uint32_t off = 0; off < BLOCK_SIZE; off += 0x1000 * 37)
		assert_int_equal(translate(ttbr0, phys_base + off), phys_base + off);

	unmap_identity(phys_base);
	check_kernel_mappings(ttbr0, phys_base);
	if (phys_base >= BLOCK_SIZE && phys_base < IO_BASE)
		assert_int_equal(translate(ttbr0, phys_base), NONE);

	uint64_t mapped_end = boot_map_heap(&tables, phys_base, ram_end);
	assert_int_equal(mapped_end, expect_mapped_end);
	check_kernel_mappings(ttbr0, phys_base);
	uint32_t heap_end = (uint32_t)(mapped_end - phys_base);
	assert_true(heap_end <= IO_BASE);
	for (uint32_t va = BLOCK_SIZE; va < heap_end; va += BLOCK_SIZE) {
		assert_int_equal(translate(ttbr0, va), va + (uint64_t)phys_base);
		assert_int_equal(translate(ttbr0, va + BLOCK_SIZE - 1),
				 va + (uint64_t)phys_base + BLOCK_SIZE - 1);
		pte_t e = tables.l2[va >> 30][(va >> BLOCK_SHIFT) & 511];
		assert_true((e & ~PTE_ADDR_MASK) == (PROT_KERNEL_RW | PTE_BLOCK));
	}
	if (heap_end < IO_BASE)
		assert_int_equal(translate(ttbr0, heap_end), NONE);
	assert_int_equal(translate(ttbr0, 0xC0000000u), NONE);
}

/* The Raspberry Pi: RAM from 0, the image copied to 2 MiB, heap in GiB 0. */
static void test_ram_at_0(void **state)
{
	(void)state;
	check_ram_at(0x00200000u, 0x3C000000u, 0x3C000000u);
}

/* An image loaded at 0 is its own identity. */
static void test_image_at_0(void **state)
{
	(void)state;
	uint32_t ttbr0 = boot(0);
	assert_null(boot_identity_slot(&tables, 0));
	check_kernel_mappings(ttbr0, 0);
	assert_int_equal(boot_map_heap(&tables, 0, 0x10000000u), 0x10000000u);
	assert_int_equal(translate(ttbr0, 0x0FFFFFFCu), 0x0FFFFFFCu);
}

/* QEMU virt and the Orange Pi: RAM at 1 GiB; with 3 GiB the heap crosses into
 * virtual GiB 1 and 2 and stops at IO_BASE, RAM beyond it unused. */
static void test_ram_at_1gib(void **state)
{
	(void)state;
	check_ram_at(0x40200000u, 0x40000000u + (128u << 20), 0x48000000u);
	check_ram_at(0x40200000u, 0x40000000u + GIB, 0x80000000u);
	check_ram_at(0x40200000u, 4 * GIB, IO_BASE + 0x40200000ull);
}

/* RAM at 2 GiB (many SoCs): a partial last block is left out. */
static void test_ram_at_2gib(void **state)
{
	(void)state;
	check_ram_at(0x80200000u, 0xC0000000u, 0xC0000000u);
	check_ram_at(0x80200000u, 0xC0000000u - 0x1000, 0xBFE00000u);
	check_ram_at(0x80200000u, 4 * GIB, 4 * GIB);
}

/* The identity block on the IO pages' table, then on the DTB window's: both
 * come back once it goes. */
static void test_identity_over_io(void **state)
{
	(void)state;
	check_ram_at(IO_BASE, 4 * GIB, 4 * GIB);
	check_ram_at(DTB_WINDOW, 4 * GIB, 4 * GIB);
	boot(IO_BASE);
	assert_true(info.identity_saved == pte_table((uint32_t)(uintptr_t)tables.l3_io));
}

/* The image's pages get the seed's permissions, but for page 0: the vectors'
 * page is the kernel's alone, so that user mode's NULL pointers fault. */
static void test_image_permissions(void **state)
{
	(void)state;
	boot(0x40200000u);
	const pte_t attrs = ~PTE_ADDR_MASK;
	assert_true((tables.l3_image[0] & attrs) == (PROT_VECTORS | PTE_PAGE));
	assert_true((tables.l3_image[0] & PTE_AP_MASK) == PTE_AP_KRO);
	assert_true((tables.l3_image[1] & attrs) == (PROT_KERNEL_TEXT | PTE_PAGE));
	assert_true((tables.l3_image[TEXT_END / PAGE_SIZE - 1] & attrs) ==
		    (PROT_KERNEL_TEXT | PTE_PAGE));
	assert_true((tables.l3_image[TEXT_END / PAGE_SIZE] & attrs) == (PROT_RODATA | PTE_PAGE));
	assert_true((tables.l3_image[RODATA_END / PAGE_SIZE] & attrs) ==
		    (PROT_KERNEL_RW | PTE_PAGE));
}

/* RAM in the top GiB, which has no level-2 table: a 1 GiB identity block. */
static void test_ram_at_3gib(void **state)
{
	(void)state;
	check_ram_at(0xC0200000u, 4 * GIB, 4 * GIB);
	check_ram_at(0xFE200000u, 4 * GIB, 4 * GIB);
	assert_true(tables.l1[3] == 0);
}

/* Marks entries [first, first + pages) of the IO table used, as io_map does. */
static void io_use(pte_t *l3, int first, uint32_t pages)
{
	assert_true(first >= 0);
	for (uint32_t i = 0; i < pages; i++) {
		assert_true(l3[first + i] == 0);
		l3[first + i] = pte_page(0x09000000u + i * PAGE_SIZE, PROT_DEVICE);
	}
}

/* Devices one after another, each with a hole after it; a freed one's pages
 * and holes are taken again only by what fits between its neighbours' holes. */
static void test_io_runs(void **state)
{
	(void)state;
	static pte_t l3[512];
	memset(l3, 0, sizeof l3);
	assert_int_equal(io_run_find(l3, 0), -ENOMEM);
	assert_int_equal(io_run_find(l3, 513), -ENOMEM);
	assert_int_equal(io_run_find(l3, 512), 0); /* the table's ends count as holes */
	int a = io_run_find(l3, 1);
	assert_int_equal(a, 0);
	io_use(l3, a, 1);
	int b = io_run_find(l3, 2);
	assert_int_equal(b, 2); /* entry 1 is the hole between a and b */
	io_use(l3, b, 2);
	int c = io_run_find(l3, 1);
	assert_int_equal(c, 5);
	io_use(l3, c, 1);
	/* b goes: its two pages and the holes around them (1..4) can hold a device
	 * of two pages only, at 2, never one touching a or c. */
	l3[2] = l3[3] = 0;
	assert_int_equal(io_run_find(l3, 3), 7);
	assert_int_equal(io_run_find(l3, 2), 2);
	assert_int_equal(io_run_find(l3, 1), 2);
	/* A full table: every run of three free entries taken by one page. */
	memset(l3, 0, sizeof l3);
	int n = 0, at;
	while ((at = io_run_find(l3, 1)) >= 0) {
		assert_int_equal(at, 2 * n);
		io_use(l3, at, 1);
		n++;
	}
	assert_int_equal(n, 256);
	assert_int_equal(at, -ENOMEM);
	assert_int_equal(io_run_find(l3, 511), -ENOMEM);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_ram_at_0),          cmocka_unit_test(test_image_at_0),
	    cmocka_unit_test(test_ram_at_1gib),       cmocka_unit_test(test_ram_at_2gib),
	    cmocka_unit_test(test_identity_over_io),  cmocka_unit_test(test_ram_at_3gib),
	    cmocka_unit_test(test_image_permissions), cmocka_unit_test(test_io_runs),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
