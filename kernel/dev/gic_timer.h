/*
 * The generic timer's interrupts on a GICv2 (gic_timer.c): board.h's
 * board_timer_irq and board_irq_bindable for a board that picks gicv2 and
 * gic_timer.
 */
#ifndef GIC_TIMER_H
#define GIC_TIMER_H

#include <stdint.h>

/* Starts the GIC at these physical addresses (gicv2_init) with the tick's
 * interrupt enabled: board_irq_init of such a board. */
void gic_timer_init(uint64_t gicd_pa, uint64_t gicc_pa);

#endif
