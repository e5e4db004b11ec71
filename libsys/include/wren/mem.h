/*
 * The memory server's protocol (servers/mem/). Every process's pager is the
 * memory server unless it was started with another (SYS_INFO INFO_PAGER tells
 * which pid). It grows and shrinks the caller's heap on request, and maps a
 * page when the caller's stack grows into its reserve (a fault message the
 * kernel sends in the caller's name). It serves only the process that asks:
 * the sender's pid comes from the kernel and cannot be forged.
 */
#ifndef WREN_MEM_H
#define WREN_MEM_H

/* w[0] = increment in bytes (signed). Reply: w[0] = 0 or a negative error
 * (-ENOMEM past the heap's maximum, -EINVAL below its start), w[1] = the old
 * break. Pages are mapped zeroed as the break rises and freed as it falls. */
#define MEM_SBRK 1
/* Reply: w[0] = heap pages and w[1] = stack pages the server has mapped for
 * the caller, w[2] = the break. */
#define MEM_STATS 2

#endif
