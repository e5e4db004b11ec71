/*
 * The real-time clock driver's protocol (drivers/rtc.c): the time of day from
 * the board's RTC, the PL031 on QEMU virt or the Allwinner H3's on the Orange
 * Pi PC. The driver's pid is whoever holds the RTC (dev_holder, wren/io.h).
 */
#ifndef WREN_RTC_H
#define WREN_RTC_H

/* Reply: w[0] 0, w[1] the time: seconds since 1970-01-01 00:00:00 UTC. */
#define RTC_TIME 1
/* w[0] seconds from now (0: now). The reply comes when the RTC's alarm
 * interrupt has fired: w[0] 0, w[1] the time then; -EBUSY while another
 * caller's alarm is set, -ENOSYS on an RTC whose alarm the driver does not
 * drive (the H3's: QEMU does not model it). */
#define RTC_ALARM 2
/* The devices the driver takes, by compatible, the first one there. */
#define RTC_DEVICES "arm,pl031", "allwinner,sun8i-h3-rtc"

#endif
