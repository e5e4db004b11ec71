/*
 * A process's memory as the seed draws it: an address space whose user region
 * is laid out by layout.h, created with its first stack page and its own copy
 * of .data_shared/.bss_shared.
 */
#ifndef VM_H
#define VM_H

#include "addrspace.h"
#include "layout.h"

struct vm_space {
	struct addrspace as;
	struct proc_layout layout;
};

/* Physical memory that is not the kernel's to hand out: [start, end). */
struct phys_range {
	paddr_t start, end;
};
#define VM_RESERVED_MAX 10

/* Frames from RAM [ram_start, ram_end) less the image and the count ranges of
 * reserved (at most VM_RESERVED_MAX, in any order, overlapping or not); the
 * kernel heap from the end of the kernel stack. Panics on more ranges. */
void vm_init(paddr_t ram_start, paddr_t ram_end, const struct phys_range *reserved, uint32_t count);

/* A process's memory with the limits of layout_user; 0, or -EINVAL (limits that
 * do not fit), -ENOMEM; nothing is left behind on failure. */
int vm_space_create(struct vm_space *vs, uint32_t heap_pages, uint32_t stack_pages,
		    uint32_t device_pages, uint8_t asid);
void vm_space_destroy(struct vm_space *vs);

#endif
