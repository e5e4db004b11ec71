/*
 * What a console UART driver provides: the kernel's console (console.c) writes
 * through it without knowing which UART the board has. Polled transmit only.
 */
#ifndef UART_H
#define UART_H

#include <stdint.h>

struct uart_driver {
	const char *name; /* for the banner: "PL011", "16550 UART" */
	/* Readies the UART at base (its registers' virtual address) to transmit,
	 * with its interrupts off; the boot loader has set the baud rate. */
	void (*init)(uintptr_t base);
	/* Sends one byte, waiting while the transmitter is full. */
	void (*putc)(uintptr_t base, char c);
};

#endif
