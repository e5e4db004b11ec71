/*
 * A 16550-compatible UART whose registers are 32 bits wide and 4 bytes apart
 * (reg-shift 2, reg-io-width 4 in a device tree): the DesignWare 8250 of the
 * Allwinner H3 (Orange Pi PC) and many other SoCs. A console UART driver.
 */
#ifndef NS16550_H
#define NS16550_H

#include "uart.h"

extern const struct uart_driver ns16550_uart;

#endif
