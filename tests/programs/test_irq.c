/*
 * test-irq: a user driver for a real device, the generic timer's physical
 * channel. With PRIV_IO, as the IO server would, it binds the timer's interrupt
 * to itself, arms the timer, and receives each interrupt as a notification;
 * the interrupt stays masked until it has stopped the timer and acknowledged
 * it. Binding is checked too: which interrupts, one driver at a time, and
 * release when the driver ends.
 */
#include <wren/sys.h>

#include "check.h"
#include "testprogs.h"

#define TIMER_BIT 0x10u

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

static int other_driver_binds(void)
{
	int status = -1;
	sys_wait(sys_spawn("irq-child"), &status);
	return status;
}

int test_irq_main(void)
{
	int irq = sys_info(INFO_PHYS_TIMER_IRQ);
	check_eq(sys_irq_bind(irq, 0, sys_getpid()) == 0 ? 0 : 1, 0, "unbinding what nobody has is allowed");
	check_eq(sys_irq_bind(1000, TIMER_BIT, sys_getpid()), -EINVAL, "binding a non-existent interrupt");
	check_eq(sys_irq_ack(irq), -EINVAL, "acknowledging an interrupt one does not have");
	check_eq(sys_irq_bind(irq, TIMER_BIT, sys_getpid()), 0, "bind the physical timer's interrupt");
	check_eq(other_driver_binds(), EBUSY, "a second driver for it gets EBUSY");
	int delivered = 0;
	for (int i = 0; i < 3; i++) {
		struct ipc_msg msg;
		timer_arm(1000);
		int from;
		do /* passing over the notice that irq-child ended */
			from = ipc_recv(&msg, 0);
		while (from == 0 && msg.w[0] == NOTIFY_CHILD_EXIT);
		delivered += from == 0 && msg.label == IPC_LABEL_NOTIFY && (msg.w[0] & TIMER_BIT);
		timer_stop();
		sys_irq_ack(irq);
	}
	check_eq(delivered, 3, "three timer interrupts arrived as notifications");
	check_eq(sys_irq_bind(irq, 0, sys_getpid()), 0, "unbind");
	check_eq(other_driver_binds(), 0, "then another driver may bind it");
	return check_done("test-irq");
}

/* Tries to bind the timer's interrupt and exits with the error number (an exit
 * status is a byte: 0 or EBUSY). */
int irq_child_main(void)
{
	return -sys_irq_bind(sys_info(INFO_PHYS_TIMER_IRQ), 1, sys_getpid());
}
