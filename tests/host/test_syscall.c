/*
 * Unit tests of system-call argument checking: every call, with bad numbers,
 * pointers, lengths, targets and privileges, each refused with its error code
 * and nothing else changed; then the calls that succeed, and spawn/exit/wait
 * cycles that lose no frame and no byte of kernel heap.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <stdio.h>
#include <string.h>

/* cmocka.h needs the headers above first. */
#include <cmocka.h>

#include "clock.h"
#include "console.h"
#include "fake_kernel.h"
#include "fake_ram.h"
#include "harness.h"
#include "sched.h"
#include "syscall.h"
#include "wren/abi.h"

#define LAYOUT(t) (&(t)->proc->vm.layout)
#define HEAP(t) (LAYOUT(t)->heap_base)
#define STACK(t) (LAYOUT(t)->stack_start) /* the page every process starts with */
#define NPIDS 5
#define NBAD 10

/* Pids no process has: 0 is the kernel, the rest were never handed out. */
static const uint32_t no_such_pid[NPIDS] = {0, (uint32_t)-1, 12345, 0x7FFFFFFF, 0x80000000};

/* Pointers t may not use for len (>= 2) bytes: outside its regions, the kernel's,
 * crossing into the kernel's, wrapping around 2^32. (An unmapped page of its heap
 * or stack reserve is not among them: it is paged in, test_page_in.) t has its
 * first heap page mapped. */
struct bad {
	uint32_t at, len;
};
static uint32_t bad_pointers(struct thread *t, uint32_t len, struct bad out[NBAD])
{
	const struct proc_layout *l = LAYOUT(t);
	uint32_t n = 0;
	assert_true(len >= 2);
	out[n++] = (struct bad){l->heap_base - PAGE_SIZE, len};        /* unused region */
	out[n++] = (struct bad){l->guard, len};                        /* stack guard */
	out[n++] = (struct bad){l->region_base - PAGE_SIZE, len};      /* below the region */
	out[n++] = (struct bad){FAKE_DATA, len};                       /* kernel-only page */
	out[n++] = (struct bad){0, len};                               /* the vectors */
	out[n++] = (struct bad){l->heap_base - len / 2, len};          /* from unused */
	out[n++] = (struct bad){FAKE_TEXT + PAGE_SIZE - len / 2, len}; /* text into data */
	out[n++] = (struct bad){0u - len / 2, len};                    /* wraps around */
	out[n++] = (struct bad){0xFFFFFFFFu, 2};
	return n;
}

/* p collects its child pid and gets its exit status (on p's stack). */
static int collect(struct thread *p, uint32_t pid)
{
	uint32_t status = STACK(p) + 0x100;
	assert_int_equal(SYS(p, SYS_WAIT, pid, status), (int)pid);
	return (int)peek_word(p->proc, status);
}

/* Takes every free frame but `keep`, for out-of-memory paths. */
static paddr_t taken[FAKE_RAM_PAGES];
static uint32_t ntaken;
static void take_frames(uint32_t keep)
{
	while (frame_free_count() > keep)
		taken[ntaken++] = frame_alloc();
}

static void give_back_frames(void)
{
	while (ntaken)
		frame_free(taken[--ntaken]);
}

static void test_bad_numbers(void **state)
{
	(void)state;
	struct thread *t = start("plain", 0);
	start("plain", 0);
	const uint32_t numbers[] = {SYS_COUNT, SYS_COUNT + 1, 255, 0x80000000u, 0xFFFFFFFFu};
	for (size_t i = 0; i < sizeof numbers / sizeof *numbers; i++)
		REFUSED(ENOSYS, t, numbers[i], 1, 2, 3, 4, 5, 6, 7);
}

static void test_getpid_null_yield(void **state)
{
	(void)state;
	struct thread *t = start("plain", 0), *u = start("plain", 0);
	assert_int_equal(SYS(t, SYS_GETPID), t->proc->pid);
	assert_int_equal(SYS(t, SYS_NULL, 1, 2, 3), 0);
	assert_int_equal(SYS(t, SYS_YIELD), 0);
	assert_ptr_equal(running(), u);
	assert_int_equal(SYS(u, SYS_YIELD), 0);
	assert_ptr_equal(running(), t);
}

static void test_info(void **state)
{
	(void)state;
	struct thread *p = start("spawner", 0);
	struct thread *c = spawn(p, "plain", 0);
	ticks = 1234;
	assert_int_equal(SYS(p, SYS_INFO, INFO_FREE_FRAMES), (int)frame_free_count());
	assert_int_equal(SYS(p, SYS_INFO, INFO_HEAP_BYTES), (int)kheap_bytes_used());
	assert_int_equal(SYS(p, SYS_INFO, INFO_PROCS), 2);
	assert_int_equal(SYS(p, SYS_INFO, INFO_TICKS), 1234);
	assert_int_equal(SYS(p, SYS_INFO, INFO_PARENT), 0);
	assert_int_equal(SYS(p, SYS_INFO, INFO_TABLE_BYTES), (int)as_table_bytes(&p->proc->vm.as));
	assert_int_equal(SYS(p, SYS_INFO, INFO_PAGER), 0);
	assert_int_equal(SYS(p, SYS_INFO, INFO_IO_SERVER), 0); /* none runs */
	const uint32_t bad[] = {64, 0x80000000u, 0xFFFFFFFFu};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		REFUSED(EINVAL, p, SYS_INFO, bad[i]);
	int ppid = p->proc->pid;
	SYS(p, SYS_YIELD);
	assert_int_equal(SYS(c, SYS_INFO, INFO_PARENT), ppid);
	/* Pager 0 is the system pager, whichever process that is now. */
	system_pager = ppid;
	assert_int_equal(SYS(c, SYS_INFO, INFO_PAGER), ppid);
	system_pager = 0;
	SYS(c, SYS_YIELD);
	SYS(p, SYS_EXIT, 0);
	assert_int_equal(SYS(c, SYS_INFO, INFO_PARENT), 0); /* an orphan */
}

static void test_puts(void **state)
{
	(void)state;
	struct thread *t = start("plain", 0);
	uint32_t h = map_page(t->proc, HEAP(t));
	poke(t->proc, h, "hello", 5);
	assert_int_equal(SYS(t, SYS_PUTS, h, 5), 5);
	assert_string_equal(fake_console(), "hello");
	/* String constants in the shared .rodata are the caller's to read. */
	assert_int_equal(SYS(t, SYS_PUTS, FAKE_TEXT, 4), 4);
	assert_string_equal(fake_console(), "hellouser");
	assert_int_equal(SYS(t, SYS_PUTS, 0, 0), 0);
	/* Up to the very top of the address space, which is not a wrap. */
	assert_int_equal(SYS(t, SYS_PUTS, 0xFFFFFFFFu, 1), 1);
	assert_int_equal(fake_console_len(), 10);

	/* The most at once, across a page boundary. */
	static char big[4096];
	for (uint32_t i = 0; i < sizeof big; i++)
		big[i] = (char)('a' + i % 26);
	map_page(t->proc, h + PAGE_SIZE);
	poke(t->proc, h + 100, big, sizeof big);
	assert_int_equal(SYS(t, SYS_PUTS, h + 100, sizeof big), (int)sizeof big);
	assert_memory_equal(fake_console() + 10, big, sizeof big);
	assert_int_equal(as_unmap(&t->proc->vm.as, h + PAGE_SIZE), 0);

	REFUSED(EINVAL, t, SYS_PUTS, h, 4097);
	REFUSED(EINVAL, t, SYS_PUTS, h, 0xFFFFFFFFu);
	struct bad bad[NBAD];
	for (uint32_t len = 2; len <= 128; len *= 4)
		for (uint32_t n = bad_pointers(t, len, bad), i = 0; i < n; i++)
			REFUSED(EFAULT, t, SYS_PUTS, bad[i].at, bad[i].len);
}

