/*
 * Raspberry Pi 2 and 3 in 32-bit mode (BCM2836/BCM2837): RAM from 0, PL011 at
 * 0x3F201000, and the ARM local interrupt controller at 0x40000000 that routes
 * each core's generic-timer interrupts. There is no PSCI; power-off stops the CPU.
 */
#include "board.h"
#include "cpu.h"
#include "mmu.h"

#define PI_RAM_SIZE 0x3C000000u /* 1 GiB less the GPU's share at the top */
#define PI_UART 0x3F201000u
#define LOCAL_BASE 0x40000000u
#define CORE0_TIMER_IRQCNTL 0x40
#define CORE0_IRQ_SOURCE 0x60
#define CNTPNS_IRQ 1 /* bit of the non-secure physical timer in both registers */
#define CNTV_IRQ 3   /* bit of the virtual timer in both registers */

static uintptr_t local;

static inline volatile uint32_t *reg(uint32_t offset)
{
	return (volatile uint32_t *)(local + offset);
}

void board_defaults(struct board_config *c)
{
	c->name = "Raspberry Pi 2/3";
	c->ram_base = 0;
	c->ram_size = PI_RAM_SIZE;
	c->uart_base = PI_UART;
}

void board_irq_init(void)
{
	local = io_map(LOCAL_BASE, 0x100);
	*reg(CORE0_TIMER_IRQCNTL) = 1u << CNTV_IRQ;
}

int board_timer_irq(void)
{
	return CNTV_IRQ;
}

int board_phys_timer_irq(void)
{
	return CNTPNS_IRQ;
}

/* Device interrupts behind the GPU's controller are not routed yet: only the
 * physical timer can be bound. */
bool board_irq_bindable(int irq)
{
	return irq == CNTPNS_IRQ;
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

void board_poweroff(void)
{
	irq_disable();
	for (;;)
		wait_for_interrupt();
}
