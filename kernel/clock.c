/*
 * The clock tick: time for the scheduler, and a line on the console every
 * second so a user sees the system alive.
 */
#include "clock.h"
#include "arch.h"
#include "console.h"
#include "sched.h"

volatile uint32_t ticks;

void clock_tick(void)
{
	timer_rearm();
	ticks++;
	sched_tick();
	if (ticks % HZ == 0)
		kprintf("tick %u\n", ticks / HZ);
}
