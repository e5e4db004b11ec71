/*
 * date: the time of day, from the board's real-time clock driver (rtc).
 */
#include <stdio.h>
#include <time.h>
#include <wren/rtc.h>

#include "apps.h"
#include "driver.h"

int date_main(int argc, char **argv)
{
	static const char *const rtcs[] = {RTC_DEVICES};
	struct ipc_msg msg;
	struct tm tm;
	int rtc = driver_of(rtcs, sizeof rtcs / sizeof rtcs[0]);
	if (rtc == -ENOENT) {
		printf("date: this board has no real-time clock\n");
		return 0;
	}
	int err = rtc > 0 ? driver_call(rtc, RTC_TIME, 0, &msg) : -ESRCH;
	if (err) {
		printf("date: no real-time clock driver answers (error %d)\n", err);
		return 1;
	}
	time_t t = msg.w[1];
	gmtime_r(&t, &tm);
	printf("date: %04d-%02d-%02d %02d:%02d:%02d UTC\n", tm.tm_year + 1900, tm.tm_mon + 1,
	       tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
	return 0;
}
