/*
 * test-io: the IO server's list and a driver's device window, on every board.
 * The list has the kernel's own devices as the kernel's, and nobody else gets
 * them (EBUSY). A driver reaches its device's real registers in its window
 * (the PL031 on virt, the Pi's GPIO, the Orange Pi's RTC) and a page a device
 * may read, whose physical address it is told; it may not run code there,
 * and a process that is not a driver has nothing at that address: both are
 * killed, with the reason.
 */
#include <string.h>
#include <wren/io.h>
#include <wren/sys.h>

#include "check.h"
#include "testprogs.h"

/* The devices with registers the window test uses, one per board. */
static const char *const window_devices[] = {"arm,pl031", "brcm,bcm2835-gpio",
					     "allwinner,sun8i-h3-rtc"};
#define PL031_DR 0x000      /* seconds since 1970 */
#define GPIO_GPFSEL1 0x004  /* pins 10-19; the kernel set 14 and 15 to ALT0 */
#define H3_RTC_YYMMDD 0x010 /* (year - 1970) << 16 | month << 8 | day */
#define DMA_PATTERN 0x5eed0001u

/* What an io-driver reports: w[0] the index of the device it opened (or
 * its error), w[1] its window address, w[2] the register it read, w[3] the
 * DMA page's word read back. */
static struct ipc_msg report_of(int child)
{
	struct ipc_msg msg;
	int from;
	do
		from = ipc_recv(&msg, 0);
	while (from != child);
	return msg;
}

static int died_of(const char *program)
{
	int status = 0;
	sys_wait(sys_spawn(program), &status);
	return STATUS_KILLED(status) ? STATUS_KILL_REASON(status) : 0;
}

static void list(void)
{
	struct io_info info;
	unsigned count = 0, kernel = 0, console = 0;
	while (dev_info(count, &info) == 0) {
		kernel += info.holder == IO_HOLDER_KERNEL;
		console += info.holder == IO_HOLDER_KERNEL &&
			   (!strcmp(info.compatible, "arm,pl011") ||
			    !strcmp(info.compatible, "snps,dw-apb-uart"));
		count++;
	}
	check(count >= 5, "the IO server lists the board's devices");
	check(kernel >= 2 && console == 1,
	      "the console and the interrupt controller are the kernel's in the list");
	check_eq(dev_info(count, &info), -ENOENT, "and nothing past its end");
	struct io_open o;
	int err = dev_open("arm,pl011", 0, 0, &o);
	if (err == -ENOENT)
		err = dev_open("snps,dw-apb-uart", 0, 0, &o);
	check_eq(err, -EBUSY, "a device the kernel drives is nobody else's (EBUSY)");
	check_eq(dev_holder("arm,armv7-timer"), 0, "the timer is free");
}

static void window(void)
{
	int driver = sys_spawn("io-driver");
	struct ipc_msg r = report_of(driver);
	struct io_info info;
	check((int)r.w[0] >= 0 && dev_info(r.w[0], &info) == 0, "a driver opens its device");
	check_eq(dev_holder(info.compatible), driver, "and the list says it holds it");
	unsigned value = r.w[2];
	if (!strcmp(info.compatible, "arm,pl031"))
		check(value > 1500000000u, "it reads its PL031's registers: the time of day");
	else if (!strcmp(info.compatible, "brcm,bcm2835-gpio"))
		check_eq(value >> 12 & 077, 044,
			 "it reads its GPIO's registers: 14 and 15 are ALT0");
	else
		check(value >> 16 > 40 && (value >> 8 & 0xff) >= 1,
		      "it reads its RTC's registers: a date after 2010");
	check_eq(r.w[3], DMA_PATTERN, "and its DMA page, whose physical address it was told");
	sys_kill(driver);
	sys_wait(driver, 0);
	check_eq(dev_holder(info.compatible), 0, "a driver that ends gives its device back");
	check_eq(died_of("io-exec"), KILL_PERMISSION, "code in a device window never runs");
	check_eq(died_of("io-stranger"), KILL_BAD_ADDRESS,
		 "a process that is not a driver has no device window");
}

int test_io_main(int argc, char **argv)
{
	list();
	window();
	return check_done("test-io");
}

/* The first of window_devices that is there, or its error. */
static int open_one(struct io_open *o)
{
	int err = -ENOENT;
	for (unsigned i = 0; err == -ENOENT && i < sizeof window_devices / sizeof *window_devices;
	     i++)
		err = dev_open(window_devices[i], 0, 0, o);
	return err ? err : (int)o->index;
}

/* io-driver: opens its device, reads a register of it and a DMA page, and
 * reports. io-exec: calls into its device's page. io-stranger, no driver:
 * reads where a driver's window starts. */
int io_child_main(int argc, char **argv)
{
	struct program_devices me;
	struct proc_layout l;
	struct io_open o;
	sys_program(0, &me);
	sys_layout(0, &l);
	if (!strcmp(me.name, "io-stranger"))
		return (int)*(volatile unsigned *)l.dev_base;
	int at = open_one(&o);
	if (!strcmp(me.name, "io-exec"))
		((void (*)(void))(o.reg[0].va | 1))();
	struct ipc_msg msg = {.w = {(unsigned)at, o.reg[0].va}};
	unsigned va = 0;
	unsigned long long pa = 0;
	if (at >= 0) {
		struct io_info info;
		dev_info(o.index, &info);
		unsigned offset = !strcmp(info.compatible, "arm,pl031")           ? PL031_DR
				  : !strcmp(info.compatible, "brcm,bcm2835-gpio") ? GPIO_GPFSEL1
										  : H3_RTC_YYMMDD;
		msg.w[2] = dev_read32(&o.reg[0], offset);
	}
	if (dev_dma(DEV_DMA, &va, &pa) == 0 && pa && !(pa & 0xfff)) {
		*(volatile unsigned *)va = DMA_PATTERN;
		msg.w[3] = *(volatile unsigned *)va;
	}
	ipc_send(sys_info(INFO_PARENT), &msg, 0);
	for (;;)
		ipc_recv(&msg, 0);
}
