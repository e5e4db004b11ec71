/*
 * ARM GICv2 distributor and CPU interface. One CPU, every interrupt at the same
 * priority; the kernel masks IRQs while it runs, so there is no nesting.
 */
#include "gic.h"
#include "mmu.h"

#define GICD_BASE 0x08000000u
#define GICC_BASE 0x08010000u
#define GICD_CTLR 0x000
#define GICD_ISENABLER 0x100
#define GICD_ICENABLER 0x180
#define GICD_IPRIORITYR 0x400
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

void gic_init(void)
{
	gicd = io_map(GICD_BASE, 0x1000);
	gicc = io_map(GICC_BASE, 0x1000);
	*reg(gicd, GICD_CTLR) = 1;
	*reg(gicc, GICC_PMR) = 0xf0;
	*reg(gicc, GICC_CTLR) = 1;
}

void gic_enable(int irq)
{
	((volatile uint8_t *)(gicd + GICD_IPRIORITYR))[irq] = 0xa0;
	*reg(gicd, GICD_ISENABLER + 4 * (irq / 32)) = 1u << (irq % 32);
}

void gic_disable(int irq)
{
	*reg(gicd, GICD_ICENABLER + 4 * (irq / 32)) = 1u << (irq % 32);
}

int gic_claim(void)
{
	uint32_t irq = *reg(gicc, GICC_IAR) & 0x3ff;
	return irq == SPURIOUS ? -1 : (int)irq;
}

void gic_done(int irq)
{
	*reg(gicc, GICC_EOIR) = (uint32_t)irq;
}
