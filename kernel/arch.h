/*
 * What the generic kernel needs from the CPU architecture (kernel/arch/arm/).
 */
#ifndef ARCH_H
#define ARCH_H

#include <stdbool.h>
#include <stdint.h>

#include "trap.h"

/* The processor, in words: "ARM Cortex-A15 r4p0". */
const char *arch_cpu_name(void);

/* Sets up a user thread's first context: it starts at entry with r0 = arg. */
void arch_thread_init(struct trap_frame *ctx, uint32_t entry, uint32_t arg, uint32_t sp);

/* The context of the idle loop, at the top of the kernel stack; only for a
 * return to it, since it takes the place of whatever was there. */
struct trap_frame *arch_idle_frame(void);

/* Leaves the kernel for the first time, into ctx. */
void arch_enter(struct trap_frame *ctx) __attribute__((noreturn));

/* Readies the CPU for user mode: tls_tp is the thread pointer user code reads
 * (TLS, where the C library keeps errno); the cycle counter becomes readable. */
void arch_user_init(uint32_t tls_tp);

/* A user fault as the architecture reports it, in generic terms. */
enum fault_kind {
	FAULT_TRANSLATION,
	FAULT_PERMISSION,
	FAULT_ALIGNMENT,
	FAULT_UNDEFINED,
	FAULT_OTHER
};
struct fault {
	enum fault_kind kind;
	uint32_t address;
	uint32_t access; /* FAULT_READ, FAULT_WRITE or FAULT_EXEC (wren/abi.h) */
	uint32_t pc;
	uint32_t status; /* the architecture's fault status register */
};

/* The fault's status in words ("permission fault, level 3"): for a report, not
 * for every fault, since composing it costs more than serving a page. */
const char *arch_fault_text(const struct fault *f);

#endif
