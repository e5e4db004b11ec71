/*
 * Unit tests of the kernel heap over fake RAM: where objects come from, their
 * alignment, that live objects never overlap, exact accounting, and that every
 * frame goes back once the heap is empty.
 *
 * Page 0 of fake RAM plays the page where the kernel stack ends: the heap
 * starts unaligned in its second half, as on the target.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <stdlib.h>
#include <string.h>

/* cmocka.h needs the headers above first. */
#include <cmocka.h>

#include "fake_ram.h"

#define MAX_OBJECTS 2048

static uint8_t *arena_start, *arena_end;
static uint32_t frames_at_start;

/* Resets RAM with `frames` free frames (all but the arena page by default). */
static void heap_reset(uint32_t frames)
{
	fake_ram_reset(FAKE_RAM_PAGES - frames);
	arena_start = (uint8_t *)phys_to_virt(FAKE_RAM_PA(0)) + 0x800 + 8;
	arena_end = (uint8_t *)phys_to_virt(FAKE_RAM_PA(0)) + PAGE_SIZE;
	kheap_init(arena_start, arena_end);
	frames_at_start = frame_free_count();
}

static int setup(void **state)
{
	(void)state;
	heap_reset(FAKE_RAM_PAGES - 1);
	return 0;
}

static size_t class_size(size_t size)
{
	size_t c = 16;
	while (c < size)
		c *= 2;
	return c;
}

static int in_arena(const void *p, size_t size)
{
	const uint8_t *b = p;
	return b >= arena_start && b + size <= arena_end;
}

static void fill(void *p, size_t size, uint32_t seed)
{
	uint8_t *b = p;
	for (size_t i = 0; i < size; i++)
		b[i] = (uint8_t)(seed * 31 + i * 7 + (seed >> 8));
}

static void check_fill(const void *p, size_t size, uint32_t seed)
{
	const uint8_t *b = p;
	for (size_t i = 0; i < size; i++)
		assert_int_equal(b[i], (uint8_t)(seed * 31 + i * 7 + (seed >> 8)));
}

/* A fixed linear congruential sequence: the same run every time. */
static uint32_t next_random(void)
{
	static uint32_t x = 12345;
	x = x * 1103515245u + 12345u;
	return x >> 16;
}

static void check_empty(void)
{
	assert_int_equal(kheap_bytes_used(), 0);
	assert_int_equal(kheap_frames(), 0);
	assert_int_equal(frame_free_count(), frames_at_start);
}

static void test_first_slab_in_start_region(void **state)
{
	(void)state;
	void *p[8];
	for (int i = 0; i < 8; i++) {
		p[i] = kmalloc(24);
		assert_non_null(p[i]);
		assert_true(in_arena(p[i], 24));
	}
	assert_int_equal(frame_free_count(), frames_at_start);
	assert_int_equal(kheap_frames(), 0);
	assert_int_equal(kheap_bytes_used(), 8 * 32);
	for (int i = 0; i < 8; i++)
		kfree(p[i]);
	/* The start region is not a frame: nothing goes to the frame allocator. */
	check_empty();
}

/* The start region holds fewer objects than its size allows; then frames take over. */
static void test_start_region_then_frames(void **state)
{
	(void)state;
	static void *p[MAX_OBJECTS];
	uint32_t n = 0;
	while ((p[n] = kmalloc(32)) != NULL && in_arena(p[n], 32)) {
		n++;
		assert_true(n < (size_t)(arena_end - arena_start) / 32);
	}
	assert_non_null(p[n]);
	assert_true(n > 0);
	assert_int_equal(kheap_frames(), 1);
	assert_int_equal(frame_free_count(), frames_at_start - 1);
	assert_int_equal(kheap_bytes_used(), (n + 1) * 32);
	n++;
	for (uint32_t i = 0; i < n; i++)
		kfree(p[i]);
	check_empty();
}

/* A class too big for the start region must not use it up for the others. */
static void test_big_first_object(void **state)
{
	(void)state;
	void *big = kmalloc(2048);
	assert_non_null(big);
	assert_false(in_arena(big, 2048));
	assert_int_equal(kheap_frames(), 1);
	void *small = kmalloc(16);
	assert_true(in_arena(small, 16));
	assert_int_equal(kheap_frames(), 1);
	kfree(big);
	kfree(small);
	check_empty();
}

