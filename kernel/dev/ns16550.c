/*
 * 16550 UART, polled transmit. The boot loader (QEMU, or U-Boot on a real
 * board) has set the baud rate and line format; we leave the divisor and LCR
 * alone, since a DesignWare 8250 refuses LCR writes while it is busy, and so no
 * board that picks this driver gives it a clock (uart.h).
 */
#include "ns16550.h"

#define REG_SHIFT 2
#define UART_THR 0 /* transmit holding register (write) */
#define UART_IER 1
#define UART_LSR 5
#define LSR_THRE (1u << 5) /* the transmit holding register is empty */

static inline volatile uint32_t *reg(uintptr_t base, uint32_t n)
{
	return (volatile uint32_t *)(base + (n << REG_SHIFT));
}

static void ns16550_init(uintptr_t base, uint32_t clock_hz)
{
	(void)clock_hz; /* no board gives one: see above */
	*reg(base, UART_IER) = 0;
}

static void ns16550_putc(uintptr_t base, char c)
{
	while (!(*reg(base, UART_LSR) & LSR_THRE))
		;
	*reg(base, UART_THR) = (uint8_t)c;
}

static const char *const compatible[] = {"ns16550a", "ns16550", "snps,dw-apb-uart", NULL};

/* 0x400: the H3's UARTs lie 0x400 apart, four to a page. */
const struct uart_driver ns16550_uart = {"16550 UART", compatible, 0x400, ns16550_init,
					 ns16550_putc};
