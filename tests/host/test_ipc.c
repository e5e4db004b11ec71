/*
 * Unit tests of the IPC state machine, driven through system calls made by the
 * thread the scheduler runs: rendezvous, queues of senders served oldest
 * first, replies, long parts between address spaces, notifications, faults sent
 * to pagers, and what becomes of everyone waiting on a thread that ends.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <stdio.h>
#include <string.h>

/* cmocka.h needs the headers above first. */
#include <cmocka.h>

#include "fake_kernel.h"
#include "harness.h"
#include "ipc.h"
#include "wren/abi.h"

#define HEAP(t) ((t)->proc->vm.layout.heap_base)
#define STATUS(t) ((t)->proc->vm.layout.stack_start + 0x100) /* an int on its stack */

/* r0 and the message t holds: label, four words and the long part's length. */
static void check_message(const struct thread *t, uint32_t r0, uint32_t label, uint32_t w0,
			  uint32_t w1, uint32_t w2, uint32_t w3, uint32_t long_len)
{
	const uint32_t want[7] = {r0, label, w0, w1, w2, w3, long_len};
	for (int i = 0; i < 7; i++)
		assert_int_equal(t->ctx.r[i], want[i]);
}

/* A notification: from the kernel, the bits in r2, no long part. */
static void check_notification(const struct thread *t, uint32_t bits)
{
	assert_int_equal(t->ctx.r[0], 0);
	assert_int_equal(t->ctx.r[1], IPC_LABEL_NOTIFY);
	assert_int_equal(t->ctx.r[2], bits);
	assert_int_equal(t->ctx.r[6], 0);
}

/* parent collects child (pid) and gets its exit status. */
static int collect(struct thread *parent, uint32_t pid)
{
	assert_int_equal(SYS(parent, SYS_WAIT, pid, STATUS(parent)), (int)pid);
	return (int)peek_word(parent->proc, STATUS(parent));
}

static void test_call_to_receiving_server(void **state)
{
	(void)state;
	struct thread *s = start("plain", 0), *c = start("plain", 0), *x = start("plain", 0);
	assert_ptr_equal(running(), s);
	SYS(s, SYS_RECV);
	assert_int_equal(s->state, THREAD_RECEIVING);

	SYS(c, SYS_CALL, PID(s), 7, 11, 22, 33, 44);
	assert_int_equal(c->state, THREAD_REPLY_WAIT);
	assert_ptr_equal(c->peer, s);
	/* The server runs at once on the caller's turn, ahead of x, ready before it. */
	assert_ptr_equal(running(), s);
	check_message(s, PID(c), 7, 11, 22, 33, 44, 0);

	SYS(s, SYS_REPLY_RECV, PID(c), 8, 55, 66, 77, 88);
	assert_int_equal(s->state, THREAD_RECEIVING);
	assert_ptr_equal(running(), c);
	check_message(c, 0, 8, 55, 66, 77, 88, 0);
	assert_int_equal(x->state, THREAD_RUNNABLE);
	SYS(c, SYS_YIELD);
	assert_ptr_equal(running(), x);
}

/* The caller's turn goes to the server only if no better thread is ready. */
static void test_call_respects_priorities(void **state)
{
	(void)state;
	struct thread *s = start("plain", 0);
	SYS(s, SYS_RECV);
	struct thread *u1 = start("urgent", 0), *u2 = start("urgent", 0);
	assert_ptr_equal(running(), u1);
	SYS(u1, SYS_CALL, PID(s), 1);
	assert_int_equal(s->state, THREAD_RUNNABLE);
	assert_ptr_equal(running(), u2);
	SYS(u2, SYS_RECV);
	assert_ptr_equal(running(), s);
	check_message(s, PID(u1), 1, 0, 0, 0, 0, 0);
	SYS(s, SYS_REPLY_RECV, PID(u1), 2);
	assert_ptr_equal(running(), u1);
	check_message(u1, 0, 2, 0, 0, 0, 0, 0);
}

static void test_busy_server_queues_oldest_first(void **state)
{
	(void)state;
	struct thread *s = start("plain", 0), *c1 = start("plain", 0), *c2 = start("plain", 0);
	SYS(s, SYS_YIELD); /* busy elsewhere, not receiving */
	SYS(c1, SYS_CALL, PID(s), 1, 10, 11, 12, 13);
	assert_int_equal(c1->state, THREAD_SENDING);
	assert_ptr_equal(c1->peer, s);
	SYS(c2, SYS_CALL, PID(s), 2, 20, 21, 22, 23);
	assert_int_equal(c2->state, THREAD_SENDING);
	assert_ptr_equal(s->senders, c1);
	assert_ptr_equal(c1->next, c2);
	assert_null(c2->next);

	/* Queued messages are there at once: the server does not wait. */
	SYS(s, SYS_RECV);
	check_message(s, PID(c1), 1, 10, 11, 12, 13, 0);
	assert_int_equal(c1->state, THREAD_REPLY_WAIT);
	assert_ptr_equal(s->senders, c2);

	SYS(s, SYS_REPLY_RECV, PID(c1), 100, 1, 2, 3, 4);
	check_message(c1, 0, 100, 1, 2, 3, 4, 0);
	assert_int_equal(c1->state, THREAD_RUNNABLE);
	check_message(s, PID(c2), 2, 20, 21, 22, 23, 0);
	assert_int_equal(c2->state, THREAD_REPLY_WAIT);
	assert_null(s->senders);

	/* The server keeps its turn: the caller it answered waits for its own. */
	SYS(s, SYS_REPLY_RECV, PID(c2), 200, 5, 6, 7, 8);
	assert_int_equal(s->state, THREAD_RECEIVING);
	assert_ptr_equal(running(), c2);
	check_message(c2, 0, 200, 5, 6, 7, 8, 0);
	SYS(c2, SYS_YIELD);
	assert_ptr_equal(running(), c1);
}

