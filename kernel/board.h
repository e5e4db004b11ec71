/*
 * What each board (kernel/board/<name>/) provides to the generic kernel.
 */
#ifndef BOARD_H
#define BOARD_H

#include <stdint.h>

/* The board's facts; boot replaces the defaults with what the device tree says. */
struct board_config {
	const char *name;
	uint64_t ram_base, ram_size;
	uint64_t uart_base;
};

void board_defaults(struct board_config *c);

/* Sets up the interrupt controller with the timer interrupt enabled. */
void board_irq_init(void);
int board_timer_irq(void);
/* The number of a pending interrupt, or -1 when none is pending. */
int board_irq_claim(void);
void board_irq_done(int irq);

/* Turns the machine off; on a board that cannot, stops it. */
void board_poweroff(void) __attribute__((noreturn));

#endif
