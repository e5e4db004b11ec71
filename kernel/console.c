/*
 * The kernel console: kprintf onto the UART that boot chose, through the
 * board's UART driver (uart.h).
 */
#include "console.h"
#include "uart.h"

static const struct uart_driver *console_uart;
static uintptr_t console_base;

void console_init(const struct uart_driver *uart, uintptr_t base, uint32_t clock_hz)
{
	uart->init(base, clock_hz);
	console_base = base;
	console_uart = uart;
}

uintptr_t console_regs(void)
{
	return console_base;
}

static void console_putc(char c, void *arg)
{
	(void)arg;
	if (!console_uart)
		return;
	if (c == '\n')
		console_uart->putc(console_base, '\r');
	console_uart->putc(console_base, c);
}

void kwrite(const char *s, size_t n)
{
	while (n--)
		console_putc(*s++, NULL);
}

int console_vprintf(const char *fmt, va_list ap)
{
	return kvprintf(console_putc, NULL, fmt, ap);
}

int kprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = console_vprintf(fmt, ap);
	va_end(ap);
	return n;
}