static void test_spawn_refusals(void **state)
{
	(void)state;
	struct thread *plain = start("plain", 0), *sp = start("spawner", 0);
	const uint32_t name = STACK(sp);
	poke(plain->proc, STACK(plain), "plain", 5);
	REFUSED(EPERM, plain, SYS_SPAWN, STACK(plain), 5, 0);
	run_until(sp);

	poke(sp->proc, name, "plain", 5);
	REFUSED(EINVAL, sp, SYS_SPAWN, name, 0, 0);
	REFUSED(EINVAL, sp, SYS_SPAWN, name, 33, 0);
	REFUSED(EINVAL, sp, SYS_SPAWN, name, 0xFFFFFFFFu, 0);
	uint32_t h = map_page(sp->proc, HEAP(sp));
	struct bad bad[NBAD];
	for (uint32_t n = bad_pointers(sp, 5, bad), i = 0; i < n; i++)
		REFUSED(EFAULT, sp, SYS_SPAWN, bad[i].at, bad[i].len, 0);
	REFUSED(ENOENT, sp, SYS_SPAWN, name, 3, 0); /* "pla" */
	poke(sp->proc, h, "plainer", 7);
	REFUSED(ENOENT, sp, SYS_SPAWN, h, 7, 0);
	REFUSED(ENOENT, sp, SYS_SPAWN, FAKE_TEXT, 4, 0); /* "user", from .rodata */

	for (uint32_t i = 1; i < NPIDS; i++) /* pager 0: the spawner's own */
		REFUSED(ESRCH, sp, SYS_SPAWN, name, 5, no_such_pid[i]);
	struct thread *c = spawn(sp, "plain", 0);
	uint32_t dead = PID(c);
	assert_int_equal(SYS(sp, SYS_KILL, dead), 0);
	REFUSED(ESRCH, sp, SYS_SPAWN, name, 5, dead); /* a zombie pages nothing */
	assert_int_equal(collect(sp, dead), KILLED | KILL_BY_REQUEST);
	REFUSED(ESRCH, sp, SYS_SPAWN, name, 5, dead);
}

static void test_spawn(void **state)
{
	(void)state;
	struct thread *pg = start("pager", 0);
	struct thread *sp = start("spawner", (int)PID(pg));
	run_until(sp);
	const char *longest = "thirty-two-characters-long-name!";
	struct thread *c = spawn(sp, longest, 0);
	assert_string_equal(c->proc->program->name, longest);
	assert_int_equal(c->proc->pager, pg->proc->pid); /* the spawner's pager */
	assert_int_equal(c->state, THREAD_RUNNABLE);
	/* It starts in libsys with its main as the argument, sp at the top of its stack. */
	assert_int_equal(c->ctx.pc, FAKE_USER_START);
	assert_int_equal(c->ctx.r[0], (uint32_t)(uintptr_t)fake_main);
	assert_int_equal(c->ctx.sp, FAKE_SHARED_START);
	assert_int_equal(c->ctx.cpsr & 0x1f, 0x10);
	/* With its own copy of the user-side globals, on two pages. */
	char data[FAKE_DATA_SHARED_SIZE];
	peek(c->proc, FAKE_SHARED_START, data, sizeof data);
	assert_memory_equal(data, __shared_orig_start, sizeof data);

	c = spawn(sp, "plain", (int)PID(sp));
	assert_int_equal(c->proc->pager, sp->proc->pid);
	assert_int_equal(SYS(sp, SYS_INFO, INFO_PROCS), 4);
}

static void test_spawn_table_full(void **state)
{
	(void)state;
	struct thread *sp = start("spawner", 0);
	const uint32_t name = STACK(sp);
	struct thread *c = NULL;
	while (proc_count() < MAX_PROCS - 1) /* slot 0 would be pid 0 */
		c = spawn(sp, "plain", 0);
	poke(sp->proc, name, "plain", 5);
	REFUSED(EAGAIN, sp, SYS_SPAWN, name, 5, 0);
	uint32_t pid = PID(c);
	assert_int_equal(SYS(sp, SYS_KILL, pid), 0);
	REFUSED(EAGAIN, sp, SYS_SPAWN, name, 5, 0); /* the zombie keeps its slot */
	assert_int_equal(collect(sp, pid), KILLED | KILL_BY_REQUEST);
	spawn(sp, "plain", 0);
}

/* Out of frames at every step of making a process: each undone completely. */
static void test_spawn_out_of_memory(void **state)
{
	(void)state;
	struct thread *sp = start("spawner", 0);
	const uint32_t name = STACK(sp);
	poke(sp->proc, name, "plain", 5);
	for (uint32_t keep = 0;; keep++) {
		assert_true(keep < 16);
		take_frames(keep);
		int pid = ALL_OR_NOTHING(sp, SYS_SPAWN, name, 5, 0);
		give_back_frames();
		if (pid > 0) {
			assert_true(keep >= 3); /* a level-3 table and two pages at least */
			take_cpu(sp);           /* the child of its own priority ran first */
			assert_int_equal(SYS(sp, SYS_KILL, pid), 0);
			assert_int_equal(collect(sp, (uint32_t)pid), KILLED | KILL_BY_REQUEST);
			break;
		}
		assert_int_equal(pid, -ENOMEM);
	}
}

/* A child of its parent's priority runs first, for one turn, then its parent
 * has the CPU back. */
static void test_spawned_child_turn(void **state)
{
	(void)state;
	struct thread *sp = start("spawner", 0);
	const uint32_t name = STACK(sp);
	poke(sp->proc, name, "plain", 5);
	struct thread *c = &proc_find(SYS(sp, SYS_SPAWN, name, 5, 0))->thread;
	for (int tick = 0; tick < QUANTUM; tick++) {
		assert_ptr_equal(running(), c);
		interrupt(FAKE_TICK_IRQ);
	}
	assert_ptr_equal(running(), sp);
}

static void test_wait(void **state)
{
	(void)state;
	struct thread *p = start("spawner", 0), *other = start("plain", 0);
	const uint32_t status = STACK(p) + 0x100;
	REFUSED(ECHILD, p, SYS_WAIT, (uint32_t)-1, 0);
	REFUSED(ECHILD, p, SYS_WAIT, (uint32_t)-1, status);
	REFUSED(ECHILD, p, SYS_WAIT, PID(other), 0);
	REFUSED(ECHILD, p, SYS_WAIT, 0, 0);
	struct thread *c = spawn(p, "plain", 0);
	uint32_t cpid = PID(c);
	REFUSED(ECHILD, p, SYS_WAIT, PID(other), 0);
	REFUSED(ECHILD, p, SYS_WAIT, (uint32_t)-2, 0);
	map_page(p->proc, HEAP(p));
	struct bad bad[NBAD];
	for (uint32_t n = bad_pointers(p, sizeof(int), bad), i = 0; i < n; i++)
		if (bad[i].len == sizeof(int) && bad[i].at) /* 0: status not wanted */
			REFUSED(EFAULT, p, SYS_WAIT, cpid, bad[i].at);
	REFUSED(EFAULT, p, SYS_WAIT, cpid, FAKE_TEXT); /* readable is not writable */

	/* Waits while the child runs; no notification when waited for. */
	SYS(p, SYS_WAIT, cpid, status);
	assert_int_equal(p->state, THREAD_CHILD_WAIT);
	run_until(c);
	SYS(c, SYS_EXIT, 42);
	assert_int_equal(p->state, THREAD_RUNNABLE);
	assert_int_equal(p->ctx.r[0], cpid);
	assert_int_equal(peek_word(p->proc, status), 42);
	assert_int_equal(p->proc->notify_bits, 0);
	assert_null(proc_find((int)cpid));
	assert_int_equal(proc_count(), 2);

	/* Any child; one that has ended already is collected at once, status not wanted. */
	run_until(p);
	c = spawn(p, "plain", 0);
	cpid = PID(c);
	SYS(p, SYS_YIELD);
	run_until(c);
	SYS(c, SYS_EXIT, 1);
	run_until(p);
	assert_int_equal(SYS(p, SYS_WAIT, (uint32_t)-1, 0), (int)cpid);
	assert_int_equal(proc_count(), 2);
	SYS(p, SYS_RECV); /* the news of it */
	assert_int_equal(p->proc->notify_bits, 0);

	/* The end of a child other than the one waited for is only news. */
	struct thread *c3 = spawn(p, "plain", 0), *c4 = spawn(p, "plain", 0);
	uint32_t pid3 = PID(c3), pid4 = PID(c4);
	SYS(p, SYS_WAIT, pid3, status);
	run_until(c4);
	SYS(c4, SYS_EXIT, 4);
	assert_int_equal(p->state, THREAD_CHILD_WAIT);
	assert_int_equal(p->proc->notify_bits, NOTIFY_CHILD_EXIT);
	run_until(c3);
	SYS(c3, SYS_EXIT, 3);
	assert_int_equal(p->ctx.r[0], pid3);
	assert_int_equal(peek_word(p->proc, status), 3);
	run_until(p);
	assert_int_equal(collect(p, pid4), 4);
}

