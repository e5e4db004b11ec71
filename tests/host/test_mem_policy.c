/*
 * Unit tests of the memory server's policy (servers/mem/policy.c) against a
 * fake kernel: heap limits, break and page accounting, shrinking, rollback when
 * frames run out, which faults get a page, unknown pids, and clients kept apart
 * by pid, including a new process in an ended one's slot; and a new server
 * that takes over running processes from the kernel's snapshot of them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* cmocka.h needs the headers above first. */
#include <cmocka.h>

#include <string.h>

#include "policy.h"

#define P MEM_PAGE

/* The layout layout_user gives a program of heap_pages and reserve_pages + 1
 * stack pages whose shared data starts just past stack_start. */
static struct proc_layout layout(uint32_t heap_pages, uint32_t reserve_pages)
{
	const uint32_t stack_start = 0xffffd000u;
	uint32_t stack_limit = stack_start - reserve_pages * P;
	uint32_t guard = stack_limit - P;
	return (struct proc_layout){
	    .heap_base = guard - heap_pages * P,
	    .heap_limit = guard,
	    .guard = guard,
	    .stack_limit = stack_limit,
	    .stack_start = stack_start,
	    .stack_top = stack_start + 0x100,
	    .shared_start = stack_start + 0x104,
	    .shared_end = stack_start + 0x1400,
	};
}

/* Pid 1's: heap_base 0xffff0000, 8 heap pages, guard, 4 pages of stack reserve. */
#define A_HEAP 8
#define A_RESERVE 4
#define A layout(A_HEAP, A_RESERVE)
/* Pid 2's: a smaller heap elsewhere, so a mix-up of layouts shows. */
#define B_HEAP 2
#define B layout(B_HEAP, 1)

#define FAKE_PROCS 4
#define FAKE_PAGES 32 /* more than any layout above has heap and reserve */

/* The kernel as the policy sees it, checking as sys_map and sys_unmap do. */
struct fake_proc {
	int pid; /* 0: none */
	struct proc_layout layout;
	uint32_t pages[FAKE_PAGES]; /* mapped by the pager, in no order */
	int npages;
};

static struct {
	struct fake_proc procs[FAKE_PROCS];
	int maps, unmaps; /* calls so far, failed ones too */
	int fail_at;      /* the map call that finds no frame; 0: none */
} k;

static struct mem_state m;

static struct fake_proc *fake_find(int pid)
{
	for (int i = 0; i < FAKE_PROCS; i++)
		if (pid > 0 && k.procs[i].pid == pid)
			return &k.procs[i];
	return NULL;
}

static void fake_start(int pid, struct proc_layout l)
{
	struct fake_proc *p = NULL;
	assert_null(fake_find(pid));
	for (int i = 0; i < FAKE_PROCS && !p; i++)
		if (k.procs[i].pid == 0)
			p = &k.procs[i];
	assert_non_null(p);
	*p = (struct fake_proc){.pid = pid, .layout = l};
}

/* The process ends: the kernel frees its pages with it. */
static void fake_end(int pid)
{
	struct fake_proc *p = fake_find(pid);
	assert_non_null(p);
	p->pid = 0;
}

/* The nth map call from now runs out of frames. */
static void fake_fail_map(int n)
{
	k.fail_at = k.maps + n;
}

static int fake_index(const struct fake_proc *p, uint32_t va)
{
	for (int i = 0; i < p->npages; i++)
		if (p->pages[i] == va)
			return i;
	return -1;
}

/* sys_map takes only a page of the heap or of the stack reserve. */
static int fake_check(const struct fake_proc *p, uint32_t va)
{
	const struct proc_layout *l = &p->layout;
	bool heap = va >= l->heap_base && va < l->heap_limit;
	bool stack = va >= l->stack_limit && va < l->stack_start;
	return va % P || (!heap && !stack) ? -EINVAL : 0;
}

