/*
 * System-call dispatch: the call number in r7 of the thread's saved registers,
 * its arguments in r0-r6 (docs/syscalls.md).
 */
#ifndef SYSCALL_H
#define SYSCALL_H

#include "proc.h"

/* A system call's handler: it carries out t's call and returns the frame to
 * resume, t's own or the one of the thread that runs instead (or the idle
 * loop's). It never fails: errors go to t's word 0. */
typedef struct trap_frame *syscall_entry_t(struct thread *t);

/* The handlers by number, SYS_COUNT + 1 of them: the last answers -ENOSYS for
 * every number past the others. The exception entry dispatches on it. */
extern syscall_entry_t *const syscall_table[];

/* Carries out t's system call (the number in its saved registers) and returns
 * the frame to resume: what vec_svc does, in C, for the host tests. */
static inline struct trap_frame *syscall(struct thread *t)
{
	uint32_t nr = arch_syscall_number(&t->ctx);
	return syscall_table[nr < SYS_COUNT ? nr : SYS_COUNT](t);
}

#endif
