/*
 * Unit tests of the user-region layout calculator: every region lies where the
 * picture in layout.h says, the region is the smallest that holds the limits,
 * and limits that cannot fit are refused.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* cmocka.h needs the headers above first. */
#include <cmocka.h>

#include "layout.h"
#include "memlayout.h"
#include "wren/abi.h"

#define P PAGE_SIZE
#define TOP (1ull << 32)

/* A typical program: its shared data does not start on a page boundary. */
#define SHARED_START 0xFFFFF104u
#define SHARED_END 0xFFFFF400u

static uint32_t region_size(uint32_t t1sz)
{
	return (uint32_t)(TOP >> t1sz);
}

/* The picture of layout.h, for any successful layout. */
static void check_picture(const struct proc_layout *l, uint32_t heap_pages, uint32_t stack_pages,
			  uint32_t device_pages, uint32_t shared_start, uint32_t shared_end)
{
	assert_int_equal(l->shared_start, shared_start);
	assert_int_equal(l->shared_end, shared_end);
	assert_int_equal(l->stack_top, shared_start & ~7u);
	assert_int_equal(l->stack_start, PAGE_ROUND_DOWN(l->stack_top - 1));
	assert_int_equal(l->stack_limit, l->stack_start - (stack_pages - 1) * P);
	assert_int_equal(l->guard, l->stack_limit - P);
	assert_int_equal(l->heap_limit, l->guard);
	assert_int_equal(l->heap_base, l->heap_limit - heap_pages * P);

	assert_in_range(l->t1sz, USER_T1SZ_LARGEST, USER_T1SZ_SMALLEST);
	assert_int_equal(l->region_base, TOP - region_size(l->t1sz));
	assert_true(l->region_base >= USER_REGION_LOWEST);
	assert_true(l->heap_base >= l->region_base);
	/* The device window at the very bottom, an unmapped page clear of the heap;
	 * none at all for a process that is not a driver. */
	assert_int_equal(l->dev_base, l->region_base);
	assert_int_equal(l->dev_limit, l->dev_base + device_pages * P);
	if (device_pages)
		assert_true(l->dev_limit + P <= l->heap_base);
	/* No smaller region would do. */
	uint64_t needed = TOP - l->heap_base + (device_pages ? (device_pages + 1ull) * P : 0);
	assert_true(needed <= region_size(l->t1sz));
	if (l->t1sz < USER_T1SZ_SMALLEST)
		assert_true(needed > region_size(l->t1sz + 1));
}

static void test_small_program(void **state)
{
	(void)state;
	struct proc_layout l;
	assert_int_equal(layout_user(&l, 0, 1, 0, SHARED_START, SHARED_END), 0);
	check_picture(&l, 0, 1, 0, SHARED_START, SHARED_END);
	assert_int_equal(l.t1sz, 7);
	assert_int_equal(l.region_base, 0xFE000000u);
	assert_int_equal(l.stack_top, 0xFFFFF100u);
	/* The stack's first page is the page the shared data starts in. */
	assert_int_equal(l.stack_start, 0xFFFFF000u);
	assert_int_equal(l.stack_limit, 0xFFFFF000u);
	assert_int_equal(l.guard, 0xFFFFE000u);
	assert_int_equal(l.heap_limit, 0xFFFFE000u);
	assert_int_equal(l.heap_base, 0xFFFFE000u);
	assert_int_equal(l.top_page, 0xFFFFF000u);
}

static void test_order_top_to_bottom(void **state)
{
	(void)state;
	struct proc_layout l;
	assert_int_equal(layout_user(&l, 16, 4, 0, SHARED_START, SHARED_END), 0);
	check_picture(&l, 16, 4, 0, SHARED_START, SHARED_END);
	assert_true(l.shared_end > l.shared_start);
	assert_true(l.shared_start >= l.stack_top);
	assert_true(l.stack_top > l.stack_start);
	assert_true(l.stack_start > l.stack_limit);
	assert_int_equal(l.stack_limit - l.guard, P); /* exactly one guard page */
	assert_int_equal(l.guard, l.heap_limit);
	assert_true(l.heap_limit > l.heap_base);
	assert_true(l.heap_base >= l.region_base);

	assert_int_equal(l.stack_start, 0xFFFFF000u);
	assert_int_equal(l.stack_limit, 0xFFFFC000u); /* 4 stack pages up to 0xFFFFFFFF */
	assert_int_equal(l.guard, 0xFFFFB000u);
	assert_int_equal(l.heap_base, 0xFFFFB000u - 16 * P);
	assert_int_equal(l.heap_limit - l.heap_base, 16 * P);
	assert_int_equal(l.top_page, 0xFFFFF000u);
}

