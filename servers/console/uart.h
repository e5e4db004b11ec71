/*
 * The console UART as the console server drives it (uart.c): the receive side,
 * with its interrupt, and polled transmit for echo and programs' output. The
 * kernel keeps transmitting its own messages through the same registers; it
 * never reads them, and never enables an interrupt, so the two do not meet.
 */
#ifndef CONSOLE_UART_H
#define CONSOLE_UART_H

#include <stdbool.h>
#include <wren/io.h>

struct console_uart {
	const char *name; /* "PL011", "16550 UART" */
	/* Turns on the receive interrupt (and leaves the line as the kernel set it). */
	void (*rx_enable)(const struct io_reg *r);
	/* Clears what raised the interrupt; bytes that arrive afterwards raise it
	 * again, so it comes before rx_byte drains the FIFO. */
	void (*rx_clear)(const struct io_reg *r);
	/* A received byte, or -1 when the receive FIFO is empty. */
	int (*rx_byte)(const struct io_reg *r);
	/* Sends one byte, waiting while the transmitter is full. */
	void (*tx_byte)(const struct io_reg *r, char c);
};

/* The driver for a UART of this compatible list (NUL-separated, len bytes),
 * or NULL. */
const struct console_uart *console_uart_for(const char *compatible, unsigned len);

#endif
