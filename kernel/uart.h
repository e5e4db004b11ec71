/*
 * What a console UART driver provides: the kernel's console (console.c) writes
 * through it without knowing which UART the board has. Polled transmit only.
 * A device tree's console is taken only if one of the board's drivers names
 * its "compatible".
 */
#ifndef UART_H
#define UART_H

#include <stddef.h>
#include <stdint.h>

struct uart_driver {
	const char *name; /* for the banner: "PL011", "16550 UART" */
	/* The device-tree "compatible" strings of the UARTs it drives, NULL last. */
	const char *const *compatible;
	/* Bytes of registers: what the kernel maps and holds of the console, so
	 * that another UART in the same page stays a user driver's. */
	uint32_t size;
	/* Readies the UART at base (its registers' virtual address) to transmit,
	 * with its interrupts off: at 115200 baud, 8N1, from a reference clock of
	 * clock_hz, or as the boot loader set it up when clock_hz is 0. */
	void (*init)(uintptr_t base, uint32_t clock_hz);
	/* Sends one byte, waiting while the transmitter is full. */
	void (*putc)(uintptr_t base, char c);
};

#endif
