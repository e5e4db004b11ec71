/*
 * ARM semihosting: calls a debugger or QEMU (-semihosting) answers; the kernel
 * ends a test run with an exit status and reads its command line through them
 * (arch_host_exit, arch_host_cmdline in arch.h).
 */
#ifndef SEMIHOST_H
#define SEMIHOST_H

#include <stddef.h>
#include <stdint.h>

#define SEMIHOST_SVC 0x123456 /* the A32 semihosting trap: svc #0x123456 */
#define SEMIHOST_ABSENT 0xfffffffeu

#endif