static void test_kill(void **state)
{
	(void)state;
	struct thread *sp = start("spawner", 0), *plain = start("plain", 0);
	struct thread *killer = start("killer", 0);
	struct thread *c = spawn(sp, "plain", 0);
	for (uint32_t i = 0; i < NPIDS; i++)
		REFUSED(ESRCH, sp, SYS_KILL, no_such_pid[i]);
	run_until(plain);
	REFUSED(EPERM, plain, SYS_KILL, PID(sp));
	REFUSED(EPERM, plain, SYS_KILL, PID(c)); /* not its child */
	REFUSED(EPERM, plain, SYS_KILL, PID(killer));

	/* PRIV_KILL: any process. */
	run_until(killer);
	uint32_t pid = PID(plain);
	assert_int_equal(SYS(killer, SYS_KILL, pid), 0);
	assert_null(proc_find((int)pid));
	char line[96];
	snprintf(line, sizeof line,
		 "[kernel] pid %u (plain) killed: by request of pid %u (killer)\n", pid,
		 PID(killer));
	assert_string_equal(fake_console(), line);

	/* One's own child. */
	run_until(sp);
	pid = PID(c);
	assert_int_equal(SYS(sp, SYS_KILL, pid), 0);
	REFUSED(ESRCH, sp, SYS_KILL, pid); /* it has ended */
	assert_int_equal(collect(sp, pid), KILLED | KILL_BY_REQUEST);
	REFUSED(ESRCH, sp, SYS_KILL, pid);

	/* Oneself. */
	pid = PID(sp);
	SYS(sp, SYS_KILL, pid);
	assert_null(proc_find((int)pid));
	assert_ptr_equal(running(), killer);
}

/* What a struct ipc_buf says, and the error it must get. */
struct bad_buf {
	uint32_t send, send_len, recv, recv_cap;
	int err;
};

static void test_ipc_refusals(void **state)
{
	(void)state;
	struct thread *s = start("plain", 0), *x = start("plain", 0), *c = start("plain", 0);
	SYS(s, SYS_YIELD);
	SYS(x, SYS_SEND, PID(s), 1); /* a queue that must stay as it is */
	assert_ptr_equal(s->senders, x);
	run_until(c);
	for (uint32_t i = 0; i < NPIDS; i++) {
		REFUSED(ESRCH, c, SYS_CALL, no_such_pid[i], 1);
		REFUSED(ESRCH, c, SYS_SEND, no_such_pid[i], 1);
		REFUSED(ESRCH, c, SYS_NOTIFY, no_such_pid[i], 1);
	}
	/* The kernel's labels cannot be forged. */
	const uint32_t labels[] = {IPC_LABEL_KERNEL, IPC_LABEL_NOTIFY, IPC_LABEL_FAULT,
				   0xFFFFFFFFu};
	for (size_t i = 0; i < sizeof labels / sizeof *labels; i++) {
		REFUSED(EINVAL, c, SYS_CALL, PID(s), labels[i]);
		REFUSED(EINVAL, c, SYS_SEND, PID(s), labels[i]);
	}

	/* The struct ipc_buf itself out of reach. */
	const uint32_t h = map_page(c->proc, HEAP(c)),
		       ops[] = {SYS_CALL, SYS_SEND, SYS_RECV, SYS_REPLY_RECV};
	struct bad bad[NBAD];
	for (uint32_t n = bad_pointers(c, sizeof(struct ipc_buf), bad), i = 0; i < n; i++)
		for (uint32_t op = 0; op < 4; op++)
			if (bad[i].len == sizeof(struct ipc_buf))
				REFUSED(EFAULT, c, ops[op], PID(s), 1, 0, 0, 0, 0,
					bad[i].at | IPC_BUF_SENDS);

	/* Its buffers out of reach, or too long. gap is outside every region (the
	 * unmapped heap page after h would be paged in: test_page_in). */
	const uint32_t buf = h, data = h + 0x100, gap = h - PAGE_SIZE;
	const struct bad_buf bufs[] = {
	    {gap, 1, 0, 0, EFAULT},
	    {h - 10, 20, 0, 0, EFAULT},
	    {FAKE_DATA, 1, 0, 0, EFAULT},
	    {0xFFFFFFF0u, 32, 0, 0, EFAULT},
	    {data, IPC_LONG_MAX + 1, 0, 0, EMSGSIZE},
	    {data, 0xFFFFFFFFu, 0, 0, EMSGSIZE},
	    {0, 0, gap, 1, EFAULT},
	    {0, 0, h - 10, 20, EFAULT},
	    {0, 0, FAKE_TEXT, 4, EFAULT}, /* readable is not writable */
	    {0, 0, data, 0x80000000u, EFAULT},
	    {0, 0, 0xFFFFFFF0u, 32, EFAULT},
	    {data, 8, FAKE_DATA, 8, EFAULT},
	};
	for (size_t i = 0; i < sizeof bufs / sizeof *bufs; i++) {
		const struct bad_buf *b = &bufs[i];
		uint32_t r6 = put_ipc_buf(c->proc, buf, b->send, b->send_len, b->recv, b->recv_cap);
		for (uint32_t op = 0; op < 4; op++)
			REFUSED(b->err, c, ops[op], PID(s), 1, 0, 0, 0, 0, r6);
	}

	/* .rodata may be sent from; s takes x's message, then c's. */
	uint32_t r6 = put_ipc_buf(c->proc, buf, FAKE_TEXT, 4, 0, 0);
	assert_int_equal(SYS(c, SYS_SEND, PID(s), 2, 0, 0, 0, 0, r6), 0);
	assert_int_equal(c->state, THREAD_SENDING);
	run_until(s);
	uint32_t sh = map_page(s->proc, HEAP(s));
	put_ipc_buf(s->proc, sh, 0, 0, sh + 0x100, 64);
	SYS(s, SYS_RECV, 0, 0, 0, 0, 0, 0, sh);
	assert_int_equal(s->ctx.r[0], PID(x));
	SYS(s, SYS_RECV, 0, 0, 0, 0, 0, 0, sh);
	assert_int_equal(s->ctx.r[0], PID(c));
	assert_int_equal(s->ctx.r[6], 4);
	char got[5] = {0};
	peek(s->proc, sh + 0x100, got, 4);
	assert_string_equal(got, "user");
}

