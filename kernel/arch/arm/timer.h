/*
 * The ARM generic timer, virtual channel: the periodic tick on both boards.
 */
#ifndef TIMER_H
#define TIMER_H

#include <stdbool.h>
#include <stdint.h>

/* Starts interrupts hz times a second; returns the counter frequency. */
uint32_t timer_start(uint32_t hz);
/* Schedules the next tick; call from the timer interrupt. */
void timer_rearm(void);
/* The tick is due (its interrupt pending, or masked). */
bool timer_pending(void);

#endif
