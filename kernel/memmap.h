/*
 * A process's memory map as the seed draws it (memmap.c): struct mem_map of
 * wren/abi.h, for SYS_MEMMAP and the in-kernel tests.
 */
#ifndef MEMMAP_H
#define MEMMAP_H

#include "thread.h"
#include "vm.h"
#include "wren/abi.h"

/* Fills *m with vs's regions, then the kernel's; never fails (the kernel's
 * device ranges past what fits are left out). */
void memmap_describe(const struct vm_space *vs, struct mem_map *m);

/* Argument 0 the pid (0: the caller), 1 a struct mem_map *. Word 0: 0, -ESRCH,
 * -EPERM (proc_may_inspect), -EFAULT. */
void syscall_memmap(struct thread *t);

#endif
