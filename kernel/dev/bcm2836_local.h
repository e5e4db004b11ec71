/*
 * The BCM2836/BCM2837 ARM-local interrupt controller (Raspberry Pi 2 and 3), for
 * core 0's generic-timer interrupts. A board that picks it gets board.h's
 * board_irq_mask/unmask/claim/done from it; an interrupt's number is its bit
 * in the core's timer control register: 0 CNTPS, 1 CNTPNS, 2 CNTHP, 3 CNTV.
 */
#ifndef BCM2836_LOCAL_H
#define BCM2836_LOCAL_H

#include <stdint.h>

#define BCM2836_LOCAL_IRQS 4

/* Maps the controller's registers at this physical address, every timer
 * interrupt masked. Panics if the IO pages are full. */
void bcm2836_local_init(uint64_t pa);

#endif
