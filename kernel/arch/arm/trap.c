/*
 * What the kernel does with exceptions: report faults, answer the SVCs it makes
 * itself (semihosting), and pass interrupts on.
 */
#include "trap.h"
#include "arch.h"
#include "console.h"
#include "cpu.h"
#include "fault.h"
#include "irq.h"
#include "power.h"
#include "sched.h"
#include "semihost.h"
#include "syscall.h"
#include "wren/abi.h"

extern char __shared_orig_start[], __kstack_bottom[];

static const char *const trap_names[] = {
    [TRAP_UNDEF] = "undefined instruction",
    [TRAP_PREFETCH_ABORT] = "prefetch abort",
    [TRAP_DATA_ABORT] = "data abort",
    [TRAP_UNEXPECTED] = "unexpected exception (FIQ or HYP trap)",
};

static const char *mode_name(uint32_t cpsr)
{
	switch (cpsr & 0x1f) {
	case 0x10: return "user";
	case 0x11: return "fiq";
	case 0x12: return "irq";
	case 0x13: return "svc";
	case 0x17: return "abort";
	case 0x1a: return "hyp";
	case 0x1b: return "undefined";
	case 0x1f: return "system";
	default: return "invalid";
	}
}

static void print_registers(const struct trap_frame *f)
{
	for (int i = 0; i < 13; i++)
		kprintf("  r%-2d %08x%s", i, f->r[i], i % 4 == 3 ? "\n" : "");
	kprintf("  sp  %08x\n  lr  %08x  pc  %08x  cpsr %08x (%s mode)\n", f->sp, f->lr, f->pc,
		f->cpsr, mode_name(f->cpsr));
}

void arm_fault(struct trap_frame *f, enum trap_kind kind)
{
	uint32_t fsr = 0, far = 0;
	if (kind == TRAP_DATA_ABORT) {
		fsr = read_dfsr();
		far = read_dfar();
	} else if (kind == TRAP_PREFETCH_ABORT) {
		fsr = read_ifsr();
		far = read_ifar();
	}
	if (kind == TRAP_DATA_ABORT && far >= (uint32_t)__shared_orig_start &&
	    far < (uint32_t)__kstack_bottom)
		kprintf("\n*** kernel panic: kernel stack overflow\n");
	else
		kprintf("\n*** kernel panic: %s in %s mode\n", trap_names[kind],
			mode_name(f->cpsr));
	kprintf("  pc   %08x\n", kind == TRAP_UNDEF ? f->pc - 4 : f->pc);
	if (kind == TRAP_DATA_ABORT || kind == TRAP_PREFETCH_ABORT)
		kprintf("  addr %08x\n  cause %s%s (fsr %08x)\n", far, fault_status_text(fsr),
			kind == TRAP_DATA_ABORT ? (fsr & (1u << 11) ? ", on write" : ", on read")
						: "",
			fsr);
	print_registers(f);
	system_exit(1);
}

struct trap_frame *syscall_entry(struct trap_frame *f)
{
	/* f is current's saved context, the first member of its struct thread. */
	syscall((struct thread *)f);
	return sched_next_frame();
}

struct trap_frame *kernel_svc_entry(struct trap_frame *f)
{
	uint32_t imm = *(const uint32_t *)(f->pc - 4) & 0xffffff;
	if (imm == SEMIHOST_SVC) {
		/* QEMU without -semihosting, or real hardware: nobody caught the call. */
		f->r[0] = SEMIHOST_ABSENT;
		return f;
	}
	kprintf("\n*** kernel panic: unexpected svc #%x\n", imm);
	print_registers(f);
	system_exit(1);
}

struct trap_frame *irq_entry(struct trap_frame *f)
{
	/* f is a user thread's context, saved in its control block, or the idle
	 * loop's: the kernel runs with IRQs masked everywhere else. The scheduler
	 * decides what resumes, f or another thread. */
	(void)f;
	irq_dispatch();
	return sched_next_frame();
}

/* The access a fault status and the trap kind describe. */
static uint32_t fault_access(enum trap_kind kind, uint32_t fsr)
{
	if (kind == TRAP_PREFETCH_ABORT)
		return FAULT_EXEC;
	return fsr & (1u << 11) ? FAULT_WRITE : FAULT_READ;
}

static enum fault_kind fault_kind_of(enum trap_kind kind, uint32_t fsr)
{
	uint32_t status = fsr & 0x3f;
	if (kind == TRAP_UNDEF)
		return FAULT_UNDEFINED;
	if (status == 0x21)
		return FAULT_ALIGNMENT;
	if (status == 0x22)
		return FAULT_BREAKPOINT;
	if ((status & 0x3c) == 0x04)
		return FAULT_TRANSLATION;
	if ((status & 0x3c) == 0x0c)
		return FAULT_PERMISSION;
	return FAULT_OTHER;
}

struct trap_frame *user_fault_entry(struct trap_frame *f, enum trap_kind kind)
{
	uint32_t fsr = kind == TRAP_DATA_ABORT       ? read_dfsr()
		       : kind == TRAP_PREFETCH_ABORT ? read_ifsr()
						     : 0;
	struct fault fault = {
	    .kind = fault_kind_of(kind, fsr),
	    .address = kind == TRAP_DATA_ABORT       ? read_dfar()
		       : kind == TRAP_PREFETCH_ABORT ? read_ifar()
						     : 0,
	    .access = fault_access(kind, fsr),
	    .pc = kind == TRAP_UNDEF ? f->pc - (f->cpsr & PSR_THUMB ? 2 : 4) : f->pc,
	    .status = fsr,
	};
	user_fault(current, &fault);
	return sched_next_frame();
}
