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

/* Frames from RAM [ram_start, ram_end) less the image and [reserved_start, reserved_end);
 * the kernel heap from the end of the kernel stack. */
void vm_init(paddr_t ram_start, paddr_t ram_end, paddr_t reserved_start, paddr_t reserved_end);

/* 0, or -EINVAL (limits that do not fit), -ENOMEM; nothing is left behind on failure. */
int vm_space_create(struct vm_space *vs, uint32_t heap_pages, uint32_t stack_pages, uint8_t asid);
void vm_space_destroy(struct vm_space *vs);

/* Prints the process's and the kernel's regions top to bottom, as the seed draws them. */
void memmap_print(const struct vm_space *vs, const char *name);

#endif
