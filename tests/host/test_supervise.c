/*
 * Unit tests of what the kernel does for a supervisor (kernel/supervise.c,
 * kernel/pager_wait.c), driven through system calls: adopting a boot server,
 * a fault that finds the system pager killed waiting for the supervisor's
 * next one and going to it, restarts counted, and the faults that wait
 * killed when the supervisor itself ends, or when the pager has used up its
 * table's restarts and none will come.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <string.h>

/* cmocka.h needs the headers above first. */
#include <cmocka.h>

#include "fake_kernel.h"
#include "harness.h"
#include "proc.h"
#include "supervise.h"
#include "syscall.h"
#include "wren/abi.h"

#define HEAP(t) ((t)->proc->vm.layout.heap_base)
#define STATUS(t) ((t)->proc->vm.layout.stack_start + 0x100)

static int collect(struct thread *parent, uint32_t pid)
{
	assert_int_equal(SYS(parent, SYS_WAIT, pid, STATUS(parent)), (int)pid);
	return (int)peek_word(parent->proc, STATUS(parent));
}

/* parent starts program with SPAWN_ flags; returns the new thread or NULL
 * with the error in *err. */
static struct thread *spawn_flags(struct thread *parent, const char *program, uint32_t flags,
				  int *err)
{
	uint32_t name = parent->proc->vm.layout.stack_start, len = (uint32_t)strlen(program);
	poke(parent->proc, name, program, len);
	*err = SYS(parent, SYS_SPAWN, name, len, 0, 0, 0, flags);
	return *err > 0 ? &proc_find(*err)->thread : NULL;
}

/* The system pager, as the kernel starts it at boot, and a supervisor that
 * has adopted it, with two clients. */
struct scene {
	struct thread *mem, *sup, *x, *y;
};

static struct scene scene(void)
{
	struct scene s;
	s.mem = start("sys-pager", 0);
	system_pager = s.mem->proc->pid;
	s.sup = start("supervisor", 0);
	struct thread *plain = start("plain", 0);
	run_until(s.sup);
	assert_int_equal(SYS(s.sup, SYS_ADOPT, PID(plain)), -EINVAL); /* not a boot server */
	assert_int_equal(SYS(s.sup, SYS_ADOPT, PID(s.mem)), 0);
	assert_int_equal(s.mem->proc->parent, s.sup->proc->pid);
	assert_int_equal(SYS(s.sup, SYS_ADOPT, PID(s.mem)), -EINVAL); /* it has a parent now */
	run_until(plain);
	assert_int_equal(SYS(plain, SYS_ADOPT, PID(s.sup)), -EPERM);
	run_until(s.sup);
	s.x = spawn(s.sup, "plain", 0);
	run_until(s.sup);
	s.y = spawn(s.sup, "plain", 0);
	return s;
}

/* The memory server is killed with x's fault in hand; y faults before the
 * next one runs: both wait, and go to it oldest first. */
static void test_fault_waits_for_next_pager(void **state)
{
	(void)state;
	struct scene s = scene();
	uint32_t old = PID(s.mem), x_heap = HEAP(s.x), y_page = HEAP(s.y) + PAGE_SIZE;
	unsigned restarts = supervise_restarts(s.mem->proc);
	int pid;
	run_until(s.mem);
	SYS(s.mem, SYS_RECV);
	run_until(s.x);
	take_fault(s.x, x_heap, FAULT_READ);
	assert_ptr_equal(running(), s.mem);
	run_until(s.sup);
	assert_int_equal(SYS(s.sup, SYS_KILL, old), 0);
	assert_int_equal(s.x->state, THREAD_PAGER_WAIT);
	run_until(s.y);
	take_fault(s.y, y_page, FAULT_WRITE);
	assert_int_equal(s.y->state, THREAD_PAGER_WAIT);
	assert_null(proc_find(system_pager));

	run_until(s.sup);
	assert_int_equal(collect(s.sup, old), KILLED | KILL_BY_REQUEST);
	struct thread *root = start("root", 0);
	run_until(root);
	assert_null(spawn_flags(root, "plain", SPAWN_RESTART, &pid)); /* not a supervisor's */
	assert_int_equal(pid, -EINVAL);
	run_until(s.sup);
	struct thread *mem = spawn_flags(s.sup, "sys-pager", SPAWN_RESTART, &pid);
	assert_non_null(mem);
	assert_int_equal(system_pager, pid);
	assert_int_equal(supervise_restarts(mem->proc), restarts + 1);
	run_until(mem);
	SYS(mem, SYS_RECV);
	assert_int_equal(mem->ctx.r[0], PID(s.x));
	assert_int_equal(mem->ctx.r[1], IPC_LABEL_FAULT);
	assert_int_equal(mem->ctx.r[2], x_heap);
	assert_int_equal(SYS(mem, SYS_MAP, PID(s.x), x_heap, 0), 0);
	SYS(mem, SYS_REPLY_RECV, PID(s.x), 0);
	assert_int_equal(s.x->state, THREAD_RUNNABLE);
	assert_int_equal(mem->ctx.r[0], PID(s.y));
	assert_int_equal(mem->ctx.r[2], y_page);
	assert_int_equal(mem->ctx.r[3], FAULT_WRITE);
}