static void test_send_completes_when_received(void **state)
{
	(void)state;
	struct thread *s = start("plain", 0), *c = start("plain", 0);
	SYS(s, SYS_YIELD);
	SYS(c, SYS_SEND, PID(s), 5, 1, 2, 3, 4);
	assert_int_equal(c->state, THREAD_SENDING);
	assert_false(c->calling);
	SYS(s, SYS_RECV);
	check_message(s, PID(c), 5, 1, 2, 3, 4, 0);
	assert_int_equal(c->state, THREAD_RUNNABLE);
	assert_int_equal(c->ctx.r[0], 0);

	/* To a receiver: done at once, and the sender keeps running. */
	SYS(s, SYS_RECV);
	assert_ptr_equal(running(), c);
	assert_int_equal(SYS(c, SYS_SEND, PID(s), 6, 9, 8, 7, 6), 0);
	assert_ptr_equal(running(), c);
	assert_int_equal(s->state, THREAD_RUNNABLE);
	check_message(s, PID(c), 6, 9, 8, 7, 6, 0);
	SYS(c, SYS_YIELD);
	assert_ptr_equal(running(), s);
}

static void test_long_part_between_spaces(void **state)
{
	(void)state;
	struct thread *s = start("plain", 0), *c = start("plain", 0);
	uint32_t h = HEAP(s);
	assert_int_equal(HEAP(c), h); /* the same addresses in two address spaces */
	for (uint32_t i = 0; i < 2; i++) {
		map_page(s->proc, h + i * PAGE_SIZE);
		map_page(c->proc, h + i * PAGE_SIZE);
	}
	uint8_t call[200], reply[30], got[IPC_LONG_MAX + 1];
	for (uint32_t i = 0; i < sizeof call; i++)
		call[i] = (uint8_t)(i * 3 + 1);
	memset(reply, 0x5A, sizeof reply);

	/* The caller's part straddles its two pages; so does the server's buffer. */
	const uint32_t call_at = h + PAGE_SIZE - 100, server_in = h + PAGE_SIZE - 50;
	const uint32_t reply_at = h + 0x100, caller_in = h + 0x800;
	poke(c->proc, call_at, call, sizeof call);
	uint32_t c_r6 = put_ipc_buf(c->proc, h, call_at, sizeof call, caller_in, IPC_LONG_MAX);
	poke(s->proc, reply_at, reply, sizeof reply);
	uint32_t s_r6 = put_ipc_buf(s->proc, h, reply_at, sizeof reply, server_in, 120);
	assert_int_equal(c_r6, h | IPC_BUF_SENDS);

	SYS(s, SYS_RECV, 0, 0, 0, 0, 0, 0, s_r6);
	SYS(c, SYS_CALL, PID(s), 1, 0, 0, 0, 0, c_r6);
	assert_ptr_equal(running(), s);
	check_message(s, PID(c), 1, 0, 0, 0, 0, 120); /* cut to the server's capacity */
	peek(s->proc, server_in, got, 121);
	assert_memory_equal(got, call, 120);
	assert_int_equal(got[120], 0);

	SYS(s, SYS_REPLY_RECV, PID(c), 2, 0, 0, 0, 0, s_r6);
	assert_ptr_equal(running(), c);
	check_message(c, 0, 2, 0, 0, 0, 0, sizeof reply);
	peek(c->proc, caller_in, got, sizeof reply + 1);
	assert_memory_equal(got, reply, sizeof reply);
	assert_int_equal(got[sizeof reply], 0);
	peek(c->proc, call_at, got, sizeof call); /* the sender's own bytes stay */
	assert_memory_equal(got, call, sizeof call);

	/* The most a message carries, to a buffer that takes it all. The struct is
	 * read when a call is made: changed while its thread waits, it counts from
	 * the thread's next call. */
	uint8_t full[IPC_LONG_MAX];
	for (uint32_t i = 0; i < sizeof full; i++)
		full[i] = (uint8_t)(255 - i);
	poke(c->proc, call_at, full, sizeof full);
	c_r6 = put_ipc_buf(c->proc, h, call_at, sizeof full, caller_in, 0);
	put_ipc_buf(s->proc, h, 0, 0, server_in, IPC_LONG_MAX);
	assert_int_equal(SYS(c, SYS_SEND, PID(s), 3, 0, 0, 0, 0, c_r6), 0);
	check_message(s, PID(c), 3, 0, 0, 0, 0, 120); /* the capacity it waited with */
	SYS(c, SYS_YIELD);
	SYS(s, SYS_RECV, 0, 0, 0, 0, 0, 0, s_r6);
	assert_int_equal(SYS(c, SYS_SEND, PID(s), 3, 0, 0, 0, 0, c_r6), 0);
	assert_ptr_equal(running(), c);
	check_message(s, PID(c), 3, 0, 0, 0, 0, IPC_LONG_MAX);
	peek(s->proc, server_in, got, IPC_LONG_MAX);
	assert_memory_equal(got, full, IPC_LONG_MAX);

	/* A receiver without a buffer gets the words and no bytes. */
	SYS(c, SYS_YIELD);
	SYS(s, SYS_RECV);
	assert_int_equal(SYS(c, SYS_SEND, PID(s), 4, 0, 0, 0, 0, c_r6), 0);
	check_message(s, PID(c), 4, 0, 0, 0, 0, 0);

	/* Without IPC_BUF_SENDS the struct's send part is neither sent nor checked:
	 * a server that names a receive buffer still replies in registers. */
	SYS(c, SYS_YIELD);
	uint32_t junk = put_ipc_buf(s->proc, h, 0xDEAD0000u, IPC_LONG_MAX * 2, server_in, 64);
	assert_int_equal(junk, h | IPC_BUF_SENDS);
	SYS(s, SYS_RECV, 0, 0, 0, 0, 0, 0, h);
	assert_int_equal(s->state, THREAD_RECEIVING);
	c_r6 = put_ipc_buf(c->proc, h, call_at, 10, caller_in, 64);
	SYS(c, SYS_CALL, PID(s), 5, 0, 0, 0, 0, c_r6);
	check_message(s, PID(c), 5, 0, 0, 0, 0, 10);
	SYS(s, SYS_REPLY_RECV, PID(c), 6, 0, 0, 0, 0, h);
	assert_ptr_equal(running(), c);
	check_message(c, 0, 6, 0, 0, 0, 0, 0);
}

