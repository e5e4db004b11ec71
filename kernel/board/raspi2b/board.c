/*
 * Raspberry Pi 2 and 3 in 32-bit mode (BCM2836/BCM2837): RAM from 0, PL011 at
 * 0x3F201000, and the ARM local interrupt controller at 0x40000000 that routes
 * each core's generic-timer interrupts. There is no PSCI; power-off stops the CPU.
 */
#include "board.h"
#include "bcm2836_local.h"
#include "cpu.h"
#include "pl011.h"

#define PI_RAM_SIZE 0x3C000000u /* 1 GiB less the GPU's share at the top */
#define PI_UART 0x3F201000u
#define LOCAL_BASE 0x40000000u
#define CNTPNS_IRQ 1 /* the non-secure physical timer */
#define CNTV_IRQ 3   /* the virtual timer */

static const struct uart_driver *const uarts[] = {&pl011_uart, NULL};

void board_defaults(struct board_config *c)
{
	c->name = "Raspberry Pi 2/3";
	c->ram_base = 0;
	c->ram_size = PI_RAM_SIZE;
	c->uart = &pl011_uart;
	c->uart_base = PI_UART;
	c->uarts = uarts;
}

void board_irq_init(void)
{
	bcm2836_local_init(LOCAL_BASE);
	board_irq_unmask(CNTV_IRQ);
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

void board_poweroff(void)
{
	irq_disable();
	for (;;)
		wait_for_interrupt();
}
