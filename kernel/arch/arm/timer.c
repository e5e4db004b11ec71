/*
 * The ARM generic timer, virtual channel. Each tick is scheduled one period
 * after the previous deadline (not after "now"), so ticks do not drift.
 */
#include "timer.h"
#include "cpu.h"

#define CNTV_CTL_ENABLE 1u
#define CNTV_CTL_ISTATUS 4u
#define DEFAULT_FREQUENCY 19200000u /* a real Pi's, should firmware leave CNTFRQ unset */

static uint64_t deadline;
static uint32_t period;

uint32_t timer_start(uint32_t hz)
{
	uint32_t freq = read_cntfrq();
	if (freq == 0)
		freq = DEFAULT_FREQUENCY;
	period = freq / hz;
	deadline = read_cntvct() + period;
	write_cntv_cval(deadline);
	write_cntv_ctl(CNTV_CTL_ENABLE);
	return freq;
}

void timer_rearm(void)
{
	deadline += period;
	write_cntv_cval(deadline);
}

bool timer_pending(void)
{
	uint32_t ctl;
	__asm__ volatile("mrc p15, 0, %0, c14, c3, 1" : "=r"(ctl));
	return ctl & CNTV_CTL_ISTATUS;
}