/* The fast paths leave no receive buffer behind: a server that waited with one,
 * then answered and waited again in registers only, takes a later long part
 * into nothing, and its old buffer stays as it was. */
static void test_fast_path_forgets_buffer(void **state)
{
	(void)state;
	struct thread *s = start("plain", 0), *c = start("plain", 0), *o = start("plain", 0);
	uint32_t h = HEAP(s), ho = HEAP(o);
	map_page(s->proc, h);
	map_page(o->proc, ho);
	uint8_t old[64], data[64], got[64];
	memset(old, 0x11, sizeof old);
	memset(data, 0x33, sizeof data);
	poke(s->proc, h + 0x100, old, sizeof old);
	poke(o->proc, ho + 0x100, data, sizeof data);
	uint32_t s_r6 = put_ipc_buf(s->proc, h, 0, 0, h + 0x100, sizeof old);
	uint32_t o_r6 = put_ipc_buf(o->proc, ho, ho + 0x100, sizeof data, 0, 0);

	SYS(s, SYS_RECV, 0, 0, 0, 0, 0, 0, s_r6);
	SYS(c, SYS_CALL, PID(s), 1, 0, 0, 0, 0, 0);
	assert_ptr_equal(running(), s);
	SYS(s, SYS_REPLY_RECV, PID(c), 2, 0, 0, 0, 0, 0); /* the fast path, no buffer */
	assert_ptr_equal(running(), c);
	check_message(c, 0, 2, 0, 0, 0, 0, 0);
	SYS(c, SYS_YIELD);
	assert_ptr_equal(running(), o);
	assert_int_equal(SYS(o, SYS_SEND, PID(s), 3, 0, 0, 0, 0, o_r6), 0);
	check_message(s, PID(o), 3, 0, 0, 0, 0, 0);
	peek(s->proc, h + 0x100, got, sizeof got);
	assert_memory_equal(got, old, sizeof old);
}

static void test_notifications(void **state)
{
	(void)state;
	struct thread *s = start("plain", 0), *n = start("plain", 0), *c = start("plain", 0);
	SYS(s, SYS_YIELD);
	assert_int_equal(SYS(n, SYS_NOTIFY, PID(s), 0x1), 0);
	assert_int_equal(SYS(n, SYS_NOTIFY, PID(s), 0x4), 0);
	assert_int_equal(s->proc->notify_bits, 0x5);
	assert_int_equal(s->state, THREAD_RUNNABLE);
	SYS(n, SYS_YIELD);
	SYS(c, SYS_SEND, PID(s), 9, 1, 2, 3, 4);

	/* Notifications come first, from pid 0, and are then cleared. */
	SYS(s, SYS_RECV);
	check_notification(s, 0x5);
	assert_int_equal(s->proc->notify_bits, 0);
	SYS(s, SYS_RECV);
	check_message(s, PID(c), 9, 1, 2, 3, 4, 0);

	/* To a receiving thread: delivered at once. */
	SYS(s, SYS_RECV);
	assert_int_equal(s->state, THREAD_RECEIVING);
	run_until(n);
	assert_int_equal(SYS(n, SYS_NOTIFY, PID(s), 0x8), 0);
	assert_int_equal(s->state, THREAD_RUNNABLE);
	check_notification(s, 0x8);
	assert_int_equal(s->proc->notify_bits, 0);
}

/* No bits is no notification: a receiving thread must not wake with nothing. */
static void test_notify_without_bits(void **state)
{
	(void)state;
	struct thread *s = start("plain", 0), *n = start("plain", 0);
	SYS(s, SYS_RECV);
	const struct trap_frame regs = s->ctx;
	assert_int_equal(SYS(n, SYS_NOTIFY, PID(s), 0), 0);
	assert_ptr_equal(running(), n);
	assert_int_equal(s->state, THREAD_RECEIVING);
	assert_memory_equal(&s->ctx, &regs, sizeof regs);
	assert_int_equal(s->proc->notify_bits, 0);
	assert_int_equal(SYS(n, SYS_SEND, PID(s), 3, 4, 5, 6, 7), 0);
	check_message(s, PID(n), 3, 4, 5, 6, 7, 0);
}

static void test_child_exit_notification(void **state)
{
	(void)state;
	struct thread *p = start("spawner", 0);
	struct thread *c1 = spawn(p, "plain", 0), *c2 = spawn(p, "plain", 0);
	uint32_t pid1 = PID(c1), pid2 = PID(c2);
	SYS(p, SYS_YIELD);
	SYS(c1, SYS_EXIT, 3);
	assert_int_equal(c1->proc->state, PROC_ZOMBIE);
	assert_int_equal(p->proc->notify_bits, NOTIFY_CHILD_EXIT);
	assert_int_equal(p->state, THREAD_RUNNABLE);

	run_until(p);
	SYS(p, SYS_RECV);
	check_notification(p, NOTIFY_CHILD_EXIT);
	assert_int_equal(collect(p, pid1), 3);

	/* A parent already receiving hears of it at once. */
	SYS(p, SYS_RECV);
	assert_ptr_equal(running(), c2);
	SYS(c2, SYS_EXIT, 4);
	assert_ptr_equal(running(), p);
	check_notification(p, NOTIFY_CHILD_EXIT);
	assert_int_equal(collect(p, pid2), 4);
	assert_int_equal(proc_count(), 1);
}

/* The console holds the kill line of pid, a "plain" process whose page fault
 * no pager maps: why, and the access, address and pc, as every other kill line
 * has them. */
