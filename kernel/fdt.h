/*
 * Reader for the flattened device tree (DTB) that the boot loader passes in r2.
 *
 * The blob comes from outside the kernel, so every offset, length and string in it
 * is checked against the blob's bounds before use; a malformed tree is refused with
 * a message and the caller falls back to the board's defaults. Plain C with no
 * kernel dependencies, so it is unit-tested on the host against real trees.
 *
 * Two levels: a walker (fdt_open, nodes, properties, and a node's reg translated
 * through its parents' ranges into a CPU address), which an IO server can use to
 * list every device, and fdt_read, the few facts the kernel needs at boot.
 */
#ifndef FDT_H
#define FDT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define FDT_MAGIC 0xd00dfeedu
#define FDT_MAX_DEPTH 16

/* A tree whose header, reservation block and whole structure block are checked. */
struct fdt {
	const uint8_t *structure;
	uint32_t structure_size;
	const char *strings;
	uint32_t strings_size;
	const uint8_t *reservations; /* /memreserve/ entries, up to their terminator */
	uint32_t reservation_count;
	uint32_t root; /* where the root node's properties start */
};

/* A node, with the way to it: path[0] is the root, path[depth] the node itself
 * (offsets where each one's properties start), and its name with the unit
 * address ("serial@7e201000"; the root's is empty). */
struct fdt_node {
	uint32_t depth;
	uint32_t path[FDT_MAX_DEPTH];
	const char *name;
};

struct fdt_prop {
	const uint8_t *value;
	uint32_t len;
};

struct fdt_range {
	uint64_t base, size;
};

/*
 * Checks the tree at blob, of which at most size bytes may be touched. Returns 0
 * and fills *t, or -EINVAL and sets *why to a short message saying what is wrong.
 */
int fdt_open(struct fdt *t, const void *blob, size_t size, const char **why);

/* The root node. */
struct fdt_node fdt_root(const struct fdt *t);

/* Finds the node at an absolute path of len bytes ("/soc/serial@7e201000"; a
 * component without a unit address also matches a node with one). Returns
 * whether it is there. */
bool fdt_find(const struct fdt *t, const char *path, uint32_t len, struct fdt_node *node);

/* Moves *node to the next node in the tree's order (depth first); returns
 * false after the last one. From fdt_root, visits every node once: how the
 * IO server lists every device. */
bool fdt_next(const struct fdt *t, struct fdt_node *node);

/* Moves to node's next property, from *at (0: its first) on: its name and
 * value, and *at for the next call. Returns false after the last: one pass
 * over a node for the properties a caller wants, instead of one a name. */
bool fdt_next_prop(const struct fdt *t, const struct fdt_node *node, uint32_t *at,
		   const char **name, struct fdt_prop *prop);

/* Finds the property name of node; returns whether it has one. */
bool fdt_prop(const struct fdt *t, const struct fdt_node *node, const char *name,
	      struct fdt_prop *prop);

/* Whether node's "compatible" list holds the string compatible. */
bool fdt_compatible(const struct fdt *t, const struct fdt_node *node, const char *compatible);

/* Whether the NUL-separated list of len bytes (a "compatible" value) holds s. */
bool fdt_list_has(const char *list, uint32_t len, const char *s);

/*
 * The index-th (address, size) pair of node's reg, translated through the
 * ranges of every bus above it into the CPU's physical address space. Returns
 * 0, -ENOENT when node has no reg or fewer pairs, or -EINVAL with *why set when
 * the cells are unsupported (more than 2), reg is malformed, or the address is
 * not visible to the CPU (a bus without ranges, or outside them).
 */
int fdt_reg(const struct fdt *t, const struct fdt_node *node, uint32_t index,
	    struct fdt_range *range, const char **why);

/* The index-th /memreserve/ entry; 0, or -ENOENT past the last. */
int fdt_memreserve(const struct fdt *t, uint32_t index, struct fdt_range *range);

/* Total size from a big-endian header, or 0 if blob does not start with the magic. */
uint32_t fdt_total_size(const void *blob);

/* What the kernel wants from the tree at boot. A field the tree does not give
 * stays 0 (an empty string, no ranges). */
#define FDT_MAX_RESERVED 8
#define FDT_MAX_WINDOWS 4
struct fdt_info {
	struct fdt_range mem; /* first range of the first /memory node */
	/* /memreserve/ entries and the reg of every /reserved-memory child (those
	 * with only a size are a hint to Linux's allocator, not a reservation) */
	struct fdt_range reserved[FDT_MAX_RESERVED];
	uint32_t reserved_count;
	/* where /soc's ranges put devices in the CPU's space: never RAM */
	struct fdt_range windows[FDT_MAX_WINDOWS];
	uint32_t window_count;
	uint64_t uart_base; /* the stdout-path node's reg, translated */
	/* its "compatible" list (NUL-separated, whole strings only) */
	char uart_compatible[64];
	uint32_t uart_compatible_len;
	/* why the stdout-path node gave no console, when it names one */
	const char *uart_problem;
	char model[48]; /* root "model", else first root "compatible" */
};

/*
 * Reads the tree at blob, of which at most size bytes may be touched.
 * Returns 0 and fills *info, or -EINVAL and sets *why to a short message saying
 * what is wrong with the tree (info is then all zeros).
 */
int fdt_read(const void *blob, size_t size, struct fdt_info *info, const char **why);

#endif
