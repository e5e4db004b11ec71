/*
 * The ARM generic timer, virtual channel: the periodic tick on every board.
 */
#ifndef TIMER_H
#define TIMER_H

#include <stdint.h>

/* Starts interrupts hz times a second; returns the counter frequency. */
uint32_t timer_start(uint32_t hz);
/* Schedules the next tick; call from the timer interrupt. */
void timer_rearm(void);
/* Makes the next tick due at once (its interrupt pending). */
void timer_expire_now(void);

#endif