static void test_stack_top_rounded_to_8(void **state)
{
	(void)state;
	struct proc_layout l;
	for (uint32_t off = 0x100; off < 0x108; off++) {
		assert_int_equal(layout_user(&l, 1, 1, 0, 0xFFFFF000u + off, SHARED_END), 0);
		assert_int_equal(l.stack_top, 0xFFFFF100u);
		assert_int_equal(l.stack_start, 0xFFFFF000u);
	}
	/* Rounding down can leave the stack a page of its own. */
	assert_int_equal(layout_user(&l, 1, 1, 0, 0xFFFFF004u, SHARED_END), 0);
	check_picture(&l, 1, 1, 0, 0xFFFFF004u, SHARED_END);
	assert_int_equal(l.stack_top, 0xFFFFF000u);
	assert_int_equal(l.stack_start, 0xFFFFE000u);
	assert_int_equal(l.top_page, 0xFFFFF000u);
}

static void test_page_aligned_shared_start(void **state)
{
	(void)state;
	struct proc_layout l;
	assert_int_equal(layout_user(&l, 2, 2, 0, 0xFFFFE000u, 0xFFFFF800u), 0);
	check_picture(&l, 2, 2, 0, 0xFFFFE000u, 0xFFFFF800u);
	assert_int_equal(l.stack_top, 0xFFFFE000u);
	assert_int_equal(l.stack_start, 0xFFFFD000u); /* the page below, not shared */
	assert_int_equal(l.stack_limit, 0xFFFFC000u);
	assert_int_equal(l.guard, 0xFFFFB000u);
	assert_int_equal(l.heap_base, 0xFFFF9000u);
	assert_int_equal(l.top_page, 0xFFFFF000u);
}

static void test_empty_shared_data(void **state)
{
	(void)state;
	struct proc_layout l;
	assert_int_equal(layout_user(&l, 0, 1, 0, 0xFFFFFFF0u, 0xFFFFFFF0u), 0);
	check_picture(&l, 0, 1, 0, 0xFFFFFFF0u, 0xFFFFFFF0u);
	assert_int_equal(l.stack_top, 0xFFFFFFF0u);
	assert_int_equal(l.stack_start, 0xFFFFF000u);
	/* Nothing above the stack's page to map. */
	assert_int_equal(l.top_page, 0xFFFFF000u);
	assert_int_equal(l.t1sz, 7);

	/* Empty, just past a page boundary: sp rounds down onto it, and the page above is not the
	 * process's. */
	assert_int_equal(layout_user(&l, 0, 1, 0, 0xFFFFF004u, 0xFFFFF004u), 0);
	check_picture(&l, 0, 1, 0, 0xFFFFF004u, 0xFFFFF004u);
	assert_int_equal(l.stack_start, 0xFFFFE000u);
	assert_int_equal(l.top_page, 0xFFFFE000u);
}

static void test_top_page(void **state)
{
	(void)state;
	struct proc_layout l;
	/* Shared data over three pages: the process starts with all of them. */
	assert_int_equal(layout_user(&l, 0, 1, 0, 0xFFFFD800u, 0xFFFFF001u), 0);
	assert_int_equal(l.stack_start, 0xFFFFD000u);
	assert_int_equal(l.top_page, 0xFFFFF000u);
	/* Ending right on a page boundary: that page holds none of it. */
	assert_int_equal(layout_user(&l, 0, 1, 0, 0xFFFFD800u, 0xFFFFF000u), 0);
	assert_int_equal(l.top_page, 0xFFFFE000u);
	assert_int_equal(layout_user(&l, 0, 1, 0, 0xFFFFD800u, 0xFFFFFFFFu), 0);
	assert_int_equal(l.top_page, 0xFFFFF000u);
}

/* With a one-page stack below 0xFFFFF000, 8190 heap pages reach 0xFE000000 exactly. */
static void test_largest_small_region(void **state)
{
	(void)state;
	struct proc_layout l;
	assert_int_equal(layout_user(&l, 8190, 1, 0, SHARED_START, SHARED_END), 0);
	check_picture(&l, 8190, 1, 0, SHARED_START, SHARED_END);
	assert_int_equal(l.heap_base, 0xFE000000u);
	assert_int_equal(l.t1sz, 7);
	assert_int_equal(l.region_base, 0xFE000000u);

	assert_int_equal(layout_user(&l, 8191, 1, 0, SHARED_START, SHARED_END), 0);
	check_picture(&l, 8191, 1, 0, SHARED_START, SHARED_END);
	assert_int_equal(l.heap_base, 0xFDFFF000u);
	assert_int_equal(l.t1sz, 6);
	assert_int_equal(l.region_base, 0xFC000000u);

	/* Stack pages count as much as heap pages. */
	assert_int_equal(layout_user(&l, 8187, 4, 0, SHARED_START, SHARED_END), 0);
	assert_int_equal(l.t1sz, 7);
	assert_int_equal(layout_user(&l, 8187, 5, 0, SHARED_START, SHARED_END), 0);
	assert_int_equal(l.t1sz, 6);
}

