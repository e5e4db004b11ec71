/*
 * Processes and threads. A process is an address space (vm.h) and the
 * threads that run in it; for now each process has exactly one, its main
 * thread, but the two are kept apart so more can come.
 *
 * The kernel has a single stack and never blocks on it: a thread that waits
 * is a state in its control block, and every kernel entry runs to the end and
 * then returns to whichever thread the scheduler picked.
 */
#ifndef PROC_H
#define PROC_H

#include <stdbool.h>

#include "program.h"
#include "trap.h"
#include "vm.h"
#include "wren/abi.h"

#define MAX_PROCS 32

enum thread_state {
	THREAD_RUNNABLE,   /* running, or in a run queue */
	THREAD_SENDING,    /* in peer's queue of senders */
	THREAD_RECEIVING,  /* waiting for a message or a notification */
	THREAD_REPLY_WAIT, /* waiting for peer's reply to a call (or to a fault) */
	THREAD_CHILD_WAIT, /* waiting for a child to end */
	THREAD_DEAD,
};

struct thread {
	struct trap_frame ctx; /* first: the exception entry saves the user registers here */
	enum thread_state state;
	uint8_t priority;
	bool calling; /* SENDING: a call, which then waits for a reply */
	bool faulted; /* its message is a fault (below), which the pager answers */
	uint32_t fault_address, fault_access;
	uint8_t quantum; /* ticks left before a thread of equal priority gets its turn */
	struct proc *proc;
	struct thread *next;    /* in a run queue, or in a queue of senders */
	struct thread *peer;    /* SENDING, REPLY_WAIT: the thread waited for */
	struct thread *senders; /* threads waiting to send to this one, oldest first */
	struct ipc_buf ipc;     /* its IPC call's struct ipc_buf, as checked when it was made */
};

_Static_assert(__builtin_offsetof(struct thread, ctx) == 0,
	       "the exception entry saves user registers at the start of struct thread");

enum proc_state { PROC_ALIVE, PROC_ZOMBIE };

struct proc {
	int pid;
	enum proc_state state;
	const struct program *program;
	struct vm_space vm;
	struct thread thread; /* the main thread */
	int parent;           /* pid */
	int pager;            /* pid of the process that handles its faults; 0: the system pager */
	int exit_status;
	bool ending;          /* proc_exit has it: it ends now or right after the one ending */
	uint32_t notify_bits; /* notifications not yet received */
};

/* Why the kernel ended a process: wren/abi.h's KILL_ reasons. */
typedef int kill_reason_t;

extern struct thread *current; /* the running thread; NULL while idle */

struct proc *proc_find(int pid);  /* a live process, or NULL */
struct proc *proc_slot(int slot); /* whatever occupies a slot of the process table */
int proc_spawn(const struct program *prog, int parent, int pager);
void proc_exit(struct proc *p, int status);
void proc_kill(struct proc *p, kill_reason_t reason, const char *why);
int proc_wait(struct thread *t, int pid, uint32_t status_ptr);
uint32_t proc_count(void);
extern int first_pid;    /* the process the kernel started itself */
extern int system_pager; /* pid of the PRIV_PAGER server, 0 if none runs */

/* The live process that pages p, or NULL. */
struct proc *proc_pager(const struct proc *p);

/* Scheduling. */
void sched_ready(struct thread *t);           /* t may run: to the back of its queue */
void sched_unready(struct thread *t);         /* out of its queue again */
void sched_switch_to(struct thread *t);       /* t runs next, unless a better thread is ready */
bool sched_would_run(const struct thread *t); /* no ready thread is better than t */
void sched_run(struct thread *t);             /* t runs next (current has stopped running) */
void sched_tick(void);
void sched_requeue(void);
void sched_forget(struct proc *p);         /* p's address space is going away */
struct trap_frame *sched_next_frame(void); /* the context to return to */

#endif