static void check_unpaged_kill(uint32_t pid, const char *why, const char *access, uint32_t address,
			       uint32_t pc)
{
	char line[160];
	snprintf(line, sizeof line, "pid %d (plain) killed: page fault: %s: %s at %08x, pc %08x\n",
		 (int)pid, why, access, address, pc);
	assert_non_null(strstr(fake_console(), line));
}

static void test_fault_goes_to_pager(void **state)
{
	(void)state;
	struct thread *pg = start("pager", 0);
	struct thread *x = spawn(pg, "plain", (int)PID(pg)), *y = start("plain", 0);
	assert_int_equal(x->proc->pager, pg->proc->pid);
	SYS(pg, SYS_RECV);
	assert_ptr_equal(running(), x);
	for (int i = 0; i < 13; i++)
		x->ctx.r[i] = 0x100u + (uint32_t)i;
	x->ctx.pc = FAKE_USER_START + 0x40;
	const struct trap_frame regs = x->ctx;

	uint32_t address = HEAP(x) + 0x10;
	take_fault(x, address, FAULT_WRITE);
	assert_int_equal(x->state, THREAD_REPLY_WAIT);
	assert_true(x->faulted);
	assert_ptr_equal(running(), pg);
	check_message(pg, PID(x), IPC_LABEL_FAULT, address, FAULT_WRITE, FAKE_USER_START + 0x40, 0,
		      0);
	assert_int_equal(SYS(pg, SYS_MAP, PID(x), HEAP(x), MAP_WRITE), 0);
	SYS(pg, SYS_REPLY_RECV, PID(x), 0);
	assert_int_equal(pg->state, THREAD_RECEIVING);
	assert_false(x->faulted);
	/* The thread retries the access with every register as it was. */
	assert_int_equal(x->state, THREAD_RUNNABLE);
	assert_memory_equal(&x->ctx, &regs, sizeof regs);
	uint32_t flags;
	assert_int_equal(as_lookup(&x->proc->vm.as, HEAP(x), NULL, &flags), 0);
	assert_int_equal(flags, VM_USER | VM_WRITE | VM_OWNED);

	/* A busy pager finds the fault queued; another label kills the thread. */
	assert_ptr_equal(running(), y);
	SYS(y, SYS_SEND, PID(pg), 77);
	assert_int_equal(pg->state, THREAD_RUNNABLE);
	run_until(x);
	uint32_t stack_page = x->proc->vm.layout.stack_limit;
	take_fault(x, stack_page + 4, FAULT_READ);
	assert_int_equal(x->state, THREAD_SENDING);
	assert_ptr_equal(pg->senders, x);
	run_until(pg);
	check_message(pg, PID(y), 77, 0, 0, 0, 0, 0);
	SYS(pg, SYS_RECV);
	check_message(pg, PID(x), IPC_LABEL_FAULT, stack_page + 4, FAULT_READ,
		      FAKE_USER_START + 0x40, 0, 0);
	assert_int_equal(x->state, THREAD_REPLY_WAIT);
	uint32_t xpid = PID(x);
	SYS(pg, SYS_REPLY_RECV, xpid, 1);
	assert_null(proc_find((int)xpid));
	check_unpaged_kill(xpid, "its pager refused the page", "read", stack_page + 4,
			   FAKE_USER_START + 0x40);
	/* The pager is x's parent: it hears of the end before anything else. */
	check_notification(pg, NOTIFY_CHILD_EXIT);
	assert_int_equal(collect(pg, xpid), KILLED | KILL_PAGE_FAULT);
}

static void test_fault_without_pager(void **state)
{
	(void)state;
	struct thread *p = start("spawner", 0);
	struct thread *x = spawn(p, "plain", 0);
	uint32_t xpid = PID(x);
	assert_int_equal(x->proc->pager, 0);
	SYS(p, SYS_YIELD);
	uint32_t heap = HEAP(x), pc = x->ctx.pc;
	take_fault(x, heap, FAULT_READ);
	assert_null(proc_find((int)xpid));
	check_unpaged_kill(xpid, "no pager to map the page", "read", heap, pc);
	assert_ptr_equal(running(), p);
	assert_int_equal(collect(p, xpid), KILLED | KILL_PAGE_FAULT);
}

/* Pager 0 is the system pager, looked up at each fault. */
static void test_fault_to_system_pager(void **state)
{
	(void)state;
	struct thread *x = start("plain", 0), *mem = start("pager", 0), *y = start("plain", 0);
	uint32_t xpid = PID(x), ypid = PID(y);
	system_pager = mem->proc->pid;
	SYS(x, SYS_YIELD);
	SYS(mem, SYS_RECV);
	run_until(x);
	take_fault(x, HEAP(x), FAULT_READ);
	assert_ptr_equal(running(), mem);
	check_message(mem, xpid, IPC_LABEL_FAULT, HEAP(x), FAULT_READ, x->ctx.pc, 0, 0);
	assert_int_equal(SYS(mem, SYS_MAP, xpid, HEAP(x), 0), 0);
	SYS(mem, SYS_REPLY_RECV, xpid, 0);
	assert_int_equal(x->state, THREAD_RUNNABLE);

	/* The system pager itself has nobody to page it. */
	system_pager = (int)ypid;
	run_until(y);
	uint32_t y_heap = HEAP(y), y_pc = y->ctx.pc;
	take_fault(y, y_heap, FAULT_READ);
	assert_null(proc_find((int)ypid));
	check_unpaged_kill(ypid, "no pager to map the page", "read", y_heap, y_pc);
	/* Nor has anyone once it has ended. */
	system_pager = mem->proc->pid;
	run_until(x);
	SYS(x, SYS_SEND, PID(mem), 1);
	run_until(mem);
	SYS(mem, SYS_EXIT, 0);
	run_until(x);
	uint32_t x_heap = HEAP(x), x_pc = x->ctx.pc;
	take_fault(x, x_heap + PAGE_SIZE, FAULT_WRITE);
	assert_null(proc_find((int)xpid));
	check_unpaged_kill(xpid, "no pager to map the page", "write", x_heap + PAGE_SIZE, x_pc);
}

