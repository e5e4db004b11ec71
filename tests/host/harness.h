/*
 * Driving the real kernel on the host (fake_kernel.c has the fakes under it):
 * fresh fake RAM and kernel heap for each test; processes started as kmain
 * starts them; system calls made only by the thread the scheduler runs, with
 * its registers set as user code sets them; user memory reached the way the
 * kernel's own copies reach it; and snapshots to show a refused call changed
 * nothing.
 */
#ifndef HARNESS_H
#define HARNESS_H

#include <stddef.h>
#include <stdint.h>

#include "fake_kernel.h"
#include "proc.h"
#include "sched.h"

#define PID(t) ((uint32_t)(t)->proc->pid)

/* cmocka setup and teardown. Teardown ends every process still there and
 * fails the test if a frame or a byte of kernel heap is missing afterwards. */
int harness_setup(void **state);
int harness_teardown(void **state);

/* Starts program with no parent, as kmain starts the first process. */
struct thread *start(const char *program, int pager);

/* The thread the next return to user mode goes to (NULL: the idle loop). */
struct thread *running(void);

/* The running threads yield until t is the one running. */
void run_until(struct thread *t);

/*
 * Kernel entries, each ending as trap.c's do, with the scheduler picking the
 * thread to return to. System calls: t, which must be the running thread, makes
 * call nr with r0-r6 = args (missing ones 0); returns t's r0.
 */
#define SYS(t, nr, ...) harness_syscall((t), (nr), (const uint32_t[7]){__VA_ARGS__})
/* Only what the svc leaves in t's registers (t must be running), for a test
 * that enters the kernel itself. */
#define LOAD(t, nr, ...) harness_load((t), (nr), (const uint32_t[7]){__VA_ARGS__})
void harness_load(struct thread *t, uint32_t nr, const uint32_t args[7]);
int harness_syscall(struct thread *t, uint32_t nr, const uint32_t args[7]);

/* As SYS, for a call that may fail, and then must have changed nothing but t's r0. */
#define ALL_OR_NOTHING(t, nr, ...)                                                                 \
	harness_all_or_nothing((t), (nr), (const uint32_t[7]){__VA_ARGS__})
int harness_all_or_nothing(struct thread *t, uint32_t nr, const uint32_t args[7]);

/* As ALL_OR_NOTHING, for a call that must fail with -err. */
#define REFUSED(err, t, nr, ...)                                                                   \
	assert_int_equal(harness_all_or_nothing((t), (nr), (const uint32_t[7]){__VA_ARGS__}),      \
			 -(err))

/* The running thread t takes a translation fault at address, as trap.c reports it. */
void take_fault(struct thread *t, uint32_t address, uint32_t access);

/* Interrupt irq arrives while a thread or the idle loop runs. */
void interrupt(int irq);

/* Maps a fresh zeroed page at va into p's user region, user read-write; returns va. */
uint32_t map_page(struct proc *p, uint32_t va);
/* Writes and reads p's memory at va through its translation tables (mapped pages only). */
void poke(struct proc *p, uint32_t va, const void *src, uint32_t len);
void peek(struct proc *p, uint32_t va, void *dst, uint32_t len);
uint32_t peek_word(struct proc *p, uint32_t va);
/* Writes a struct ipc_buf at va; returns the r6 that names it, as libsys makes it
 * (IPC_BUF_SENDS when there is a long part to send). */
uint32_t put_ipc_buf(struct proc *p, uint32_t va, uint32_t send, uint32_t send_len, uint32_t recv,
		     uint32_t recv_cap);

/* t (runnable) runs next, out of its run queue; the one running waits its turn. */
void take_cpu(struct thread *t);

/* The running thread parent starts program through SYS_SPAWN, the name on its
 * stack; returns the child's main thread. */
struct thread *spawn(struct thread *parent, const char *program, int pager);

/* Everything a refused call could have touched. */
struct snapshot {
	uint32_t free_frames, procs, kheap_frames;
	size_t heap_bytes, console_len;
	const struct thread *running;
	bool irq_masked[FAKE_IRQS];
	struct slot_state {
		const struct proc *proc;
		int pid, parent, pager, exit_status;
		enum proc_state state;
		enum thread_state thread_state;
		uint32_t notify_bits, mapped;
		const struct thread *peer;
		const struct thread *senders[MAX_PROCS + 1];
		struct trap_frame ctx;
	} slot[MAX_PROCS];
};
void snapshot_take(struct snapshot *s);
/* Fails unless everything is as in s, apart from r0 of except (may be NULL). */
void snapshot_check(const struct snapshot *s, const struct thread *except);

#endif
