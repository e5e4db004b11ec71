/*
 * The console server's two UARTs (uart.h): the ARM PL011 (QEMU virt, the
 * Raspberry Pi) and the 16550 (the Orange Pi PC's DesignWare UART, registers
 * 4 bytes apart).
 */
#include "uart.h"

#include <string.h>

/* PL011 (ARM DDI 0183) */
#define PL011_DR 0x00
#define PL011_FR 0x18
#define PL011_IMSC 0x38
#define PL011_ICR 0x44
#define PL011_FR_RXFE (1u << 4)
#define PL011_FR_TXFF (1u << 5)
#define PL011_RX_INTERRUPTS (1u << 4 | 1u << 6) /* a byte received; the line idle since */

static void pl011_rx_enable(const struct io_reg *r)
{
	dev_write32(r, PL011_ICR, PL011_RX_INTERRUPTS);
	dev_write32(r, PL011_IMSC, dev_read32(r, PL011_IMSC) | PL011_RX_INTERRUPTS);
}

static void pl011_rx_clear(const struct io_reg *r)
{
	dev_write32(r, PL011_ICR, PL011_RX_INTERRUPTS);
}

static int pl011_rx_byte(const struct io_reg *r)
{
	if (dev_read32(r, PL011_FR) & PL011_FR_RXFE)
		return -1;
	return (int)(dev_read32(r, PL011_DR) & 0xff);
}

static void pl011_tx_byte(const struct io_reg *r, char c)
{
	while (dev_read32(r, PL011_FR) & PL011_FR_TXFF)
		;
	dev_write32(r, PL011_DR, (unsigned char)c);
}

/* 16550, registers 4 bytes apart */
#define NS16550_RBR (0 << 2)
#define NS16550_THR (0 << 2)
#define NS16550_IER (1 << 2)
#define NS16550_LSR (5 << 2)
#define NS16550_IER_RX (1u << 0) /* received data available (and the FIFO's timeout) */
#define NS16550_LSR_DR (1u << 0)
#define NS16550_LSR_THRE (1u << 5)

static void ns16550_rx_enable(const struct io_reg *r)
{
	dev_write32(r, NS16550_IER, NS16550_IER_RX);
}

/* The 16550's receive interrupt lasts while a byte waits: reading them clears it. */
static void ns16550_rx_clear(const struct io_reg *r)
{
	(void)r;
}

static int ns16550_rx_byte(const struct io_reg *r)
{
	if (!(dev_read32(r, NS16550_LSR) & NS16550_LSR_DR))
		return -1;
	return (int)(dev_read32(r, NS16550_RBR) & 0xff);
}

static void ns16550_tx_byte(const struct io_reg *r, char c)
{
	while (!(dev_read32(r, NS16550_LSR) & NS16550_LSR_THRE))
		;
	dev_write32(r, NS16550_THR, (unsigned char)c);
}

static const struct console_uart pl011 = {"PL011", pl011_rx_enable, pl011_rx_clear, pl011_rx_byte,
					  pl011_tx_byte};
static const struct console_uart ns16550 = {"16550 UART", ns16550_rx_enable, ns16550_rx_clear,
					    ns16550_rx_byte, ns16550_tx_byte};

static const struct {
	const char *compatible;
	const struct console_uart *uart;
} drivers[] = {
    {"arm,pl011", &pl011},
    {"ns16550a", &ns16550},
    {"ns16550", &ns16550},
    {"snps,dw-apb-uart", &ns16550},
};

const struct console_uart *console_uart_for(const char *compatible, unsigned len)
{
	for (unsigned at = 0; at < len; at += strnlen(compatible + at, len - at) + 1)
		for (unsigned i = 0; i < sizeof drivers / sizeof drivers[0]; i++)
			if (strncmp(compatible + at, drivers[i].compatible, len - at) == 0)
				return drivers[i].uart;
	return NULL;
}
