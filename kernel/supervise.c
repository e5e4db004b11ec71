/*
 * Servers that come back (supervise.h).
 */
#include "supervise.h"
#include "device.h"
#include "ipc.h"
#include "pager_wait.h"
#include "proc.h"
#include "proc_events.h"
#include "wren/abi.h"

/* Restarts per program (program_index). */
static uint16_t restarts[MAX_PROGRAMS];

static bool supervises(const struct proc *p)
{
	return p->program->privileges & PRIV_SUPERVISE;
}

/* supervisor is the system pager's now: faults wait for the next one while
 * its program has restarts left. */
static void supervise_pager(const struct proc *supervisor)
{
	const struct program *prog = proc_find(system_pager)->program;
	unsigned done = restarts[program_index(prog)];
	pager_supervisor = supervisor->pid;
	pager_restarts_left = prog->restarts > done ? prog->restarts - done : 0;
}

void syscall_adopt(struct thread *t)
{
	struct proc *self = t->proc, *p = proc_find((int)thread_words(t)[0]);
	int err = 0;
	if (!supervises(self))
		err = -EPERM;
	else if (!p)
		err = -ESRCH;
	else if (p->parent || p->program->boot != BOOT_SERVER)
		err = -EINVAL;
	else {
		p->parent = self->pid;
		if (p->pid == system_pager)
			supervise_pager(self);
	}
	thread_words(t)[0] = (uint32_t)err;
}

void supervise_spawned(struct proc *parent, struct proc *child, uint32_t flags)
{
	uint16_t privileges = child->program->privileges;
	if (!supervises(parent))
		return;
	if (flags & SPAWN_RESTART)
		restarts[child->program_index]++;
	if ((privileges & PRIV_IO) && !proc_find(io_server))
		io_server = child->pid;
	if ((privileges & PRIV_PAGER) && !proc_find(system_pager)) {
		system_pager = child->pid;
		supervise_pager(parent);
		/* The faults that wait go to it, as if they had just happened. */
		for (struct thread *t; (t = pager_wait_next()) != NULL;) {
			struct fault f = {.address = t->fault_address, .access = t->fault_access};
			ipc_fault(t, &f);
		}
	}
}

unsigned supervise_restarts(const struct proc *p)
{
	return restarts[p->program_index];
}

static void proc_event(struct proc *p, enum proc_event event)
{
	if (event != PROC_ENDING)
		return;
	if (p->thread.state == THREAD_PAGER_WAIT)
		pager_wait_leave(&p->thread);
	if (p->pid != pager_supervisor)
		return;
	pager_supervisor = 0;
	for (struct thread *t; (t = pager_wait_next()) != NULL;)
		proc_kill(t->proc, KILL_PAGE_FAULT, "no pager will map the page");
}

void supervise_init(void)
{
	proc_observe(proc_event);
}
