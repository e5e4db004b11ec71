/*
 * The saved state of an interrupted context, as vectors.S lays it out, and the
 * C entry points it calls.
 */
#ifndef TRAP_H
#define TRAP_H

#include <stdint.h>

struct trap_frame {
	uint32_t r[13];
	uint32_t sp, lr; /* of the interrupted mode */
	uint32_t pad;    /* keeps the frame a multiple of 8 bytes (AAPCS stack alignment) */
	uint32_t pc, cpsr;
};

_Static_assert(sizeof(struct trap_frame) == 72, "vectors.S knows this layout");

#define PSR_THUMB 0x20u

enum trap_kind { TRAP_UNDEF, TRAP_PREFETCH_ABORT, TRAP_DATA_ABORT, TRAP_UNEXPECTED };

/* Called by vectors.S; each returns the frame to resume. */
void arm_fault(struct trap_frame *f, enum trap_kind kind) __attribute__((noreturn));
struct trap_frame *syscall_entry(struct trap_frame *f);    /* svc from user mode */
struct trap_frame *kernel_svc_entry(struct trap_frame *f); /* the kernel's own svc */
struct trap_frame *irq_entry(struct trap_frame *f);
struct trap_frame *user_fault_entry(struct trap_frame *f, enum trap_kind kind);

/* The fault status register's meaning in words. */
const char *fault_status_text(uint32_t fsr);

#endif