static void test_alignment(void **state)
{
	(void)state;
	static const size_t sizes[] = {1,   8,   15,   16,   17,   31,   32,   33,   63,
				       64,  65,  100,  128,  129,  255,  256,  257,  511,
				       512, 513, 1000, 1023, 1024, 1025, 1500, 2047, 2048};
	static void *p[3 * sizeof sizes / sizeof *sizes];
	size_t n = 0, used = 0;
	for (int round = 0; round < 3; round++)
		for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++) {
			size_t c = class_size(sizes[i]);
			p[n] = kmalloc(sizes[i]);
			assert_non_null(p[n]);
			assert_int_equal((uintptr_t)p[n] % c, 0);
			used += c;
			assert_int_equal(kheap_bytes_used(), used);
			n++;
		}
	for (size_t i = 0; i < n; i++)
		kfree(p[i]);
	check_empty();
}

static void test_refuses_sizes(void **state)
{
	(void)state;
	assert_null(kmalloc(0));
	assert_null(kmalloc(KHEAP_MAX_OBJECT + 1));
	assert_null(kmalloc(4096));
	assert_null(kmalloc(SIZE_MAX));
	assert_null(kzalloc(0));
	assert_null(kzalloc(KHEAP_MAX_OBJECT + 1));
	kfree(NULL);
	check_empty();
}

static void test_kzalloc(void **state)
{
	(void)state;
	static const uint8_t zero[KHEAP_MAX_OBJECT];
	/* One frame and no room in the start region: the second object must reuse the first's
	 * bytes. */
	heap_reset(1);
	uint8_t *a = kzalloc(KHEAP_MAX_OBJECT);
	assert_non_null(a);
	assert_memory_equal(a, zero, KHEAP_MAX_OBJECT); /* fresh RAM is junk */
	memset(a, 0xFF, KHEAP_MAX_OBJECT);
	kfree(a);
	uint8_t *b = kzalloc(KHEAP_MAX_OBJECT);
	assert_ptr_equal(b, a);
	assert_memory_equal(b, zero, KHEAP_MAX_OBJECT);
	kfree(b);
	check_empty();
}

/* Many live objects of mixed sizes: each keeps its own contents. */
static void test_no_overlap(void **state)
{
	(void)state;
	static uint8_t *p[MAX_OBJECTS];
	static size_t size[MAX_OBJECTS];
	size_t used = 0;
	for (uint32_t i = 0; i < 600; i++) {
		size[i] = 1 + (i * 37) % (i % 5 == 0 ? 2048 : 200);
		p[i] = kmalloc(size[i]);
		assert_non_null(p[i]);
		fill(p[i], size[i], i);
		used += class_size(size[i]);
	}
	assert_int_equal(kheap_bytes_used(), used);
	for (uint32_t i = 0; i < 600; i++)
		check_fill(p[i], size[i], i);
	/* Whole classes, not just the sizes asked for, are disjoint. */
	for (uint32_t i = 0; i < 600; i++)
		for (uint32_t j = i + 1; j < 600; j++)
			assert_true(p[i] + class_size(size[i]) <= p[j] ||
				    p[j] + class_size(size[j]) <= p[i]);
	/* Objects never cover the start region's bytes below the heap's start. */
	for (uint32_t i = 0; i < 600; i++)
		if (PAGE_ROUND_DOWN((uintptr_t)p[i]) == PAGE_ROUND_DOWN((uintptr_t)arena_start))
			assert_true(in_arena(p[i], class_size(size[i])));
	for (uint32_t i = 0; i < 600; i += 2)
		kfree(p[i]);
	for (uint32_t i = 1; i < 600; i += 2)
		check_fill(p[i], size[i], i);
	for (uint32_t i = 1; i < 600; i += 2)
		kfree(p[i]);
	check_empty();
}

/* A slab whose last object goes is a frame back at once. */
static void test_empty_slab_returns_frame(void **state)
{
	(void)state;
	void *a = kmalloc(2048), *b = kmalloc(2048);
	assert_int_equal(kheap_frames(), 2);
	assert_int_equal(frame_free_count(), frames_at_start - 2);
	kfree(a);
	assert_int_equal(kheap_frames(), 1);
	assert_int_equal(frame_free_count(), frames_at_start - 1);
	assert_int_equal(kheap_bytes_used(), 2048);
	kfree(b);
	check_empty();
}

