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

enum trap_kind { TRAP_UNDEF, TRAP_PREFETCH_ABORT, TRAP_DATA_ABORT, TRAP_UNEXPECTED };

void arm_fault(struct trap_frame *f, enum trap_kind kind) __attribute__((noreturn));
void svc_handler(struct trap_frame *f);
void irq_handler(struct trap_frame *f);

/* Writes the fault status register's meaning in words into buf. */
const char *fault_status_text(uint32_t fsr);

#endif
