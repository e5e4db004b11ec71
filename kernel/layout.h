/*
 * Where each region of a process's user region lies (the top half of the seed's
 * picture), computed from its program's limits and the link-time place of the
 * user-side globals. Plain C, tested on the host.
 *
 *   shared_end   -> +------------------------------+ (top of the address space)
 *                   | .data_shared/.bss_shared     |
 *   shared_start -> +--------------- not aligned --+ = stack_top, the initial sp
 *                   | dynamic stack (grows down)   | stack_start: its first page
 *   stack_limit  -> +------------------------------+ (stack_pages pages in all)
 *                   | stack guard page             |
 *   heap_limit   -> +------------------------------+
 *                   | heap (grows up), reserve     | heap_pages pages
 *   heap_base    -> +------------------------------+
 *                   : unused (at least a page)     :
 *   dev_limit    -> +------------------------------+
 *                   | device window (drivers only) | device_pages pages
 *   region_base  -> +------------------------------+ 2^32 - 2^(32 - t1sz)
 *                   = dev_base
 *
 * The device window is an addition to the seed's picture. The seed's IO pages
 * are the kernel's alone (User = None), so a driver in user space could never
 * reach its device's registers: it gets a window of its own, where the IO
 * server has the kernel map them (user RW, device memory, never executable),
 * and the pages its devices read (DMA). It exists in that one process only,
 * at the bottom of its region, clear of the heap by an unmapped page; a
 * process that is not a driver has none (dev_base == dev_limit).
 */
#ifndef LAYOUT_H
#define LAYOUT_H

#include <stdbool.h>
#include <stdint.h>

#include "wren/abi.h" /* struct proc_layout */

#define USER_T1SZ_SMALLEST 7 /* 32 MiB: every process gets at least this */
#define USER_T1SZ_LARGEST 2  /* 1 GiB: level-2 tables start at 2 <= T1SZ <= 7 */
#define USER_REGION_LOWEST 0xC0000000u

/*
 * Lays out a process with a heap of at most heap_pages pages, a stack of at
 * most stack_pages pages (at least 1: the page it starts with, which it shares
 * with .data_shared when that does not start on a page boundary) and a device
 * window of device_pages pages (0: not a driver).
 * Returns 0, or -EINVAL when the limits do not fit in the largest user region.
 */
int layout_user(struct proc_layout *l, uint32_t heap_pages, uint32_t stack_pages,
		uint32_t device_pages, uint32_t shared_start, uint32_t shared_end);

/* Whether va lies in l's heap or its stack reserve: what a pager grows (the
 * stack's first page, mapped from the start, is not among them). */
static inline bool layout_in_reserve(const struct proc_layout *l, uint32_t va)
{
	return (va >= l->heap_base && va < l->heap_limit) ||
	       (va >= l->stack_limit && va < l->stack_start);
}

#endif