/* Only a touch of an unmapped page of a reserve is the pager's to decide: the
 * pager hears of the others only as the end of its child. */
static void test_faults_the_pager_never_sees(void **state)
{
	(void)state;
	static const struct {
		uint32_t from_guard;
		uint32_t access;
		int kill;
	} cases[] = {
	    {0, FAULT_WRITE, KILL_STACK_OVERFLOW},
	    {PAGE_SIZE - 1, FAULT_READ, KILL_STACK_OVERFLOW},
	    {(uint32_t)-PAGE_SIZE, FAULT_EXEC, KILL_PERMISSION},      /* the last heap page */
	    {(uint32_t)-5 * PAGE_SIZE, FAULT_READ, KILL_BAD_ADDRESS}, /* below the heap */
	};
	struct thread *pg = start("pager", 0);
	for (size_t i = 0; i <= sizeof cases / sizeof *cases; i++) {
		run_until(pg);
		struct thread *x = spawn(pg, "plain", (int)PID(pg));
		uint32_t pid = PID(x), guard = x->proc->vm.layout.guard;
		SYS(pg, SYS_RECV);
		run_until(x);
		if (i < sizeof cases / sizeof *cases)
			take_fault(x, guard + cases[i].from_guard, cases[i].access);
		else
			take_fault(x, FAKE_DATA, FAULT_READ);
		assert_int_equal(x->state, THREAD_DEAD);
		assert_ptr_equal(running(), pg);
		check_notification(pg, NOTIFY_CHILD_EXIT);
		int kill = i < sizeof cases / sizeof *cases ? cases[i].kill : KILL_KERNEL_MEMORY;
		assert_int_equal(collect(pg, pid), KILLED | kill);
	}
}

/* A fault below the stack while sp is below it too is the stack running over
 * (a frame from code without stack probing jumped the guard page), not the
 * pager's: whatever the address, the heap reserve included. With sp back in
 * the stack, the same fault is the pager's again. */
static void test_fault_below_a_runaway_stack(void **state)
{
	(void)state;
	struct thread *pg = start("pager", 0);
	const uint32_t sp_from_guard[] = {PAGE_SIZE - 8, 0, (uint32_t)-8 * PAGE_SIZE};
	for (size_t i = 0; i < sizeof sp_from_guard / sizeof *sp_from_guard; i++) {
		run_until(pg);
		struct thread *x = spawn(pg, "plain", (int)PID(pg));
		uint32_t pid = PID(x);
		SYS(pg, SYS_RECV);
		run_until(x);
		x->ctx.sp = x->proc->vm.layout.guard + sp_from_guard[i];
		take_fault(x, HEAP(x) + PAGE_SIZE, FAULT_WRITE);
		assert_int_equal(x->state, THREAD_DEAD);
		check_notification(pg, NOTIFY_CHILD_EXIT);
		assert_int_equal(collect(pg, pid), KILLED | KILL_STACK_OVERFLOW);
	}
	run_until(pg);
	struct thread *x = spawn(pg, "plain", (int)PID(pg));
	SYS(pg, SYS_RECV);
	run_until(x);
	x->ctx.sp = x->proc->vm.layout.stack_limit;
	take_fault(x, HEAP(x) + PAGE_SIZE, FAULT_WRITE);
	assert_int_equal(x->state, THREAD_REPLY_WAIT);
	check_message(pg, PID(x), IPC_LABEL_FAULT, HEAP(x) + PAGE_SIZE, FAULT_WRITE, x->ctx.pc, 0,
		      0);
}

/* Page 0 is the kernel's: a touch of it is a NULL pointer, and no pager's. */
static void test_null_pointer_fault(void **state)
{
	(void)state;
	struct thread *pg = start("pager", 0);
	struct thread *x = spawn(pg, "plain", (int)PID(pg));
	uint32_t pid = PID(x);
	SYS(pg, SYS_RECV);
	run_until(x);
	take_fault(x, PAGE_SIZE - 4, FAULT_READ);
	assert_int_equal(x->state, THREAD_DEAD);
	check_notification(pg, NOTIFY_CHILD_EXIT);
	assert_int_equal(collect(pg, pid), KILLED | KILL_NULL_POINTER);
	assert_non_null(strstr(fake_console(), "killed: NULL pointer: read at 00000ffc, pc "));
}

static void test_server_end_is_epipe(void **state)
{
	(void)state;
	struct thread *s = start("plain", 0), *c1 = start("plain", 0), *c2 = start("plain", 0),
		      *c3 = start("plain", 0);
	SYS(s, SYS_RECV);
	SYS(c1, SYS_CALL, PID(s), 1);
	assert_ptr_equal(running(), s);
	SYS(s, SYS_YIELD); /* c1 waits for a reply */
	SYS(c2, SYS_CALL, PID(s), 2);
	SYS(c3, SYS_SEND, PID(s), 3);
	assert_int_equal(c1->state, THREAD_REPLY_WAIT);
	assert_int_equal(c2->state, THREAD_SENDING);
	assert_int_equal(c3->state, THREAD_SENDING);
	assert_ptr_equal(running(), s);
	SYS(s, SYS_EXIT, 0);
	struct thread *callers[] = {c1, c2, c3};
	for (int i = 0; i < 3; i++) {
		assert_int_equal(callers[i]->state, THREAD_RUNNABLE);
		assert_int_equal((int)callers[i]->ctx.r[0], -EPIPE);
	}
	assert_non_null(running());
}

