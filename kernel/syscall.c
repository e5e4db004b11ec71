/*
 * The system calls that are not IPC (ipc.c) and the table that routes them.
 * Every argument is checked here; a bad one is an error code in r0, never a
 * kernel fault and never a wait.
 */
#include "syscall.h"
#include "board.h"
#include "ipc.h"
#include "irq.h"
#include "kernel.h"
#include "memlayout.h"
#include "uaccess.h"
#include "wren/abi.h"

#define PUTS_MAX 4096
#define NAME_MAX 32

static inline struct proc *self(struct thread *t)
{
	return t->proc;
}

static void ret(struct thread *t, int value)
{
	t->ctx.r[0] = (uint32_t)value;
}

static void sys_exit(struct thread *t)
{
	proc_exit(self(t), (int)t->ctx.r[0]);
}

static void sys_yield(struct thread *t)
{
	ret(t, 0);
	sched_requeue();
}

static void sys_getpid(struct thread *t)
{
	ret(t, self(t)->pid);
}

static void sys_null(struct thread *t)
{
	ret(t, 0);
}

static void sys_puts(struct thread *t)
{
	uint32_t at = t->ctx.r[0], len = t->ctx.r[1];
	char chunk[128];
	if (len > PUTS_MAX || !user_range_ok(self(t), at, len, false)) {
		ret(t, len > PUTS_MAX ? -EINVAL : -EFAULT);
		return;
	}
	for (uint32_t done = 0; done < len;) {
		uint32_t n = len - done < sizeof chunk ? len - done : sizeof chunk;
		copy_from_user(self(t), chunk, at + done, n);
		console_write(chunk, n);
		done += n;
	}
	ret(t, (int)len);
}

static void sys_spawn(struct thread *t)
{
	struct proc *p = self(t);
	uint32_t len = t->ctx.r[1];
	int pager = (int)t->ctx.r[2];
	char name[NAME_MAX];
	const struct program *prog;
	if (!(p->program->privileges & PRIV_SPAWN))
		ret(t, -EPERM);
	else if (len == 0 || len > NAME_MAX)
		ret(t, -EINVAL);
	else if (copy_from_user(p, name, t->ctx.r[0], len))
		ret(t, -EFAULT);
	else if (!(prog = program_find(name, len)))
		ret(t, -ENOENT);
	else if (pager && !proc_find(pager))
		ret(t, -ESRCH);
	else
		ret(t, proc_spawn(prog, p->pid, pager ? pager : p->pager));
}

static void sys_wait(struct thread *t)
{
	int result = proc_wait(t, (int)t->ctx.r[0], t->ctx.r[1]);
	if (t->state == THREAD_RUNNABLE)
		ret(t, result);
}

static void sys_kill(struct thread *t)
{
	struct proc *p = self(t), *target = proc_find((int)t->ctx.r[0]);
	char why[24];
	if (!target) {
		ret(t, -ESRCH);
		return;
	}
	if (target->parent != p->pid && target != p && !(p->program->privileges & PRIV_KILL)) {
		ret(t, -EPERM);
		return;
	}
	ret(t, 0);
	ksnprintf(why, sizeof why, "from pid %d", p->pid);
	proc_kill(target, KILL_BY_REQUEST, why);
}

/* The process and page a pager names in SYS_MAP / SYS_UNMAP: r0 pid, r1 address,
 * which must lie in the process's heap or stack reserve. NULL: r0 has the error. */
static struct proc *map_target(struct thread *t)
{
	struct proc *target = proc_find((int)t->ctx.r[0]);
	uint32_t va = t->ctx.r[1];
	int err = 0;
	if (!(self(t)->program->privileges & PRIV_MAP))
		err = -EPERM;
	else if (!target)
		err = -ESRCH;
	else if (va & (PAGE_SIZE - 1))
		err = -EINVAL;
	else {
		const struct user_layout *l = &target->vm.layout;
		bool heap = va >= l->heap_base && va < l->heap_limit;
		bool stack = va >= l->stack_limit && va < l->stack_start;
		if (!heap && !stack)
			err = -EINVAL;
	}
	ret(t, err);
	return err ? NULL : target;
}

