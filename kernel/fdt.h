/*
 * Reader for the flattened device tree (DTB) that the boot loader passes in r2.
 *
 * The blob comes from outside the kernel, so every offset, length and string in it
 * is checked against the blob's bounds before use; a malformed tree is refused with
 * a message and the caller falls back to the board's defaults. Plain C with no
 * kernel dependencies, so it is unit-tested on the host against real trees.
 */
#ifndef FDT_H
#define FDT_H

#include <stddef.h>
#include <stdint.h>

#define FDT_MAGIC 0xd00dfeedu
#define FDT_MAX_DEPTH 16

/* What the kernel wants from the tree. A field the tree does not give stays 0. */
struct fdt_info {
	uint64_t mem_base; /* first range of the first /memory node */
	uint64_t mem_size;
	uint64_t uart_base; /* reg of the node /chosen/stdout-path names */
	char model[48];     /* root "model", else first root "compatible" */
};

/*
 * Reads the tree at blob, of which at most size bytes may be touched.
 * Returns 0 and fills *info, or -EINVAL and sets *why to a short message saying
 * what is wrong with the tree (info is then all zeros).
 */
int fdt_read(const void *blob, size_t size, struct fdt_info *info, const char **why);

/* Big-endian total size from a header, or 0 if blob does not start with the magic. */
uint32_t fdt_total_size(const void *blob);

#endif