static void test_pager_end_kills_faulted(void **state)
{
	(void)state;
	struct thread *r = start("root", 0);
	struct thread *pg = spawn(r, "pager", 0);
	struct thread *x1 = spawn(r, "plain", (int)PID(pg)), *x2 = spawn(r, "plain", (int)PID(pg));
	uint32_t pids[] = {PID(pg), PID(x1), PID(x2)};
	uint32_t heaps[] = {HEAP(x1), HEAP(x2)}, pcs[] = {x1->ctx.pc, x2->ctx.pc};
	SYS(r, SYS_YIELD);
	SYS(pg, SYS_RECV);
	take_fault(x1, HEAP(x1), FAULT_READ);
	assert_ptr_equal(running(), pg); /* has x1's fault and does not answer yet */
	SYS(pg, SYS_YIELD);
	take_fault(x2, HEAP(x2), FAULT_READ);
	assert_int_equal(x1->state, THREAD_REPLY_WAIT);
	assert_int_equal(x2->state, THREAD_SENDING);

	assert_ptr_equal(running(), r);
	assert_int_equal(SYS(r, SYS_KILL, pids[0]), 0);
	assert_ptr_equal(running(), r);
	assert_int_equal(collect(r, pids[0]), KILLED | KILL_BY_REQUEST);
	assert_int_equal(collect(r, pids[1]), KILLED | KILL_PAGE_FAULT);
	assert_int_equal(collect(r, pids[2]), KILLED | KILL_PAGE_FAULT);
	check_unpaged_kill(pids[1], "its pager ended", "read", heaps[0], pcs[0]);
	check_unpaged_kill(pids[2], "its pager ended", "read", heaps[1], pcs[1]);
	SYS(r, SYS_YIELD);
	assert_ptr_equal(running(), r);
}

/* A chain of pagers, each faulted and waiting on the one before: killing the
 * first ends them all, one after another (proc_exit works them off in a loop,
 * so the kernel stack does not grow with the chain). */
static void test_pager_chain_ends(void **state)
{
	(void)state;
	enum { CHAIN = 12 };
	struct thread *r = start("root", 0), *chain[CHAIN];
	uint32_t pids[CHAIN];
	chain[0] = spawn(r, "pager", 0);
	for (int i = 1; i < CHAIN; i++)
		chain[i] = spawn(r, "pager", (int)PID(chain[i - 1]));
	for (int i = 0; i < CHAIN; i++)
		pids[i] = PID(chain[i]);
	for (int i = 1; i < CHAIN; i++) {
		run_until(chain[i]);
		take_fault(chain[i], HEAP(chain[i]), FAULT_WRITE);
		assert_int_equal(chain[i]->state, THREAD_SENDING);
	}
	run_until(r);
	assert_int_equal(SYS(r, SYS_KILL, pids[0]), 0);
	assert_int_equal(collect(r, pids[0]), KILLED | KILL_BY_REQUEST);
	for (int i = 1; i < CHAIN; i++)
		assert_int_equal(collect(r, pids[i]), KILLED | KILL_PAGE_FAULT);
	assert_ptr_equal(running(), r);
}

/*
 * A pager that ends while it waits for its child (or receives) must stay dead
 * even when the child it takes down with it would wake it: a faulted child dies
 * of its pager's end, and its end is news for the pager, which is its parent.
 */
static void test_ending_pager_stays_dead(void **state)
{
	(void)state;
	for (int receiving = 0; receiving < 2; receiving++) {
		struct thread *r = start("root", 0);
		struct thread *pg = spawn(r, "pager", 0);
		SYS(r, SYS_YIELD);
		struct thread *x = spawn(pg, "plain", (int)PID(pg));
		if (receiving) {
			SYS(pg, SYS_RECV);
			run_until(x);
			take_fault(x, HEAP(x), FAULT_WRITE);
			SYS(pg, SYS_RECV); /* the fault stays unanswered */
		} else {
			SYS(pg, SYS_WAIT, PID(x), 0);
			assert_int_equal(pg->state, THREAD_CHILD_WAIT);
			run_until(x);
			take_fault(x, HEAP(x), FAULT_WRITE);
			assert_int_equal(x->state, THREAD_SENDING);
		}
		run_until(r);
		uint32_t pid = PID(pg);
		assert_int_equal(SYS(r, SYS_KILL, pid), 0);
		assert_int_equal(pg->state, THREAD_DEAD);
		SYS(r, SYS_YIELD);
		assert_ptr_equal(running(), r);
		assert_int_equal(collect(r, pid), KILLED | KILL_BY_REQUEST);
		assert_int_equal(proc_count(), 1);
		SYS(r, SYS_EXIT, 0);
		assert_null(running());
	}
}

static void test_dead_or_unknown_peer(void **state)
{
	(void)state;
	struct thread *p = start("spawner", 0);
	struct thread *c = spawn(p, "plain", 0);
	uint32_t dead = PID(c);
	SYS(p, SYS_YIELD);
	SYS(c, SYS_EXIT, 0);
	SYS(p, SYS_RECV);
	check_notification(p, NOTIFY_CHILD_EXIT);
	assert_int_equal(proc_count(), 2); /* a zombie until collected */
	const uint32_t pids[] = {dead, dead + MAX_PROCS, 0, (uint32_t)-1, 12345, 0x7FFFFFFF};
	for (int collected = 0; collected < 2; collected++) {
		for (size_t i = 0; i < sizeof pids / sizeof *pids; i++) {
			REFUSED(ESRCH, p, SYS_CALL, pids[i], 1, 2, 3, 4, 5);
			REFUSED(ESRCH, p, SYS_SEND, pids[i], 1, 2, 3, 4, 5);
			REFUSED(ESRCH, p, SYS_NOTIFY, pids[i], 1);
		}
		if (!collected)
			assert_int_equal(SYS(p, SYS_WAIT, dead, 0), (int)dead);
	}
	/* A reply to it is dropped, and the replier receives. */
	struct thread *q = start("plain", 0);
	SYS(p, SYS_REPLY_RECV, dead, 1, 2, 3, 4, 5);
	assert_int_equal(p->state, THREAD_RECEIVING);
	SYS(q, SYS_SEND, PID(p), 6);
	check_message(p, PID(q), 6, 0, 0, 0, 0, 0);
}