static void test_out_of_frames(void **state)
{
	(void)state;
	heap_reset(2);
	void *small = kmalloc(16);
	assert_true(in_arena(small, 16));
	void *a = kmalloc(2048), *b = kmalloc(1025);
	assert_non_null(a);
	assert_non_null(b);
	fill(a, 2048, 1);
	fill(b, 1025, 2);
	assert_int_equal(frame_free_count(), 0);
	assert_null(kmalloc(2048));
	assert_null(kmalloc(1024)); /* no slab of that class, no frame for one */
	assert_null(kzalloc(100));
	assert_int_equal(kheap_bytes_used(), 4096 + 16);
	assert_int_equal(kheap_frames(), 2);
	check_fill(a, 2048, 1);
	check_fill(b, 1025, 2);

	/* A class with room left still serves. */
	void *small2 = kmalloc(10);
	assert_non_null(small2);
	assert_true(in_arena(small2, 16));

	kfree(a);
	void *c = kmalloc(2000);
	assert_non_null(c);
	assert_int_equal(kheap_bytes_used(), 4096 + 32);
	kfree(b);
	kfree(c);
	kfree(small);
	kfree(small2);
	check_empty();
}

/* Fill one class until there is nothing left, then give it all back. */
static void test_exhaust_one_class(void **state)
{
	(void)state;
	static void *p[MAX_OBJECTS];
	heap_reset(3);
	uint32_t n = 0;
	while ((p[n] = kmalloc(64)) != NULL) {
		fill(p[n], 64, n);
		n++;
		assert_true(n < MAX_OBJECTS);
	}
	assert_int_equal(kheap_frames(), 3);
	assert_int_equal(frame_free_count(), 0);
	assert_int_equal(kheap_bytes_used(), n * 64);
	assert_true(n >= 3 * (PAGE_SIZE / 64 - 1));
	assert_null(kmalloc(64));
	for (uint32_t i = 0; i < n; i++)
		check_fill(p[i], 64, i);
	for (uint32_t i = n; i-- > 0;)
		kfree(p[i]);
	check_empty();
	/* Everything is usable again. */
	for (uint32_t i = 0; i < n; i++)
		assert_non_null(p[i] = kmalloc(64));
	for (uint32_t i = 0; i < n; i++)
		kfree(p[i]);
	check_empty();
}

/* A deterministic pseudo-random mix of allocations and frees. */
static void test_stress(void **state)
{
	(void)state;
	enum { SLOTS = 256, STEPS = 40000 };
	static uint8_t *p[SLOTS];
	static size_t size[SLOTS];
	static uint32_t seed[SLOTS];
	memset(p, 0, sizeof p);
	size_t used = 0;
	uint32_t max_frames = 0;
	for (uint32_t step = 0; step < STEPS; step++) {
		uint32_t slot = next_random() % SLOTS;
		if (p[slot]) {
			check_fill(p[slot], size[slot], seed[slot]);
			kfree(p[slot]);
			used -= class_size(size[slot]);
			p[slot] = NULL;
		} else {
			/* Mostly small objects, as the kernel's are. */
			uint32_t limit = next_random() % 4 ? 128 : KHEAP_MAX_OBJECT;
			size[slot] = 1 + next_random() % limit;
			seed[slot] = step;
			p[slot] = kmalloc(size[slot]);
			assert_non_null(p[slot]);
			assert_int_equal((uintptr_t)p[slot] % class_size(size[slot]), 0);
			fill(p[slot], size[slot], step);
			used += class_size(size[slot]);
		}
		if (kheap_frames() > max_frames)
			max_frames = kheap_frames();
		if (step % 1000 == 0) {
			assert_int_equal(kheap_bytes_used(), used);
			assert_int_equal(frame_free_count(), frames_at_start - kheap_frames());
		}
	}
	assert_int_equal(kheap_bytes_used(), used);
	assert_int_equal(frame_free_count(), frames_at_start - kheap_frames());
	assert_true(max_frames > 8); /* the mix did reach beyond the start region */
	for (uint32_t slot = 0; slot < SLOTS; slot++)
		if (p[slot]) {
			check_fill(p[slot], size[slot], seed[slot]);
			kfree(p[slot]);
		}
	check_empty();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(test_first_slab_in_start_region, setup),
	    cmocka_unit_test_setup(test_start_region_then_frames, setup),
	    cmocka_unit_test_setup(test_big_first_object, setup),
	    cmocka_unit_test_setup(test_alignment, setup),
	    cmocka_unit_test_setup(test_refuses_sizes, setup),
	    cmocka_unit_test_setup(test_kzalloc, setup),
	    cmocka_unit_test_setup(test_no_overlap, setup),
	    cmocka_unit_test_setup(test_empty_slab_returns_frame, setup),
	    cmocka_unit_test_setup(test_out_of_frames, setup),
	    cmocka_unit_test_setup(test_exhaust_one_class, setup),
	    cmocka_unit_test_setup(test_stress, setup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
