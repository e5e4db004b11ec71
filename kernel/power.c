/*
 * Ending the run: with a status through semihosting where a host listens
 * (QEMU -semihosting), otherwise by turning the board off.
 */
#include "board.h"
#include "cpu.h"
#include "kernel.h"
#include "semihost.h"

void system_exit(int status)
{
	irq_disable();
	semihost_exit(status);
	if (status == 0)
		board_poweroff();
	kprintf("system stopped (exit status %d)\n", status);
	for (;;)
		wait_for_interrupt();
}

void panic(const char *fmt, ...)
{
	va_list ap;
	kprintf("\n*** kernel panic: ");
	va_start(ap, fmt);
	console_vprintf(fmt, ap);
	va_end(ap);
	system_exit(1);
}
