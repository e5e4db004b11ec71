/*
 * The system calls that are not IPC (ipc.c) and the table that routes them.
 * Every argument is checked here; a bad one is an error code in word 0, never
 * a kernel fault and never a wait.
 */
#include "syscall.h"
#include "board.h"
#include "clock.h"
#include "console.h"
#include "device.h"
#include "ipc.h"
#include "irq.h"
#include "memlayout.h"
#include "memmap.h"
#include "power.h"
#include "proc.h"
#include "procinfo.h"
#include "sched.h"
#include "supervise.h"
#include "uaccess.h"
#include "wren/abi.h"

#define PUTS_MAX 4096
#define NAME_MAX 32

static inline struct proc *self(struct thread *t)
{
	return t->proc;
}

static inline bool may(struct thread *t, uint32_t privilege)
{
	return t->proc->program->privileges & privilege;
}

/* The system call's argument i. */
static inline uint32_t arg(struct thread *t, int i)
{
	return thread_words(t)[i];
}

static void ret(struct thread *t, int value)
{
	thread_words(t)[0] = (uint32_t)value;
}

/* A program's own status is a byte, so that it never looks like a kill. */
/* A pointer argument named memory t cannot reach: -EFAULT, unless it is an
 * untouched page of t's heap or stack reserve, which is paged in and the call
 * run again (ipc_page_in), as it would be for user code. */
static void fail_fault(struct thread *t)
{
	if (!ipc_page_in(t))
		ret(t, -EFAULT);
}

static void syscall_exit(struct thread *t)
{
	proc_exit(self(t), (int)(arg(t, 0) & EXIT_STATUS_MAX));
}

static struct trap_frame *syscall_yield(struct thread *t)
{
	ret(t, 0);
	return sched_pass();
}

static void syscall_getpid(struct thread *t)
{
	ret(t, self(t)->pid);
}

static void syscall_null(struct thread *t)
{
	ret(t, 0);
}

static void syscall_puts(struct thread *t)
{
	uint32_t at = arg(t, 0), len = arg(t, 1);
	char chunk[128];
	if (len > PUTS_MAX) {
		ret(t, -EINVAL);
		return;
	}
	if (!user_range_ok(t->as, at, len, false)) {
		fail_fault(t);
		return;
	}
	for (uint32_t done = 0; done < len;) {
		uint32_t n = len - done < sizeof chunk ? len - done : sizeof chunk;
		if (copy_from_user(t->as, chunk, at + done, n)) {
			ret(t, -EFAULT);
			return;
		}
		kwrite(chunk, n);
		done += n;
	}
	ret(t, (int)len);
}

/* Whether the caller's table entry lets it start prog, which may have no
 * privilege the caller lacks, but for a supervisor's servers: the memory and
 * IO servers' privileges are theirs, never the supervisor's own. */
static bool may_start(struct thread *t, const struct program *prog)
{
	const struct program *own = self(t)->program;
	uint32_t lent = own->privileges & PRIV_SUPERVISE ? PRIV_PAGER | PRIV_MAP | PRIV_IO : 0;
	return ((program_rights(own)->spawns >> program_index(prog)) & 1) &&
	       !(prog->privileges & ~own->privileges & ~lent);
}

/* How many strings a block of arguments (len bytes) holds: -EINVAL unless it
 * ends in a NUL, -E2BIG past SPAWN_ARGC_MAX. */
static int count_args(const char *block, uint32_t len)
{
	int count = 0;
	if (len && block[len - 1] != '\0')
		return -EINVAL;
	for (uint32_t i = 0; i < len; i++)
		count += block[i] == '\0';
	return count > SPAWN_ARGC_MAX ? -E2BIG : count;
}

/* Argument 0 the name, 1 its length, 2 the pager (0: the caller's own): the
 * caller itself, or a process it may talk to; 3 the arguments' block
 * (wren/args.h), 4 its length (0: none); 5 SPAWN_ flags. A child of the
 * caller's priority runs first, on the caller's turn. */
