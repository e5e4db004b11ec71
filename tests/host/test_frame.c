/*
 * Unit tests of the page-frame allocator over fake RAM: exact counts, every
 * frame handed out once until it is given back, and refused ranges.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <string.h>

/* cmocka.h needs the headers above first. */
#include <cmocka.h>

#include "fake_ram.h"
#include "wren/abi.h"

/* Three ranges of fake RAM: pages [2, 12), [20, 25) and [100, 101). */
#define RANGE_FRAMES 16

static int setup(void **state)
{
	(void)state;
	fake_ram_reset(FAKE_RAM_PAGES);
	return 0;
}

static void add_three_ranges(void)
{
	assert_int_equal(frame_add_range(FAKE_RAM_PA(2), FAKE_RAM_PA(12)), 0);
	assert_int_equal(frame_add_range(FAKE_RAM_PA(20), FAKE_RAM_PA(25)), 0);
	assert_int_equal(frame_add_range(FAKE_RAM_PA(100), FAKE_RAM_PA(101)), 0);
}

static int in_three_ranges(paddr_t pa)
{
	return (pa >= FAKE_RAM_PA(2) && pa < FAKE_RAM_PA(12)) ||
	       (pa >= FAKE_RAM_PA(20) && pa < FAKE_RAM_PA(25)) || pa == FAKE_RAM_PA(100);
}

/* Takes every frame left into out (at most max); checks each and that none repeats. */
static uint32_t alloc_all(paddr_t *out, uint32_t max)
{
	uint32_t n = 0;
	paddr_t pa;
	while ((pa = frame_alloc()) != 0) {
		assert_true(n < max);
		assert_int_equal(pa & (PAGE_SIZE - 1), 0);
		for (uint32_t i = 0; i < n; i++)
			assert_true(out[i] != pa);
		out[n++] = pa;
	}
	return n;
}

static void test_counts(void **state)
{
	(void)state;
	assert_int_equal(frame_total_count(), 0);
	assert_int_equal(frame_free_count(), 0);
	add_three_ranges();
	assert_int_equal(frame_total_count(), RANGE_FRAMES);
	assert_int_equal(frame_free_count(), RANGE_FRAMES);

	paddr_t a = frame_alloc(), b = frame_alloc();
	assert_true(a && b && a != b);
	assert_int_equal(frame_free_count(), RANGE_FRAMES - 2);
	assert_int_equal(frame_total_count(), RANGE_FRAMES);
	frame_free(a);
	assert_int_equal(frame_free_count(), RANGE_FRAMES - 1);
	frame_free(b);
	assert_int_equal(frame_free_count(), RANGE_FRAMES);
	assert_int_equal(frame_total_count(), RANGE_FRAMES);
}

static void test_every_frame_once(void **state)
{
	(void)state;
	paddr_t got[RANGE_FRAMES];
	add_three_ranges();
	assert_int_equal(alloc_all(got, RANGE_FRAMES), RANGE_FRAMES);
	for (uint32_t i = 0; i < RANGE_FRAMES; i++)
		assert_true(in_three_ranges(got[i]));
	assert_int_equal(frame_free_count(), 0);
	assert_int_equal(frame_total_count(), RANGE_FRAMES);
	/* Exhaustion is stable: no wrap-around of the count, no frame out of nowhere. */
	assert_int_equal(frame_alloc(), 0);
	assert_int_equal(frame_alloc_zeroed(), 0);
	assert_int_equal(frame_free_count(), 0);
}

