/*
 * Device interrupts for user drivers (irq.c).
 */
#ifndef IRQ_H
#define IRQ_H

#include <stdint.h>

#include "proc.h"

/* Binds irq to p: each time it fires, p gets `bits` as a notification and the
 * interrupt stays masked until irq_ack. bits 0 unbinds. 0, -EINVAL (not an
 * interrupt a driver may have), -EBUSY (another live process has it). */
int irq_bind(struct proc *p, int irq, uint32_t bits);
/* Unmasks irq again; 0 or -EINVAL (not bound to p). */
int irq_ack(struct proc *p, int irq);
/* Releases every interrupt p had. */
void irq_proc_ended(struct proc *p);

#endif
