/*
 * ARM PL011 UART: polled transmit. Given its reference clock, it sets 115200
 * baud, 8N1 itself (the Pi: the firmware leaves the PL011 as it pleases, and
 * reports the clock); without one it keeps what the boot loader set (QEMU virt).
 */
#include "pl011.h"

#define UART_DR 0x00
#define UART_FR 0x18
#define UART_IBRD 0x24
#define UART_FBRD 0x28
#define UART_LCRH 0x2c
#define UART_CR 0x30
#define UART_IMSC 0x38
#define UART_ICR 0x44
#define FR_BUSY (1u << 3)
#define FR_TXFF (1u << 5)
#define LCRH_FEN (1u << 4)
#define LCRH_WLEN8 (3u << 5)
#define CR_UARTEN (1u << 0)
#define CR_TXE (1u << 8)
#define CR_RXE (1u << 9)
#define BAUD 115200u

static inline volatile uint32_t *reg(uintptr_t base, uint32_t offset)
{
	return (volatile uint32_t *)(base + offset);
}

/* The PL011 takes the divisor of clock / (16 * baud) in 1/64ths: an integer
 * part and a 6-bit fraction, rounded to the nearest. */
static void set_line(uintptr_t base, uint32_t clock_hz)
{
	uint32_t div64 = (uint32_t)(((uint64_t)clock_hz * 4 + BAUD / 2) / BAUD);

	/* The PL011 may be changed only while disabled, and only once what the
	 * firmware was sending is out. */
	*reg(base, UART_CR) = 0;
	while (*reg(base, UART_FR) & FR_BUSY)
		;
	*reg(base, UART_LCRH) = 0; /* flushes the FIFOs */
	*reg(base, UART_IBRD) = div64 >> 6;
	*reg(base, UART_FBRD) = div64 & 63;
	*reg(base, UART_LCRH) =
	    LCRH_WLEN8 | LCRH_FEN; /* written after the divisor, as the TRM asks */
}

static void pl011_init(uintptr_t base, uint32_t clock_hz)
{
	*reg(base, UART_IMSC) = 0;
	*reg(base, UART_ICR) = 0x7ff;
	if (clock_hz)
		set_line(base, clock_hz);
	*reg(base, UART_CR) |= CR_UARTEN | CR_TXE | CR_RXE;
}

static void pl011_putc(uintptr_t base, char c)
{
	while (*reg(base, UART_FR) & FR_TXFF)
		;
	*reg(base, UART_DR) = (uint8_t)c;
}

static const char *const compatible[] = {"arm,pl011", NULL};

const struct uart_driver pl011_uart = {"PL011", compatible, 0x1000, pl011_init, pl011_putc};
