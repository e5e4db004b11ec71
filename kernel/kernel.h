/*
 * What the generic kernel offers to all of its parts.
 */
#ifndef KERNEL_H
#define KERNEL_H

#include <stddef.h>
#include <stdint.h>

#include "kstring.h"
#include "printf.h"

#define HZ 100 /* timer interrupts per second */

int kprintf(const char *fmt, ...);
int console_vprintf(const char *fmt, va_list ap);
void console_write(const char *s, size_t n);
struct uart_driver;
/* The console writes to the UART whose registers are mapped at base. */
void console_init(const struct uart_driver *uart, uintptr_t base);

/* Ends the run: status 0 is success. Under QEMU it becomes QEMU's exit code. */
void system_exit(int status) __attribute__((noreturn));
void panic(const char *fmt, ...) __attribute__((noreturn));

void irq_dispatch(void);
void clock_tick(void);
extern volatile uint32_t ticks;

/* The process the kernel started at boot has ended (main.c decides what then). */
void first_process_ended(const char *name, int status);

#ifdef CONFIG_SELFTEST
/* Runs the kernel test named on the command line, or returns the program to start. */
const char *selftest_run(void);
#endif

#endif
