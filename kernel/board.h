/*
 * What each board (kernel/board/<name>/) provides to the generic kernel: its own
 * board.c, or a driver it picks from kernel/dev/ (the interrupt controller's
 * driver supplies board_irq_mask/unmask/claim/done).
 */
#ifndef BOARD_H
#define BOARD_H

#include <stdbool.h>
#include <stdint.h>

/* The board's interrupt numbers: BOARD_IRQ_COUNT, all of them below it. */
#include "board_irq.h"

struct uart_driver;

/* The board's facts; boot replaces the defaults with what the device tree says. */
struct board_config {
	const char *name;
	uint64_t ram_base, ram_size;
	/* ram_* is what the board's firmware reported (the Pi's mailbox), not a
	 * guess: a device tree's /memory is then cut to it */
	bool ram_reported;
	const struct uart_driver *uart; /* the console's driver (kernel/uart.h) */
	uint64_t uart_base;
	/* the console UART's reference clock in Hz, for its driver to set 115200
	 * 8N1 from; 0 keeps what the boot loader set */
	uint32_t uart_clock;
	/* every UART driver the board has, NULL last: a device tree's console is
	 * taken only if one of them drives it */
	const struct uart_driver *const *uarts;
};

/* Fills c with the board's facts: its defaults, and what its firmware reports
 * where it can be asked; readies the default console's pins where the board
 * must. Never fails: what cannot be learned stays a default. */
void board_defaults(struct board_config *c);

/* Sets up the interrupt controller with the timer interrupt enabled. */
void board_irq_init(void);
int board_timer_irq(void);
/* Whether irq may be bound to a user driver, and its masking at the controller. */
bool board_irq_bindable(int irq);
void board_irq_mask(int irq);
void board_irq_unmask(int irq);
/* The number of a pending interrupt, or -1 when none is pending. */
int board_irq_claim(void);
void board_irq_done(int irq);

/* Turns the machine off; on a board that cannot, stops it. */
void board_poweroff(void) __attribute__((noreturn));

#endif