static void test_call_to_self(void **state)
{
	(void)state;
	struct thread *t = start("plain", 0);
	REFUSED(EDEADLK, t, SYS_CALL, PID(t), 1);
	REFUSED(EDEADLK, t, SYS_SEND, PID(t), 1);
}

static void test_reply_to_non_waiter_dropped(void **state)
{
	(void)state;
	static struct snapshot before;
	struct thread *s1 = start("plain", 0), *s2 = start("plain", 0), *c = start("plain", 0);
	const struct slot_state *was_s1 = &before.slot[s1->proc->pid % MAX_PROCS];
	const struct slot_state *was_c = &before.slot[c->proc->pid % MAX_PROCS];
	SYS(s1, SYS_RECV);
	SYS(s2, SYS_YIELD);
	SYS(c, SYS_CALL, PID(s1), 1);
	assert_ptr_equal(running(), s1);
	SYS(s1, SYS_YIELD);

	/* s1 waits for nobody. */
	assert_ptr_equal(running(), s2);
	snapshot_take(&before);
	SYS(s2, SYS_REPLY_RECV, PID(s1), 98, 1, 2, 3, 4);
	assert_int_equal(s2->state, THREAD_RECEIVING);
	assert_int_equal(s1->state, THREAD_RUNNABLE);
	assert_memory_equal(&s1->ctx, &was_s1->ctx, sizeof s1->ctx);

	/* c waits for s1, not for s2. */
	assert_ptr_equal(running(), s1);
	SYS(s1, SYS_SEND, PID(s2), 5);
	SYS(s1, SYS_YIELD);
	assert_ptr_equal(running(), s2);
	snapshot_take(&before);
	SYS(s2, SYS_REPLY_RECV, PID(c), 99, 1, 2, 3, 4);
	assert_int_equal(s2->state, THREAD_RECEIVING);
	assert_int_equal(c->state, THREAD_REPLY_WAIT);
	assert_ptr_equal(c->peer, s1);
	assert_memory_equal(&c->ctx, &was_c->ctx, sizeof c->ctx);

	assert_ptr_equal(running(), s1);
	SYS(s1, SYS_REPLY_RECV, PID(c), 7, 8);
	assert_ptr_equal(running(), c);
	check_message(c, 0, 7, 8, 0, 0, 0, 0);
}

/* The fast paths' counts (ipc_stats) before a step, to see which path it took. */
static struct ipc_stats stats_before;
static void mark(void)
{
	stats_before = ipc_stats;
}
#define RAN(path, times) assert_int_equal(ipc_stats.path - stats_before.path, (times))

/* A call in registers to a waiting server, and its reply: both fast paths run. */
static void test_fast_paths_taken(void **state)
{
	(void)state;
	struct thread *s = start("plain", 0), *c = start("plain", 0);
	SYS(s, SYS_RECV);
	mark();
	SYS(c, SYS_CALL, PID(s), 7, 1, 2, 3, 4);
	RAN(fast_calls, 1);
	assert_ptr_equal(running(), s);
	check_message(s, PID(c), 7, 1, 2, 3, 4, 0);
	SYS(s, SYS_REPLY_RECV, PID(c), 8, 5, 6, 7, 8);
	RAN(fast_replies, 1);
	assert_ptr_equal(running(), c);
	check_message(c, 0, 8, 5, 6, 7, 8, 0);
	assert_int_equal(s->state, THREAD_RECEIVING);
}

/* What the fast paths leave to the general path, which then does it: a call
 * to a server that is not waiting, a reply by a server with a caller queued,
 * a call to a server that a better ready thread would keep off the CPU. */
static void test_fast_paths_fall_back(void **state)
{
	(void)state;
	struct thread *s = start("plain", 0), *c = start("plain", 0), *d = start("plain", 0);
	mark();
	SYS(s, SYS_YIELD);
	SYS(c, SYS_CALL, PID(s), 1, 0, 0, 0, 0); /* s is ready, not receiving */
	assert_int_equal(c->state, THREAD_SENDING);
	SYS(d, SYS_CALL, PID(s), 2, 0, 0, 0, 0);
	assert_ptr_equal(running(), s);
	SYS(s, SYS_RECV);
	check_message(s, PID(c), 1, 0, 0, 0, 0, 0);
	SYS(s, SYS_REPLY_RECV, PID(c), 3, 0, 0, 0, 0); /* d is queued: the general path */
	check_message(s, PID(d), 2, 0, 0, 0, 0, 0);
	RAN(fast_calls, 0);
	RAN(fast_replies, 0);
	SYS(s, SYS_REPLY_RECV, PID(d), 4, 0, 0, 0, 0);
	RAN(fast_replies, 1); /* nobody queued now, d waits: fast again */
	check_message(d, 0, 4, 0, 0, 0, 0, 0);
	assert_int_equal(c->ctx.r[1], 3);
}

/* A long part between buffers both threads named before goes the fast way,
 * through the look-ups the kernel kept; an unmap in the caller's space revokes
 * them, and the next call takes the general path, which checks and copies
 * the same bytes, and keeps new look-ups for the call after. */
