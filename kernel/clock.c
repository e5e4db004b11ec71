/*
 * Interrupt dispatch and the clock tick. The console shows a line every second
 * so a user sees the system alive.
 */
#include "board.h"
#include "kernel.h"
#include "proc.h"
#include "timer.h"

volatile uint32_t ticks;

void irq_dispatch(void)
{
	int irq;
	while ((irq = board_irq_claim()) >= 0) {
		if (irq == board_timer_irq()) {
			timer_rearm();
			ticks++;
			sched_tick();
			if (ticks % HZ == 0)
				kprintf("tick %u\n", ticks / HZ);
		}
		board_irq_done(irq);
	}
}
