/*
 * The board and CPU side of the kernel, faked for host tests of processes, IPC
 * and system calls (fake_kernel.c): what the fakes recorded, and the fake
 * image's few places that tests name.
 */
#ifndef FAKE_KERNEL_H
#define FAKE_KERNEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "addrspace.h"
#include "memlayout.h"

/* Where the linker script would put the user-side globals: .data_shared starts
 * in one page and ends in the next, so a new process starts with two pages.
 * No suffixes: fake_kernel.c hands these to the assembler. */
#define FAKE_SHARED_START 0xFFFFEF00
#define FAKE_SHARED_END 0xFFFFFFF0
#define FAKE_DATA_SHARED_SIZE 0x180

/* The initial values of .data_shared, which every new process gets a copy of. */
extern char __shared_orig_start[FAKE_DATA_SHARED_SIZE];

/* A page of the image's .text/.rodata, which user mode may read, and a page of
 * its .data, which only the kernel may touch. Both lie below 4 GiB, so that their
 * 32-bit addresses are the kernel's own, as on the target. */
extern char fake_text[PAGE_SIZE];
extern char fake_data[PAGE_SIZE];
#define FAKE_TEXT ((uint32_t)(uintptr_t)fake_text)
#define FAKE_DATA ((uint32_t)(uintptr_t)fake_data)

/* Where every thread starts (libsys's _user_start): the start of fake_text. */
#define FAKE_USER_START FAKE_TEXT

/* The user region in TTBR1: what as_activate was last given. */
extern const struct addrspace *fake_active_as;

/* The interrupt controller: the kernel's tick, the physical timer and a few
 * device interrupts a driver may have, their masks, and one pending at a time. */
#define FAKE_TICK_IRQ 27
#define FAKE_PHYS_TIMER_IRQ 30
#define FAKE_DEVICE_IRQ 33 /* the first of FAKE_DEVICE_IRQS */
#define FAKE_DEVICE_IRQS 4
#define FAKE_IRQS 64
extern bool fake_irq_masked[FAKE_IRQS];
extern int fake_irq_pending; /* -1: none; irq_dispatch takes it */
extern unsigned fake_clock_ticks;

/* The ending of the first process (fake_first_pid), as main.c's observer would
 * hear of it; the harness registers fake_first_process_watch with proc.c. */
struct fake_first_end {
	unsigned count;
	const char *name;
	int status;
};
extern struct fake_first_end fake_first_end;
extern int fake_first_pid;
#include "proc_events.h"
void fake_first_process_watch(struct proc *p, enum proc_event event);

/* The kernel's own IO pages: one device of FAKE_KERNEL_DEVICE_SIZE bytes at
 * FAKE_KERNEL_DEVICE_PA, whose page the kernel reaches at fake_io_page (where a
 * register write through the kernel lands); another device's registers lie in
 * the same page after it. */
#define FAKE_KERNEL_DEVICE_PA 0x09000000u
#define FAKE_KERNEL_DEVICE_SIZE 0x100u
extern uint32_t fake_io_page[PAGE_SIZE / 4];
/* Calls of dcache_flush_range since the last reset. */
extern unsigned fake_dcache_flushes;

/* Everything kprintf and kwrite wrote since the last reset, NUL-terminated. */
const char *fake_console(void);
size_t fake_console_len(void);

/* The program main pointers of the fake table: dummies, never called. */
int fake_main(int argc, char **argv);

void fake_kernel_reset(void);

#endif