static int fake_layout(int pid, struct proc_layout *out)
{
	struct fake_proc *p = fake_find(pid);
	if (!p)
		return -ESRCH;
	*out = p->layout;
	return 0;
}

static int fake_map(int pid, uint32_t va)
{
	struct fake_proc *p = fake_find(pid);
	k.maps++;
	if (!p)
		return -ESRCH;
	if (fake_check(p, va))
		return -EINVAL;
	if (k.maps == k.fail_at)
		return -ENOMEM; /* sys_map takes the frame before it looks at the entry */
	if (fake_index(p, va) >= 0)
		return -EEXIST;
	assert_true(p->npages < FAKE_PAGES);
	p->pages[p->npages++] = va;
	return 0;
}

static int fake_unmap(int pid, uint32_t va)
{
	struct fake_proc *p = fake_find(pid);
	k.unmaps++;
	if (!p)
		return -ESRCH;
	if (fake_check(p, va))
		return -EINVAL;
	int i = fake_index(p, va);
	if (i < 0)
		return -ENOENT;
	p->pages[i] = p->pages[--p->npages];
	return 0;
}

static const struct mem_ops fake_ops = {
    .layout = fake_layout,
    .map = fake_map,
    .unmap = fake_unmap,
};

static int setup(void **state)
{
	(void)state;
	memset(&k, 0, sizeof k);
	memset(&m, 0, sizeof m);
	m.ops = &fake_ops;
	fake_start(1, A);
	fake_start(2, B);
	return 0;
}

static int mapped_count(int pid)
{
	struct fake_proc *p = fake_find(pid);
	assert_non_null(p);
	return p->npages;
}

static bool is_mapped(int pid, uint32_t va)
{
	struct fake_proc *p = fake_find(pid);
	assert_non_null(p);
	return fake_index(p, va) >= 0;
}

/* pid has exactly the first heap_pages pages of its heap mapped, and the page
 * extra when it is not 0. */
static void assert_mapped(int pid, uint32_t heap_pages, uint32_t extra)
{
	uint32_t base = fake_find(pid)->layout.heap_base;
	assert_int_equal(mapped_count(pid), heap_pages + (extra != 0));
	for (uint32_t i = 0; i < heap_pages; i++)
		assert_true(is_mapped(pid, base + i * P));
	if (extra)
		assert_true(is_mapped(pid, extra));
}

/* The break, as a client learns it: sbrk(0). */
static uint32_t brk_of(int pid)
{
	uint32_t old = 0;
	assert_int_equal(mem_sbrk(&m, pid, 0, &old), 0);
	return old;
}

static void sbrk_ok(int pid, int32_t increment, uint32_t expect_old)
{
	uint32_t old = 0;
	assert_int_equal(mem_sbrk(&m, pid, increment, &old), 0);
	assert_int_equal(old, expect_old);
}

/* mem_sbrk fails with err and touches neither the break, the pages nor *old. */
static void sbrk_fails(int pid, int32_t increment, int err)
{
	uint32_t brk = brk_of(pid), old = 0x5a5a5a5a;
	int pages = mapped_count(pid), maps = k.maps, unmaps = k.unmaps;
	assert_int_equal(mem_sbrk(&m, pid, increment, &old), err);
	assert_int_equal(old, 0x5a5a5a5a);
	assert_int_equal(brk_of(pid), brk);
	assert_int_equal(mapped_count(pid), pages);
	assert_int_equal(k.maps, maps);
	assert_int_equal(k.unmaps, unmaps);
}

static void test_grow_to_exact_limit(void **state)
{
	(void)state;
	const struct proc_layout a = A;
	sbrk_ok(1, A_HEAP * P, a.heap_base);
	assert_int_equal(brk_of(1), a.heap_limit);
	assert_mapped(1, A_HEAP, 0);
}

