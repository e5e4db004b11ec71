/*
 * The BCM2836/BCM2837 ARM-local interrupt controller (Raspberry Pi 2 and 3):
 * core 0's generic-timer interrupts, and the BCM2835 controller's output (the
 * "GPU interrupt") routed to core 0. A source's number is its bit in the
 * core's IRQ source register: 0 CNTPS, 1 CNTPNS, 2 CNTHP, 3 CNTV, 8 GPU.
 */
#ifndef BCM2836_LOCAL_H
#define BCM2836_LOCAL_H

#include <stdint.h>

#define BCM2836_LOCAL_TIMERS 4 /* the sources 0-3 */
#define BCM2836_LOCAL_GPU 8

/* Maps the controller's registers at this physical address, every timer
 * interrupt masked and the GPU interrupt routed to core 0's IRQ. Panics if the
 * IO pages are full. */
void bcm2836_local_init(uint64_t pa);
/* Masks or unmasks timer interrupt n (0-3) of core 0. */
void bcm2836_local_mask(uint32_t n);
void bcm2836_local_unmask(uint32_t n);
/* Core 0's pending IRQ sources: unmasked timers, and the GPU bit. */
uint32_t bcm2836_local_pending(void);

#endif
