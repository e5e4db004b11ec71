/*
 * The saved registers of an interrupted context, as vectors.S lays them out,
 * and where a system call's number and words are in them (arch.h).
 */
#ifndef REGS_H
#define REGS_H

#include <stdint.h>

struct trap_frame {
	uint32_t r[13];
	uint32_t sp, lr; /* of the interrupted mode */
	uint32_t pad;    /* keeps the frame a multiple of 8 bytes (AAPCS stack alignment) */
	uint32_t pc, cpsr;
};

_Static_assert(sizeof(struct trap_frame) == 72, "vectors.S knows this layout");

#define PSR_THUMB 0x20u

/* A system call passes its number in r7 and its words 0-6 in r0-r6. */
static inline uint32_t *arch_syscall_words(struct trap_frame *f)
{
	return f->r;
}

static inline uint32_t arch_syscall_number(const struct trap_frame *f)
{
	return f->r[7];
}

/* Makes the context run its svc again when it resumes (Thumb's is 2 bytes). */
static inline void arch_syscall_rewind(struct trap_frame *f)
{
	f->pc -= f->cpsr & PSR_THUMB ? 2 : 4;
}

/* Where the context resumes. */
static inline uint32_t arch_frame_pc(const struct trap_frame *f)
{
	return f->pc;
}

/* The context's stack pointer (a user thread's own sp, saved at the exception). */
static inline uint32_t arch_frame_sp(const struct trap_frame *f)
{
	return f->sp;
}

#endif