/* A reply that cannot be sent as asked is not sent at all. */
static void test_bad_reply_sends_nothing(void **state)
{
	(void)state;
	struct thread *s = start("plain", 0), *c = start("plain", 0);
	uint32_t sh = map_page(s->proc, HEAP(s)), ch = map_page(c->proc, HEAP(c));
	SYS(s, SYS_RECV);
	put_ipc_buf(c->proc, ch, 0, 0, ch + 0x100, 64);
	SYS(c, SYS_CALL, PID(s), 1, 0, 0, 0, 0, ch);
	assert_ptr_equal(running(), s);
	uint32_t r6 = put_ipc_buf(s->proc, sh, sh - 2, 4, 0, 0); /* from outside the heap */
	REFUSED(EFAULT, s, SYS_REPLY_RECV, PID(c), 2, 3, 4, 5, 6, r6);
	r6 = put_ipc_buf(s->proc, sh, sh, IPC_LONG_MAX + 1, 0, 0);
	REFUSED(EMSGSIZE, s, SYS_REPLY_RECV, PID(c), 2, 3, 4, 5, 6, r6);
	REFUSED(EFAULT, s, SYS_REPLY_RECV, PID(c), 2, 3, 4, 5, 6, sh - 4);
	assert_int_equal(c->state, THREAD_REPLY_WAIT);

	poke(s->proc, sh + 0x200, "pong", 4);
	r6 = put_ipc_buf(s->proc, sh, sh + 0x200, 4, 0, 0);
	SYS(s, SYS_REPLY_RECV, PID(c), 2, 3, 4, 5, 6, r6);
	assert_ptr_equal(running(), c);
	assert_int_equal(c->ctx.r[0], 0);
	assert_int_equal(c->ctx.r[6], 4);
	char got[5] = {0};
	peek(c->proc, ch + 0x100, got, 4);
	assert_string_equal(got, "pong");
}

static void test_map_refusals(void **state)
{
	(void)state;
	struct thread *pg = start("pager", 0), *plain = start("plain", (int)PID(pg));
	struct thread *stranger = start("plain", 0), *other = start("pager", 0);
	const struct proc_layout *l = LAYOUT(plain);
	run_until(plain);
	REFUSED(EPERM, plain, SYS_MAP, PID(plain), l->heap_base, MAP_WRITE); /* even its own */
	REFUSED(EPERM, plain, SYS_MAP, PID(pg), LAYOUT(pg)->heap_base, MAP_WRITE);
	REFUSED(EPERM, plain, SYS_UNMAP, PID(plain), l->heap_base);
	/* A mapper maps only into the processes it pages. */
	run_until(other);
	REFUSED(EPERM, other, SYS_MAP, PID(plain), l->heap_base, MAP_WRITE);
	REFUSED(EPERM, other, SYS_UNMAP, PID(plain), l->heap_base);
	REFUSED(EPERM, other, SYS_MAP, PID(stranger), LAYOUT(stranger)->heap_base, MAP_WRITE);
	run_until(pg);
	REFUSED(EPERM, pg, SYS_MAP, PID(stranger), LAYOUT(stranger)->heap_base, MAP_WRITE);
	REFUSED(EPERM, pg, SYS_MAP, PID(other), LAYOUT(other)->heap_base, MAP_WRITE);
	for (uint32_t i = 0; i < NPIDS; i++) {
		REFUSED(ESRCH, pg, SYS_MAP, no_such_pid[i], l->heap_base, 0);
		REFUSED(ESRCH, pg, SYS_UNMAP, no_such_pid[i], l->heap_base);
	}
	const uint32_t outside[] = {
	    l->guard,
	    l->heap_limit,
	    l->heap_base - PAGE_SIZE,
	    l->region_base,
	    l->region_base - PAGE_SIZE,
	    l->stack_start, /* the page it started with */
	    l->top_page,    /* .data_shared */
	    FAKE_TEXT,
	    FAKE_DATA,
	    0,
	    l->heap_base + 4,
	    l->stack_limit + 0x800,
	    0xFFFFFFFFu,
	};
	for (size_t i = 0; i < sizeof outside / sizeof *outside; i++) {
		REFUSED(EINVAL, pg, SYS_MAP, PID(plain), outside[i], MAP_WRITE);
		REFUSED(EINVAL, pg, SYS_UNMAP, PID(plain), outside[i]);
	}
	const uint32_t flags[] = {2, 3, 0x80000000u, 0xFFFFFFFFu};
	for (size_t i = 0; i < sizeof flags / sizeof *flags; i++)
		REFUSED(EINVAL, pg, SYS_MAP, PID(plain), l->heap_base, flags[i]);
	REFUSED(ENOENT, pg, SYS_UNMAP, PID(plain), l->heap_base);
	REFUSED(ENOENT, pg, SYS_UNMAP, PID(plain), l->stack_limit);

	assert_int_equal(SYS(pg, SYS_MAP, PID(plain), l->heap_base, MAP_WRITE), 0);
	REFUSED(EEXIST, pg, SYS_MAP, PID(plain), l->heap_base, MAP_WRITE);
	REFUSED(EEXIST, pg, SYS_MAP, PID(plain), l->heap_base, 0);

	/* No frame for the page. */
	take_frames(0);
	REFUSED(ENOMEM, pg, SYS_MAP, PID(plain), l->heap_base + PAGE_SIZE, 0);
	give_back_frames();
}

/* A page in a 2 MiB block without a level-3 table needs a second frame. */
static void test_map_out_of_frames_for_table(void **state)
{
	(void)state;
	struct thread *pg = start("pager", 0), *big = start("big", (int)PID(pg));
	uint32_t va = HEAP(big);
	assert_int_equal(as_count_mapped(&big->proc->vm.as, va & ~(BLOCK_SIZE - 1),
					 (va & ~(BLOCK_SIZE - 1)) + BLOCK_SIZE),
			 0);
	take_frames(1);
	REFUSED(ENOMEM, pg, SYS_MAP, PID(big), va, MAP_WRITE);
	give_back_frames();
	assert_int_equal(SYS(pg, SYS_MAP, PID(big), va, MAP_WRITE), 0);
}

static void test_map_unmap(void **state)
{
	(void)state;
	struct thread *pg = start("pager", 0), *plain = start("plain", (int)PID(pg));
	const struct proc_layout *l = LAYOUT(plain);
	run_until(pg);
	const struct {
		uint32_t va, flags, vm;
	} pages[] = {
	    {l->heap_base, 0, VM_USER | VM_OWNED},
	    {l->heap_limit - PAGE_SIZE, MAP_WRITE, VM_USER | VM_WRITE | VM_OWNED},
	    {l->stack_limit, MAP_WRITE, VM_USER | VM_WRITE | VM_OWNED},
	    {l->stack_start - PAGE_SIZE, MAP_WRITE, VM_USER | VM_WRITE | VM_OWNED},
	};
	uint32_t frames = frame_free_count();
	for (size_t i = 0; i < sizeof pages / sizeof *pages; i++) {
		assert_int_equal(SYS(pg, SYS_MAP, PID(plain), pages[i].va, pages[i].flags), 0);
		paddr_t pa;
		uint32_t vm;
		assert_int_equal(as_lookup(&plain->proc->vm.as, pages[i].va, &pa, &vm), 0);
		assert_int_equal(vm, pages[i].vm); /* never executable */
		static const uint8_t zero[PAGE_SIZE];
		assert_memory_equal(phys_to_virt(pa), zero, PAGE_SIZE);
	}
	assert_int_equal(frame_free_count(), frames - 4);
	/* The pager's own memory too. */
	assert_int_equal(SYS(pg, SYS_MAP, PID(pg), LAYOUT(pg)->heap_base, MAP_WRITE), 0);
	assert_int_equal(SYS(pg, SYS_UNMAP, PID(pg), LAYOUT(pg)->heap_base), 0);

	for (size_t i = 0; i < sizeof pages / sizeof *pages; i++) {
		assert_int_equal(SYS(pg, SYS_UNMAP, PID(plain), pages[i].va), 0);
		assert_int_equal(as_lookup(&plain->proc->vm.as, pages[i].va, NULL, NULL), -ENOENT);
		REFUSED(ENOENT, pg, SYS_UNMAP, PID(plain), pages[i].va);
	}
	assert_int_equal(frame_free_count(), frames);
}

