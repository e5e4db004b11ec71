/*
 * What the generic kernel needs from the CPU architecture (kernel/arch/arm/).
 * Generic files include this, never a file of kernel/arch/ itself; regs.h
 * supplies the saved-context type and its inline accessors.
 */
#ifndef ARCH_H
#define ARCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mem.h"
#include "regs.h"

/* From regs.h, inline: arch_syscall_words(ctx), the system-call words 0-6 of a
 * saved user context (arguments in, result and message out),
 * arch_syscall_number(ctx), arch_syscall_rewind(ctx), which makes the context
 * run its system call again, arch_frame_pc(ctx), where it resumes, and
 * arch_frame_sp(ctx), its stack pointer. */

/* What the boot code found before the MMU was on, for kmain. */
struct boot_info {
	uint32_t phys_base;      /* physical address of virtual address 0 */
	uint32_t dtb_pa;         /* where r2 pointed */
	uint32_t dtb_va;         /* 0 when r2 did not point at a device tree */
	uint32_t dtb_size;       /* bytes readable at dtb_va */
	uint32_t entered_hyp;    /* the boot loader started us in HYP mode */
	uint64_t identity_saved; /* the architecture's: what the boot identity map displaced */
};
extern struct boot_info boot_info;

/* Bytes of the kernel region's translation tables (static, built at boot). */
uint32_t kernel_table_bytes(void);

/* Maps RAM up to ram_end (physical) as kernel heap, from the end of the image's
 * 2 MiB up to IO_BASE at most, and returns the physical end of what is mapped
 * (whole 2 MiB blocks). */
uint64_t mmu_map_ram(uint64_t ram_end);
/* The end of the kernel heap: the virtual address where mapped RAM ends. */
uintptr_t kernel_heap_end(void);

/* The kernel's device IO pages: the registers of the devices the kernel drives
 * itself, each with an unmapped page on either side. io_map maps size bytes of
 * registers at pa and returns the virtual address of pa, or 0 when size is 0 or
 * no room is left; io_unmap takes back what io_map returned (anything else is a
 * broken invariant: panic). */
uintptr_t io_map(paddr_t pa, uint32_t size);
void io_unmap(uintptr_t va);
/* Pages mapped in the IO region now. */
uint32_t io_mapped_pages(void);
/* The index-th range of registers the kernel maps for itself: 0 and *out, or
 * -ENOENT past the last. */
struct io_range {
	paddr_t pa;
	uint32_t size;
	uintptr_t va; /* where the kernel reaches pa */
};
int io_region(uint32_t index, struct io_range *out);
/* Where the kernel reaches physical address pa, if the IO pages map its page
 * (for one of the kernel's devices, or another in the same page); else 0. */
uintptr_t io_reach(paddr_t pa);

/* Cleans and invalidates the data cache lines of [va, va + size) to the point
 * of coherency, for memory that a device reads and then writes behind the
 * CPU's back (the Pi's mailbox buffer): call it before the device reads and
 * again after it wrote. Never fails. */
void dcache_flush_range(const void *va, size_t size);

/* The tick (the ARM generic timer's virtual channel, arch/arm/timer.c):
 * timer_start starts interrupts hz times a second and returns the counter's
 * frequency; timer_rearm schedules the next tick, from its interrupt;
 * timer_expire_now makes the next tick due at once. */
uint32_t timer_start(uint32_t hz);
void timer_rearm(void);
void timer_expire_now(void);

/* The host that runs the kernel, where there is one (QEMU -semihosting, a debugger):
 * arch_host_exit ends the run with status, and returns only when no host listens;
 * arch_host_cmdline copies the host's command line into buf and returns its
 * length, or -ENOSYS when no host answers. */
void arch_host_exit(int status);
int arch_host_cmdline(char *buf, size_t size);

/* Masks interrupts; waits until one is pending (masked or not); masks them and
 * waits forever. */
void arch_irq_disable(void);
void arch_wait_for_interrupt(void);
void arch_halt(void) __attribute__((noreturn));

/* Opens the original .data_shared to kernel reads (to copy it into a new
 * process), or closes it again. */
void shared_orig_open(bool readable);

/* The processor, in words: "ARM Cortex-A15 r4p0". */
const char *arch_cpu_name(void);

/* Sets up a user thread's first context: it starts at entry with its stack at
 * sp and a0, a1, a2 as its first three arguments. */
void arch_thread_init(struct trap_frame *ctx, uint32_t entry, uint32_t sp, uint32_t a0, uint32_t a1,
		      uint32_t a2);

/* The context of the idle loop, at the top of the kernel stack; only for a
 * return to it, since it takes the place of whatever was there. */
struct trap_frame *arch_idle_frame(void);

/* Leaves the kernel for the first time, into ctx. */
void arch_enter(struct trap_frame *ctx) __attribute__((noreturn));

/* Readies the CPU for user mode: tls_tp is the thread pointer user code reads
 * (TLS, where the C library keeps errno); the performance counters are closed
 * to user mode. */
void arch_user_init(uint32_t tls_tp);

/* Starts the cycle counter and opens the performance counters to user mode,
 * every process, for a benchmark run: any of them may then read, stop or
 * reset them. */
void arch_user_counters(void);

/* A user fault as the architecture reports it, in generic terms. */
enum fault_kind {
	FAULT_TRANSLATION,
	FAULT_PERMISSION,
	FAULT_ALIGNMENT,
	FAULT_UNDEFINED,
	FAULT_BREAKPOINT, /* a debug event: bkpt */
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
