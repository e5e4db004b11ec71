/*
 * The kernel console: kprintf onto the UART that boot chose.
 */
#include "console.h"
#include "pl011.h"

static uintptr_t console_uart;

void console_init(uintptr_t uart)
{
	pl011_init(uart);
	console_uart = uart;
}

static void console_putc(char c, void *arg)
{
	(void)arg;
	if (!console_uart)
		return;
	if (c == '\n')
		pl011_putc(console_uart, '\r');
	pl011_putc(console_uart, c);
}

void console_write(const char *s, size_t n)
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
