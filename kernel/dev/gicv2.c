/*
 * ARM GICv2 distributor and CPU interface. One CPU, every interrupt at the same
 * priority; the kernel masks IRQs while it runs, so there is no nesting.
 */
#include "gicv2.h"
#include "arch.h"
#include "board.h"
#include "power.h"

#define GICD_CTLR 0x000
#define GICD_ISENABLER 0x100
#define GICD_ICENABLER 0x180
#define GICD_IPRIORITYR 0x400
#define GICD_ITARGETSR 0x800
#define GICC_CTLR 0x000
#define GICC_PMR 0x004
#define GICC_IAR 0x00c
#define GICC_EOIR 0x010
#define SPURIOUS 1023

static uintptr_t gicd, gicc;

static inline volatile uint32_t *reg(uintptr_t base, uint32_t offset)
{
	return (volatile uint32_t *)(base + offset);
}

void gicv2_init(uint64_t gicd_pa, uint64_t gicc_pa)
{
	gicd = io_map(gicd_pa, 0x1000);
	gicc = io_map(gicc_pa, 0x1000);
	if (!gicd || !gicc)
		panic("gicv2_init: no IO pages left\n");
	*reg(gicd, GICD_CTLR) = 1;
	*reg(gicc, GICC_PMR) = 0xf0;
	*reg(gicc, GICC_CTLR) = 1;
}

void board_irq_unmask(int irq)
{
	volatile uint8_t *targets = (volatile uint8_t *)(gicd + GICD_ITARGETSR);
	((volatile uint8_t *)(gicd + GICD_IPRIORITYR))[irq] = 0xa0;
	/* A shared interrupt goes to no CPU until it is told which: this one,
	 * whose bit the banked first bytes (its private interrupts') read as.
	 * (A GIC built for one CPU, QEMU virt's, ignores the write.) */
	if (irq >= 32)
		targets[irq] = targets[0];
	*reg(gicd, GICD_ISENABLER + 4 * (irq / 32)) = 1u << (irq % 32);
}

void board_irq_mask(int irq)
{
	*reg(gicd, GICD_ICENABLER + 4 * (irq / 32)) = 1u << (irq % 32);
}

int board_irq_claim(void)
{
	uint32_t irq = *reg(gicc, GICC_IAR) & 0x3ff;
	return irq == SPURIOUS ? -1 : (int)irq;
}

void board_irq_done(int irq)
{
	*reg(gicc, GICC_EOIR) = (uint32_t)irq;
}