static void syscall_spawn(struct thread *t)
{
	struct proc *p = self(t), *pager = NULL;
	uint32_t len = arg(t, 1), args_len = arg(t, 4);
	int pager_pid = (int)arg(t, 2), argc = 0;
	char name[NAME_MAX], args[SPAWN_ARGS_MAX];
	const struct program *prog;
	if (!may(t, PRIV_SPAWN))
		ret(t, -EPERM);
	else if (arg(t, 5) & ~(SPAWN_BELOW | (may(t, PRIV_SUPERVISE) ? SPAWN_RESTART : 0)))
		ret(t, -EINVAL);
	else if (len == 0 || len > NAME_MAX)
		ret(t, -EINVAL);
	else if (args_len > SPAWN_ARGS_MAX)
		ret(t, -E2BIG);
	else if (copy_from_user(t->as, name, arg(t, 0), len) ||
		 copy_from_user(t->as, args, arg(t, 3), args_len))
		fail_fault(t);
	else if ((argc = count_args(args, args_len)) < 0)
		ret(t, argc);
	else if (!(prog = program_find(name, len)))
		ret(t, -ENOENT);
	else if (!may_start(t, prog))
		ret(t, -EPERM);
	else if (pager_pid && !(pager = proc_find(pager_pid)))
		ret(t, -ESRCH);
	else if (pager && pager != p && !proc_may_talk(p, pager))
		ret(t, -EPERM);
	else {
		int pid = proc_spawn(prog, p->pid, pager_pid ? pager_pid : p->pager, args, args_len,
				     (uint32_t)argc);
		ret(t, pid);
		struct thread *child = pid > 0 ? &proc_find(pid)->thread : NULL;
		if (child)
			supervise_spawned(p, child->proc, arg(t, 5));
		if (child && (arg(t, 5) & SPAWN_BELOW) && child->priority <= t->priority)
			child->priority =
			    t->priority + 1 < PRIORITIES ? t->priority + 1 : PRIORITIES - 1;
		if (child && child->priority == t->priority)
			sched_switch_to(child);
		else if (child)
			sched_ready(child);
	}
}

static void syscall_wait(struct thread *t)
{
	int result = proc_wait(t, (int)arg(t, 0), arg(t, 1));
	if (result == -EFAULT)
		fail_fault(t);
	else if (t->state == THREAD_RUNNABLE)
		ret(t, result);
}

static void syscall_kill(struct thread *t)
{
	struct proc *p = self(t), *target = proc_find((int)arg(t, 0));
	char why[16 + PROC_NAME_MAX];
	if (!target) {
		ret(t, -ESRCH);
		return;
	}
	if (target->parent != p->pid && target != p && !may(t, PRIV_KILL)) {
		ret(t, -EPERM);
		return;
	}
	ret(t, 0);
	ksnprintf(why, sizeof why, "of pid %d (%s)", p->pid, p->program->name);
	proc_kill(target, KILL_BY_REQUEST, why);
}

/* Whether pager is p's pager (named at its start, or the system pager). */
static inline bool pages(const struct proc *pager, const struct proc *p)
{
	return (p->pager ? p->pager : system_pager) == pager->pid;
}

/* The process and page a pager names in SYS_MAP / SYS_UNMAP: argument 0 the pid,
 * 1 the address, which must lie in the process's heap or stack reserve. NULL:
 * word 0 has the error. */
static struct proc *map_target(struct thread *t)
{
	struct proc *target = proc_find((int)arg(t, 0));
	uint32_t va = arg(t, 1);
	int err = 0;
	if (!may(t, PRIV_MAP))
		err = -EPERM;
	else if (!target)
		err = -ESRCH;
	else if (target != self(t) && !pages(self(t), target))
		err = -EPERM; /* a mapper maps only for itself and the processes it pages */
	else if (va & (PAGE_SIZE - 1))
		err = -EINVAL;
	else {
		if (!layout_in_reserve(&target->vm.layout, va))
			err = -EINVAL;
	}
	ret(t, err);
	return err ? NULL : target;
}

static void syscall_map(struct thread *t)
{
	uint32_t flags = arg(t, 2);
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
	int err = as_map_owned(&target->vm.as, arg(t, 1), pa, flags & MAP_WRITE);
	if (err)
		frame_free(pa);
	ret(t, err);
}

static void syscall_unmap(struct thread *t)
{
	struct proc *target = map_target(t);
	if (target)
		ret(t, as_unmap(&target->vm.as, arg(t, 1)));
}

