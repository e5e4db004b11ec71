/*
 * ARM semihosting: calls a debugger or QEMU (-semihosting) answers. The kernel
 * uses it to end a test run with an exit status and to read its command line.
 */
#ifndef SEMIHOST_H
#define SEMIHOST_H

#include <stddef.h>
#include <stdint.h>

#define SEMIHOST_SVC 0x123456 /* the A32 semihosting trap: svc #0x123456 */
#define SEMIHOST_ABSENT 0xfffffffeu

/* Exits QEMU with status; returns only if no semihosting host is there. */
void semihost_exit(int status);

/* Copies the host's command line into buf; returns its length, or -1. */
int semihost_cmdline(char *buf, size_t size);

#endif
