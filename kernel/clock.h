/*
 * The clock tick: the scheduler's time, and the uptime in ticks.
 */
#ifndef CLOCK_H
#define CLOCK_H

#include <stdint.h>

#define HZ 100 /* timer interrupts per second */

extern volatile uint32_t ticks; /* since the timer started */
/* The timer's count (low 32 bits) as the kernel left for user mode the first
 * time: boot's length (SYS_INFO INFO_USER_START). */
extern uint32_t user_start_count;

/* The timer's interrupt fired: rearms it and lets the scheduler count. */
void clock_tick(void);

#endif