static void test_layout(void **state)
{
	(void)state;
	struct thread *pg = start("pager", 0), *plain = start("plain", (int)PID(pg));
	const struct proc_layout *l = LAYOUT(plain);
	const struct proc_layout want = {
	    .region_base = 0xFE000000u, /* the smallest region: 32 MiB */
	    .t1sz = 7,
	    .heap_base = l->heap_base,
	    .heap_limit = l->heap_limit,
	    .guard = l->guard,
	    .stack_limit = l->stack_limit,
	    .stack_start = l->stack_start,
	    .stack_top = l->stack_top,
	    .shared_start = FAKE_SHARED_START,
	    .shared_end = FAKE_SHARED_END,
	    .top_page = PAGE_ROUND_DOWN(FAKE_SHARED_END),
	    .dev_base = 0xFE000000u, /* not a driver: an empty device window */
	    .dev_limit = 0xFE000000u,
	};
	assert_int_equal(want.stack_top, FAKE_SHARED_START);
	struct proc_layout got;
	run_until(plain);
	const uint32_t at = map_page(plain->proc, HEAP(plain)) + 0x10;
	const uint32_t self[] = {0, PID(plain)};
	for (int i = 0; i < 2; i++) {
		assert_int_equal(SYS(plain, SYS_LAYOUT, self[i], at), 0);
		peek(plain->proc, at, &got, sizeof got);
		assert_memory_equal(&got, &want, sizeof want);
	}
	REFUSED(EPERM, plain, SYS_LAYOUT, PID(pg), at);
	for (uint32_t i = 1; i < NPIDS; i++)
		REFUSED(ESRCH, plain, SYS_LAYOUT, no_such_pid[i], at);
	struct bad bad[NBAD];
	for (uint32_t n = bad_pointers(plain, sizeof got, bad), i = 0; i < n; i++)
		if (bad[i].len == sizeof got)
			REFUSED(EFAULT, plain, SYS_LAYOUT, 0, bad[i].at);
	REFUSED(EFAULT, plain, SYS_LAYOUT, 0, FAKE_TEXT);
	/* Nothing written into the part that is mapped. */
	uint8_t tail[sizeof got / 2], zero[sizeof got / 2] = {0};
	peek(plain->proc, HEAP(plain) + PAGE_SIZE - sizeof tail, tail, sizeof tail);
	assert_memory_equal(tail, zero, sizeof tail);

	run_until(pg);
	uint32_t pat = map_page(pg->proc, HEAP(pg));
	assert_int_equal(SYS(pg, SYS_LAYOUT, PID(plain), pat), 0);
	peek(pg->proc, pat, &got, sizeof got);
	assert_memory_equal(&got, &want, sizeof want);
}

/* SYS_MEMMAP: one's own map, the process's regions first, from the tables as
 * they are; another's with SYS_LAYOUT's rights (its pager may); SYS_POWEROFF
 * only with PRIV_POWER. */
static void test_memmap_poweroff(void **state)
{
	(void)state;
	struct thread *pg = start("pager", 0), *plain = start("plain", (int)PID(pg));
	struct mem_map m;
	run_until(plain);
	const uint32_t at = map_page(plain->proc, HEAP(plain));
	assert_true(sizeof m <= PAGE_SIZE);
	assert_int_equal(SYS(plain, SYS_MEMMAP, 0, at), 0);
	peek(plain->proc, at, &m, sizeof m);
	assert_int_equal(m.pid, PID(plain));
	assert_int_equal(m.region_base, 0xFE000000u);
	assert_string_equal(m.regions[0].name, ".data_shared/.bss_shared");
	assert_string_equal(m.regions[1].name, "user dynamic stack");
	assert_string_equal(m.regions[3].name, "stack guard");
	assert_string_equal(m.regions[3].perm, "---/---");
	assert_string_equal(m.regions[5].name, "user heap");
	assert_int_equal(m.regions[5].mapped, 1);
	assert_int_equal(m.regions[5].pages, LAYOUT(plain)->heap_limit / PAGE_SIZE -
						 LAYOUT(plain)->heap_base / PAGE_SIZE);
	assert_string_equal(m.regions[5].perm, "RW-/RW-");
	assert_true(m.user_count >= 6 && m.user_count < m.count && m.count <= MEM_REGIONS_MAX);
	assert_true(m.regions[m.user_count].start < m.region_base);
	assert_string_equal(m.regions[m.count - 1].name, ".text, page 0 (vectors)");
	REFUSED(EPERM, plain, SYS_MEMMAP, PID(pg), at);
	for (uint32_t i = 1; i < NPIDS; i++)
		REFUSED(ESRCH, plain, SYS_MEMMAP, no_such_pid[i], at);
	struct bad bad[NBAD];
	for (uint32_t n = bad_pointers(plain, sizeof m, bad), i = 0; i < n; i++)
		if (bad[i].len == sizeof m)
			REFUSED(EFAULT, plain, SYS_MEMMAP, 0, bad[i].at);
	REFUSED(EPERM, plain, SYS_POWEROFF);

	run_until(pg);
	const uint32_t pat = map_page(pg->proc, HEAP(pg));
	assert_int_equal(SYS(pg, SYS_MEMMAP, PID(plain), pat), 0);
	peek(pg->proc, pat, &m, sizeof m);
	assert_int_equal(m.pid, PID(plain));
	REFUSED(EPERM, pg, SYS_POWEROFF);
}

/* SPAWN_BELOW: the child runs a priority below its parent, however high its
 * table's; any other flag is refused. */
static void test_spawn_below(void **state)
{
	(void)state;
	struct thread *sp = start("spawner", 0);
	const uint32_t name = STACK(sp);
	run_until(sp);
	poke(sp->proc, name, "plain", 5);
	REFUSED(EINVAL, sp, SYS_SPAWN, name, 5, 0, 0, 0, 2);
	REFUSED(EINVAL, sp, SYS_SPAWN, name, 5, 0, 0, 0, 0x80000001u);
	int pid = (int)SYS(sp, SYS_SPAWN, name, 5, 0, 0, 0, SPAWN_BELOW);
	assert_true(pid > 0);
	assert_int_equal(proc_find(pid)->thread.priority, sp->priority + 1);
	pid = (int)SYS(sp, SYS_SPAWN, name, 5, 0, 0, 0, 0);
	assert_true(pid > 0);
	assert_int_equal(proc_find(pid)->thread.priority, sp->priority);
}

