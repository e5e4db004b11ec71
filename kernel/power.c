/*
 * Ending the run: with a status through semihosting where a host listens
 * (QEMU -semihosting), otherwise by turning the board off.
 */
#include "power.h"
#include "arch.h"
#include "board.h"
#include "console.h"

void system_exit(int status)
{
	arch_irq_disable();
	arch_host_exit(status);
	if (status == 0)
		board_poweroff();
	kprintf("system stopped (exit status %d)\n", status);
	arch_halt();
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