static void test_past_limit_changes_nothing(void **state)
{
	(void)state;
	const struct proc_layout a = A;
	sbrk_fails(1, A_HEAP * P + 1, -ENOMEM);
	assert_int_equal(brk_of(1), a.heap_base);
	assert_mapped(1, 0, 0);

	sbrk_ok(1, 3 * P + 5, a.heap_base);
	sbrk_fails(1, (A_HEAP - 3) * P - 5 + 1, -ENOMEM);
	sbrk_fails(1, INT32_MAX, -ENOMEM);
	assert_mapped(1, 4, 0);

	sbrk_ok(1, (A_HEAP - 3) * P - 5, a.heap_base + 3 * P + 5);
	sbrk_fails(1, 1, -ENOMEM);
	assert_int_equal(brk_of(1), a.heap_limit);
	assert_mapped(1, A_HEAP, 0);
}

static void test_below_start_changes_nothing(void **state)
{
	(void)state;
	const struct proc_layout a = A;
	sbrk_fails(1, -1, -EINVAL);
	sbrk_ok(1, 2 * P, a.heap_base);
	sbrk_fails(1, -2 * (int32_t)P - 1, -EINVAL);
	sbrk_fails(1, INT32_MIN, -EINVAL);
	assert_int_equal(brk_of(1), a.heap_base + 2 * P);
	assert_mapped(1, 2, 0);
}

static void test_sub_page_increments(void **state)
{
	(void)state;
	const uint32_t base = A.heap_base;
	sbrk_ok(1, 1, base);
	assert_mapped(1, 1, 0);

	int maps = k.maps;
	sbrk_ok(1, P - 1, base + 1);
	assert_int_equal(k.maps, maps);
	assert_int_equal(brk_of(1), base + P);
	assert_mapped(1, 1, 0);

	sbrk_ok(1, 1, base + P);
	assert_int_equal(brk_of(1), base + P + 1);
	assert_mapped(1, 2, 0);
}

static void test_shrink_frees_pages(void **state)
{
	(void)state;
	const uint32_t base = A.heap_base;
	sbrk_ok(1, 5 * P + 100, base);
	assert_mapped(1, 6, 0);

	sbrk_ok(1, -2 * (int32_t)P, base + 5 * P + 100);
	assert_mapped(1, 4, 0);
	/* The break's own page stays while any byte of it is below the break. */
	sbrk_ok(1, -100, base + 3 * P + 100);
	assert_mapped(1, 3, 0);
	sbrk_ok(1, -1, base + 3 * P);
	assert_mapped(1, 3, 0);
	sbrk_ok(1, -(int32_t)P + 1, base + 3 * P - 1);
	assert_mapped(1, 2, 0);
	assert_int_equal(brk_of(1), base + 2 * P);
}

static void test_sbrk_zero_returns_break(void **state)
{
	(void)state;
	const uint32_t base = A.heap_base;
	assert_int_equal(brk_of(1), base);
	sbrk_ok(1, 1234, base);
	int maps = k.maps, unmaps = k.unmaps;
	assert_int_equal(brk_of(1), base + 1234);
	assert_int_equal(brk_of(1), base + 1234);
	assert_int_equal(k.maps, maps);
	assert_int_equal(k.unmaps, unmaps);
	assert_mapped(1, 1, 0);
}

static void test_shrink_to_start_and_regrow(void **state)
{
	(void)state;
	const uint32_t base = A.heap_base;
	sbrk_ok(1, A_HEAP * P, base);
	sbrk_ok(1, -A_HEAP * (int32_t)P, base + A_HEAP * P);
	assert_int_equal(brk_of(1), base);
	assert_mapped(1, 0, 0);
	/* The fake refuses a second map of a page: these were really unmapped. */
	sbrk_ok(1, A_HEAP * P, base);
	assert_mapped(1, A_HEAP, 0);
}

