/*
 * ARM PL011 UART (QEMU virt, the Raspberry Pi): a console UART driver.
 */
#ifndef PL011_H
#define PL011_H

#include "uart.h"

extern const struct uart_driver pl011_uart;

#endif
