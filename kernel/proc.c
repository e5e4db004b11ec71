/*
 * Processes: starting one from a built-in program, ending it (by exit, kill or
 * fault) with everything it held given back, and waiting for a child.
 */
#include "proc.h"
#include "arch.h"
#include "console.h"
#include "power.h"
#include "proc_events.h"
#include "sched.h"
#include "uaccess.h"
#include "wren/abi.h"

extern char _user_start[];

struct proc *proc_table[MAX_PROCS];
int system_pager;
static uint32_t generation;

static const char *const kill_reasons[] = KILL_REASON_WORDS;

struct proc *proc_pager(const struct proc *p)
{
	return proc_find(p->pager ? p->pager : system_pager);
}

bool proc_may_inspect(const struct proc *who, const struct proc *p)
{
	return who == p || p->parent == who->pid ||
	       (p->pager ? p->pager : system_pager) == who->pid ||
	       (who->program->privileges & (PRIV_IO | PRIV_INSPECT));
}

struct proc *proc_slot(int slot)
{
	return proc_table[slot];
}

uint32_t proc_count(void)
{
	uint32_t n = 0;
	for (int i = 0; i < MAX_PROCS; i++)
		n += proc_table[i] != NULL;
	return n;
}

int proc_spawn(const struct program *prog, int parent, int pager, const char *args,
	       uint32_t args_len, uint32_t argc)
{
	int slot = 1; /* slot 0 would make pid 0, which means "the kernel" */
	while (slot < MAX_PROCS && proc_table[slot])
		slot++;
	if (slot == MAX_PROCS)
		return -EAGAIN;
	struct proc *p = kzalloc(sizeof *p);
	if (!p)
		return -ENOMEM;
	if (args_len && !(p->args = kmalloc(args_len))) {
		kfree(p);
		return -ENOMEM;
	}
	int err = vm_space_create(&p->vm, prog->heap_pages, prog->stack_pages, prog->device_pages,
				  (uint8_t)slot);
	if (err) {
		kfree(p->args);
		kfree(p);
		return err;
	}
	if (args_len)
		memcpy(p->args, args, args_len);
	p->args_len = (uint16_t)args_len;
	generation = (generation + 1) & 0x7fffff; /* the largest pid fits an int */
	p->pid = slot + MAX_PROCS * (int)generation;
	p->state = PROC_ALIVE;
	p->program = prog;
	p->parent = parent;
	p->pager = pager;
	p->program_index = (uint8_t)program_index(prog);
	p->peers = program_rights(prog)->peers;
	struct proc *starter = proc_find(parent);
	struct thread *t = &p->thread;
	t->proc = p;
	t->pid = p->pid;
	t->as = &p->vm.as;
	p->vm.as.forget = &t->named.key; /* its only thread */
	t->priority = starter && starter->thread.priority > prog->priority
			  ? starter->thread.priority
			  : prog->priority;
	/* A child of its parent's priority gets the CPU straight from the spawn,
	 * not from a run queue, which would have handed it its turn: without one,
	 * its first tick would wrap a quantum of 0 and keep its parent off the CPU
	 * for 256 ticks. */
	t->quantum = QUANTUM;
	arch_thread_init(&t->ctx, (uint32_t)_user_start, p->vm.layout.stack_top,
			 (uint32_t)prog->main, argc + 1, (uint32_t)prog->name);
	proc_table[slot] = p;
	t->state = THREAD_RUNNABLE;
	return p->pid;
}

static void reap(struct proc *p)
{
	proc_table[p->pid % MAX_PROCS] = NULL;
	kfree(p);
}

static bool waits_for(const struct proc *parent, const struct proc *child)
{
	const struct thread *t = &parent->thread;
	return t->state == THREAD_CHILD_WAIT && (t->wait_pid == -1 || t->wait_pid == child->pid);
}

/* Hands child's exit status to parent (a pid, or -EFAULT) and frees the child. */
static int collect(struct proc *parent, struct proc *child, uint32_t status_ptr)
{
	int result = child->pid;
	if (status_ptr && copy_to_user(&parent->vm.as, status_ptr, &child->exit_status,
				       sizeof child->exit_status))
		result = -EFAULT;
	reap(child);
	return result;
}

/* Ends p, whose exit_status is set: everything it held goes back. */
static void end_process(struct proc *p)
{
	struct thread *t = &p->thread;
	proc_events_tell(p, PROC_ENDING);
	/* Only now: ending t's faulted clients (its children, say) may have woken it. */
	if (t->state == THREAD_RUNNABLE && t != current)
		sched_unready(t);
	t->state = THREAD_DEAD;
	if (current == t)
		current = NULL;
	sched_forget(&p->vm.as);
	vm_space_destroy(&p->vm);
	kfree(p->args);
	p->args = NULL;
	p->state = PROC_ZOMBIE;
	for (int i = 0; i < MAX_PROCS; i++) {
		struct proc *c = proc_table[i];
		if (c && c->parent == p->pid) {
			c->parent = 0; /* an orphan: nobody will wait for it */
			if (c->state == PROC_ZOMBIE)
				reap(c);
		}
	}
	proc_events_tell(p, PROC_ENDED);
	struct proc *parent = proc_find(p->parent);
	if (!parent) {
		reap(p);
	} else if (waits_for(parent, p)) {
		struct thread *w = &parent->thread;
		thread_words(w)[0] = (uint32_t)collect(parent, p, w->wait_status);
		sched_ready(w);
	} else {
		proc_events_tell(parent, PROC_CHILD_ENDED);
	}
}

/* Ends that wait for the one in progress. Ending a pager kills the clients that
 * wait on it, which may be pagers too: a chain of them is worked off here, one
 * after another, never as a chain of nested calls on the kernel stack. */
static struct proc *to_end[MAX_PROCS];
static int to_end_count;
static bool ending;

void proc_exit(struct proc *p, int status)
{
	if (p->ending)
		return; /* already on its way out */
	p->ending = true;
	p->exit_status = status;
	if (ending) {
		to_end[to_end_count++] = p;
		return;
	}
	ending = true;
	end_process(p);
	while (to_end_count)
		end_process(to_end[--to_end_count]);
	ending = false;
}

void proc_kill(struct proc *p, kill_reason_t reason, const char *why)
{
	if (p->ending)
		return;
	/* "by request of pid 7 (shell)"; "stack overflow: write at ..." */
	const char *joint = !why ? "" : reason == KILL_BY_REQUEST ? " " : ": ";
	kprintf("[kernel] pid %d (%s) killed: %s%s%s\n", p->pid, p->program->name,
		kill_reasons[reason], joint, why ? why : "");
	proc_exit(p, KILLED | reason);
}

int proc_wait(struct thread *t, int pid, uint32_t status_ptr)
{
	struct proc *self = t->proc;
	bool any = false;
	if (status_ptr && !user_range_ok(&self->vm.as, status_ptr, sizeof(int), true))
		return -EFAULT;
	for (int i = 0; i < MAX_PROCS; i++) {
		struct proc *c = proc_table[i];
		if (!c || c->parent != self->pid || (pid != -1 && c->pid != pid))
			continue;
		if (c->state == PROC_ZOMBIE)
			return collect(self, c, status_ptr);
		any = true;
	}
	if (!any)
		return -ECHILD;
	t->state = THREAD_CHILD_WAIT;
	t->wait_pid = pid;
	t->wait_status = status_ptr;
	return 0;
}
