/*
 * test-drivers: the system's drivers (drivers/) on whichever board this is,
 * through their protocols: the RTC's time and, on the PL031, its alarm, which
 * is its interrupt; the Pi's firmware mailbox, whose answer is its interrupt,
 * through registers the kernel reaches for it; the Pi's GPIO, driving a pin
 * and reading it back, and leaving the console's pins alone. A driver killed
 * while a caller waits on it tells the caller so, gives its device back, and a
 * new instance takes it and answers. What each board's answers must be, its
 * board.cmake says.
 */
#include <stdio.h>
#include <string.h>
#include <wren/gpio.h>
#include <wren/io.h>
#include <wren/mbox.h>
#include <wren/rtc.h>
#include <wren/sys.h>

#include "check.h"
#include "testprogs.h"

#define SOME_TIME 1577836800u /* 2020-01-01 */
#define LONG_ALARM 100000

static int ask(int driver, unsigned label, unsigned w0, unsigned w1, struct ipc_msg *msg)
{
	*msg = (struct ipc_msg){.label = label, .w = {w0, w1}};
	int err = ipc_call(driver, msg, 0);
	return err ? err : (int)msg->w[0];
}

/* Starts driver; returns its pid once it holds its device, or 0 when it
 * ended, with ENOENT: the board has none. Asking the IO server who holds the
 * device waits for it, and it answers the driver's own request first. */
static int start(const char *driver)
{
	int pid = sys_spawn(driver), status = -1;
	struct program_info info;
	if (pid <= 0 || sys_program(pid, &info) != 0)
		return 0;
	for (;;) {
		for (unsigned at = 0; at < info.devices_len; at += strlen(info.devices + at) + 1)
			if (dev_holder(info.devices + at) == pid)
				return pid;
		if (sys_program(pid, &(struct program_info){0}) == -ESRCH)
			break;
	}
	sys_wait(pid, &status);
	check_eq(status, ENOENT, "a driver for a device the board lacks ends with ENOENT");
	return 0;
}

/* A caller waiting for a driver's answer (an alarm a long way off) is told
 * when the driver is killed. */
static void killed_while_called(int driver, unsigned label)
{
	int caller = sys_spawn("driver-caller");
	struct ipc_msg msg = {.label = label, .w = {(unsigned)driver, LONG_ALARM}};
	ipc_send(caller, &msg, 0);
	sys_yield(); /* the caller runs, calls, and waits */
	sys_kill(driver);
	sys_wait(driver, 0);
	do
		ipc_recv(&msg, 0);
	while (msg.label == IPC_LABEL_NOTIFY);
	sys_wait(caller, 0);
	check_eq((int)msg.w[0], -EPIPE, "its driver killed mid-use, a waiting caller hears");
}

/* Kills driver and starts another instance of it, which takes the device. */
static int restart(int driver, const char *name)
{
	struct program_info info;
	if (sys_program(driver, &info) == 0) {
		sys_kill(driver);
		sys_wait(driver, 0);
	}
	int again = start(name);
	check(again > 0, "a new instance of the driver takes the device");
	return again;
}

static void rtc(void)
{
	struct ipc_msg msg;
	int rtc = start("rtc");
	if (!rtc)
		return;
	check_eq(ask(rtc, RTC_TIME, 0, 0, &msg), 0, "the RTC driver answers");
	unsigned t = msg.w[1];
	printf("rtc: the time is %u seconds since 1970\n", t);
	check(t >= SOME_TIME, "with a time from 2020 on");
	int err = ask(rtc, RTC_ALARM, 0, 0, &msg);
	if (err == -ENOSYS) {
		printf("rtc: this RTC's alarm is not driven\n");
	} else {
		check_eq(err, 0, "the alarm rings: the RTC's interrupt reached its driver");
		check(msg.w[1] >= t, "at the time it was set for");
	}
	if (err != -ENOSYS)
		killed_while_called(rtc, RTC_ALARM);
	rtc = restart(rtc, "rtc");
	check_eq(ask(rtc, RTC_TIME, 0, 0, &msg), 0, "and answers");
	sys_kill(rtc);
	sys_wait(rtc, 0);
}

static void mbox(void)
{
	struct ipc_msg msg;
	int mbox = start("mbox");
	if (!mbox)
		return;
	check_eq(ask(mbox, MBOX_BOARD_REVISION, 0, 0, &msg), 0,
		 "the mailbox answers: its interrupt reached its driver");
	printf("mbox: board revision 0x%x\n", msg.w[1]);
	check_eq(ask(mbox, MBOX_ARM_MEMORY, 0, 0, &msg), 0, "the ARM's memory");
	printf("mbox: the ARM's RAM: %u MiB at 0x%08x\n", msg.w[2] >> 20, msg.w[1]);
	check_eq(ask(mbox, MBOX_CLOCK_RATE, MBOX_CLOCK_UART, 0, &msg), 0, "a clock's rate");
	printf("mbox: the UART's clock: %u Hz\n", msg.w[1]);
	check_eq(ask(mbox, 99, 0, 0, &msg), -EINVAL, "no such tag");
	mbox = restart(mbox, "mbox");
	check_eq(ask(mbox, MBOX_TEMPERATURE, 0, 0, &msg), 0, "and answers");
	printf("mbox: the SoC's temperature: %u millidegrees\n", msg.w[1]);
	sys_kill(mbox);
	sys_wait(mbox, 0);
}

static void gpio(void)
{
	struct ipc_msg msg;
	int gpio = start("gpio");
	if (!gpio)
		return;
	check_eq(ask(gpio, GPIO_FUNCTION, 47, GPIO_OUTPUT, &msg), 0, "GPIO 47 is an output");
	check_eq(ask(gpio, GPIO_SET, 47, 0, &msg), 0, "set");
	check_eq(ask(gpio, GPIO_LEVEL, 47, 0, &msg) == 0 ? (int)msg.w[1] : -1, 1, "reads 1");
	check_eq(ask(gpio, GPIO_CLEAR, 47, 0, &msg), 0, "cleared");
	check_eq(ask(gpio, GPIO_LEVEL, 47, 0, &msg) == 0 ? (int)msg.w[1] : -1, 0, "reads 0");
	check_eq(ask(gpio, GPIO_FUNCTION, 14, GPIO_OUTPUT, &msg), -EBUSY,
		 "the console's pin is not the GPIO driver's to change");
	check_eq(ask(gpio, GPIO_SET, 54, 0, &msg), -EINVAL, "no such pin");
	sys_kill(gpio);
	sys_wait(gpio, 0);
}

int test_drivers_main(void)
{
	rtc();
	mbox();
	gpio();
	return check_done("test-drivers");
}

/* Told a driver and a label, calls it (the alarm a long way off) and sends
 * the answer, or the error, back to its parent. */
int driver_caller_main(void)
{
	struct ipc_msg msg;
	int parent = ipc_recv(&msg, 0);
	int driver = (int)msg.w[0];
	int err = ask(driver, msg.label, msg.w[1], 0, &msg);
	msg = (struct ipc_msg){.w = {(unsigned)err}};
	ipc_send(parent, &msg, 0);
	return 0;
}
