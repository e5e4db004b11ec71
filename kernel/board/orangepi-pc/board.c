/*
 * Orange Pi PC (Allwinner H3, four Cortex-A7): RAM at 1 GiB, UART0 (a 16550) at
 * 0x01C28000, a GIC-400 for interrupts, and PSCI by smc to power off (QEMU's
 * H3 has it; on a real board U-Boot's, when it started us with bootm).
 */
#include "board.h"
#include "cpu.h"
#include "gicv2.h"
#include "ns16550.h"
#include "psci.h"

#define OPI_RAM_BASE 0x40000000u
#define OPI_RAM_SIZE (1u << 30) /* the Orange Pi PC's 1 GiB, all QEMU allows */
#define OPI_UART0 0x01C28000u
#define OPI_GICD 0x01C81000u
#define OPI_GICC 0x01C82000u
#define TIMER_IRQ 27      /* PPI 11: the virtual timer, the kernel's tick */
#define PHYS_TIMER_IRQ 30 /* PPI 14: the non-secure physical timer */
#define SPI_FIRST 32

static const struct uart_driver *const uarts[] = {&ns16550_uart, NULL};

void board_defaults(struct board_config *c)
{
	c->name = "Orange Pi PC";
	c->ram_base = OPI_RAM_BASE;
	c->ram_size = OPI_RAM_SIZE;
	c->uart = &ns16550_uart;
	c->uart_base = OPI_UART0;
	c->uarts = uarts;
}

void board_irq_init(void)
{
	gicv2_init(OPI_GICD, OPI_GICC);
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

/* The H3's PSCI is the secure monitor's, whatever mode we were started in. */
void board_poweroff(void)
{
	psci_system_off(PSCI_SMC);
	irq_disable();
	for (;;)
		wait_for_interrupt();
}