/* A system call whose buffer is paged in (ipc_page_in), queued on the system
 * pager when it is killed: it waits with the call rewound and every register
 * kept, and runs again once the next pager has mapped the page. */
static void test_paged_in_call_waits(void **state)
{
	(void)state;
	struct scene s = scene();
	const uint32_t out = HEAP(s.x) + 8;
	int pid;
	run_until(s.x); /* the pager has not asked for a message yet */
	s.x->ctx.pc = FAKE_USER_START + 0x44;
	LOAD(s.x, SYS_LAYOUT, 0, out);
	struct trap_frame rewound = s.x->ctx;
	rewound.pc -= 4;
	syscall(s.x);
	assert_int_equal(s.x->state, THREAD_SENDING);
	run_until(s.sup);
	uint32_t old = PID(s.mem);
	SYS(s.sup, SYS_KILL, old);
	assert_int_equal(s.x->state, THREAD_PAGER_WAIT);
	assert_memory_equal(&s.x->ctx, &rewound, sizeof rewound);
	assert_int_equal(collect(s.sup, old), KILLED | KILL_BY_REQUEST);
	struct thread *mem = spawn_flags(s.sup, "sys-pager", SPAWN_RESTART, &pid);
	run_until(mem);
	SYS(mem, SYS_RECV);
	assert_int_equal(mem->ctx.r[0], PID(s.x));
	assert_int_equal(mem->ctx.r[2], HEAP(s.x));
	assert_int_equal(SYS(mem, SYS_MAP, PID(s.x), HEAP(s.x), MAP_WRITE), 0);
	SYS(mem, SYS_REPLY_RECV, PID(s.x), 0);
	run_until(s.x);
	assert_memory_equal(&s.x->ctx, &rewound, sizeof rewound);
	assert_int_equal(SYS(s.x, SYS_LAYOUT, 0, out), 0);
}

/* A waiting fault whose process is killed leaves the wait; when the
 * supervisor ends, nothing will start a pager, and the others are killed. */
static void test_supervisor_end_kills_waiting(void **state)
{
	(void)state;
	struct scene s = scene();
	uint32_t xpid = PID(s.x), ypid = PID(s.y);
	struct thread *root = start("root", 0);
	run_until(s.sup);
	SYS(s.sup, SYS_KILL, PID(s.mem));
	run_until(s.x);
	take_fault(s.x, HEAP(s.x), FAULT_READ);
	run_until(s.y);
	take_fault(s.y, HEAP(s.y), FAULT_READ);
	run_until(root);
	assert_int_equal(SYS(root, SYS_KILL, xpid), 0);
	assert_null(proc_find((int)xpid));
	run_until(root);
	assert_int_equal(SYS(root, SYS_KILL, PID(s.sup)), 0);
	assert_null(proc_find((int)ypid));
}

/* After as many restarts as sys-pager's table entry allows, a fault that
 * finds it gone has nothing to wait for, and its process is killed. The last
 * test: the kernel's counts last from one test to the next, as in a run. */
static void test_no_restart_left(void **state)
{
	(void)state;
	struct scene s = scene();
	struct thread *mem = s.mem;
	int pid;
	const unsigned limit = mem->proc->program->restarts;
	for (unsigned i = supervise_restarts(mem->proc); i < limit; i++) {
		run_until(s.sup);
		uint32_t old = PID(mem);
		SYS(s.sup, SYS_KILL, old);
		assert_int_equal(collect(s.sup, old), KILLED | KILL_BY_REQUEST);
		mem = spawn_flags(s.sup, "sys-pager", SPAWN_RESTART, &pid);
		assert_non_null(mem);
	}
	assert_int_equal(supervise_restarts(mem->proc), limit);
	run_until(s.sup);
	SYS(s.sup, SYS_KILL, PID(mem));
	uint32_t xpid = PID(s.x);
	run_until(s.x);
	take_fault(s.x, HEAP(s.x), FAULT_READ);
	assert_null(proc_find((int)xpid));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_fault_waits_for_next_pager, harness_setup,
					    harness_teardown),
	    cmocka_unit_test_setup_teardown(test_paged_in_call_waits, harness_setup,
					    harness_teardown),
	    cmocka_unit_test_setup_teardown(test_supervisor_end_kills_waiting, harness_setup,
					    harness_teardown),
	    cmocka_unit_test_setup_teardown(test_no_restart_left, harness_setup, harness_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
