/*
 * What becomes of a process that faults. A touch of the stack guard page is a
 * stack overflow, and so is a touch anywhere below the stack while the
 * thread's sp is below it too; a touch of an unmapped heap or stack reserve
 * goes to the process's pager as a message (ipc_fault) and the thread waits;
 * everything else (a NULL pointer, a write to read-only memory, executing the
 * heap or stack, kernel memory, no region at all) kills the process with the
 * address, pc and cause.
 */
#include "fault.h"
#include "ipc.h"
#include "memlayout.h"
#include "printf.h"
#include "proc.h"
#include "sched.h"
#include "wren/abi.h"

extern char __rodata_end[];

static const char *const access_names[] = {
    [FAULT_READ] = "read", [FAULT_WRITE] = "write", [FAULT_EXEC] = "execute"};

/* Whether t's fault lies below its stack while its sp does too: the stack has
 * run over. One frame larger than the guard page, from code built without
 * stack probing, moves sp past the guard at once, and its first touch lands
 * in whatever lies below, here an unmapped page of the heap reserve (a mapped
 * one it writes unseen: the reason user code is built with probing). */
static bool stack_overrun(const struct thread *t, const struct fault *f)
{
	const struct proc_layout *l = &t->proc->vm.layout;
	return arch_frame_sp(&t->ctx) < l->stack_limit && f->address < l->stack_limit;
}

static kill_reason_t classify(const struct thread *t, const struct fault *f)
{
	const struct proc *p = t->proc;
	const struct proc_layout *l = &p->vm.layout;
	/* The common case first, a load's or store's translation fault in the
	 * heap or stack reserve: the pager's, unless the stack has run over. The
	 * reserve holds neither page 0, nor the guard page, nor kernel memory. */
	if (f->kind == FAULT_TRANSLATION && f->access != FAULT_EXEC &&
	    layout_in_reserve(l, f->address))
		return stack_overrun(t, f) ? KILL_STACK_OVERFLOW : KILL_PAGE_FAULT;
	/* Page 0 is the kernel's: any touch of it is a read, write or call through NULL. */
	if ((f->kind == FAULT_PERMISSION || f->kind == FAULT_TRANSLATION) && f->address < PAGE_SIZE)
		return KILL_NULL_POINTER;
	switch (f->kind) {
	case FAULT_UNDEFINED: return KILL_UNDEFINED;
	case FAULT_BREAKPOINT: return KILL_BREAKPOINT;
	case FAULT_ALIGNMENT: return KILL_ALIGNMENT;
	case FAULT_PERMISSION:
		/* What user mode may read but not write or run (.text, .rodata) is a
		 * permission fault; the rest of the kernel region is kernel memory. */
		return f->address < p->vm.as.base && f->address >= (uint32_t)__rodata_end
			   ? KILL_KERNEL_MEMORY
			   : KILL_PERMISSION;
	case FAULT_TRANSLATION:
		if (f->address < p->vm.as.base)
			return KILL_KERNEL_MEMORY;
		if (f->access == FAULT_EXEC && layout_in_reserve(l, f->address))
			return KILL_PERMISSION; /* the heap and the stack are never executable */
		if ((f->address >= l->guard && f->address - l->guard < PAGE_SIZE) ||
		    stack_overrun(t, f))
			return KILL_STACK_OVERFLOW;
		return KILL_BAD_ADDRESS;
	default: return KILL_BAD_ADDRESS;
	}
}

/* Ends t's process for its fault f, saying why. Out of line: its buffer would
 * cost a page fault's way to its pager a stack frame. */
__attribute__((noinline)) static void kill(struct thread *t, kill_reason_t reason,
					   const struct fault *f)
{
	char why[96];
	if (f->kind == FAULT_UNDEFINED || f->kind == FAULT_BREAKPOINT)
		ksnprintf(why, sizeof why, "pc %08x", f->pc);
	else
		ksnprintf(why, sizeof why, "%s at %08x, pc %08x (%s)", access_names[f->access],
			  f->address, f->pc, arch_fault_text(f));
	proc_kill(t->proc, reason, why);
}

struct trap_frame *user_fault(struct thread *t, const struct fault *f)
{
	kill_reason_t reason = classify(t, f);
	if (reason == KILL_PAGE_FAULT)
		return ipc_fault(t, f);
	kill(t, reason, f);
	return sched_next_frame();
}