static void test_out_of_frames_rolls_back(void **state)
{
	(void)state;
	const uint32_t base = A.heap_base;
	sbrk_ok(1, P + 10, base);

	fake_fail_map(3);
	int maps = k.maps, unmaps = k.unmaps;
	uint32_t old = 0x5a5a5a5a;
	assert_int_equal(mem_sbrk(&m, 1, 4 * P, &old), -ENOMEM);
	assert_int_equal(old, 0x5a5a5a5a);
	assert_int_equal(k.maps - maps, 3);
	assert_int_equal(k.unmaps - unmaps, 2); /* the two this call mapped */
	assert_int_equal(brk_of(1), base + P + 10);
	assert_mapped(1, 2, 0);

	/* Out of frames at once: nothing to undo. */
	fake_fail_map(1);
	unmaps = k.unmaps;
	assert_int_equal(mem_sbrk(&m, 1, P, &old), -ENOMEM);
	assert_int_equal(k.unmaps, unmaps);
	assert_mapped(1, 2, 0);

	/* With frames again the same growth succeeds: nothing was left mapped. */
	sbrk_ok(1, 4 * P, base + P + 10);
	assert_mapped(1, 6, 0);
}

static void test_fault_in_reserve_maps_its_page(void **state)
{
	(void)state;
	const struct proc_layout a = A;
	/* Lowest byte, a middle one and the highest byte of the reserve. */
	const uint32_t at[] = {a.stack_limit, a.stack_limit + 2 * P + 0x7fc, a.stack_start - 1};
	const uint32_t page[] = {a.stack_limit, a.stack_limit + 2 * P, a.stack_start - P};
	for (int i = 0; i < 3; i++) {
		assert_int_equal(mem_fault(&m, 1, at[i]), 0);
		assert_int_equal(mapped_count(1), i + 1);
		assert_true(is_mapped(1, page[i]));
		assert_int_equal(mem_client(&m, 1)->stack_pages, i + 1);
	}
	assert_int_equal(brk_of(1), a.heap_base);
}

static void test_fault_out_of_frames(void **state)
{
	(void)state;
	fake_fail_map(1);
	assert_true(mem_fault(&m, 1, A.stack_limit) < 0);
	assert_mapped(1, 0, 0);
	assert_int_equal(mem_client(&m, 1)->stack_pages, 0);
}

static void test_fault_elsewhere_refused(void **state)
{
	(void)state;
	const struct proc_layout a = A;
	sbrk_ok(1, P + 10, a.heap_base);
	const uint32_t at[] = {
	    a.heap_base,         /* the heap below the break: mapped already */
	    a.heap_base + 2 * P, /* the heap above the break */
	    a.heap_limit - 1,    /* its last byte */
	    a.guard,             /* the guard page */
	    a.guard + P - 1,     /* its last byte */
	    a.heap_base - 1,     /* below the heap */
	    0xfe000000u,         /* the smallest user region's start */
	    a.stack_start,       /* the stack's first page, and the shared data */
	    a.stack_top,         /* the initial sp */
	    a.shared_end - 1,    /* the shared data's last byte */
	    0xfffff000u,         /* the top page */
	    0xffffffffu,         /* its last byte */
	    0,                   /* kernel space: the vectors */
	    0x8000u,             /* kernel text */
	    0xb0000000u,         /* kernel device pages */
	    0xbfffffffu,         /* its last byte */
	};
	int maps = k.maps;
	for (size_t i = 0; i < sizeof at / sizeof at[0]; i++)
		assert_true(mem_fault(&m, 1, at[i]) < 0);
	assert_int_equal(k.maps, maps);
	assert_mapped(1, 2, 0);
	assert_int_equal(mem_client(&m, 1)->stack_pages, 0);
	assert_int_equal(brk_of(1), a.heap_base + P + 10);
}