static void test_freed_frames_reused(void **state)
{
	(void)state;
	paddr_t got[RANGE_FRAMES], again[RANGE_FRAMES];
	add_three_ranges();
	assert_int_equal(alloc_all(got, RANGE_FRAMES), RANGE_FRAMES);
	frame_free(got[3]);
	frame_free(got[15]);
	frame_free(got[0]);
	assert_int_equal(frame_free_count(), 3);
	assert_int_equal(alloc_all(again, 3), 3);
	for (uint32_t i = 0; i < 3; i++)
		assert_true(again[i] == got[3] || again[i] == got[15] || again[i] == got[0]);
	assert_int_equal(frame_free_count(), 0);

	/* All of them back, in a scrambled order, and all of them out again. */
	for (uint32_t i = 0; i < RANGE_FRAMES; i++)
		frame_free(got[(i * 7) % RANGE_FRAMES]);
	assert_int_equal(frame_free_count(), RANGE_FRAMES);
	assert_int_equal(alloc_all(again, RANGE_FRAMES), RANGE_FRAMES);
	for (uint32_t i = 0; i < RANGE_FRAMES; i++)
		assert_true(in_three_ranges(again[i]));
	assert_int_equal(frame_free_count(), 0);
}

/* Given-back frames and never-used ones mixed: still each handed out once. */
static void test_free_before_ranges_run_out(void **state)
{
	(void)state;
	paddr_t got[RANGE_FRAMES];
	add_three_ranges();
	paddr_t a = frame_alloc(), b = frame_alloc();
	frame_free(a);
	assert_int_equal(alloc_all(got, RANGE_FRAMES), RANGE_FRAMES - 1);
	for (uint32_t i = 0; i < RANGE_FRAMES - 1; i++)
		assert_true(got[i] != b);
	frame_free(b);
	assert_int_equal(frame_alloc(), b);
}

static void test_refuses_bad_ranges(void **state)
{
	(void)state;
	assert_int_equal(frame_add_range(FAKE_RAM_PA(1) + 8, FAKE_RAM_PA(4)), -EINVAL);
	assert_int_equal(frame_add_range(FAKE_RAM_PA(1), FAKE_RAM_PA(4) - 8), -EINVAL);
	assert_int_equal(frame_add_range(FAKE_RAM_PA(1) + 0x800, FAKE_RAM_PA(4) + 0x800), -EINVAL);
	assert_int_equal(frame_add_range(FAKE_RAM_PA(4), FAKE_RAM_PA(4)), -EINVAL);
	assert_int_equal(frame_add_range(FAKE_RAM_PA(4), FAKE_RAM_PA(1)), -EINVAL);
	assert_int_equal(frame_add_range(0, FAKE_RAM_PA(0)), -EINVAL); /* 0 means "no frame" */
	assert_int_equal(frame_total_count(), 0);
	assert_int_equal(frame_free_count(), 0);
	assert_int_equal(frame_alloc(), 0);

	for (uint32_t i = 0; i < FRAME_RANGES; i++)
		assert_int_equal(frame_add_range(FAKE_RAM_PA(2 * i), FAKE_RAM_PA(2 * i + 1)), 0);
	assert_int_equal(frame_add_range(FAKE_RAM_PA(100), FAKE_RAM_PA(110)), -ENOMEM);
	assert_int_equal(frame_total_count(), FRAME_RANGES);
	assert_int_equal(frame_free_count(), FRAME_RANGES);
	paddr_t got[FRAME_RANGES];
	assert_int_equal(alloc_all(got, FRAME_RANGES), FRAME_RANGES);
	for (uint32_t i = 0; i < FRAME_RANGES; i++)
		assert_true(got[i] < FAKE_RAM_PA(2 * FRAME_RANGES) &&
			    (got[i] / PAGE_SIZE) % 2 == 0);
}

static void test_zeroed(void **state)
{
	(void)state;
	assert_int_equal(frame_add_range(FAKE_RAM_PA(7), FAKE_RAM_PA(8)), 0);
	static const uint8_t zero[PAGE_SIZE];

	/* Fresh RAM holds junk. */
	paddr_t pa = frame_alloc_zeroed();
	assert_int_equal(pa, FAKE_RAM_PA(7));
	assert_memory_equal(phys_to_virt(pa), zero, PAGE_SIZE);

	/* So does a frame given back dirty, including where the free list keeps its link. */
	memset(phys_to_virt(pa), 0xFF, PAGE_SIZE);
	frame_free(pa);
	assert_int_equal(frame_alloc_zeroed(), pa);
	assert_memory_equal(phys_to_virt(pa), zero, PAGE_SIZE);
	assert_int_equal(frame_free_count(), 0);
}

