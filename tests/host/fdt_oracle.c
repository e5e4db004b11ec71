/*
 * kernel/fdt.c held against libfdt (fdt_oracle.h). libfdt parses; the facts
 * fdt_read draws from a tree (which node is the memory, how reg translates
 * through the buses' ranges, what the console is) are worked out here again
 * on top of libfdt's parse, as docs/architecture.md ("Device trees") states
 * them, so that a difference in either the parse or the reading shows.
 */
#include "fdt_oracle.h"

#include <libfdt.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* libfdt's fdt.h has the reader's include guard, and FDT_MAGIC of the same value. */
#undef FDT_H
#undef FDT_MAGIC
#include "fdt.h"
#include "wren/abi.h"

#define FAIL(msg)                                                                                  \
	do {                                                                                       \
		*why = (msg);                                                                      \
		return -1;                                                                         \
	} while (0)

static uint32_t be32(const void *p)
{
	const uint8_t *b = p;
	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

static uint64_t cells_value(const uint8_t *p, int cells)
{
	return cells == 2 ? (uint64_t)be32(p) << 32 | be32(p + 4) : be32(p);
}

/* Where our walker's node at libfdt's offset starts: its properties, after
 * the BEGIN_NODE tag and the padded name. */
static uint32_t props_at(const void *blob, int offset)
{
	int len;
	fdt_get_name(blob, offset, &len);
	return (uint32_t)offset + 4 + (((uint32_t)len + 1 + 3) & ~3u);
}

/* #address-cells and #size-cells of node as the reader takes them: absent,
 * the defaults 2 and 1; not one cell, 0; 0 when the address is not 1 or 2
 * cells or the size more than 2 (unsupported). */
static int bus_cells(const void *blob, int node, int *address, int *size)
{
	int len;
	const void *p = fdt_getprop(blob, node, "#address-cells", &len);
	*address = !p ? 2 : len == 4 ? (int)be32(p) : 0;
	p = fdt_getprop(blob, node, "#size-cells", &len);
	*size = !p ? 1 : len == 4 ? (int)be32(p) : 3;
	return (*address == 1 || *address == 2) && *size >= 0 && *size <= 2 ? 0 : -EINVAL;
}

/* fdt_reg's contract, through libfdt: the index-th pair of node's reg,
 * translated through every bus above it. */
static int reg_of(const void *blob, int node, uint32_t index, struct fdt_range *r)
{
	int len, ac, sc, bus = fdt_parent_offset(blob, node);
	const uint8_t *reg = node > 0 ? fdt_getprop(blob, node, "reg", &len) : NULL;
	if (!reg || bus < 0)
		return -ENOENT;
	if (bus_cells(blob, bus, &ac, &sc))
		return -EINVAL;
	int pair = 4 * (ac + sc);
	if (len % pair)
		return -EINVAL;
	if (index >= (uint32_t)(len / pair))
		return -ENOENT;
	const uint8_t *p = reg + index * (uint32_t)pair;
	r->base = cells_value(p, ac);
	r->size = sc ? cells_value(p + 4 * ac, sc) : 0;
	for (; bus > 0; bus = fdt_parent_offset(blob, bus)) {
		int cac, csc, pac, psc, rlen;
		if (bus_cells(blob, bus, &cac, &csc) ||
		    bus_cells(blob, fdt_parent_offset(blob, bus), &pac, &psc))
			return -EINVAL;
		const uint8_t *ranges = fdt_getprop(blob, bus, "ranges", &rlen);
		if (!ranges || csc == 0)
			return -EFAULT;
		if (rlen == 0)
			continue;
		int entry = 4 * (cac + pac + csc);
		if (rlen % entry)
			return -EINVAL;
		bool found = false;
		for (int at = 0; at < rlen && !found; at += entry) {
			uint64_t from = cells_value(ranges + at, cac);
			uint64_t to = cells_value(ranges + at + 4 * cac, pac);
			uint64_t n = cells_value(ranges + at + 4 * (cac + pac), csc);
			if (r->base >= from && r->base - from < n &&
			    r->size <= n - (r->base - from)) {
				r->base = to + (r->base - from);
				found = true;
			}
		}
		if (!found)
			return -EFAULT;
	}
	return 0;
}

/* The text of a string property: to its NUL, its end, or stop. */
static size_t text_len(const char *s, int len, char stop)
{
	size_t n = 0;
	while (n < (size_t)len && s[n] != '\0' && s[n] != stop)
		n++;
	return n;
}

/* The node at path (len bytes), each component a child of the one before, as
 * fdt_find takes it (with or without the leading '/'). */
static int find_path(const void *blob, const char *path, size_t len)
{
	int node = 0;
	size_t i = 0;
	while (i < len && node >= 0) {
		if (path[i] == '/') {
			i++;
			continue;
		}
		size_t start = i;
		while (i < len && path[i] != '/')
			i++;
		node = fdt_subnode_offset_namelen(blob, node, path + start, (int)(i - start));
	}
	return node;
}

static int add_reserved(struct fdt_info *info, struct fdt_range r)
{
	if (r.size == 0)
		return 0;
	if (info->reserved_count == FDT_MAX_RESERVED)
		return -EINVAL;
	info->reserved[info->reserved_count++] = r;
	return 0;
}

/* fdt_read's facts worked out through libfdt; rsv are the /memreserve/
 * entries (checked against libfdt's by the caller). 0 or -EINVAL. */
static int read_facts(const void *blob, const struct fdt *t, struct fdt_info *info)
{
	int ac, sc, len;
	struct fdt_range r;
	memset(info, 0, sizeof *info);
	if (bus_cells(blob, 0, &ac, &sc) || sc == 0)
		return -EINVAL;
	int memory = fdt_subnode_offset(blob, 0, "memory");
	if (memory >= 0) {
		int err = reg_of(blob, memory, 0, &info->mem);
		if (err == -EINVAL)
			return err;
		if (err)
			info->mem = (struct fdt_range){0, 0};
	}
	for (uint32_t i = 0; fdt_memreserve(t, i, &r) == 0; i++)
		if (add_reserved(info, r))
			return -EINVAL;
	int reserved = fdt_subnode_offset(blob, 0, "reserved-memory"), child;
	if (reserved >= 0)
		fdt_for_each_subnode(child, blob, reserved)
		{
			int err;
			for (uint32_t i = 0; (err = reg_of(blob, child, i, &r)) == 0; i++)
				if (add_reserved(info, r))
					return -EINVAL;
			if (err != -ENOENT)
				return -EINVAL;
		}
	int soc = fdt_subnode_offset(blob, 0, "soc");
	const uint8_t *ranges = soc >= 0 ? fdt_getprop(blob, soc, "ranges", &len) : NULL;
	if (ranges) {
		int cac, csc;
		if (bus_cells(blob, soc, &cac, &csc))
			return -EINVAL;
		/* A bus whose children have no size maps nothing into the CPU's space. */
		int entry = 4 * (cac + ac + csc);
		if (csc && len % entry)
			return -EINVAL;
		for (int at = 0; csc && at < len; at += entry) {
			if (info->window_count == FDT_MAX_WINDOWS)
				return -EINVAL;
			info->windows[info->window_count++] =
			    (struct fdt_range){cells_value(ranges + at + 4 * cac, ac),
					       cells_value(ranges + at + 4 * (cac + ac), csc)};
		}
	}
	int chosen = fdt_subnode_offset(blob, 0, "chosen"), plen;
	const char *stdout_path =
	    chosen >= 0 ? fdt_getprop(blob, chosen, "stdout-path", &plen) : NULL;
	int node = -1;
	if (stdout_path) {
		size_t n = text_len(stdout_path, plen, ':');
		if (n && stdout_path[0] == '/') {
			node = find_path(blob, stdout_path, n);
		} else {
			int aliases = fdt_subnode_offset(blob, 0, "aliases"), alen;
			const char *alias =
			    aliases >= 0
				? fdt_getprop_namelen(blob, aliases, stdout_path, (int)n, &alen)
				: NULL;
			if (alias)
				node = find_path(blob, alias, text_len(alias, alen, '\0'));
		}
	}
	if (node >= 0) {
		int err = reg_of(blob, node, 0, &r);
		if (err == -EINVAL)
			return err;
		if (err) {
			info->uart_problem = "";
		} else {
			info->uart_base = r.base;
			const char *c = fdt_getprop(blob, node, "compatible", &len);
			uint32_t kept = 0;
			while (c && kept < (uint32_t)len) {
				size_t s = text_len(c + kept, len - (int)kept, '\0');
				if (kept + s == (uint32_t)len ||
				    kept + s + 1 > sizeof info->uart_compatible)
					break;
				kept += (uint32_t)s + 1;
			}
			if (kept)
				memcpy(info->uart_compatible, c, kept);
			info->uart_compatible_len = kept;
		}
	}
	const char *model = fdt_getprop(blob, 0, "model", &len);
	if (!model)
		model = fdt_getprop(blob, 0, "compatible", &len);
	if (model) {
		size_t n = text_len(model, len, '\0');
		n = n < sizeof info->model - 1 ? n : sizeof info->model - 1;
		memcpy(info->model, model, n);
	}
	return 0;
}

static bool same_range(struct fdt_range a, struct fdt_range b)
{
	return a.base == b.base && a.size == b.size;
}

static const char *compare_info(const struct fdt_info *ours, const struct fdt_info *ref)
{
	if (!same_range(ours->mem, ref->mem))
		return "memory range";
	if (ours->reserved_count != ref->reserved_count)
		return "number of reserved ranges";
	for (uint32_t i = 0; i < ref->reserved_count; i++)
		if (!same_range(ours->reserved[i], ref->reserved[i]))
			return "a reserved range";
	if (ours->window_count != ref->window_count)
		return "number of /soc windows";
	for (uint32_t i = 0; i < ref->window_count; i++)
		if (!same_range(ours->windows[i], ref->windows[i]))
			return "a /soc window";
	if (ours->uart_base != ref->uart_base)
		return "console address";
	if (ours->uart_compatible_len != ref->uart_compatible_len ||
	    memcmp(ours->uart_compatible, ref->uart_compatible, ref->uart_compatible_len))
		return "console compatible list";
	if (!ours->uart_problem != !ref->uart_problem)
		return "whether the console node is unusable";
	if (strcmp(ours->model, ref->model))
		return "model";
	return NULL;
}

/* One node: where it is, its properties, its compatible strings, its path. */
static const char *compare_node(const void *blob, const struct fdt *t, const struct fdt_node *n,
				int offset)
{
	int len;
	struct fdt_prop p;
	if (n->path[n->depth] != props_at(blob, offset))
		return "where a node's properties start";
	for (int at = fdt_first_property_offset(blob, offset); at >= 0;
	     at = fdt_next_property_offset(blob, at)) {
		const char *name;
		fdt_getprop_by_offset(blob, at, &name, &len);
		const void *first = fdt_getprop(blob, offset, name, &len);
		if (!fdt_prop(t, n, name, &p) || p.value != first || p.len != (uint32_t)len)
			return "a property";
	}
	if (fdt_prop(t, n, "wren,no-such-property", &p))
		return "a property that is not there";
	const char *c = fdt_getprop(blob, offset, "compatible", &len);
	for (int at = 0; c && at < len; at += (int)strnlen(c + at, (size_t)(len - at)) + 1)
		if (at + (int)strnlen(c + at, (size_t)(len - at)) < len &&
		    fdt_compatible(t, n, c + at) !=
			(fdt_node_check_compatible(blob, offset, c + at) == 0))
			return "a compatible string";
	if (fdt_compatible(t, n, "wren,no-such-device"))
		return "a compatible string that is not there";
	char path[512];
	struct fdt_node found;
	if (fdt_get_path(blob, offset, path, sizeof path) == 0) {
		int want = find_path(blob, path, strlen(path));
		bool ok = fdt_find(t, path, (uint32_t)strlen(path), &found);
		if (ok != (want >= 0) || (ok && found.path[found.depth] != props_at(blob, want)))
			return "a node found by its path";
	}
	for (uint32_t i = 0; offset > 0; i++) {
		struct fdt_range ours, ref;
		const char *problem;
		int a = fdt_reg(t, n, i, &ours, &problem), b = reg_of(blob, offset, i, &ref);
		if (a != b || (a == 0 && !same_range(ours, ref)))
			return "a reg translated";
		if (a)
			break;
	}
	return NULL;
}

/* Every node in order, both ways; every /memreserve/ entry. */
static const char *compare_tree(const void *blob, const struct fdt *t)
{
	struct fdt_node n = fdt_root(t);
	int offset = 0, depth = 0;
	const char *problem;
	for (;;) {
		if (n.depth != (uint32_t)depth)
			return "a node's depth";
		if ((problem = compare_node(blob, t, &n, offset)) != NULL)
			return problem;
		offset = fdt_next_node(blob, offset, &depth);
		bool more = fdt_next(t, &n);
		if (more != (offset >= 0 && depth > 0))
			return "the number of nodes";
		if (!more)
			break;
	}
	/* The spec ends the block at (0, 0); libfdt at the first size 0. */
	struct fdt_range r;
	int count = fdt_num_mem_rsv(blob);
	for (int i = 0; i < count; i++) {
		uint64_t address, size;
		fdt_get_mem_rsv(blob, i, &address, &size);
		if (fdt_memreserve(t, (uint32_t)i, &r) || r.base != address || r.size != size)
			return "a /memreserve/ entry";
	}
	if (fdt_memreserve(t, (uint32_t)count, &r) == 0 && r.size != 0)
		return "the end of /memreserve/";
	return NULL;
}

/* fdt_list_has's contract: s is one of the NUL-separated strings of list,
 * the last of which may lack its NUL. */
static bool list_has(const char *list, size_t len, const char *s)
{
	for (size_t at = 0; at < len;) {
		size_t n = strnlen(list + at, len - at);
		if (n == strlen(s) && memcmp(list + at, s, n) == 0)
			return true;
		at += n + 1;
	}
	return false;
}

int fdt_oracle(const void *blob, size_t size, const char **why)
{
	struct fdt t;
	struct fdt_info ours, odd_info, ref;
	const char *problem, *odd_problem;
	uint8_t *odd = malloc(size + 1);
	if (!odd)
		abort();
	memcpy(odd + 1, blob, size);
	int opened = fdt_open(&t, blob, size, &problem);
	int read = fdt_read(blob, size, &ours, &problem);
	int odd_read = fdt_read(odd + 1, size, &odd_info, &odd_problem);
	struct fdt odd_t;
	int odd_opened = fdt_open(&odd_t, odd + 1, size, &odd_problem);
	free(odd);
	if (opened != odd_opened || read != odd_read || memcmp(&ours, &odd_info, sizeof ours))
		FAIL("the same tree at an odd address reads differently");
	if (size >= 8 &&
	    fdt_total_size(blob) != (fdt_magic(blob) == FDT_MAGIC ? fdt_totalsize(blob) : 0))
		FAIL("the header's total size");
	/* The blob's bytes as a compatible list, for the strings a console has. */
	static const char *const uarts[] = {"arm,pl011", "ns16550a", "", "arm"};
	for (size_t i = 0; i < sizeof uarts / sizeof uarts[0]; i++)
		if (fdt_list_has(blob, (uint32_t)size, uarts[i]) != list_has(blob, size, uarts[i]))
			FAIL("a string list");
	/* libfdt 1.6.1's fdt_check_full crashes on some trees older than version
	 * 16, which ours refuses outright: those are not put to it. */
	bool old = size >= 24 && be32(blob) == FDT_MAGIC && be32((const uint8_t *)blob + 20) < 16;
	int checked = old ? -FDT_ERR_BADVERSION : fdt_check_full(blob, size);
	if (opened == 0 && checked != 0)
		FAIL("fdt_open takes a tree fdt_check_full refuses");
	if (opened != 0) {
		if (read == 0)
			FAIL("fdt_read takes a tree fdt_open refuses");
		return checked && !old ? FDT_REFUSED_BY_BOTH : FDT_REFUSED_BY_OURS;
	}
	if ((problem = compare_tree(blob, &t)) != NULL)
		FAIL(problem);
	int facts = read_facts(blob, &t, &ref);
	if ((read == 0) != (facts == 0))
		FAIL(read == 0 ? "fdt_read takes contents it should refuse"
			       : "fdt_read refuses contents it should take");
	if (read != 0)
		return FDT_OPENED;
	if ((problem = compare_info(&ours, &ref)) != NULL)
		FAIL(problem);
	return FDT_READ;
}