static void test_unknown_pid(void **state)
{
	(void)state;
	const uint32_t base = A.heap_base;
	sbrk_ok(1, 100, base);
	/* 7 was never started; 33 would share pid 1's slot; 0 and below are no process. */
	const int pids[] = {7, 33, 0, -1, -32};
	for (size_t i = 0; i < sizeof pids / sizeof pids[0]; i++) {
		uint32_t old = 0x5a5a5a5a;
		assert_int_equal(mem_sbrk(&m, pids[i], P, &old), -ESRCH);
		assert_int_equal(mem_sbrk(&m, pids[i], 0, &old), -ESRCH);
		assert_int_equal(old, 0x5a5a5a5a);
		assert_int_equal(mem_fault(&m, pids[i], A.stack_limit), -ESRCH);
		assert_null(mem_client(&m, pids[i]));
	}
	assert_int_equal(k.maps, 1);
	/* Pid 1's record survived a stranger asking about its slot. */
	assert_int_equal(brk_of(1), base + 100);
	assert_mapped(1, 1, 0);
}

static void test_clients_independent(void **state)
{
	(void)state;
	const struct proc_layout a = A, b = B;
	sbrk_ok(1, 3 * P, a.heap_base);
	sbrk_ok(2, 10, b.heap_base);
	assert_int_equal(brk_of(1), a.heap_base + 3 * P);
	assert_int_equal(brk_of(2), b.heap_base + 10);
	assert_mapped(1, 3, 0);
	assert_mapped(2, 1, 0);

	/* Each has its own limit: pid 1 may grow where pid 2 may not. */
	sbrk_fails(2, B_HEAP * P, -ENOMEM);
	sbrk_ok(1, B_HEAP * P, a.heap_base + 3 * P);

	assert_int_equal(mem_fault(&m, 2, b.stack_limit), 0);
	assert_mapped(2, 1, b.stack_limit);
	assert_mapped(1, 3 + B_HEAP, 0);
	assert_int_equal(mem_client(&m, 1)->stack_pages, 0);

	sbrk_ok(1, -3 * (int32_t)P, a.heap_base + (3 + B_HEAP) * P);
	assert_int_equal(brk_of(2), b.heap_base + 10);
	assert_mapped(2, 1, b.stack_limit);
}

static void test_slot_reuse_starts_fresh(void **state)
{
	(void)state;
	const struct proc_layout a = A, b = B;
	sbrk_ok(1, 3 * P + 7, a.heap_base);
	assert_int_equal(mem_fault(&m, 1, a.stack_limit), 0);

	/* Pid 1 ends; the next process in its slot has another program's layout. */
	fake_end(1);
	fake_start(1 + MEM_CLIENTS, b);
	assert_int_equal(brk_of(1 + MEM_CLIENTS), b.heap_base);
	assert_int_equal(mem_client(&m, 1 + MEM_CLIENTS)->stack_pages, 0);
	assert_mapped(1 + MEM_CLIENTS, 0, 0);

	sbrk_ok(1 + MEM_CLIENTS, P, b.heap_base);
	assert_mapped(1 + MEM_CLIENTS, 1, 0);
	sbrk_fails(1 + MEM_CLIENTS, B_HEAP * P, -ENOMEM);

	uint32_t old;
	assert_int_equal(mem_sbrk(&m, 1, 0, &old), -ESRCH);
	assert_int_equal(mem_fault(&m, 1, a.stack_limit + P), -ESRCH);
	assert_int_equal(brk_of(1 + MEM_CLIENTS), b.heap_base + P);
}

/* What SYS_PROC_INFO tells a new server of pid: the pages mapped in its heap
 * and in its stack reserve. */
static struct mem_snapshot snapshot(int pid)
{
	struct fake_proc *p = fake_find(pid);
	struct mem_snapshot s = {.pid = pid};
	for (int i = 0; i < p->npages; i++) {
		bool heap =
		    p->pages[i] >= p->layout.heap_base && p->pages[i] < p->layout.heap_limit;
		s.heap_pages += heap;
		s.stack_pages += !heap;
	}
	return s;
}

/* The server is replaced while pid 1 has 3 pages and a bit of heap and 2
 * pages of stack: the new one grows and shrinks both from there, maps no page
 * twice (the fake kernel's -EEXIST would fail the request) and frees every
 * heap page it did not map itself. */
