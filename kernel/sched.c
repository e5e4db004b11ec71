/*
 * The scheduler (sched.h): a run queue per priority and the switch of address
 * space when another process's thread runs.
 */
#include "sched.h"
#include "addrspace.h"
#include "arch.h"
#include "program.h"

struct sched_core sched_core;
static struct thread *head[PRIORITIES], *tail[PRIORITIES];

void sched_ready(struct thread *t)
{
	t->state = THREAD_RUNNABLE;
	t->next = NULL;
	if (tail[t->priority])
		tail[t->priority]->next = t;
	else
		head[t->priority] = t;
	tail[t->priority] = t;
	sched_nonempty |= 1u << t->priority;
}

/* Takes t out of its run queue (it is ready but not running). */
void sched_unready(struct thread *t)
{
	struct thread **link = &head[t->priority], *prev = NULL;
	while (*link && *link != t) {
		prev = *link;
		link = &(*link)->next;
	}
	if (!*link)
		return;
	*link = t->next;
	if (tail[t->priority] == t)
		tail[t->priority] = prev;
	if (!head[t->priority])
		sched_nonempty &= ~(1u << t->priority);
}

/* The priority of the best ready thread, or PRIORITIES when none is. */
static int best_ready(void)
{
	return sched_nonempty ? __builtin_ctz(sched_nonempty) : PRIORITIES;
}

void sched_requeue(void)
{
	if (current && current->state == THREAD_RUNNABLE) {
		sched_ready(current);
		current = NULL;
	}
}

struct trap_frame *sched_pass(void)
{
	struct thread *t = current, *next;
	uint8_t p = t->priority;
	if ((sched_nonempty & ((1u << p) - 1)) || !(next = head[p])) {
		sched_requeue(); /* the general case, and t alone at its priority */
		return sched_next_frame();
	}
	/* next leaves the head of the queue and t joins its tail, in one go. */
	head[p] = next->next ? next->next : t;
	if (next->next)
		tail[p]->next = t;
	tail[p] = t;
	t->next = NULL;
	next->quantum = QUANTUM;
	return sched_resume(next);
}

void sched_tick(void)
{
	if (current && --current->quantum == 0) {
		current->quantum = QUANTUM;
		if (best_ready() <= current->priority)
			sched_requeue();
	}
}

/* t runs next (current has stopped running). */
static void sched_run(struct thread *t)
{
	t->state = THREAD_RUNNABLE;
	current = t;
}

void sched_switch_to(struct thread *t)
{
	if (current && current->state == THREAD_RUNNABLE)
		sched_ready(current);
	if (sched_would_run(t)) {
		sched_run(t);
	} else {
		sched_ready(t);
		current = NULL;
	}
}

/* Out of line: the fast paths that call it need no stack frame for themselves. */
__attribute__((noinline)) struct trap_frame *sched_activate(struct thread *t)
{
	sched_active = t->as;
	as_activate(sched_active);
	return &t->ctx;
}

/* The general case of sched_next_frame: someone else runs, or nobody. */
__attribute__((noinline)) static struct trap_frame *switch_frame(void)
{
	if (current && current->state != THREAD_RUNNABLE)
		current = NULL;
	if (current && best_ready() < current->priority)
		sched_requeue();
	if (!current) {
		int p = best_ready();
		if (p == PRIORITIES)
			return arch_idle_frame();
		current = head[p];
		head[p] = current->next;
		if (!head[p]) {
			tail[p] = NULL;
			sched_nonempty &= ~(1u << p);
		}
		current->quantum = QUANTUM;
	}
	return sched_active != current->as ? sched_activate(current) : &current->ctx;
}

struct trap_frame *sched_next_frame(void)
{
	struct thread *t = current;
	/* The common cases: the caller goes on, or the thread an IPC handed the
	 * CPU to runs, and no better thread is ready. */
	if (!t || t->state != THREAD_RUNNABLE || (sched_nonempty & ((1u << t->priority) - 1)))
		return switch_frame(); /* out of line, like the next: the common case needs no stack
					*/
	if (sched_active != t->as)
		return sched_activate(t);
	return &t->ctx;
}

void sched_forget(const struct addrspace *as)
{
	if (sched_active == as) {
		as_activate(NULL);
		sched_active = NULL;
	}
}
