/*
 * BCM2836 ARM-local interrupt controller: each core's generic-timer interrupts
 * go straight to that core; the BCM2835 controller's output arrives as one
 * more source, routed to the core this driver names.
 */
#include "bcm2836_local.h"
#include "arch.h"
#include "power.h"

#define GPU_INT_ROUTING 0x0c
#define CORE0_TIMER_IRQCNTL 0x40
#define CORE0_IRQ_SOURCE 0x60
#define TIMER_SOURCES 0xfu

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
	*reg(GPU_INT_ROUTING) = 0; /* IRQ and FIQ to core 0 */
}

void bcm2836_local_mask(uint32_t n)
{
	*reg(CORE0_TIMER_IRQCNTL) &= ~(1u << n);
}

void bcm2836_local_unmask(uint32_t n)
{
	*reg(CORE0_TIMER_IRQCNTL) |= 1u << n;
}

uint32_t bcm2836_local_pending(void)
{
	uint32_t source = *reg(CORE0_IRQ_SOURCE);
	return (source & *reg(CORE0_TIMER_IRQCNTL) & TIMER_SOURCES) |
	       (source & (1u << BCM2836_LOCAL_GPU));
}
