/*
 * The BCM2835 interrupt controller (the Pi's "GPU" or ARM-control controller):
 * every peripheral's interrupt (UART, GPIO, mailbox, SD host, system timer)
 * comes through it. On the BCM2836/7 its output is one input of the ARM local
 * controller (bcm2836_local.h). Its sources, as numbered here: 0-63 the GPU
 * interrupts (the PL011 is 57, the system timer's compares 0-3), 64-71 the
 * "basic" ones (ARM timer, ARM mailbox, two doorbells, two GPU halts, two
 * illegal-access errors).
 */
#ifndef BCM2835_INTC_H
#define BCM2835_INTC_H

#include <stdint.h>

#define BCM2835_INTC_IRQS 72

/* Maps the controller at pa and masks every source, whatever the firmware
 * left enabled (one left on would interrupt forever). Panics if the IO pages
 * are full. */
void bcm2835_intc_init(uint64_t pa);
void bcm2835_intc_mask(uint32_t n);
void bcm2835_intc_unmask(uint32_t n);
/* The lowest enabled source that is pending, or -1 when none is. */
int bcm2835_intc_claim(void);

#endif
