/*
 * The host harness of harness.h over the real kernel files and fake_kernel.c.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <string.h>

/* cmocka.h needs the headers above first. */
#include <cmocka.h>

#include "device.h"
#include "fake_kernel.h"
#include "fake_ram.h"
#include "fault.h"
#include "harness.h"
#include "ipc.h"
#include "irq.h"
#include "proc.h"
#include "proc_events.h"
#include "sched.h"
#include "supervise.h"
#include "syscall.h"
#include "wren/abi.h"

static uint32_t frames_at_start;

int harness_setup(void **state)
{
	(void)state;
	fake_ram_reset(1);
	uint8_t *page0 = phys_to_virt(FAKE_RAM_PA(0));
	kheap_init(page0, page0 + PAGE_SIZE);
	fake_kernel_reset();
	system_pager = 0;
	static bool observing; /* observers stay registered from one test to the next */
	if (!observing) {
		assert_int_equal(program_table_check(), 0);
		ipc_init();
		irq_init();
		device_init(FAKE_RAM_BASE, FAKE_RAM_PA(FAKE_RAM_PAGES));
		supervise_init();
		proc_observe(fake_first_process_watch);
		observing = true;
	}
	frames_at_start = frame_free_count();
	assert_int_equal(proc_count(), 0);
	assert_null(running());
	return 0;
}

static struct proc *first_alive(void)
{
	for (int i = 0; i < MAX_PROCS; i++)
		if (proc_slot(i) && proc_slot(i)->state == PROC_ALIVE)
			return proc_slot(i);
	return NULL;
}

int harness_teardown(void **state)
{
	(void)state;
	struct proc *p;
	while ((p = first_alive()))
		proc_exit(p, 0);
	assert_int_equal(proc_count(), 0); /* zombies went with their parents */
	assert_null(running());
	assert_null(fake_active_as);
	assert_int_equal(kheap_bytes_used(), 0);
	assert_int_equal(kheap_frames(), 0);
	assert_int_equal(frame_free_count(), frames_at_start);
	return 0;
}

struct thread *start(const char *program, int pager)
{
	const struct program *prog = program_find(program, strlen(program));
	assert_non_null(prog);
	int pid = proc_spawn(prog, 0, pager, NULL, 0, 0);
	assert_true(pid > 0);
	struct proc *p = proc_find(pid);
	assert_non_null(p);
	sched_ready(&p->thread); /* as kmain does */
	return &p->thread;
}

/* How every kernel entry ends: the scheduler picks a context, which must be a
 * thread that may run, in its own address space, or else the idle loop. A
 * system call's handler returned its own pick, given (NULL: none), which must
 * be the scheduler's: a handler that skips the scheduler, or a fast path that
 * switches by itself, may not pick another thread than it would. */
static struct thread *leave_kernel(const struct trap_frame *given)
{
	struct trap_frame *f = sched_next_frame();
	if (given)
		assert_ptr_equal(given, f);
	if (!current) {
		assert_ptr_equal(f, arch_idle_frame());
		return NULL;
	}
	assert_ptr_equal(f, &current->ctx);
	assert_int_equal(current->state, THREAD_RUNNABLE);
	assert_int_equal(current->proc->state, PROC_ALIVE);
	assert_ptr_equal(fake_active_as, &current->proc->vm.as);
	return current;
}

struct thread *running(void)
{
	return leave_kernel(NULL);
}

void run_until(struct thread *t)
{
	struct thread *r;
	for (int turns = 0; (r = running()) != t; turns++) {
		assert_non_null(r);
		assert_true(turns < MAX_PROCS);
		SYS(r, SYS_YIELD);
	}
}

/* What the svc instruction leaves in the registers. */
void harness_load(struct thread *t, uint32_t nr, const uint32_t args[7])
{
	assert_ptr_equal(running(), t);
	for (int i = 0; i < 7; i++)
		t->ctx.r[i] = args[i];
	t->ctx.r[7] = nr;
}

int harness_syscall(struct thread *t, uint32_t nr, const uint32_t args[7])
{
	harness_load(t, nr, args);
	leave_kernel(syscall(t));
	return (int)t->ctx.r[0];
}

int harness_all_or_nothing(struct thread *t, uint32_t nr, const uint32_t args[7])
{
	static struct snapshot before;
	harness_load(t, nr, args);
	snapshot_take(&before);
	leave_kernel(syscall(t));
	int result = (int)t->ctx.r[0];
	if (result < 0) {
		snapshot_check(&before, t);
		assert_ptr_equal(running(), t);
	}
	return result;
}

void take_fault(struct thread *t, uint32_t address, uint32_t access)
{
	assert_ptr_equal(running(), t);
	struct fault f = {
	    .kind = FAULT_TRANSLATION,
	    .address = address,
	    .access = access,
	    .pc = t->ctx.pc,
	    .status = 0x07, /* the long-descriptor code of a level-3 translation fault */
	};
	leave_kernel(user_fault(t, &f));
}

