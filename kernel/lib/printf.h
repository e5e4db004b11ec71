/*
 * The kernel's formatted output: a small printf that writes through a callback,
 * so the same code serves the console and string buffers (and host unit tests).
 *
 * Conversions: %s %c %d %u %x %p %%, with a width, the '0' flag for zero padding,
 * the '-' flag for left alignment, and the 'l' (32-bit) and 'll' (64-bit) sizes.
 * %p prints 0x and the pointer's hex digits, zero-padded. An unknown conversion is
 * printed as is.
 *
 * There is no format attribute: arm-none-eabi's uint32_t is unsigned long, which
 * has int's size on the target, and the kernel prints uint32_t with %x throughout.
 */
#ifndef PRINTF_H
#define PRINTF_H

#include <stdarg.h>
#include <stddef.h>

typedef void (*putc_fn)(char c, void *arg);

/* Formats fmt through out(c, arg); returns the number of characters produced. */
int kvprintf(putc_fn out, void *arg, const char *fmt, va_list ap);

/*
 * Formats into buf, writing at most size - 1 characters and a terminating NUL
 * (nothing if size is 0); returns the length the full output would have.
 */
int ksnprintf(char *buf, size_t size, const char *fmt, ...);

#endif
