/*
 * What a process may learn of the others and of the programs (procinfo.h):
 * nothing it could use against them, only what ps shows. A pointer that names
 * an untouched reserve page is paged in, as for every call (ipc_page_in).
 */
#include "procinfo.h"
#include "ipc.h"
#include "kstring.h"
#include "proc.h"
#include "sched.h"
#include "supervise.h"
#include "uaccess.h"
#include "wren/abi.h"

/* A program's name into a zeroed field of PROC_NAME_MAX + 1 bytes. */
static void copy_name(char *to, const char *name)
{
	size_t n = strlen(name);
	memcpy(to, name, n < PROC_NAME_MAX ? n : PROC_NAME_MAX);
}

static void ret(struct thread *t, int value)
{
	thread_words(t)[0] = (uint32_t)value;
}

/* Copies out to argument 1; word 0 is done, or -EFAULT unless paged in. */
static void copy_out(struct thread *t, const void *what, uint32_t size, int done)
{
	if (copy_to_user(t->as, thread_words(t)[1], what, size) == 0)
		ret(t, done);
	else if (!ipc_page_in(t))
		ret(t, -EFAULT);
}

static unsigned state_of(const struct proc *p, const struct thread *caller)
{
	if (p->state == PROC_ZOMBIE)
		return PROC_INFO_ZOMBIE;
	switch (p->thread.state) {
	case THREAD_SENDING: return PROC_INFO_SENDING;
	case THREAD_RECEIVING: return PROC_INFO_RECEIVING;
	case THREAD_REPLY_WAIT:
	case THREAD_PAGER_WAIT: return PROC_INFO_REPLY;
	case THREAD_CHILD_WAIT: return PROC_INFO_WAITING;
	default: return &p->thread == caller ? PROC_INFO_RUNNING : PROC_INFO_READY;
	}
}

void syscall_proc_info(struct thread *t)
{
	uint32_t word = thread_words(t)[0], slot = word & ~PROC_INFO_NEXT;
	bool next = word & PROC_INFO_NEXT;
	if (slot >= MAX_PROCS) {
		ret(t, -EINVAL);
		return;
	}
	const struct proc *p = proc_slot((int)slot);
	/* A scan of the table asks here for the next live slot: one call, where a
	 * call per empty slot was most of a new memory server's rebuild. */
	while (next && !p && ++slot < MAX_PROCS)
		p = proc_slot((int)slot);
	if (!p) {
		ret(t, next ? -EINVAL : -ENOENT);
		return;
	}
	struct proc_info info = {
	    .pid = p->pid,
	    .parent = proc_find(p->parent) ? p->parent : 0,
	    .state = state_of(p, t),
	    .priority = p->thread.priority,
	    .restarts = supervise_restarts(p),
	};
	if (p->state == PROC_ALIVE) {
		const struct proc_layout *l = &p->vm.layout;
		info.heap_pages = as_count_mapped(&p->vm.as, l->heap_base, l->heap_limit);
		/* The stack's first page is always there; its reserve grows below it. */
		info.stack_pages = as_count_mapped(&p->vm.as, l->stack_limit, l->stack_start) + 1;
		info.table_bytes = as_table_bytes(&p->vm.as);
	}
	copy_name(info.name, p->program->name);
	copy_out(t, &info, sizeof info, next ? (int)slot : 0);
}

void syscall_program_info(struct thread *t)
{
	const struct program *prog = program_at(thread_words(t)[0]);
	if (!prog) {
		ret(t, -EINVAL);
		return;
	}
	struct program_info info = {
	    .heap_pages = prog->heap_pages,
	    .stack_pages = prog->stack_pages,
	    .priority = prog->priority,
	    .privileges = prog->privileges,
	    .boot = prog->boot,
	    .restarts = prog->restarts,
	};
	copy_name(info.name, prog->name);
	copy_out(t, &info, sizeof info, 0);
}
