/*
 * Touching a process's memory on its behalf. Every user pointer is checked
 * against the address space's own mappings, page by page, before a byte moves, so a
 * bad pointer is -EFAULT and never a kernel fault. The copies go through the
 * kernel's mapping of RAM, so the process need not be the one in TTBR1.
 */
#ifndef UACCESS_H
#define UACCESS_H

#include <stdbool.h>
#include <stdint.h>

#include "addrspace.h"
#include "arch.h"
#include "vm.h"

/* True when [va, va + len) is all mapped and user-readable (and user-writable). */
bool user_range_ok(const struct addrspace *as, uint32_t va, uint32_t len, bool write);
/* Where the kernel reaches the byte at va of as, if user mode may read it (and
 * write it, if write); else NULL. Good until as's next unmap (as->forget). */
void *user_byte(const struct addrspace *as, uint32_t va, bool write);
/* 0, or -EFAULT with nothing copied. */
int copy_from_user(const struct addrspace *as, void *dst, uint32_t va, uint32_t len);
int copy_to_user(const struct addrspace *as, uint32_t va, const void *src, uint32_t len);
/* From one process's memory straight to another's, a page piece at a time; 0, or
 * -EFAULT when a page is not there (what was copied before it stays). */
int copy_between(const struct addrspace *dst, uint32_t dst_va, const struct addrspace *src,
		 uint32_t src_va, uint32_t len);

/* Whether the look-up that made the last of these calls fail wanted an unmapped
 * page of vs's heap or stack reserve: one the pager would map, had user code
 * touched it. Then *f is that fault (kind, address, access; not pc). Else false:
 * the failure is an -EFAULT for good. */
bool user_page_missing(const struct vm_space *vs, struct fault *f);

#endif
