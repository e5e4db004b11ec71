/*
 * QEMU's "virt" machine: RAM at 1 GiB, PL011 at 0x09000000, a GICv2 for
 * interrupts and PSCI to power off.
 */
#include "board.h"
#include "arch.h"
#include "gicv2.h"
#include "pl011.h"
#include "psci.h"

#define VIRT_RAM_BASE 0x40000000u
#define VIRT_RAM_SIZE (128u << 20) /* QEMU's default -m */
#define VIRT_UART 0x09000000u
#define VIRT_GICD 0x08000000u
#define VIRT_GICC 0x08010000u
#define TIMER_IRQ 27      /* PPI 11: the virtual timer, the kernel's tick */
#define PHYS_TIMER_IRQ 30 /* PPI 14: the non-secure physical timer */
#define SPI_FIRST 32

static const struct uart_driver *const uarts[] = {&pl011_uart, NULL};

void board_defaults(struct board_config *c)
{
	c->name = "QEMU virt";
	c->ram_base = VIRT_RAM_BASE;
	c->ram_size = VIRT_RAM_SIZE;
	c->uart = &pl011_uart;
	c->uart_base = VIRT_UART;
	c->uarts = uarts;
}

void board_irq_init(void)
{
	gicv2_init(VIRT_GICD, VIRT_GICC);
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

/* PSCI lives one level above the kernel: in the hypervisor (hvc) normally, in
 * the secure monitor (smc) when QEMU gave us HYP mode itself (virtualization=on). */
void board_poweroff(void)
{
	psci_system_off(boot_info.entered_hyp ? PSCI_SMC : PSCI_HVC);
	for (;;)
		;
}
