/*
 * System-call dispatch: the call number in r7 of the thread's saved registers,
 * its arguments in r0-r6 (docs/syscalls.md).
 */
#ifndef SYSCALL_H
#define SYSCALL_H

#include "proc.h"

void syscall(struct thread *t);

#endif
