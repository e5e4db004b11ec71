/*
 * The ARM generic timer's interrupts on a GIC, as every board with a GICv2 has
 * them wired: the kernel's tick on the virtual timer (PPI 11), and the physical
 * timer (PPI 14, a device the IO server hands a driver) and every shared
 * peripheral interrupt bindable. A board that picks gicv2 and this gets
 * board_timer_irq and board_irq_bindable from here.
 */
#include "gic_timer.h"
#include "board.h"
#include "gicv2.h"

#define TIMER_IRQ 27      /* PPI 11: the virtual timer, the kernel's tick */
#define PHYS_TIMER_IRQ 30 /* PPI 14: the non-secure physical timer */
#define SPI_FIRST 32

void gic_timer_init(uint64_t gicd_pa, uint64_t gicc_pa)
{
	gicv2_init(gicd_pa, gicc_pa);
	board_irq_unmask(TIMER_IRQ);
}

int board_timer_irq(void)
{
	return TIMER_IRQ;
}

bool board_irq_bindable(int irq)
{
	return irq == PHYS_TIMER_IRQ || (irq >= SPI_FIRST && irq < BOARD_IRQ_COUNT);
}