static void test_irq_refusals(void **state)
{
	(void)state;
	struct thread *plain = start("plain", 0), *d1 = start("driver", 0),
		      *d2 = start("driver", 0);
	REFUSED(EPERM, plain, SYS_IRQ_BIND, FAKE_DEVICE_IRQ, 1, PID(plain));
	REFUSED(EINVAL, plain, SYS_IRQ_ACK, FAKE_DEVICE_IRQ);
	run_until(d1);
	const uint32_t not_drivers[] = {
	    FAKE_TICK_IRQ, FAKE_DEVICE_IRQ - 1, FAKE_DEVICE_IRQ + FAKE_DEVICE_IRQS, 127, 128, 1000,
	    (uint32_t)-1,  0x80000000u,
	};
	for (size_t i = 0; i < sizeof not_drivers / sizeof *not_drivers; i++) {
		REFUSED(EINVAL, d1, SYS_IRQ_BIND, not_drivers[i], 1, PID(d1));
		REFUSED(EINVAL, d1, SYS_IRQ_ACK, not_drivers[i]);
	}
	REFUSED(EINVAL, d1, SYS_IRQ_ACK, FAKE_DEVICE_IRQ); /* not bound */
	assert_int_equal(SYS(d1, SYS_IRQ_BIND, FAKE_DEVICE_IRQ, 0x10, PID(d1)), 0);
	assert_false(fake_irq_masked[FAKE_DEVICE_IRQ]);
	run_until(d2);
	REFUSED(EBUSY, d2, SYS_IRQ_BIND, FAKE_DEVICE_IRQ, 0x20, PID(d2));
	REFUSED(EBUSY, d2, SYS_IRQ_BIND, FAKE_DEVICE_IRQ, 0, PID(d2)); /* nor unbind it */
	REFUSED(EINVAL, d2, SYS_IRQ_ACK, FAKE_DEVICE_IRQ);
}

static void test_irq_delivery(void **state)
{
	(void)state;
	struct thread *d = start("driver", 0), *d2 = start("driver", 0);
	assert_int_equal(SYS(d, SYS_IRQ_BIND, FAKE_DEVICE_IRQ, 0x10, PID(d)), 0);
	assert_int_equal(SYS(d, SYS_IRQ_BIND, FAKE_PHYS_TIMER_IRQ, 0x20, PID(d)), 0);
	SYS(d, SYS_RECV);

	/* The tick stays the kernel's. */
	interrupt(FAKE_TICK_IRQ);
	assert_int_equal(fake_clock_ticks, 1);
	assert_int_equal(d->state, THREAD_RECEIVING);

	/* The driver hears at once; the interrupt stays masked until acknowledged. */
	interrupt(FAKE_DEVICE_IRQ);
	assert_int_equal(d->state, THREAD_RUNNABLE);
	assert_int_equal(d->ctx.r[1], IPC_LABEL_NOTIFY);
	assert_int_equal(d->ctx.r[2], 0x10);
	assert_true(fake_irq_masked[FAKE_DEVICE_IRQ]);
	run_until(d);
	assert_int_equal(SYS(d, SYS_IRQ_ACK, FAKE_DEVICE_IRQ), 0);
	assert_false(fake_irq_masked[FAKE_DEVICE_IRQ]);

	/* Bits 0 unbinds; then another driver may have it. */
	assert_int_equal(SYS(d, SYS_IRQ_BIND, FAKE_DEVICE_IRQ, 0, PID(d)), 0);
	assert_true(fake_irq_masked[FAKE_DEVICE_IRQ]);
	REFUSED(EINVAL, d, SYS_IRQ_ACK, FAKE_DEVICE_IRQ);
	run_until(d2);
	assert_int_equal(SYS(d2, SYS_IRQ_BIND, FAKE_DEVICE_IRQ, 1, PID(d2)), 0);

	/* A driver's interrupts end with it. */
	SYS(d2, SYS_EXIT, 0);
	assert_true(fake_irq_masked[FAKE_DEVICE_IRQ]);
	assert_int_equal(SYS(d, SYS_IRQ_BIND, FAKE_DEVICE_IRQ, 2, PID(d)), 0);
	SYS(d, SYS_EXIT, 0);
	assert_true(fake_irq_masked[FAKE_DEVICE_IRQ]);
	assert_true(fake_irq_masked[FAKE_PHYS_TIMER_IRQ]);
}

static void test_exit(void **state)
{
	(void)state;
	struct thread *t = start("plain", 0);
	fake_first_pid = t->proc->pid;
	SYS(t, SYS_EXIT, 9);
	fake_first_pid = 0;
	assert_int_equal(fake_first_end.count, 1);
	assert_string_equal(fake_first_end.name, "plain");
	assert_int_equal(fake_first_end.status, 9);
	assert_int_equal(proc_count(), 0); /* no parent: gone at once */
	assert_null(running());
}

/* A system call naming an untouched page of the caller's heap or stack reserve
 * is paged in, as a touch from user code would be, and runs again: the thread
 * waits on its pager with the call rewound and every register kept. */
static void test_page_in(void **state)
{
	(void)state;
	struct thread *pg = start("pager", 0);
	struct thread *c = spawn(pg, "plain", (int)PID(pg));
	const uint32_t page = HEAP(c) + PAGE_SIZE, out = page + 8;
	map_page(c->proc, HEAP(c));
	SYS(pg, SYS_RECV);
	assert_ptr_equal(running(), c);
	c->ctx.pc = FAKE_USER_START + 0x44; /* just after its svc */
	LOAD(c, SYS_LAYOUT, 0, out);
	const struct trap_frame before = c->ctx;
	syscall(c);
	assert_int_equal(c->state, THREAD_REPLY_WAIT);
	assert_true(c->faulted);
	assert_int_equal(c->ctx.pc, FAKE_USER_START + 0x40); /* at the svc again */
	struct trap_frame rewound = before;
	rewound.pc -= 4;
	assert_memory_equal(&c->ctx, &rewound, sizeof rewound);
	assert_ptr_equal(running(), pg);
	assert_int_equal(pg->ctx.r[0], PID(c));
	assert_int_equal(pg->ctx.r[1], IPC_LABEL_FAULT);
	assert_int_equal(pg->ctx.r[2], page);
	assert_int_equal(pg->ctx.r[3], FAULT_WRITE);
	assert_int_equal(pg->ctx.r[4], FAKE_USER_START + 0x40);
	assert_int_equal(SYS(pg, SYS_MAP, PID(c), page, MAP_WRITE), 0);
	SYS(pg, SYS_REPLY_RECV, PID(c), 0);
	assert_ptr_equal(running(), c);
	assert_memory_equal(&c->ctx, &rewound, sizeof rewound);
	/* The svc runs again and the call completes. */
	assert_int_equal(SYS(c, SYS_LAYOUT, 0, out), 0);
	assert_int_equal(peek_word(c->proc, out + offsetof(struct proc_layout, heap_base)),
			 LAYOUT(c)->heap_base);

	/* A buffer over two untouched stack-reserve pages: one page at a time. */
	const uint32_t low = LAYOUT(c)->stack_start - 2 * PAGE_SIZE;
	for (int round = 0; round < 2; round++) {
		run_until(c);
		SYS(c, SYS_PUTS, low + PAGE_SIZE - 8, 16);
		assert_true(c->faulted);
		assert_int_equal(pg->ctx.r[2], low + (round ? PAGE_SIZE : 0));
		assert_int_equal(pg->ctx.r[3], FAULT_READ);
		SYS(pg, SYS_MAP, PID(c), pg->ctx.r[2], MAP_WRITE);
		SYS(pg, SYS_REPLY_RECV, PID(c), 0);
	}
	poke(c->proc, low + PAGE_SIZE - 8, "across two pages", 16);
	assert_int_equal(SYS(c, SYS_PUTS, low + PAGE_SIZE - 8, 16), 16);
	assert_non_null(strstr(fake_console(), "across two pages"));

	/* A page the pager refuses, as for user code: the process is killed. */
	run_until(c);
	SYS(c, SYS_LAYOUT, 0, page + PAGE_SIZE);
	assert_true(c->faulted);
	uint32_t cpid = PID(c);
	SYS(pg, SYS_REPLY_RECV, cpid, 1);
	assert_null(proc_find((int)cpid));
	assert_int_equal(collect(pg, cpid), KILLED | KILL_PAGE_FAULT);
	assert_non_null(strstr(fake_console(), "killed: page fault: its pager refused the page"));

	/* Without a pager, as for user code: killed, with the address. */
	struct thread *lone = start("plain", 0);
	uint32_t lpid = PID(lone);
	run_until(lone);
	SYS(lone, SYS_LAYOUT, 0, HEAP(lone) + 8);
	assert_null(proc_find((int)lpid));
	assert_non_null(strstr(fake_console(), "killed: page fault: no pager to map the page"));
}