static void syscall_info(struct thread *t)
{
	switch (arg(t, 0)) {
	case INFO_FREE_FRAMES: ret(t, (int)frame_free_count()); break;
	case INFO_HEAP_BYTES: ret(t, (int)kheap_bytes_used()); break;
	case INFO_PROCS: ret(t, (int)proc_count()); break;
	case INFO_TICKS: ret(t, (int)ticks); break;
	case INFO_PARENT: ret(t, proc_find(self(t)->parent) ? self(t)->parent : 0); break;
	case INFO_TABLE_BYTES: ret(t, (int)as_table_bytes(t->as)); break;
	case INFO_IO_SERVER: ret(t, proc_find(io_server) ? io_server : 0); break;
	case INFO_TICK_HZ: ret(t, HZ); break;
	case INFO_USER_START: ret(t, (int)user_start_count); break;
	case INFO_PAGER: {
		struct proc *pager = proc_pager(self(t));
		ret(t, pager ? pager->pid : 0);
		break;
	}
	default: ret(t, -EINVAL);
	}
}

/* Argument 0 the pid (0: the caller; else one proc_may_inspect allows), 1 a
 * struct proc_layout *. */
static void syscall_layout(struct thread *t)
{
	struct proc *target = arg(t, 0) ? proc_find((int)arg(t, 0)) : self(t);
	if (!target)
		ret(t, -ESRCH);
	else if (!proc_may_inspect(self(t), target))
		ret(t, -EPERM);
	else if (copy_to_user(t->as, arg(t, 1), &target->vm.layout, sizeof target->vm.layout))
		fail_fault(t);
	else
		ret(t, 0);
}

/* Argument 0 a buffer, 1 its size: the caller's arguments' block, as its
 * spawner passed it. Word 0: its length, -EINVAL if the buffer is smaller. */
static void syscall_args(struct thread *t)
{
	const struct proc *p = self(t);
	if (arg(t, 1) < p->args_len)
		ret(t, -EINVAL);
	else if (copy_to_user(t->as, arg(t, 0), p->args, p->args_len))
		fail_fault(t);
	else
		ret(t, p->args_len);
}

/* Argument 0 the irq, 1 the notification bits (0: unbind; never the kernel's
 * own), 2 the driver's pid. Needs PRIV_IO: the IO server binds for drivers. */
static void syscall_irq_bind(struct thread *t)
{
	struct proc *driver = proc_find((int)arg(t, 2));
	int err = !may(t, PRIV_IO) ? -EPERM : !driver ? -ESRCH : 0;
	if (!err && arg(t, 1) & NOTIFY_KERNEL_BITS)
		err = -EINVAL;
	if (!err && (err = irq_bind(driver, (int)arg(t, 0), arg(t, 1))) == 0 && arg(t, 1))
		device_served(driver, self(t));
	ret(t, err);
}

/* Needs PRIV_POWER: the board powers off (status 0). */
static void syscall_poweroff(struct thread *t)
{
	if (!may(t, PRIV_POWER)) {
		ret(t, -EPERM);
		return;
	}
	kprintf("[kernel] power off, asked by pid %d (%s)\n", self(t)->pid, self(t)->program->name);
	system_exit(0);
}

static void syscall_irq_ack(struct thread *t)
{
	ret(t, irq_ack(self(t), (int)arg(t, 0)));
}

/* Every system-call number with its handler and how the call ends: RESUME for
 * a call that cannot change which thread runs (it neither blocks, nor wakes,
 * nor kills), which then resumes its caller without asking the scheduler;
 * NEXT for one that may, which asks it; FRAME for a handler that returns the
 * frame to resume itself (the IPC calls, whose fast paths switch straight to
 * the other side). The table below is built from this list and has SYS_COUNT
 * entries; the checks after it make a number without a handler, or two
 * handlers for one number, a compile-time error. */