static void test_rebuild_from_snapshot(void **state)
{
	(void)state;
	struct proc_layout a = A;
	sbrk_ok(1, 3 * P + 100, a.heap_base);
	assert_int_equal(mem_fault(&m, 1, a.stack_start - 1), 0);
	assert_int_equal(mem_fault(&m, 1, a.stack_start - P - 1), 0);
	sbrk_ok(2, 10, B.heap_base);

	memset(&m, 0, sizeof m); /* the old server has ended */
	m.ops = &fake_ops;
	struct mem_snapshot s1 = snapshot(1), s2 = snapshot(2);
	assert_int_equal(s1.heap_pages, 4);
	assert_int_equal(s1.stack_pages, 2);
	assert_int_equal(mem_adopt(&m, &s1), 0);
	assert_int_equal(mem_adopt(&m, &s2), 0);
	assert_int_equal(m.clients[1].stack_pages, 2);

	int maps = k.maps;
	sbrk_ok(1, P, a.heap_base + 4 * P); /* from the end of its last page */
	assert_int_equal(k.maps, maps + 1);
	assert_mapped(2, 1, 0);
	assert_int_equal(mapped_count(1), 5 + 2);
	/* a page the old server mapped but did not answer for: the thread resumes */
	assert_int_equal(mem_fault(&m, 1, a.stack_start - P), 0);
	assert_int_equal(m.clients[1].stack_pages, 2);
	assert_int_equal(mem_fault(&m, 1, a.stack_start - 2 * P - 1), 0);
	assert_int_equal(m.clients[1].stack_pages, 3);
	assert_int_equal(mapped_count(1), 5 + 3);

	sbrk_ok(1, -5 * (int32_t)P, a.heap_base + 5 * P);
	assert_int_equal(mapped_count(1), 3); /* only the stack's pages are left */
	sbrk_ok(1, 2 * P, a.heap_base);
	assert_mapped(2, 1, 0);
}

/* A snapshot that does not fit the process's layout is refused and leaves no
 * record; a process that has ended cannot be taken over. */
static void test_adopt_refusals(void **state)
{
	(void)state;
	struct mem_snapshot too_big = {1, A_HEAP + 1, 0}, deep = {1, 0, A_RESERVE + 1};
	assert_int_equal(mem_adopt(&m, &too_big), -EINVAL);
	assert_int_equal(m.clients[1].pid, 0);
	assert_int_equal(mem_adopt(&m, &deep), -EINVAL);
	assert_int_equal(mem_adopt(&m, &(struct mem_snapshot){3, 0, 0}), -ESRCH);
	struct mem_snapshot full = {1, A_HEAP, A_RESERVE};
	assert_int_equal(mem_adopt(&m, &full), 0);
	sbrk_fails(1, 1, -ENOMEM);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(test_grow_to_exact_limit, setup),
	    cmocka_unit_test_setup(test_past_limit_changes_nothing, setup),
	    cmocka_unit_test_setup(test_below_start_changes_nothing, setup),
	    cmocka_unit_test_setup(test_sub_page_increments, setup),
	    cmocka_unit_test_setup(test_shrink_frees_pages, setup),
	    cmocka_unit_test_setup(test_sbrk_zero_returns_break, setup),
	    cmocka_unit_test_setup(test_shrink_to_start_and_regrow, setup),
	    cmocka_unit_test_setup(test_out_of_frames_rolls_back, setup),
	    cmocka_unit_test_setup(test_fault_in_reserve_maps_its_page, setup),
	    cmocka_unit_test_setup(test_fault_out_of_frames, setup),
	    cmocka_unit_test_setup(test_fault_elsewhere_refused, setup),
	    cmocka_unit_test_setup(test_unknown_pid, setup),
	    cmocka_unit_test_setup(test_clients_independent, setup),
	    cmocka_unit_test_setup(test_slot_reuse_starts_fresh, setup),
	    cmocka_unit_test_setup(test_rebuild_from_snapshot, setup),
	    cmocka_unit_test_setup(test_adopt_refusals, setup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
