/*
 * rtc: the real-time clock driver (protocol: wren/rtc.h). It asks the IO
 * server for the board's RTC, the PL031 of QEMU virt or the Allwinner H3's of
 * the Orange Pi PC, and tells the time of day from its registers, in its
 * device window. On the PL031 it also sets alarms: the RTC's interrupt, bound
 * to it by the IO server, ends the caller's wait. Where the board has no RTC
 * it ends at once, status ENOENT.
 */
#include <stdbool.h>
#include <stdio.h>
#include <wren/io.h>
#include <wren/rtc.h>
#include <wren/sys.h>

#include "apps.h"

#define ALARM_BIT 0 /* the notification bit of the RTC's interrupt */

/* The PL031 (ARM DDI 0224): a seconds counter and a match register. */
#define PL031_DR 0x00 /* the count: seconds since 1970, as QEMU sets it */
#define PL031_MR 0x04 /* the interrupt fires when the count reaches it */
#define PL031_IMSC 0x10
#define PL031_RIS 0x14
#define PL031_ICR 0x1c
/* The H3's RTC: the date and time in fields. */
#define H3_YYMMDD 0x10 /* (year - 1970) << 16 | month << 8 | day */
#define H3_HHMMSS 0x14 /* hours << 16 | minutes << 8 | seconds (weekday above) */

struct rtc {
	struct io_open dev;
	bool pl031;
	int waiting; /* the caller whose alarm is set, 0: none */
};

/* Days from 1970-01-01 to year-month-day of the proleptic Gregorian calendar,
 * counted in 400-year eras from 0000-03-01, whose length is fixed. */
static unsigned days_since_1970(unsigned year, unsigned month, unsigned day)
{
	unsigned y = month <= 2 ? year - 1 : year, era = y / 400, of_era = y - era * 400;
	unsigned of_year = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
	unsigned of_era_days = of_era * 365 + of_era / 4 - of_era / 100 + of_year;
	return era * 146097 + of_era_days - 719468;
}

static unsigned now(const struct rtc *r)
{
	const struct io_reg *regs = &r->dev.reg[0];
	if (r->pl031)
		return dev_read32(regs, PL031_DR);
	unsigned date = dev_read32(regs, H3_YYMMDD), time = dev_read32(regs, H3_HHMMSS);
	unsigned days = days_since_1970(1970 + (date >> 16 & 0x3f), date >> 8 & 0xf, date & 0x1f);
	return days * 86400 + (time >> 16 & 0x1f) * 3600 + (time >> 8 & 0x3f) * 60 + (time & 0x3f);
}

/* Sets from's alarm seconds from now; 0 when the reply waits for it. */
static int alarm_set(struct rtc *r, int from, unsigned seconds)
{
	const struct io_reg *regs = &r->dev.reg[0];
	if (!r->pl031 || r->dev.irq[0] == IO_IRQ_NONE)
		return -ENOSYS;
	if (r->waiting)
		return -EBUSY;
	dev_write32(regs, PL031_ICR, 1);
	dev_write32(regs, PL031_IMSC, 1);
	/* The PL031 raises its interrupt as the match is written if the count is
	 * there already: an alarm of 0 rings at once, unless the second turned
	 * between the read and the write, which a second write catches. */
	dev_write32(regs, PL031_MR, now(r) + seconds);
	if (seconds == 0 && !(dev_read32(regs, PL031_RIS) & 1))
		dev_write32(regs, PL031_MR, now(r));
	r->waiting = from;
	return 0;
}

/* The interrupt: the alarm has rung. Returns whom to answer with *msg. */
static int alarm_rang(struct rtc *r, struct ipc_msg *msg)
{
	const struct io_reg *regs = &r->dev.reg[0];
	int to = r->waiting;
	dev_write32(regs, PL031_IMSC, 0);
	dev_write32(regs, PL031_ICR, 1);
	sys_irq_ack(r->dev.irq[0]);
	r->waiting = 0;
	*msg = (struct ipc_msg){.w = {0, now(r)}};
	return to;
}

/* A request from `from`; returns whom to answer with *msg now (0: nobody). */
static int serve(struct rtc *r, int from, struct ipc_msg *msg)
{
	int err = -EINVAL;
	if (msg->label == RTC_TIME) {
		msg->w[1] = now(r);
		err = 0;
	} else if (msg->label == RTC_ALARM && (err = alarm_set(r, from, msg->w[0])) == 0) {
		return 0;
	}
	msg->label = 0;
	msg->w[0] = (unsigned)err;
	return from;
}

int rtc_main(int argc, char **argv)
{
	static const char *const names[] = {RTC_DEVICES};
	struct rtc r = {0};
	int err = -ENOENT;
	for (unsigned i = 0; err == -ENOENT && i < sizeof names / sizeof names[0]; i++) {
		err = dev_open(names[i], 0, ALARM_BIT, &r.dev);
		r.pl031 = i == 0;
	}
	if (err)
		return -err; /* no RTC on this board, or it is not ours to have */
	printf("rtc: %s at 0x%08x: the time of day\n", r.pl031 ? "PL031" : "Allwinner H3 RTC",
	       r.dev.reg[0].pa);
	struct ipc_msg msg;
	int from = ipc_recv(&msg, 0);
	for (;;) {
		int to = 0;
		if (from == 0 && msg.label == IPC_LABEL_NOTIFY && (msg.w[0] & 1u << ALARM_BIT))
			to = alarm_rang(&r, &msg);
		else if (from > 0)
			to = serve(&r, from, &msg);
		from = to ? ipc_reply_recv(to, &msg, 0) : ipc_recv(&msg, 0);
	}
}
