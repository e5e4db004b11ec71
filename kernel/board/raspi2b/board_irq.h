/*
 * The Raspberry Pi's interrupt numbers: core 0's timer interrupts at the ARM
 * local controller (kernel/dev/bcm2836_local.h); the GPU's controller and its
 * devices are not routed yet.
 */
#ifndef BOARD_IRQ_H
#define BOARD_IRQ_H

#include "bcm2836_local.h"

#define BOARD_IRQ_COUNT BCM2836_LOCAL_IRQS

#endif