/* What the program table lets a process do, and no more (docs/syscalls.md,
 * "Rights"): start only what its entry lists, never a more privileged program;
 * a child never outranks its parent and one of equal priority runs first; talk
 * only to peers, parent, children and servers. */
static void test_rights(void **state)
{
	(void)state;
	struct thread *lo = start("loner", 0), *mute = start("mute", 0);
	struct thread *plain = start("plain", 0), *big = start("big", 0);
	run_until(lo);
	const uint32_t name = STACK(lo);
	poke(lo->proc, name, "spawner", 7);
	REFUSED(EPERM, lo, SYS_SPAWN, name, 7, 0); /* not in its list */
	poke(lo->proc, name, "urgent", 6);
	REFUSED(EPERM, lo, SYS_SPAWN, name, 6, 0);
	struct thread *kid = spawn(lo, "plain", 0);
	assert_int_equal(kid->priority, 4);
	/* IPC: a peer (plain), its child and a serves_all program, not a stranger. */
	REFUSED(EPERM, lo, SYS_SEND, PID(mute), 1);
	REFUSED(EPERM, lo, SYS_CALL, PID(mute), 1);
	REFUSED(EPERM, lo, SYS_NOTIFY, PID(mute), 1);
	assert_int_equal(SYS(lo, SYS_NOTIFY, PID(plain), 1), 0);
	assert_int_equal(SYS(lo, SYS_NOTIFY, PID(kid), 1), 0);
	assert_int_equal(SYS(lo, SYS_NOTIFY, PID(big), 1), 0); /* it serves all */
	run_until(mute);
	REFUSED(EPERM, mute, SYS_NOTIFY, PID(lo), 1);
	assert_int_equal(SYS(mute, SYS_NOTIFY, PID(mute), 1), 0); /* itself */
	assert_int_equal(SYS(mute, SYS_NOTIFY, PID(plain), 1), 0);
	/* The kernel's notification bits and labels cannot be forged. */
	REFUSED(EINVAL, mute, SYS_NOTIFY, PID(plain), NOTIFY_CHILD_EXIT);
	REFUSED(EINVAL, mute, SYS_SEND, PID(plain), IPC_LABEL_NOTIFY);
	/* A child's priority is clamped to its parent's; equal, it runs first. */
	struct thread *sp = start("spawner", 0);
	run_until(sp);
	const uint32_t sname = STACK(sp);
	poke(sp->proc, sname, "urgent", 6);
	int pid = SYS(sp, SYS_SPAWN, sname, 6, 0);
	assert_true(pid > 0);
	struct thread *child = &proc_find(pid)->thread;
	assert_int_equal(child->priority, sp->priority); /* not urgent's 1 */
	assert_ptr_equal(running(), child);
}

/* A reply cannot carry a kernel label, and an exit status is a byte. */
static void test_forged_kernel_messages(void **state)
{
	(void)state;
	struct thread *s = start("plain", 0), *c = start("plain", 0);
	SYS(s, SYS_RECV);
	SYS(c, SYS_CALL, PID(s), 1);
	assert_ptr_equal(running(), s);
	REFUSED(EINVAL, s, SYS_REPLY_RECV, PID(c), IPC_LABEL_FAULT);
	REFUSED(EINVAL, s, SYS_REPLY_RECV, PID(c), IPC_LABEL_NOTIFY);
	assert_int_equal(c->state, THREAD_REPLY_WAIT);
	SYS(s, SYS_REPLY_RECV, PID(c), 7);
	assert_int_equal(c->ctx.r[1], 7);

	struct thread *sp = start("spawner", 0);
	run_until(sp);
	struct thread *k = spawn(sp, "plain", 0);
	uint32_t kpid = PID(k);
	run_until(k);
	SYS(k, SYS_EXIT, KILLED | KILL_STACK_OVERFLOW);
	assert_int_equal(collect(sp, kpid), (KILLED | KILL_STACK_OVERFLOW) & EXIT_STATUS_MAX);
	assert_false(STATUS_KILLED(KILL_STACK_OVERFLOW));
}

/* What ps and the shell learn: a slot of the process table, a program entry. */
static void test_proc_and_program_info(void **state)
{
	(void)state;
	struct thread *p = start("spawner", 0), *q = start("plain", 0);
	const uint32_t at = map_page(p->proc, HEAP(p)) + 0x40;
	struct proc_info info;
	int mine = -1, theirs = -1;
	for (int slot = 0; slot < MAX_PROCS; slot++) {
		int err = SYS(p, SYS_PROC_INFO, (uint32_t)slot, at);
		if (err == -ENOENT)
			continue;
		assert_int_equal(err, 0);
		peek(p->proc, at, &info, sizeof info);
		if (info.pid == (int)PID(p))
			mine = slot;
		if (info.pid == (int)PID(q))
			theirs = slot;
	}
	assert_true(mine >= 0 && theirs >= 0);
	SYS(p, SYS_PROC_INFO, (uint32_t)mine, at);
	peek(p->proc, at, &info, sizeof info);
	assert_string_equal(info.name, "spawner");
	assert_int_equal(info.state, PROC_INFO_RUNNING);
	assert_int_equal(info.priority, 4);
	assert_int_equal(info.heap_pages, 1);
	assert_int_equal(info.stack_pages, 1);
	assert_int_equal(info.table_bytes, as_table_bytes(&p->proc->vm.as));
	SYS(p, SYS_PROC_INFO, (uint32_t)theirs, at);
	peek(p->proc, at, &info, sizeof info);
	assert_string_equal(info.name, "plain");
	assert_int_equal(info.state, PROC_INFO_READY);
	REFUSED(EINVAL, p, SYS_PROC_INFO, MAX_PROCS, at);
	REFUSED(EINVAL, p, SYS_PROC_INFO, 0xFFFFFFFFu, at);
	REFUSED(EFAULT, p, SYS_PROC_INFO, (uint32_t)mine, FAKE_DATA);

	/* PROC_INFO_NEXT: the first occupied slot from the one named, by number:
	 * the occupied slots of the scan above, mine and theirs among them, and
	 * then -EINVAL past the last. */
	int next = 0, seen = 0;
	assert_int_equal(SYS(p, SYS_PROC_INFO, (uint32_t)mine | PROC_INFO_NEXT, at), mine);
	peek(p->proc, at, &info, sizeof info);
	assert_int_equal(info.pid, (int)PID(p));
	for (uint32_t from = 0; (next = SYS(p, SYS_PROC_INFO, from | PROC_INFO_NEXT, at)) >= 0;
	     from = (uint32_t)next + 1) {
		assert_true(next >= (int)from);
		seen += next == mine || next == theirs;
		for (uint32_t empty = from; empty < (uint32_t)next; empty++)
			REFUSED(ENOENT, p, SYS_PROC_INFO, empty, at);
	}
	assert_int_equal(next, -EINVAL);
	assert_int_equal(seen, 2);

	/* A zombie, until its parent collects it. */
	struct thread *c = spawn(p, "plain", 0);
	uint32_t cpid = PID(c);
	int cslot = (int)(cpid % MAX_PROCS);
	run_until(c);
	SYS(c, SYS_EXIT, 3);
	run_until(p);
	SYS(p, SYS_PROC_INFO, (uint32_t)cslot, at);
	peek(p->proc, at, &info, sizeof info);
	assert_int_equal(info.state, PROC_INFO_ZOMBIE);
	assert_int_equal(info.parent, PID(p));
	assert_int_equal(info.heap_pages, 0);
	assert_int_equal(collect(p, cpid), 3);
	REFUSED(ENOENT, p, SYS_PROC_INFO, (uint32_t)cslot, at);

	struct program_info prog;
	bool long_name = false, root = false;
	for (uint32_t i = 0; i < program_count; i++) {
		assert_int_equal(SYS(p, SYS_PROGRAM_INFO, i, at), 0);
		peek(p->proc, at, &prog, sizeof prog);
		assert_string_equal(prog.name, programs[i].name);
		assert_int_equal(prog.heap_pages, programs[i].heap_pages);
		long_name |= strcmp(prog.name, "thirty-two-characters-long-name!") == 0;
		root |= strcmp(prog.name, "root") == 0 &&
			prog.privileges == (PRIV_SPAWN | PRIV_MAP | PRIV_KILL);
	}
	assert_true(long_name && root);
	REFUSED(EINVAL, p, SYS_PROGRAM_INFO, (uint32_t)program_count, at);
	REFUSED(EFAULT, p, SYS_PROGRAM_INFO, 0, FAKE_DATA);
}

