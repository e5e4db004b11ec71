/*
 * Interrupts (irq.c): the kernel's tick, and device interrupts bound to user
 * drivers, delivered as notification bits.
 */
#ifndef IRQ_H
#define IRQ_H

#include <stdint.h>

struct proc;

/* Registers with proc.c, so that a driver's interrupts go back when it ends. */
void irq_init(void);

/* Takes every pending interrupt: the tick to the clock, a bound device's to its
 * driver (masked until irq_ack); called by the architecture's IRQ entry. */
void irq_dispatch(void);

/* Binds irq to p: each time it fires, p gets `bits` as a notification and the
 * interrupt stays masked until irq_ack. bits 0 unbinds. 0, -EINVAL (not an
 * interrupt a driver may have), -EBUSY (another live process has it). */
int irq_bind(struct proc *p, int irq, uint32_t bits);
/* Unmasks irq again; 0 or -EINVAL (not bound to p). */
int irq_ack(struct proc *p, int irq);

#endif
