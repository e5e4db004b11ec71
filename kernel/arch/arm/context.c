/*
 * Thread contexts: how a user thread starts, where the idle loop lives, the
 * first return from the kernel into a thread; and stopping the CPU.
 */
#include "arch.h"
#include "cpu.h"
#include "kstring.h"

#define PSR_USR 0x10u
#define PSR_SVC 0x13u
#define PSR_FIQ_MASK 0x40u

extern char __kstack_top[], idle_loop[];
void trap_return(struct trap_frame *ctx) __attribute__((noreturn));

void arch_thread_init(struct trap_frame *ctx, uint32_t entry, uint32_t sp, uint32_t a0, uint32_t a1,
		      uint32_t a2)
{
	memset(ctx, 0, sizeof *ctx);
	ctx->r[0] = a0;
	ctx->r[1] = a1;
	ctx->r[2] = a2;
	ctx->sp = sp;
	ctx->pc = entry & ~1u;
	ctx->cpsr = PSR_USR | (entry & 1 ? PSR_THUMB : 0); /* bit 0 of a Thumb function's address */
}

struct trap_frame *arch_idle_frame(void)
{
	/* Computed as an integer: GCC takes __kstack_top - 72 for an out-of-bounds index. */
	struct trap_frame *f = (struct trap_frame *)((uintptr_t)__kstack_top - sizeof *f);
	f->pc = (uint32_t)idle_loop;
	f->cpsr = PSR_SVC | PSR_FIQ_MASK; /* IRQs on */
	return f;
}

void arch_user_init(uint32_t tls_tp)
{
	write_tpidruro(tls_tp); /* one thread per process, each TLS block at the same address */
	/* The PMU is the kernel's, whatever the boot loader left: a process that
	 * could program it could stop or reset the counters for everyone. */
	pmu_close_to_user();
	/* User mode may read the virtual counter (time since boot) and program the
	 * physical timer: the timer's channel a user driver may have. */
	write_cntkctl(CNTKCTL_PL0VCTEN | CNTKCTL_PL0PTEN);
}

void arch_user_counters(void)
{
	pmu_open_to_user();
}

void arch_enter(struct trap_frame *ctx)
{
	trap_return(ctx);
}

void arch_irq_disable(void)
{
	irq_disable();
}

void arch_wait_for_interrupt(void)
{
	wait_for_interrupt();
}

void arch_halt(void)
{
	irq_disable();
	for (;;)
		wait_for_interrupt();
}
