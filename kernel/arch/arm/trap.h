/*
 * The C entry points that vectors.S calls for each exception (trap.c).
 */
#ifndef TRAP_H
#define TRAP_H

#include <stdint.h>

#include "regs.h"

enum trap_kind { TRAP_UNDEF, TRAP_PREFETCH_ABORT, TRAP_DATA_ABORT, TRAP_UNEXPECTED };

/* Called by vectors.S; each returns the frame to resume. A system call from
 * user mode goes straight to its handler in syscall_table (syscall.h). */
void arm_fault(struct trap_frame *f, enum trap_kind kind) __attribute__((noreturn));
struct trap_frame *kernel_svc_entry(struct trap_frame *f); /* the kernel's own svc */
struct trap_frame *irq_entry(struct trap_frame *f);
struct trap_frame *user_fault_entry(struct trap_frame *f, enum trap_kind kind);

/* The fault status register's meaning in words (fault_status.c). */
const char *fault_status_text(uint32_t fsr);

#endif