/* Each region size from 32 MiB to 1 GiB, at both edges of its range. */
static void test_every_region_size(void **state)
{
	(void)state;
	struct proc_layout l;
	for (uint32_t t1sz = USER_T1SZ_SMALLEST; t1sz >= USER_T1SZ_LARGEST; t1sz--) {
		uint32_t fits = (region_size(t1sz) - P) / P - 1; /* heap pages that fill it */
		assert_int_equal(layout_user(&l, fits, 1, 0, SHARED_START, SHARED_END), 0);
		check_picture(&l, fits, 1, 0, SHARED_START, SHARED_END);
		assert_int_equal(l.t1sz, t1sz);
		assert_int_equal(l.heap_base, l.region_base);
		if (t1sz > USER_T1SZ_LARGEST) {
			assert_int_equal(layout_user(&l, fits + 1, 1, 0, SHARED_START, SHARED_END),
					 0);
			check_picture(&l, fits + 1, 1, 0, SHARED_START, SHARED_END);
			assert_int_equal(l.t1sz, t1sz - 1);
		}
	}
}

static void test_many_limits(void **state)
{
	(void)state;
	static const uint32_t heaps[] = {0, 1, 2, 100, 4096, 8189, 8190, 8191, 100000, 200000};
	static const uint32_t stacks[] = {1, 2, 3, 16, 256, 1000};
	static const uint32_t starts[] = {0xFFFFF104u, 0xFFFFF000u, 0xFFFFFFF0u, 0xFFF00008u};
	struct proc_layout l;
	for (size_t h = 0; h < sizeof heaps / sizeof *heaps; h++)
		for (size_t s = 0; s < sizeof stacks / sizeof *stacks; s++)
			for (size_t i = 0; i < sizeof starts / sizeof *starts; i++) {
				assert_int_equal(
				    layout_user(&l, heaps[h], stacks[s], 0, starts[i], 0xFFFFFFF0u),
				    0);
				check_picture(&l, heaps[h], stacks[s], 0, starts[i], 0xFFFFFFF0u);
			}
}

static void test_refuses_bad_arguments(void **state)
{
	(void)state;
	struct proc_layout l;
	assert_int_equal(layout_user(&l, 0, 0, 0, SHARED_START, SHARED_END), -EINVAL);
	assert_int_equal(layout_user(&l, 0, 1, 0, SHARED_END, SHARED_START), -EINVAL);
	assert_int_equal(layout_user(&l, 0, 1, 0, 0xBFFFFFF0u, 0xBFFFFFF8u), -EINVAL);
	assert_int_equal(layout_user(&l, 0, 1, 0, 0xBFFFFFF0u, SHARED_END), -EINVAL);
	assert_int_equal(layout_user(&l, 0, 1, 0, 0, 0), -EINVAL);
}

/* 1 GiB down from 0xFFFFF000 leaves 0x3FFFF pages for stack, guard and heap. */
static void test_refuses_limits_beyond_1gib(void **state)
{
	(void)state;
	struct proc_layout l;
	assert_int_equal(layout_user(&l, 0x3FFFE, 1, 0, SHARED_START, SHARED_END), 0);
	assert_int_equal(l.heap_base, USER_REGION_LOWEST);
	assert_int_equal(l.t1sz, 2);
	assert_int_equal(l.region_base, USER_REGION_LOWEST);
	assert_int_equal(layout_user(&l, 0x3FFFF, 1, 0, SHARED_START, SHARED_END), -EINVAL);
	assert_int_equal(layout_user(&l, 0, 0x3FFFF, 0, SHARED_START, SHARED_END), 0);
	assert_int_equal(layout_user(&l, 0, 0x40000, 0, SHARED_START, SHARED_END), -EINVAL);
	/* Limits whose page counts overflow 32 bits when added or multiplied. */
	assert_int_equal(layout_user(&l, 0xFFFFFFFFu, 1, 0, SHARED_START, SHARED_END), -EINVAL);
	assert_int_equal(layout_user(&l, 0, 0xFFFFFFFFu, 0, SHARED_START, SHARED_END), -EINVAL);
	assert_int_equal(layout_user(&l, 0xFFFFFFFFu, 0xFFFFFFFFu, 0, SHARED_START, SHARED_END),
			 -EINVAL);
	assert_int_equal(layout_user(&l, 0x100000u, 1, 0, SHARED_START, SHARED_END), -EINVAL);
}

