/*
 * QEMU virt's interrupt numbers, the GICv2's: SGIs and PPIs below 32, then the
 * 64 SPIs QEMU wires its devices to.
 */
#ifndef BOARD_IRQ_H
#define BOARD_IRQ_H

#define BOARD_IRQ_COUNT 96

#endif
