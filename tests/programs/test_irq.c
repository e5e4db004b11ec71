/*
 * test-irq: interrupts of a real device, the generic timer's physical channel
 * (arm,armv7-timer in every board's tree), delivered to a user driver that
 * got the device from the IO server. Each interrupt arrives as a notification
 * and stays masked until the driver has stopped the timer and acknowledged
 * it. The refusals too: a device its table does not give (EPERM), one not in
 * the tree (ENOENT), one another driver holds (EBUSY); and a driver killed
 * mid-use gives the device back, so a new instance gets it.
 */
#include <wren/io.h>
#include <wren/sys.h>

#include "check.h"
#include "testprogs.h"

#define FIRST_BIT 4
#define ROUNDS 3

static void timer_arm(unsigned ticks)
{
	__asm__ volatile("mcr p15, 0, %0, c14, c2, 0" ::"r"(ticks)); /* CNTP_TVAL */
	__asm__ volatile("mcr p15, 0, %0, c14, c2, 1" ::"r"(1u));    /* CNTP_CTL: on */
	__asm__ volatile("isb");
}

static void timer_stop(void)
{
	__asm__ volatile("mcr p15, 0, %0, c14, c2, 1" ::"r"(0u));
	__asm__ volatile("isb");
}

/* What an irq-child reports: w[0] its open's result, w[1] the interrupt bound,
 * w[2] how many of ROUNDS interrupts arrived. */
static struct ipc_msg report_of(int child)
{
	struct ipc_msg msg;
	int from;
	do /* passing over the notices that other children ended */
		from = ipc_recv(&msg, 0);
	while (from != child);
	return msg;
}

int test_irq_main(int argc, char **argv)
{
	struct io_open o;
	int status = -1;
	check_eq(dev_open("arm,armv7-timer", 0, FIRST_BIT, &o), -EPERM,
		 "a device its table entry does not name is refused (EPERM)");
	check_eq(dev_open("acme,not-here", 0, FIRST_BIT, &o), -ENOENT,
		 "a device that is not in the tree is refused (ENOENT)");

	int first = sys_spawn("irq-child");
	struct ipc_msg r = report_of(first);
	check_eq((int)r.w[0], 0, "a driver gets the timer from the IO server");
	check((int)r.w[1] >= 0, "its physical channel is bound, the kernel keeping the others");
	check_eq((int)r.w[2], ROUNDS, "three timer interrupts arrived as notifications");

	int second = sys_spawn("irq-child");
	check_eq((int)report_of(second).w[0], -EBUSY, "a second driver for it gets EBUSY");
	sys_wait(second, 0);

	/* The first one is waiting for its next interrupt: killed mid-use, it
	 * gives the timer back, and a new instance takes it. */
	sys_kill(first);
	sys_wait(first, &status);
	check(STATUS_KILLED(status), "the first driver is killed mid-use");
	int third = sys_spawn("irq-child");
	r = report_of(third);
	check_eq((int)r.w[0], 0, "then another driver gets the device");
	check_eq((int)r.w[2], ROUNDS, "and its interrupts");
	sys_kill(third);
	sys_wait(third, 0);
	return check_done("test-irq");
}

/* Opens the timer, reports, takes ROUNDS interrupts, reports again, and then
 * waits with the timer armed (so that a kill finds it mid-use). */
int irq_child_main(int argc, char **argv)
{
	struct io_open o;
	struct ipc_msg msg = {.w = {(unsigned)dev_open("arm,armv7-timer", 0, FIRST_BIT, &o)}};
	int parent = sys_info(INFO_PARENT), irq = IO_IRQ_NONE;
	unsigned bit = 0, delivered = 0;
	for (unsigned i = 0; (int)msg.w[0] == 0 && i < o.irq_count; i++)
		if (o.irq[i] != IO_IRQ_NONE) {
			irq = o.irq[i];
			bit = 1u << (FIRST_BIT + i);
		}
	if ((int)msg.w[0] != 0) {
		ipc_send(parent, &msg, 0);
		return 0;
	}
	for (int i = 0; i < ROUNDS && bit; i++) {
		struct ipc_msg in;
		timer_arm(1000);
		int from = ipc_recv(&in, 0);
		delivered += from == 0 && in.label == IPC_LABEL_NOTIFY && (in.w[0] & bit);
		timer_stop();
		sys_irq_ack(irq);
	}
	msg.w[1] = (unsigned)irq;
	msg.w[2] = delivered;
	ipc_send(parent, &msg, 0);
	timer_arm(1000000);
	for (;;)
		ipc_recv(&msg, 0);
}