static void sys_map(struct thread *t)
{
	uint32_t flags = t->ctx.r[2];
	struct proc *target = map_target(t);
	if (!target)
		return;
	if (flags & ~MAP_WRITE) {
		ret(t, -EINVAL);
		return;
	}
	paddr_t pa = frame_alloc_zeroed();
	if (!pa) {
		ret(t, -ENOMEM);
		return;
	}
	uint32_t vm = VM_USER | VM_OWNED | (flags & MAP_WRITE ? VM_WRITE : 0);
	int err = as_map(&target->vm.as, t->ctx.r[1], pa, vm);
	if (err)
		frame_free(pa);
	ret(t, err);
}

static void sys_unmap(struct thread *t)
{
	struct proc *target = map_target(t);
	if (target)
		ret(t, as_unmap(&target->vm.as, t->ctx.r[1]));
}

static void sys_info(struct thread *t)
{
	switch (t->ctx.r[0]) {
	case INFO_FREE_FRAMES: ret(t, (int)frame_free_count()); break;
	case INFO_HEAP_BYTES: ret(t, (int)kheap_bytes_used()); break;
	case INFO_PROCS: ret(t, (int)proc_count()); break;
	case INFO_TICKS: ret(t, (int)ticks); break;
	case INFO_PARENT: ret(t, proc_find(self(t)->parent) ? self(t)->parent : 0); break;
	case INFO_TABLE_BYTES: ret(t, (int)as_table_bytes(&self(t)->vm.as)); break;
	case INFO_PHYS_TIMER_IRQ: ret(t, board_phys_timer_irq()); break;
	case INFO_PAGER: {
		struct proc *pager = proc_pager(self(t));
		ret(t, pager ? pager->pid : 0);
		break;
	}
	default: ret(t, -EINVAL);
	}
}

/* r0 pid (0: the caller; another process only for a pager), r1 struct proc_layout *. */
static void sys_layout(struct thread *t)
{
	struct proc *target = t->ctx.r[0] ? proc_find((int)t->ctx.r[0]) : self(t);
	if (!target) {
		ret(t, -ESRCH);
		return;
	}
	if (target != self(t) && !(self(t)->program->privileges & PRIV_MAP)) {
		ret(t, -EPERM);
		return;
	}
	const struct user_layout *l = &target->vm.layout;
	struct proc_layout out = {
	    .heap_base = l->heap_base,
	    .heap_limit = l->heap_limit,
	    .guard = l->guard,
	    .stack_limit = l->stack_limit,
	    .stack_start = l->stack_start,
	    .stack_top = l->stack_top,
	    .shared_start = l->shared_start,
	    .shared_end = l->shared_end,
	};
	ret(t, copy_to_user(self(t), t->ctx.r[1], &out, sizeof out));
}

/* r0 irq, r1 notification bits (0: unbind). Needs PRIV_DEVICE. */
static void sys_irq_bind(struct thread *t)
{
	if (!(self(t)->program->privileges & PRIV_DEVICE))
		ret(t, -EPERM);
	else
		ret(t, irq_bind(self(t), (int)t->ctx.r[0], t->ctx.r[1]));
}

static void sys_irq_ack(struct thread *t)
{
	ret(t, irq_ack(self(t), (int)t->ctx.r[0]));
}

static void (*const calls[SYS_COUNT])(struct thread *t) = {
    [SYS_EXIT] = sys_exit,
    [SYS_YIELD] = sys_yield,
    [SYS_GETPID] = sys_getpid,
    [SYS_PUTS] = sys_puts,
    [SYS_SPAWN] = sys_spawn,
    [SYS_WAIT] = sys_wait,
    [SYS_KILL] = sys_kill,
    [SYS_CALL] = ipc_do_call,
    [SYS_SEND] = ipc_do_send,
    [SYS_RECV] = ipc_do_recv,
    [SYS_REPLY_RECV] = ipc_do_reply_recv,
    [SYS_NOTIFY] = ipc_do_notify,
    [SYS_MAP] = sys_map,
    [SYS_UNMAP] = sys_unmap,
    [SYS_NULL] = sys_null,
    [SYS_INFO] = sys_info,
    [SYS_LAYOUT] = sys_layout,
    [SYS_IRQ_BIND] = sys_irq_bind,
    [SYS_IRQ_ACK] = sys_irq_ack,
};

void syscall(struct thread *t)
{
	uint32_t nr = t->ctx.r[7];
	if (nr < SYS_COUNT)
		calls[nr](t);
	else
		ret(t, -ENOSYS);
}
