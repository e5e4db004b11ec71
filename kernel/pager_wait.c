/*
 * Faults that wait for the next system pager (pager_wait.h).
 */
#include "pager_wait.h"
#include "proc.h"

int pager_supervisor;
unsigned pager_restarts_left;

/* The waiting threads, oldest first, through their next. */
static struct thread *waiting;

bool pager_wait(struct thread *t)
{
	struct proc *supervisor = proc_find(pager_supervisor);
	if (t->proc->pager || !supervisor || supervisor == t->proc ||
	    t->proc->pid == system_pager || !pager_restarts_left)
		return false;
	struct thread **link = &waiting;
	while (*link)
		link = &(*link)->next;
	t->state = THREAD_PAGER_WAIT;
	t->next = NULL;
	*link = t;
	return true;
}

struct thread *pager_wait_next(void)
{
	struct thread *t = waiting;
	if (t)
		waiting = t->next;
	return t;
}

void pager_wait_leave(struct thread *t)
{
	for (struct thread **link = &waiting; *link; link = &(*link)->next)
		if (*link == t) {
			*link = t->next;
			return;
		}
}
