/*
 * ARM PL011 UART: polled transmit. The boot loader (QEMU, or the Pi firmware with
 * enable_uart=1) has set the baud rate; we only make sure the UART transmits.
 */
#include "pl011.h"

#define UART_DR 0x00
#define UART_FR 0x18
#define UART_CR 0x30
#define UART_IMSC 0x38
#define FR_TXFF (1u << 5)
#define CR_UARTEN (1u << 0)
#define CR_TXE (1u << 8)
#define CR_RXE (1u << 9)

static inline volatile uint32_t *reg(uintptr_t base, uint32_t offset)
{
	return (volatile uint32_t *)(base + offset);
}

static void pl011_init(uintptr_t base)
{
	*reg(base, UART_IMSC) = 0;
	*reg(base, UART_CR) |= CR_UARTEN | CR_TXE | CR_RXE;
}

static void pl011_putc(uintptr_t base, char c)
{
	while (*reg(base, UART_FR) & FR_TXFF)
		;
	*reg(base, UART_DR) = (uint8_t)c;
}

const struct uart_driver pl011_uart = {"PL011", pl011_init, pl011_putc};