/* Shared data at the very bottom of the lowest region leaves no room below. */
static void test_shared_data_at_region_bottom(void **state)
{
	(void)state;
	struct proc_layout l;
	/* The stack page is 0xC0001000 and the guard 0xC0000000: just fits. */
	assert_int_equal(layout_user(&l, 0, 1, 0, 0xC0001008u, 0xC0002000u), 0);
	check_picture(&l, 0, 1, 0, 0xC0001008u, 0xC0002000u);
	assert_int_equal(l.guard, USER_REGION_LOWEST);
	assert_int_equal(l.t1sz, 2);
	assert_int_equal(layout_user(&l, 1, 1, 0, 0xC0001008u, 0xC0002000u), -EINVAL);
	assert_int_equal(layout_user(&l, 0, 1, 0, 0xC0000008u, 0xC0002000u), -EINVAL);
	/* sp would be 0xC0000000, its page below the lowest region. */
	for (uint32_t start = USER_REGION_LOWEST; start < USER_REGION_LOWEST + 8; start++)
		assert_int_equal(layout_user(&l, 0, 1, 0, start, 0xC0002000u), -EINVAL);
}

/* A driver's window: at the bottom of its region, as many pages as its table
 * entry says, an unmapped page above it, and a bigger region when it needs one. */
static void test_device_window(void **state)
{
	(void)state;
	struct proc_layout l;
	assert_int_equal(layout_user(&l, 4, 4, 2, SHARED_START, SHARED_END), 0);
	check_picture(&l, 4, 4, 2, SHARED_START, SHARED_END);
	assert_int_equal(l.t1sz, 7);
	assert_int_equal(l.dev_base, 0xFE000000u);
	assert_int_equal(l.dev_limit, 0xFE002000u);
	/* A window that, with the heap and stack, fills the 32 MiB region exactly... */
	uint32_t heap = 16, stack = 4;
	uint32_t span = (uint32_t)((TOP - 0xFFFFF000u) / P) + (stack - 1) + 1 + heap;
	uint32_t fill = (uint32_t)(region_size(7) / P) - span - 1;
	assert_int_equal(layout_user(&l, heap, stack, fill, SHARED_START, SHARED_END), 0);
	check_picture(&l, heap, stack, fill, SHARED_START, SHARED_END);
	assert_int_equal(l.t1sz, 7);
	assert_int_equal(l.dev_limit + P, l.heap_base);
	/* ...and one page more moves it all to a 64 MiB region. */
	assert_int_equal(layout_user(&l, heap, stack, fill + 1, SHARED_START, SHARED_END), 0);
	check_picture(&l, heap, stack, fill + 1, SHARED_START, SHARED_END);
	assert_int_equal(l.t1sz, 6);
	assert_int_equal(l.dev_base, 0xFC000000u);
	/* Windows of every size up to 1 GiB's worth, with heaps and stacks. */
	static const uint32_t windows[] = {1, 2, 16, 257, 8190, 100000};
	for (size_t i = 0; i < sizeof windows / sizeof *windows; i++) {
		assert_int_equal(layout_user(&l, 8, 2, windows[i], SHARED_START, SHARED_END), 0);
		check_picture(&l, 8, 2, windows[i], SHARED_START, SHARED_END);
	}
	/* 1 GiB down from 0xFFFFF000: 0x3FFFF pages for stack, guard, heap, hole and window. */
	assert_int_equal(layout_user(&l, 0, 1, 0x3FFFD, SHARED_START, SHARED_END), 0);
	assert_int_equal(l.dev_base, USER_REGION_LOWEST);
	assert_int_equal(l.dev_limit + P, l.heap_base);
	assert_int_equal(layout_user(&l, 0, 1, 0x3FFFE, SHARED_START, SHARED_END), -EINVAL);
	assert_int_equal(layout_user(&l, 1, 1, 0x3FFFD, SHARED_START, SHARED_END), -EINVAL);
	assert_int_equal(layout_user(&l, 0, 1, 0xFFFFFFFFu, SHARED_START, SHARED_END), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_small_program),
	    cmocka_unit_test(test_device_window),
	    cmocka_unit_test(test_order_top_to_bottom),
	    cmocka_unit_test(test_stack_top_rounded_to_8),
	    cmocka_unit_test(test_page_aligned_shared_start),
	    cmocka_unit_test(test_empty_shared_data),
	    cmocka_unit_test(test_top_page),
	    cmocka_unit_test(test_largest_small_region),
	    cmocka_unit_test(test_every_region_size),
	    cmocka_unit_test(test_many_limits),
	    cmocka_unit_test(test_refuses_bad_arguments),
	    cmocka_unit_test(test_refuses_limits_beyond_1gib),
	    cmocka_unit_test(test_shared_data_at_region_bottom),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