/* Arguments travel with SYS_SPAWN and come back through SYS_ARGS. */
static void test_spawn_arguments(void **state)
{
	(void)state;
	struct thread *sp = start("spawner", 0);
	const uint32_t h = map_page(sp->proc, HEAP(sp));
	const uint32_t name = h, args = h + 0x40, buf = h + 0x200;
	poke(sp->proc, name, "plain", 5);
	poke(sp->proc, args, "one\0two\0", 8);
	int pid = SYS(sp, SYS_SPAWN, name, 5, 0, args, 8);
	assert_true(pid > 0);
	struct thread *c = &proc_find(pid)->thread;
	assert_int_equal(c->ctx.r[1], 3); /* argc: the name and two */
	assert_string_equal((const char *)(uintptr_t)c->ctx.r[2], "plain");
	take_cpu(c);
	const uint32_t cbuf = map_page(c->proc, HEAP(c));
	REFUSED(EINVAL, c, SYS_ARGS, cbuf, 7);
	assert_int_equal(SYS(c, SYS_ARGS, cbuf, SPAWN_ARGS_MAX), 8);
	char got[8];
	peek(c->proc, cbuf, got, 8);
	assert_memory_equal(got, "one\0two\0", 8);
	REFUSED(EFAULT, c, SYS_ARGS, FAKE_DATA, SPAWN_ARGS_MAX);
	/* Without arguments: argc 1 and an empty block. */
	take_cpu(sp);
	int pid2 = SYS(sp, SYS_SPAWN, name, 5, 0, 0, 0);
	assert_true(pid2 > 0);
	assert_int_equal(proc_find(pid2)->thread.ctx.r[1], 1);
	take_cpu(sp);
	/* Refused whole: too long, not NUL-terminated, too many strings. */
	REFUSED(E2BIG, sp, SYS_SPAWN, name, 5, 0, args, SPAWN_ARGS_MAX + 1);
	REFUSED(EINVAL, sp, SYS_SPAWN, name, 5, 0, args, 7);
	char many[2 * (SPAWN_ARGC_MAX + 1)];
	for (unsigned i = 0; i < sizeof many; i += 2)
		many[i] = 'x', many[i + 1] = '\0';
	poke(sp->proc, buf, many, sizeof many);
	REFUSED(E2BIG, sp, SYS_SPAWN, name, 5, 0, buf, sizeof many);
	REFUSED(EFAULT, sp, SYS_SPAWN, name, 5, 0, FAKE_DATA, 4);
}

/* Processes come and go every way there is; the kernel's memory use does not move. */
static void test_no_leak_over_cycles(void **state)
{
	(void)state;
	struct thread *r = start("root", 0);
	const uint32_t rh = map_page(r->proc, HEAP(r));
	put_ipc_buf(r->proc, rh, 0, 0, rh + 0x100, IPC_LONG_MAX);
	const uint32_t frames = frame_free_count(), heap_frames = kheap_frames();
	const size_t heap = kheap_bytes_used();
	for (uint32_t i = 0; i < 40; i++) {
		struct thread *c = spawn(r, i % 2 ? "plain" : "big", (int)PID(r));
		uint32_t pid = PID(c), h = HEAP(c);
		assert_int_equal(SYS(r, SYS_MAP, pid, h, MAP_WRITE), 0);
		assert_int_equal(SYS(r, SYS_MAP, pid, LAYOUT(c)->stack_limit, MAP_WRITE), 0);
		int want = (int)i;
		switch (i % 4) {
		case 0:
			run_until(c);
			SYS(c, SYS_EXIT, i);
			break;
		case 1:
			assert_int_equal(SYS(r, SYS_KILL, pid), 0);
			want = KILLED | KILL_BY_REQUEST;
			break;
		case 2:
			run_until(c);
			take_fault(c, h + PAGE_SIZE, FAULT_WRITE);
			run_until(r);
			SYS(r, SYS_RECV, 0, 0, 0, 0, 0, 0, rh);
			assert_int_equal(r->ctx.r[1], IPC_LABEL_FAULT);
			SYS(r, SYS_REPLY_RECV, pid, 1, 0, 0, 0, 0, rh);
			want = KILLED | KILL_PAGE_FAULT;
			break;
		case 3:
			SYS(r, SYS_RECV, 0, 0, 0, 0, 0, 0, rh);
			assert_ptr_equal(running(), c);
			uint32_t r6 = put_ipc_buf(c->proc, h, h + 0x100, 100, 0, 0);
			assert_int_equal(SYS(c, SYS_CALL, PID(r), 5, 0, 0, 0, 0, r6), 0);
			assert_int_equal(r->ctx.r[6], 100);
			SYS(r, SYS_REPLY_RECV, pid, 6, 0, 0, 0, 0, rh);
			run_until(c);
			SYS(c, SYS_EXIT, i);
			break;
		}
		run_until(r);
		assert_int_equal(collect(r, pid), want);
		if (r->proc->notify_bits)
			SYS(r, SYS_RECV);
		assert_int_equal(r->proc->notify_bits, 0);
		assert_int_equal(proc_count(), 1);
		assert_int_equal(frame_free_count(), frames);
		assert_int_equal(kheap_frames(), heap_frames);
		assert_int_equal(kheap_bytes_used(), heap);
	}
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, harness_setup, harness_teardown)
	const struct CMUnitTest tests[] = {
	    T(test_bad_numbers),
	    T(test_getpid_null_yield),
	    T(test_info),
	    T(test_puts),
	    T(test_spawn_refusals),
	    T(test_spawn),
	    T(test_spawn_table_full),
	    T(test_spawn_out_of_memory),
	    T(test_spawned_child_turn),
	    T(test_wait),
	    T(test_kill),
	    T(test_ipc_refusals),
	    T(test_bad_reply_sends_nothing),
	    T(test_map_refusals),
	    T(test_map_out_of_frames_for_table),
	    T(test_map_unmap),
	    T(test_layout),
	    T(test_memmap_poweroff),
	    T(test_spawn_below),
	    T(test_irq_refusals),
	    T(test_irq_delivery),
	    T(test_exit),
	    T(test_page_in),
	    T(test_rights),
	    T(test_forged_kernel_messages),
	    T(test_proc_and_program_info),
	    T(test_spawn_arguments),
	    T(test_no_leak_over_cycles),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
