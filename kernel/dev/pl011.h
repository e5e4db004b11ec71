/*
 * ARM PL011 UART, the console on both boards.
 */
#ifndef PL011_H
#define PL011_H

#include <stdint.h>

void pl011_init(uintptr_t base);
void pl011_putc(uintptr_t base, char c);

#endif
