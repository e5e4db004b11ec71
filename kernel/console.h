/*
 * The kernel console: formatted output on the UART boot chose, for the kernel's
 * own messages, panics and SYS_PUTS. Output only, polled: it works from the
 * first line of kmain to the last line of a panic.
 */
#ifndef CONSOLE_H
#define CONSOLE_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "kstring.h"
#include "printf.h"

struct uart_driver;

/* Sends everything after this through uart's driver to its registers at base
 * (a kernel virtual address), set up from a clock of clock_hz (0: as the boot
 * loader left it, uart.h); before it, output is dropped. */
void console_init(const struct uart_driver *uart, uintptr_t base, uint32_t clock_hz);

/* The virtual address of the console UART's registers, 0 before console_init. */
uintptr_t console_regs(void);

/* Each returns the number of characters written. */
int kprintf(const char *fmt, ...);
int console_vprintf(const char *fmt, va_list ap);

/* Writes n bytes as they are ('\n' becomes "\r\n"). */
void kwrite(const char *s, size_t n);

#endif