void interrupt(int irq)
{
	running();
	fake_irq_pending = irq;
	irq_dispatch();
	leave_kernel(NULL);
}

uint32_t map_page(struct proc *p, uint32_t va)
{
	paddr_t pa = frame_alloc_zeroed();
	assert_true(pa != 0);
	assert_int_equal(as_map(&p->vm.as, va, pa, VM_USER | VM_WRITE | VM_OWNED), 0);
	return va;
}

/* Where the kernel reaches the byte at va, which must be mapped. */
static uint8_t *reach(struct proc *p, uint32_t va)
{
	paddr_t pa;
	assert_int_equal(as_lookup(&p->vm.as, PAGE_ROUND_DOWN(va), &pa, NULL), 0);
	return (uint8_t *)phys_to_virt(pa) + (va & (PAGE_SIZE - 1));
}

void poke(struct proc *p, uint32_t va, const void *src, uint32_t len)
{
	const uint8_t *s = src;
	for (uint32_t i = 0; i < len; i++)
		*reach(p, va + i) = s[i];
}

void peek(struct proc *p, uint32_t va, void *dst, uint32_t len)
{
	uint8_t *d = dst;
	for (uint32_t i = 0; i < len; i++)
		d[i] = *reach(p, va + i);
}

uint32_t peek_word(struct proc *p, uint32_t va)
{
	uint32_t w;
	peek(p, va, &w, sizeof w);
	return w;
}

uint32_t put_ipc_buf(struct proc *p, uint32_t va, uint32_t send, uint32_t send_len, uint32_t recv,
		     uint32_t recv_cap)
{
	struct ipc_buf b = {
	    .send = (const void *)(uintptr_t)send,
	    .send_len = send_len,
	    .recv = (void *)(uintptr_t)recv,
	    .recv_cap = recv_cap,
	};
	poke(p, va, &b, sizeof b);
	return va | (send_len ? IPC_BUF_SENDS : 0);
}

void take_cpu(struct thread *t)
{
	assert_int_equal(t->state, THREAD_RUNNABLE);
	if (running() != t) {
		sched_unready(t);
		sched_switch_to(t);
	}
	assert_ptr_equal(running(), t);
}

struct thread *spawn(struct thread *parent, const char *program, int pager)
{
	struct proc *p = parent->proc;
	uint32_t name = p->vm.layout.stack_start, len = (uint32_t)strlen(program);
	poke(p, name, program, len);
	int pid = SYS(parent, SYS_SPAWN, name, len, (uint32_t)pager);
	assert_true(pid > 0);
	struct proc *child = proc_find(pid);
	assert_non_null(child);
	assert_int_equal(child->parent, p->pid);
	if (child->thread.priority == parent->priority) {
		/* A child of its parent's priority runs first. The test goes on with
		 * the parent: it takes the CPU back, the child waits its turn. */
		assert_ptr_equal(running(), &child->thread);
		take_cpu(parent);
	}
	return &child->thread;
}

void snapshot_take(struct snapshot *s)
{
	memset(s, 0, sizeof *s);
	s->free_frames = frame_free_count();
	s->procs = proc_count();
	s->kheap_frames = kheap_frames();
	s->heap_bytes = kheap_bytes_used();
	s->console_len = fake_console_len();
	s->running = current;
	memcpy(s->irq_masked, fake_irq_masked, sizeof s->irq_masked);
	for (int i = 0; i < MAX_PROCS; i++) {
		const struct proc *p = proc_slot(i);
		struct slot_state *o = &s->slot[i];
		if (!(o->proc = p))
			continue;
		o->pid = p->pid;
		o->parent = p->parent;
		o->pager = p->pager;
		o->exit_status = p->exit_status;
		o->state = p->state;
		o->thread_state = p->thread.state;
		o->notify_bits = p->notify_bits;
		if (p->state == PROC_ALIVE)
			o->mapped = as_count_mapped(&p->vm.as, p->vm.as.base, 0xFFFFFFFFu);
		o->peer = p->thread.peer;
		int n = 0;
		for (const struct thread *q = p->thread.senders; q && n < MAX_PROCS; q = q->next)
			o->senders[n++] = q;
		o->ctx = p->thread.ctx;
	}
}

void snapshot_check(const struct snapshot *s, const struct thread *except)
{
	static struct snapshot now;
	snapshot_take(&now);
	assert_int_equal(now.free_frames, s->free_frames);
	assert_int_equal(now.procs, s->procs);
	assert_int_equal(now.kheap_frames, s->kheap_frames);
	assert_int_equal(now.heap_bytes, s->heap_bytes);
	assert_int_equal(now.console_len, s->console_len);
	assert_ptr_equal(now.running, s->running);
	assert_memory_equal(now.irq_masked, s->irq_masked, sizeof now.irq_masked);
	for (int i = 0; i < MAX_PROCS; i++) {
		struct slot_state *o = &now.slot[i];
		if (o->proc && &o->proc->thread == except)
			o->ctx.r[0] = s->slot[i].ctx.r[0];
		assert_memory_equal(o, &s->slot[i], sizeof *o);
	}
}