static void test_reset(void **state)
{
	(void)state;
	add_three_ranges();
	paddr_t a = frame_alloc();
	frame_alloc();
	frame_free(a);
	frame_reset();
	assert_int_equal(frame_total_count(), 0);
	assert_int_equal(frame_free_count(), 0);
	assert_int_equal(frame_alloc(), 0); /* neither the ranges nor the freed frame */

	/* A reset forgets the ranges too: all FRAME_RANGES slots are free again. */
	for (uint32_t i = 0; i < FRAME_RANGES; i++)
		assert_int_equal(frame_add_range(FAKE_RAM_PA(500 + i), FAKE_RAM_PA(501 + i)), 0);
	assert_int_equal(frame_total_count(), FRAME_RANGES);
	paddr_t got[FRAME_RANGES];
	assert_int_equal(alloc_all(got, FRAME_RANGES), FRAME_RANGES);
	for (uint32_t i = 0; i < FRAME_RANGES; i++)
		assert_in_range(got[i], FAKE_RAM_PA(500), FAKE_RAM_PA(500 + FRAME_RANGES - 1));
}

static void test_whole_ram(void **state)
{
	(void)state;
	static paddr_t got[FAKE_RAM_PAGES];
	fake_ram_reset(0);
	assert_int_equal(frame_total_count(), FAKE_RAM_PAGES);
	uint32_t n = 0;
	paddr_t pa;
	while ((pa = frame_alloc()) != 0) {
		assert_true(n < FAKE_RAM_PAGES);
		got[n++] = pa;
	}
	assert_int_equal(n, FAKE_RAM_PAGES);
	/* Unique and in RAM: as many distinct frames as pages means each page once. */
	static uint8_t seen[FAKE_RAM_PAGES];
	memset(seen, 0, sizeof seen);
	for (uint32_t i = 0; i < n; i++) {
		assert_in_range(got[i], FAKE_RAM_PA(0), FAKE_RAM_PA(FAKE_RAM_PAGES - 1));
		assert_int_equal(got[i] & (PAGE_SIZE - 1), 0);
		uint32_t page = (uint32_t)((got[i] - FAKE_RAM_BASE) / PAGE_SIZE);
		assert_int_equal(seen[page], 0);
		seen[page] = 1;
	}
	for (uint32_t i = 0; i < n; i += 2)
		frame_free(got[i]);
	assert_int_equal(frame_free_count(), FAKE_RAM_PAGES / 2);
	for (uint32_t i = 0; i < n; i += 2)
		seen[(got[i] - FAKE_RAM_BASE) / PAGE_SIZE] = 0;
	while ((pa = frame_alloc()) != 0) {
		uint32_t page = (uint32_t)((pa - FAKE_RAM_BASE) / PAGE_SIZE);
		assert_int_equal(seen[page], 0);
		seen[page] = 1;
	}
	assert_int_equal(frame_free_count(), 0);
	assert_int_equal(frame_total_count(), FAKE_RAM_PAGES);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(test_counts, setup),
	    cmocka_unit_test_setup(test_every_frame_once, setup),
	    cmocka_unit_test_setup(test_freed_frames_reused, setup),
	    cmocka_unit_test_setup(test_free_before_ranges_run_out, setup),
	    cmocka_unit_test_setup(test_refuses_bad_ranges, setup),
	    cmocka_unit_test_setup(test_zeroed, setup),
	    cmocka_unit_test_setup(test_reset, setup),
	    cmocka_unit_test_setup(test_whole_ram, setup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
