/*
 * The ARM generic timer, virtual channel. Each tick is scheduled one period
 * after the previous deadline (not after "now"), so ticks do not drift.
 */
#include "arch.h"
#include "cpu.h"

#define CNTV_CTL_ENABLE 1u
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

uint64_t timer_count(void)
{
	return read_cntvct();
}

void timer_rearm(void)
{
	deadline += period;
	write_cntv_cval(deadline);
}

void timer_expire_now(void)
{
	deadline = read_cntvct();
	write_cntv_cval(deadline);
	isb();
}
