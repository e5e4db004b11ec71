/*
 * The scheduler: preemptive round robin within PRIORITIES levels (program.h),
 * the highest level with a ready thread first. The running thread is `current`
 * and is in no queue; a thread that blocks simply stops being RUNNABLE, and
 * the next return to user mode picks another.
 */
#ifndef SCHED_H
#define SCHED_H

#include <stdbool.h>

#include "addrspace.h"
#include "thread.h"

/* Ticks a thread runs before an equal-priority one gets its turn; a new
 * thread starts with a whole one, however it first gets the CPU. */
#define QUANTUM 2

/* The scheduler's state that every switch reads and writes, in one struct: one
 * address for the compiler to form on the fast paths, not one a variable. The
 * names below are its fields. */
struct sched_core {
	struct thread *running;         /* current */
	const struct addrspace *active; /* sched_active */
	uint32_t nonempty;              /* sched_nonempty */
};
extern struct sched_core sched_core;
#define current (sched_core.running) /* the running thread; NULL while idle */

void sched_ready(struct thread *t);     /* t may run: to the back of its queue */
void sched_unready(struct thread *t);   /* out of its queue again */
void sched_switch_to(struct thread *t); /* t runs next, unless a better thread is ready */
void sched_tick(void);                  /* a clock tick: current's quantum shrinks */
void sched_requeue(void);               /* current goes to the back of its queue */
/* Current, which is running, goes to the back of its queue and the thread at
 * its front runs: SYS_YIELD, straight to the next thread when one of current's
 * priority waits (its fast path), through the scheduler otherwise. Returns the
 * frame to resume. */
struct trap_frame *sched_pass(void);
/* as is going away: it must not stay active in the MMU. */
void sched_forget(const struct addrspace *as);
/* The context the next return from the kernel resumes: a thread, or the idle loop. */
struct trap_frame *sched_next_frame(void);

#define sched_active (sched_core.active)     /* the user region the MMU has now */
#define sched_nonempty (sched_core.nonempty) /* bit p: run queue p has a thread */

/* Whether no ready thread is better than t. Inline: the IPC fast paths ask. */
static inline bool sched_would_run(const struct thread *t)
{
	return !(sched_nonempty & ((1u << t->priority) - 1));
}
/* Makes t's address space the active one and returns t's frame. */
struct trap_frame *sched_activate(struct thread *t);

/* t, which no ready thread outranks (sched_would_run) and which is in no run
 * queue, runs now in place of current, which has stopped running: the IPC
 * fast paths' switch, straight to the other side without the scheduler's
 * pass. Returns t's frame, to resume. */
static inline struct trap_frame *sched_resume(struct thread *t)
{
	t->state = THREAD_RUNNABLE;
	current = t;
	if (sched_active != t->as) {
		sched_active = t->as;
		as_switch(t->as);
	}
	return &t->ctx;
}

#endif
