/*
 * BCM2836 ARM-local interrupt controller: each core's generic-timer interrupts
 * go straight to that core, without the GPU's interrupt controller.
 */
#include "bcm2836_local.h"
#include "arch.h"
#include "board.h"
#include "power.h"

#define CORE0_TIMER_IRQCNTL 0x40
#define CORE0_IRQ_SOURCE 0x60

static uintptr_t local;

static inline volatile uint32_t *reg(uint32_t offset)
{
	return (volatile uint32_t *)(local + offset);
}

void bcm2836_local_init(uint64_t pa)
{
	local = io_map(pa, 0x100);
	if (!local)
		panic("bcm2836_local_init: no IO pages left\n");
	*reg(CORE0_TIMER_IRQCNTL) = 0;
}

void board_irq_mask(int irq)
{
	*reg(CORE0_TIMER_IRQCNTL) &= ~(1u << irq);
}

void board_irq_unmask(int irq)
{
	*reg(CORE0_TIMER_IRQCNTL) |= 1u << irq;
}

int board_irq_claim(void)
{
	uint32_t pending = *reg(CORE0_IRQ_SOURCE) & *reg(CORE0_TIMER_IRQCNTL);
	return pending ? __builtin_ctz(pending) : -1;
}

void board_irq_done(int irq)
{
	(void)irq; /* level-triggered at the source: the timer's rearm clears it */
}
