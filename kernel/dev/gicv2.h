/*
 * ARM GICv2 (QEMU virt's, the GIC-400 of Allwinner and other SoCs). A board
 * that picks it gets board.h's board_irq_mask/unmask/claim/done from it, the
 * interrupt numbers being the GIC's own (PPIs 16-31, SPIs from 32).
 */
#ifndef GICV2_H
#define GICV2_H

#include <stdint.h>

/* Maps the distributor and CPU interface at these physical addresses and turns
 * both on, every interrupt still disabled. Panics if the IO pages are full. */
void gicv2_init(uint64_t gicd_pa, uint64_t gicc_pa);

#endif