static void test_known_buffers_fast_and_revoked(void **state)
{
	(void)state;
	struct thread *s = start("plain", 0), *c = start("plain", 0);
	uint32_t h = HEAP(s);
	map_page(s->proc, h);
	map_page(c->proc, h);
	map_page(c->proc, h + PAGE_SIZE);
	uint8_t data[40], got[41];
	for (uint32_t i = 0; i < sizeof data; i++)
		data[i] = (uint8_t)(i + 1);
	poke(c->proc, h + 0x100, data, sizeof data);
	uint32_t c_r6 = put_ipc_buf(c->proc, h, h + 0x100, sizeof data, h + 0x200, 64);
	uint32_t s_r6 = put_ipc_buf(s->proc, h, 0, 0, h + 0x300, 64);
	SYS(s, SYS_RECV, 0, 0, 0, 0, 0, 0, s_r6);
	for (int round = 0; round < 4; round++) {
		if (round == 2)
			assert_int_equal(as_unmap(&c->proc->vm.as, h + PAGE_SIZE), 0);
		mark();
		SYS(c, SYS_CALL, PID(s), 1, 0, 0, 0, 0, c_r6);
		RAN(fast_calls, round == 0 || round == 2 ? 0 : 1);
		check_message(s, PID(c), 1, 0, 0, 0, 0, sizeof data);
		memset(got, 0, sizeof got);
		peek(s->proc, h + 0x300, got, sizeof got);
		assert_memory_equal(got, data, sizeof data);
		assert_int_equal(got[sizeof data], 0);
		poke(s->proc, h + 0x300, (uint8_t[41]){0}, sizeof got);
		SYS(s, SYS_REPLY_RECV, PID(c), 2, 0, 0, 0, 0, s_r6);
		assert_ptr_equal(running(), c);
	}
}

/* The receiver's look-ups too: a change of permissions in its space (here, of
 * a page no buffer lies in) zeroes its key (as->forget), the next call takes
 * the general path and copies the same bytes, and the server's next reply
 * remembers its buffers again, so the call after is fast. */
static void test_known_buffers_revoked_by_receiver(void **state)
{
	(void)state;
	struct thread *s = start("plain", 0), *c = start("plain", 0);
	uint32_t h = HEAP(s);
	map_page(s->proc, h);
	map_page(s->proc, h + PAGE_SIZE);
	map_page(c->proc, h);
	uint8_t data[40], got[40];
	for (uint32_t i = 0; i < sizeof data; i++)
		data[i] = (uint8_t)(i + 7);
	poke(c->proc, h + 0x100, data, sizeof data);
	uint32_t c_r6 = put_ipc_buf(c->proc, h, h + 0x100, sizeof data, h + 0x200, 64);
	uint32_t s_r6 = put_ipc_buf(s->proc, h, 0, 0, h + 0x300, 64);
	SYS(s, SYS_RECV, 0, 0, 0, 0, 0, 0, s_r6);
	for (int round = 0; round < 4; round++) {
		if (round == 2) {
			assert_int_equal(as_protect(&s->proc->vm.as, h + PAGE_SIZE, VM_USER), 0);
			assert_int_equal(s->named.key, 0);
		}
		mark();
		SYS(c, SYS_CALL, PID(s), 1, 0, 0, 0, 0, c_r6);
		RAN(fast_calls, round == 0 || round == 2 ? 0 : 1);
		check_message(s, PID(c), 1, 0, 0, 0, 0, sizeof data);
		peek(s->proc, h + 0x300, got, sizeof got);
		assert_memory_equal(got, data, sizeof data);
		poke(s->proc, h + 0x300, (uint8_t[40]){0}, sizeof got);
		SYS(s, SYS_REPLY_RECV, PID(c), 2, 0, 0, 0, 0, s_r6);
		assert_ptr_equal(running(), c);
	}
}

/* A fault to a waiting pager, and the pager's answer: both fast; with the
 * pager busy, the fault waits in its queue (the general path). */
static void test_fault_fast_paths(void **state)
{
	(void)state;
	struct thread *pg = start("pager", 0);
	struct thread *x = spawn(pg, "plain", (int)PID(pg));
	SYS(pg, SYS_RECV);
	run_until(x);
	mark();
	take_fault(x, HEAP(x), FAULT_WRITE);
	RAN(fast_faults, 1);
	assert_ptr_equal(running(), pg);
	SYS(pg, SYS_REPLY_RECV, PID(x), 0);
	RAN(fast_fault_replies, 1);
	assert_ptr_equal(running(), x);
	assert_false(x->faulted);
	/* y: a ready thread that would run before a resumed faulter, and a
	 * sender that keeps the pager busy. */
	struct thread *y = start("plain", 0);
	SYS(x, SYS_YIELD);
	run_until(y);
	assert_int_equal(SYS(y, SYS_SEND, PID(pg), 5, 0, 0, 0, 0), 0);
	assert_int_equal(pg->state, THREAD_RUNNABLE); /* busy with y's message */
	run_until(x);
	mark();
	take_fault(x, HEAP(x), FAULT_WRITE);
	RAN(fast_faults, 0);
	assert_int_equal(x->state, THREAD_SENDING);
	assert_ptr_equal(running(), pg);
	SYS(pg, SYS_RECV);
	check_message(pg, PID(x), IPC_LABEL_FAULT, HEAP(x), FAULT_WRITE, x->ctx.pc, 0, 0);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, harness_setup, harness_teardown)
	const struct CMUnitTest tests[] = {
	    T(test_call_to_receiving_server),
	    T(test_call_respects_priorities),
	    T(test_busy_server_queues_oldest_first),
	    T(test_send_completes_when_received),
	    T(test_long_part_between_spaces),
	    T(test_fast_path_forgets_buffer),
	    T(test_notifications),
	    T(test_notify_without_bits),
	    T(test_child_exit_notification),
	    T(test_fault_goes_to_pager),
	    T(test_fault_without_pager),
	    T(test_fault_to_system_pager),
	    T(test_faults_the_pager_never_sees),
	    T(test_fault_below_a_runaway_stack),
	    T(test_null_pointer_fault),
	    T(test_server_end_is_epipe),
	    T(test_pager_end_kills_faulted),
	    T(test_pager_chain_ends),
	    T(test_ending_pager_stays_dead),
	    T(test_dead_or_unknown_peer),
	    T(test_call_to_self),
	    T(test_reply_to_non_waiter_dropped),
	    T(test_fast_paths_taken),
	    T(test_fast_paths_fall_back),
	    T(test_known_buffers_fast_and_revoked),
	    T(test_known_buffers_revoked_by_receiver),
	    T(test_fault_fast_paths),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
