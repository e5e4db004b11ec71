/*
 * The clock tick: time for the scheduler and the uptime. It prints nothing:
 * the console is the user's, at the shell's prompt.
 */
#include "clock.h"
#include "arch.h"
#include "sched.h"

volatile uint32_t ticks;
uint32_t user_start_count;

void clock_tick(void)
{
	timer_rearm();
	ticks++;
	sched_tick();
}
