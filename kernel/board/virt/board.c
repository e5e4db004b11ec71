/*
 * QEMU's "virt" machine: RAM at 1 GiB, PL011 at 0x09000000, a GICv2 for
 * interrupts and PSCI to power off.
 */
#include "board.h"
#include "gic.h"
#include "mmu.h"

#define VIRT_RAM_BASE 0x40000000u
#define VIRT_RAM_SIZE (128u << 20) /* QEMU's default -m */
#define VIRT_UART 0x09000000u
#define TIMER_IRQ 27      /* PPI 11: the virtual timer, the kernel's tick */
#define PHYS_TIMER_IRQ 30 /* PPI 14: the non-secure physical timer */
#define SPI_FIRST 32
#define SPI_END 96 /* QEMU virt wires its devices to the first 64 SPIs */
#define PSCI_SYSTEM_OFF 0x84000008u

void board_defaults(struct board_config *c)
{
	c->name = "QEMU virt";
	c->ram_base = VIRT_RAM_BASE;
	c->ram_size = VIRT_RAM_SIZE;
	c->uart_base = VIRT_UART;
}

void board_irq_init(void)
{
	gic_init();
	gic_enable(TIMER_IRQ);
}

int board_timer_irq(void)
{
	return TIMER_IRQ;
}

int board_phys_timer_irq(void)
{
	return PHYS_TIMER_IRQ;
}

bool board_irq_bindable(int irq)
{
	return irq == PHYS_TIMER_IRQ || (irq >= SPI_FIRST && irq < SPI_END);
}

void board_irq_mask(int irq)
{
	gic_disable(irq);
}

void board_irq_unmask(int irq)
{
	gic_enable(irq);
}

int board_irq_claim(void)
{
	return gic_claim();
}

void board_irq_done(int irq)
{
	gic_done(irq);
}

/* PSCI lives one level above the kernel: in the hypervisor (hvc) normally, in
 * the secure monitor (smc) when QEMU gave us HYP mode itself (virtualization=on). */
void board_poweroff(void)
{
	register uint32_t r0 __asm__("r0") = PSCI_SYSTEM_OFF;
	if (boot_info.entered_hyp)
		__asm__ volatile(".arch_extension sec\n\tsmc #0" : "+r"(r0)::"memory");
	else
		__asm__ volatile(".arch_extension virt\n\thvc #0" : "+r"(r0)::"memory");
	for (;;)
		;
}