#define SYSCALL_TABLE(X)                                                                           \
	X(SYS_EXIT, syscall_exit, NEXT)                                                            \
	X(SYS_YIELD, syscall_yield, FRAME)                                                         \
	X(SYS_GETPID, syscall_getpid, RESUME)                                                      \
	X(SYS_PUTS, syscall_puts, NEXT)                                                            \
	X(SYS_SPAWN, syscall_spawn, NEXT)                                                          \
	X(SYS_WAIT, syscall_wait, NEXT)                                                            \
	X(SYS_KILL, syscall_kill, NEXT)                                                            \
	X(SYS_CALL, ipc_do_call, FRAME)                                                            \
	X(SYS_SEND, ipc_do_send, FRAME)                                                            \
	X(SYS_RECV, ipc_do_recv, FRAME)                                                            \
	X(SYS_REPLY_RECV, ipc_do_reply_recv, FRAME)                                                \
	X(SYS_NOTIFY, ipc_do_notify, FRAME)                                                        \
	X(SYS_MAP, syscall_map, RESUME)                                                            \
	X(SYS_UNMAP, syscall_unmap, RESUME)                                                        \
	X(SYS_NULL, syscall_null, RESUME)                                                          \
	X(SYS_INFO, syscall_info, RESUME)                                                          \
	X(SYS_LAYOUT, syscall_layout, NEXT)                                                        \
	X(SYS_IRQ_BIND, syscall_irq_bind, NEXT)                                                    \
	X(SYS_IRQ_ACK, syscall_irq_ack, NEXT)                                                      \
	X(SYS_PROC_INFO, syscall_proc_info, NEXT)                                                  \
	X(SYS_PROGRAM_INFO, syscall_program_info, NEXT)                                            \
	X(SYS_ARGS, syscall_args, NEXT)                                                            \
	X(SYS_DEV_MAP, syscall_dev_map, NEXT)                                                      \
	X(SYS_DEV_UNMAP, syscall_dev_unmap, NEXT)                                                  \
	X(SYS_DEV_GRANT, syscall_dev_grant, NEXT)                                                  \
	X(SYS_DEV_RW, syscall_dev_rw, NEXT)                                                        \
	X(SYS_DEV_KERNEL, syscall_dev_kernel, NEXT)                                                \
	X(SYS_PROGRAM, syscall_program, NEXT)                                                      \
	X(SYS_MEMMAP, syscall_memmap, NEXT)                                                        \
	X(SYS_POWEROFF, syscall_poweroff, NEXT)                                                    \
	X(SYS_ADOPT, syscall_adopt, NEXT)                                                          \
	X(SYS_DEV_HOLDER, syscall_dev_holder, NEXT)

/* The wrappers of the RESUME and NEXT handlers; a FRAME handler is its own
 * entry. A RESUME call's caller was running, so its address space is the
 * active one already. */
#define ENTRY_RESUME(handler)                                                                      \
	static struct trap_frame *entry_##handler(struct thread *t)                                \
	{                                                                                          \
		handler(t);                                                                        \
		return &t->ctx;                                                                    \
	}
#define ENTRY_NEXT(handler)                                                                        \
	static struct trap_frame *entry_##handler(struct thread *t)                                \
	{                                                                                          \
		handler(t);                                                                        \
		return sched_next_frame();                                                         \
	}
#define ENTRY_FRAME(handler)
#define ENTRY(nr, handler, end) ENTRY_##end(handler)
SYSCALL_TABLE(ENTRY)

/* A number past the last: -ENOSYS, in the table's last slot. */
static struct trap_frame *entry_unknown(struct thread *t)
{
	ret(t, -ENOSYS);
	return &t->ctx;
}

#define NAME_RESUME(handler) entry_##handler
#define NAME_NEXT(handler) entry_##handler
#define NAME_FRAME(handler) handler
#define TABLE_ENTRY(nr, handler, end) [nr] = NAME_##end(handler),
#define COUNT_ONE(nr, handler, end) +1
/* Sized SYS_COUNT + 1: a number past SYS_COUNT does not compile. vectors.S
 * indexes it with r7, clamped to SYS_COUNT. */
syscall_entry_t *const syscall_table[SYS_COUNT + 1] = {SYSCALL_TABLE(TABLE_ENTRY)[SYS_COUNT] =
							   entry_unknown};
/* SYS_COUNT entries, none past the end, none twice (-Woverride-init, an error
 * with -Werror): every number below SYS_COUNT has its handler. */
_Static_assert(0 SYSCALL_TABLE(COUNT_ONE) == SYS_COUNT,
	       "every system-call number needs exactly one handler in SYSCALL_TABLE");
