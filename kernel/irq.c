/*
 * Interrupts: the kernel's own tick, and device interrupts delivered to the
 * user driver bound to them as notification bits. A delivered interrupt stays
 * masked at the controller until the driver has dealt with its device and
 * acknowledged it, so a level-triggered device cannot storm the kernel.
 */
#include "irq.h"
#include "board.h"
#include "clock.h"
#include "ipc.h"
#include "proc.h"
#include "proc_events.h"

struct binding {
	int pid; /* 0: unbound */
	uint32_t bits;
};

static struct binding bindings[BOARD_IRQ_COUNT];

static struct binding *binding_of(int irq)
{
	return irq >= 0 && irq < BOARD_IRQ_COUNT && board_irq_bindable(irq) ? &bindings[irq] : NULL;
}

void irq_dispatch(void)
{
	int irq;
	while ((irq = board_irq_claim()) >= 0) {
		if (irq == board_timer_irq()) {
			clock_tick();
		} else {
			struct binding *b = binding_of(irq);
			struct proc *driver = b ? proc_find(b->pid) : NULL;
			board_irq_mask(irq);
			if (driver)
				ipc_notify_proc(driver, b->bits);
		}
		board_irq_done(irq);
	}
}

int irq_bind(struct proc *p, int irq, uint32_t bits)
{
	struct binding *b = binding_of(irq);
	if (!b)
		return -EINVAL;
	if (b->pid && b->pid != p->pid && proc_find(b->pid))
		return -EBUSY;
	board_irq_mask(irq);
	b->pid = bits ? p->pid : 0;
	b->bits = bits;
	if (bits)
		board_irq_unmask(irq);
	return 0;
}

int irq_ack(struct proc *p, int irq)
{
	struct binding *b = binding_of(irq);
	if (!b || b->pid != p->pid)
		return -EINVAL;
	board_irq_unmask(irq);
	return 0;
}

/* A process that ends lets go of its interrupts. */
static void proc_event(struct proc *p, enum proc_event event)
{
	if (event != PROC_ENDING)
		return;
	for (int irq = 0; irq < BOARD_IRQ_COUNT; irq++)
		if (bindings[irq].pid == p->pid) {
			board_irq_mask(irq);
			bindings[irq].pid = 0;
		}
}

void irq_init(void)
{
	proc_observe(proc_event);
}
