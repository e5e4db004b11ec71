/*
 * The Raspberry Pi's interrupt numbers: 0-3 core 0's timer interrupts at the
 * ARM local controller (kernel/dev/bcm2836_local.h), then the BCM2835
 * controller's sources behind it (kernel/dev/bcm2835_intc.h): GPU interrupt n
 * is PI_GPU_IRQ(n), basic interrupt n PI_BASIC_IRQ(n).
 */
#ifndef BOARD_IRQ_H
#define BOARD_IRQ_H

#include "bcm2835_intc.h"
#include "bcm2836_local.h"

#define PI_INTC_FIRST BCM2836_LOCAL_TIMERS
#define PI_GPU_IRQ(n) (PI_INTC_FIRST + (n))
#define PI_BASIC_IRQ(n) (PI_INTC_FIRST + 64 + (n))
#define BOARD_IRQ_COUNT (PI_INTC_FIRST + BCM2835_INTC_IRQS)

#endif
