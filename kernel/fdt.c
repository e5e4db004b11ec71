/*
 * Flattened device tree reader: checks the header, the reservation block and the
 * whole structure block once; then walks nodes and properties, translates reg
 * through the buses' ranges, and looks up what the kernel needs at boot.
 *
 * Everything is read byte-wise and bounded by the block it lives in, because the
 * blob is untrusted and may sit at any alignment. Self-contained on purpose: no
 * other kernel file, no libc, so the host tests exercise exactly this code.
 */
#include "fdt.h"

#include <stdbool.h>

#include "wren/abi.h"

#define FDT_BEGIN_NODE 1u
#define FDT_END_NODE 2u
#define FDT_PROP 3u
#define FDT_NOP 4u
#define FDT_END 9u

/* Byte offsets of the header's big-endian words. */
#define HDR_MAGIC 0
#define HDR_TOTALSIZE 4
#define HDR_OFF_STRUCT 8
#define HDR_OFF_STRINGS 12
#define HDR_OFF_RSVMAP 16
#define HDR_VERSION 20
#define HDR_LAST_COMP_VERSION 24
#define HDR_SIZE_STRINGS 32
#define HDR_SIZE_STRUCT 36
#define HDR_SIZE 40

#define STRINGIFY(x) #x
#define TO_STRING(x) STRINGIFY(x)

/* One token; name and value are set only for the kinds that have them. */
struct token {
	uint32_t type;
	const char *name;
	const uint8_t *value;
	uint32_t len;
};

/* Text that is not necessarily NUL-terminated, such as a path inside a property. */
struct span {
	const char *text;
	uint32_t len;
};

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Length of the string at s, or max if there is no NUL in its first max bytes. */
static uint32_t string_len(const char *s, uint32_t max)
{
	uint32_t len = 0;

	while (len < max && s[len] != '\0')
		len++;
	return len;
}

static struct span span_of(const char *s)
{
	return (struct span){s, string_len(s, UINT32_MAX)};
}

static bool span_has(struct span s, char c)
{
	for (uint32_t i = 0; i < s.len; i++)
		if (s.text[i] == c)
			return true;
	return false;
}

/*
 * Whether the NUL-terminated s begins with prefix. A NUL inside prefix never
 * matches, so the comparison cannot run past the end of s.
 */
static bool starts_with(const char *s, struct span prefix)
{
	for (uint32_t i = 0; i < prefix.len; i++)
		if (prefix.text[i] == '\0' || s[i] != prefix.text[i])
			return false;
	return true;
}

static bool block_in_range(uint32_t offset, uint32_t size, uint32_t total)
{
	return offset >= HDR_SIZE && offset <= total && size <= total - offset;
}

static const char *check_header(const uint8_t *blob, size_t size, struct fdt *t)
{
	if (size < HDR_SIZE)
		return "truncated: buffer smaller than header";
	if (be32(blob + HDR_MAGIC) != FDT_MAGIC)
		return "bad magic";
	uint32_t total = be32(blob + HDR_TOTALSIZE);
	if (total > size)
		return "truncated: totalsize larger than buffer";
	if (total < HDR_SIZE)
		return "totalsize smaller than header";
	uint32_t version = be32(blob + HDR_VERSION);
	if (version < 16)
		return "version older than 16";
	uint32_t last_compatible = be32(blob + HDR_LAST_COMP_VERSION);
	if (last_compatible > 17)
		return "last compatible version newer than 17";
	if (version < last_compatible)
		return "version older than its last compatible version";

	uint32_t off_struct = be32(blob + HDR_OFF_STRUCT);
	uint32_t size_struct = be32(blob + HDR_SIZE_STRUCT);
	/* Version 16 has no struct size yet: the block may run to the end of the tree. */
	if (version < 17)
		size_struct = off_struct <= total ? total - off_struct : 0;
	if (!block_in_range(off_struct, size_struct, total))
		return "struct block out of range";
	if (off_struct % 4 != 0)
		return "struct block not 4-aligned";
	uint32_t off_strings = be32(blob + HDR_OFF_STRINGS);
	uint32_t size_strings = be32(blob + HDR_SIZE_STRINGS);
	if (!block_in_range(off_strings, size_strings, total))
		return "strings block out of range";

	/* The reservation block: (address, size) pairs of 64-bit words, ended by a
	 * pair of zeros, all inside the tree. */
	uint32_t off_rsvmap = be32(blob + HDR_OFF_RSVMAP);
	if (off_rsvmap < HDR_SIZE || off_rsvmap > total || off_rsvmap % 8 != 0)
		return "memory reservation block out of range";
	uint32_t count = 0;
	for (;; count++) {
		uint32_t at = off_rsvmap + 16 * count;
		if (total - at < 16)
			return "memory reservation block not terminated";
		if ((be32(blob + at) | be32(blob + at + 4) | be32(blob + at + 8) |
		     be32(blob + at + 12)) == 0)
			break;
	}
	t->reservations = blob + off_rsvmap;
	t->reservation_count = count;
	t->structure = blob + off_struct;
	t->structure_size = size_struct;
	t->strings = (const char *)blob + off_strings;
	t->strings_size = size_strings;
	return NULL;
}

/* Moves *pos past n bytes and the padding to the next token, if they fit in the block. */
static bool skip(const struct fdt *t, uint32_t *pos, uint32_t n)
{
	uint32_t left = t->structure_size - *pos;
	uint32_t padding = -n & 3;

	if (n > left || padding > left - n)
		return false;
	*pos += n + padding;
	return true;
}

/* Reads the token at *pos and moves past it, refusing anything that leaves its block. */
static const char *next_token(const struct fdt *t, uint32_t *pos, struct token *tok)
{
	if (t->structure_size - *pos < 4)
		return "missing END token";
	tok->type = be32(t->structure + *pos);
	*pos += 4;
	uint32_t left = t->structure_size - *pos;

	switch (tok->type) {
	case FDT_BEGIN_NODE: {
		tok->name = (const char *)t->structure + *pos;
		uint32_t len = string_len(tok->name, left);
		if (len == left)
			return "node name not terminated";
		if (!skip(t, pos, len + 1))
			return "node name past end of struct block";
		return NULL;
	}
	case FDT_PROP: {
		if (left < 8)
			return "property header past end of struct block";
		tok->len = be32(t->structure + *pos);
		uint32_t name_offset = be32(t->structure + *pos + 4);
		*pos += 8;
		tok->value = t->structure + *pos;
		if (!skip(t, pos, tok->len))
			return "property value past end of struct block";
		if (name_offset >= t->strings_size)
			return "property name past end of strings";
		tok->name = t->strings + name_offset;
		/* A strings block that ends in a NUL terminates every name in it:
		 * one look, not a scan of each name (boot's longest loop). */
		uint32_t name_room = t->strings_size - name_offset;
		if (t->strings[t->strings_size - 1] != '\0' &&
		    string_len(tok->name, name_room) == name_room)
			return "property name not terminated";
		return NULL;
	}
	case FDT_END_NODE:
	case FDT_NOP:
	case FDT_END: return NULL;
	default: return "unknown token";
	}
}

/* The root's children fdt_read looks at, found by check_structure's pass over
 * the tree (each lookup of its own, or a pass of their own, would walk the
 * whole tree again: at boot, the largest part of the kernel's work). */
enum { TOP_MEMORY, TOP_CHOSEN, TOP_ALIASES, TOP_RESERVED, TOP_SOC, TOP_COUNT };
static const char *const top_names[TOP_COUNT] = {"memory", "chosen", "aliases", "reserved-memory",
						 "soc"};

/* Every child of the root, in order, up to TOP_CHILDREN (QEMU virt's tree has
 * about 80): the console's node is one, found here by its name instead of by
 * a walk of the tree. */
#define TOP_CHILDREN 128

struct top {
	bool found[TOP_COUNT];
	struct fdt_node node[TOP_COUNT];
	uint32_t children; /* how many the root has; only TOP_CHILDREN are kept */
	struct {
		uint32_t pos;
		const char *name;
	} child[TOP_CHILDREN];
};

/*
 * Whether a node name matches a path component. A component without a unit
 * address also matches a node that has one, as the spec allows, which is how
 * "memory" finds "memory@40000000".
 */
static bool node_name_matches(const char *node_name, struct span component)
{
	if (!starts_with(node_name, component))
		return false;
	char next = node_name[component.len];
	return next == '\0' || (next == '@' && !span_has(component, '@'));
}

/* Notes the root's child that begins at pos, named name, if top wants it. */
static void note_top(const struct fdt *t, struct top *top, uint32_t pos, const char *name)
{
	if (top->children < TOP_CHILDREN) {
		top->child[top->children].pos = pos;
		top->child[top->children].name = name;
	}
	top->children++;
	for (int i = 0; i < TOP_COUNT; i++) {
		if (top->found[i] || name[0] != top_names[i][0] ||
		    !node_name_matches(name, span_of(top_names[i])))
			continue;
		top->found[i] = true;
		top->node[i] = fdt_root(t);
		top->node[i].path[1] = pos;
		top->node[i].depth = 1;
		top->node[i].name = name;
	}
}

/*
 * Walks the whole structure block once, so that the lookups afterwards can trust
 * every token. Properties must come before subnodes, as the spec requires, which
 * lets a lookup stop at a node's first child. On the way it notes the root's
 * children top wants (NULL: none).
 */
static const char *check_structure(struct fdt *t, struct top *top)
{
	uint32_t pos = 0;
	uint32_t depth = 0;
	bool seen_root = false;
	bool properties_allowed = false;
	struct token tok;
	const char *problem;

	while ((problem = next_token(t, &pos, &tok)) == NULL) {
		switch (tok.type) {
		case FDT_BEGIN_NODE:
			if (depth == 0 && seen_root)
				return "more than one root node";
			if (depth == FDT_MAX_DEPTH)
				return "nesting deeper than " TO_STRING(FDT_MAX_DEPTH);
			if (depth == 0 && tok.name[0] != '\0')
				return "root node has a name";
			if (depth == 0)
				t->root = pos;
			else if (depth == 1 && top)
				note_top(t, top, pos, tok.name);
			depth++;
			seen_root = true;
			properties_allowed = true;
			break;
		case FDT_END_NODE:
			if (depth == 0)
				return "END_NODE without BEGIN_NODE";
			depth--;
			properties_allowed = false;
			break;
		case FDT_PROP:
			if (depth == 0)
				return "property outside any node";
			if (!properties_allowed)
				return "property after a subnode";
			break;
		case FDT_END:
			if (depth != 0)
				return "END token inside a node";
			return seen_root ? NULL : "no root node";
		}
	}
	return problem;
}

/*
 * The token at *pos, moving past it, in a tree that check_structure passed:
 * every bound is known good, so the lookups, which walk the tree again and
 * again, make none of its checks. Ends at the END token, which it stays on.
 */
static uint32_t step(const struct fdt *t, uint32_t *pos, struct token *tok)
{
	const uint8_t *p = t->structure + *pos;

	tok->type = be32(p);
	if (tok->type == FDT_END)
		return FDT_END;
	*pos += 4;
	if (tok->type == FDT_BEGIN_NODE) {
		tok->name = (const char *)p + 4;
		uint32_t len = 0;
		while (tok->name[len] != '\0')
			len++;
		*pos += (len + 4) & ~3u; /* the name, its NUL, the padding */
	} else if (tok->type == FDT_PROP) {
		tok->len = be32(p + 4);
		tok->name = t->strings + be32(p + 8);
		tok->value = p + 12;
		*pos += 8 + ((tok->len + 3) & ~3u);
	}
	return tok->type;
}

/* Finds a property of the node whose properties start at node. */
static bool find_prop(const struct fdt *t, uint32_t node, struct span name, struct token *prop)
{
	uint32_t pos = node;

	for (;;) {
		uint32_t type = step(t, &pos, prop);
		if (type == FDT_PROP && starts_with(prop->name, name) &&
		    prop->name[name.len] == '\0')
			return true;
		if (type != FDT_PROP && type != FDT_NOP)
			return false;
	}
}

static bool find_child(const struct fdt *t, uint32_t parent, struct span name, uint32_t *child,
		       const char **child_name)
{
	uint32_t pos = parent;
	uint32_t depth = 0;
	struct token tok;

	for (;;) {
		uint32_t type = step(t, &pos, &tok);
		if (type == FDT_BEGIN_NODE) {
			if (depth == 0 && node_name_matches(tok.name, name)) {
				*child = pos;
				*child_name = tok.name;
				return true;
			}
			depth++;
		} else if (type == FDT_END_NODE) {
			if (depth == 0)
				return false;
			depth--;
		} else if (type == FDT_END) {
			return false;
		}
	}
}

struct fdt_node fdt_root(const struct fdt *t)
{
	struct fdt_node node = {0};

	node.path[0] = t->root;
	node.name = "";
	return node;
}

bool fdt_find(const struct fdt *t, const char *path, uint32_t len, struct fdt_node *node)
{
	uint32_t i = 0;

	*node = fdt_root(t);
	while (i < len) {
		if (path[i] == '/') {
			i++;
			continue;
		}
		uint32_t start = i;
		while (i < len && path[i] != '/')
			i++;
		struct span component = {path + start, i - start};
		uint32_t child;
		/* check_structure bounds the depth, so a path that goes deeper has no node. */
		if (node->depth + 1 == FDT_MAX_DEPTH ||
		    !find_child(t, node->path[node->depth], component, &child, &node->name))
			return false;
		node->path[++node->depth] = child;
	}
	return true;
}

bool fdt_next(const struct fdt *t, struct fdt_node *node)
{
	uint32_t pos = node->path[node->depth];
	uint32_t depth = node->depth;
	struct token tok;

	for (;;) {
		uint32_t type = step(t, &pos, &tok);
		if (type == FDT_BEGIN_NODE) {
			node->path[++depth] = pos;
			node->depth = depth;
			node->name = tok.name;
			return true;
		}
		if (type == FDT_END || (type == FDT_END_NODE && depth == 0))
			return false;
		if (type == FDT_END_NODE)
			depth--;
	}
}

bool fdt_next_prop(const struct fdt *t, const struct fdt_node *node, uint32_t *at,
		   const char **name, struct fdt_prop *prop)
{
	/* No node's properties start at 0, where the first token is. */
	uint32_t pos = *at ? *at : node->path[node->depth];
	struct token tok;
	uint32_t type;

	while ((type = step(t, &pos, &tok)) == FDT_NOP)
		;
	if (type != FDT_PROP)
		return false;
	*at = pos;
	*name = tok.name;
	prop->value = tok.value;
	prop->len = tok.len;
	return true;
}

bool fdt_prop(const struct fdt *t, const struct fdt_node *node, const char *name,
	      struct fdt_prop *prop)
{
	struct token tok;

	if (!find_prop(t, node->path[node->depth], span_of(name), &tok))
		return false;
	prop->value = tok.value;
	prop->len = tok.len;
	return true;
}

bool fdt_list_has(const char *list, uint32_t len, const char *s)
{
	struct span want = span_of(s);
	uint32_t at = 0;

	while (at < len) {
		uint32_t n = string_len(list + at, len - at);
		if (n == want.len && starts_with(list + at, want) &&
		    (at + n == len || list[at + n] == '\0'))
			return true;
		at += n + 1;
	}
	return false;
}

bool fdt_compatible(const struct fdt *t, const struct fdt_node *node, const char *compatible)
{
	struct fdt_prop prop;

	return fdt_prop(t, node, "compatible", &prop) &&
	       fdt_list_has((const char *)prop.value, prop.len, compatible);
}

/* A string property's text, ending at its NUL, its end, or the first stop character. */
static struct span prop_text(const struct fdt_prop *prop, char stop)
{
	struct span s = {(const char *)prop->value, 0};

	while (s.len < prop->len && s.text[s.len] != '\0' && s.text[s.len] != stop)
		s.len++;
	return s;
}

/* #address-cells or #size-cells of the node at path[depth]; UINT32_MAX, which
 * no bus supports, stands for a value that is not one cell (as 0 it would pass
 * for a bus whose children have no size). */
static uint32_t cells_of(const struct fdt *t, const struct fdt_node *node, uint32_t depth,
			 const char *name, uint32_t fallback)
{
	struct fdt_node at = *node;
	struct fdt_prop prop;

	at.depth = depth;
	if (!fdt_prop(t, &at, name, &prop))
		return fallback;
	return prop.len == 4 ? be32(prop.value) : UINT32_MAX;
}

/* Only what fits a uint64_t is supported; larger cell counts belong to buses like PCI. */
static bool cells_supported(uint32_t cells)
{
	return cells == 1 || cells == 2;
}

static uint64_t read_cells(const uint8_t *p, uint32_t cells)
{
	return cells == 2 ? (uint64_t)be32(p) << 32 | be32(p + 4) : be32(p);
}

/* The cells a node's children use in reg, and its ranges' child side. */
struct cells {
	uint32_t address, size;
};

static const char *bus_cells(const struct fdt *t, const struct fdt_node *node, uint32_t depth,
			     struct cells *c)
{
	c->address = cells_of(t, node, depth, "#address-cells", 2);
	c->size = cells_of(t, node, depth, "#size-cells", 1);
	if (!cells_supported(c->address))
		return "unsupported #address-cells";
	/* A bus whose children have no size (#size-cells = 0, as on I2C) names
	 * addresses that are not the CPU's; translation stops at it. */
	if (c->size > 2)
		return "unsupported #size-cells";
	return NULL;
}

/*
 * Translates [*address, +size) from the space of the bus at path[depth] into
 * that of its parent through the bus's ranges. Returns NULL, or why not.
 */
static const char *translate_up(const struct fdt *t, const struct fdt_node *node, uint32_t depth,
				uint64_t *address, uint64_t size, bool *visible)
{
	struct fdt_node bus = *node;
	struct fdt_prop ranges;
	struct cells child, parent;
	const char *problem;

	bus.depth = depth;
	if ((problem = bus_cells(t, node, depth, &child)) != NULL ||
	    (problem = bus_cells(t, node, depth - 1, &parent)) != NULL)
		return problem;
	if (!fdt_prop(t, &bus, "ranges", &ranges) || child.size == 0) {
		*visible = false; /* not mapped into the parent's space at all */
		return NULL;
	}
	if (ranges.len == 0)
		return NULL; /* empty ranges: the same addresses on both sides */
	uint32_t entry = 4 * (child.address + parent.address + child.size);
	if (ranges.len % entry != 0)
		return "ranges not a whole number of entries";
	for (uint32_t at = 0; at < ranges.len; at += entry) {
		const uint8_t *p = ranges.value + at;
		uint64_t from = read_cells(p, child.address);
		uint64_t to = read_cells(p + 4 * child.address, parent.address);
		uint64_t len = read_cells(p + 4 * (child.address + parent.address), child.size);
		if (*address >= from && *address - from < len && size <= len - (*address - from)) {
			*address = to + (*address - from);
			return NULL;
		}
	}
	*visible = false;
	return NULL;
}

int fdt_reg(const struct fdt *t, const struct fdt_node *node, uint32_t index,
	    struct fdt_range *range, const char **why)
{
	struct fdt_prop reg;
	struct cells cells;
	const char *problem;

	if (node->depth == 0 || !fdt_prop(t, node, "reg", &reg))
		return -ENOENT;
	if ((problem = bus_cells(t, node, node->depth - 1, &cells)) != NULL) {
		*why = problem;
		return -EINVAL;
	}
	uint32_t pair = 4 * (cells.address + cells.size);
	if (reg.len % pair != 0) {
		*why = "reg not a whole number of (address, size) pairs";
		return -EINVAL;
	}
	if (index >= reg.len / pair)
		return -ENOENT;
	const uint8_t *p = reg.value + index * pair;
	range->base = read_cells(p, cells.address);
	range->size = cells.size ? read_cells(p + 4 * cells.address, cells.size) : 0;
	bool visible = true;
	for (uint32_t depth = node->depth - 1; depth > 0 && visible; depth--) {
		problem = translate_up(t, node, depth, &range->base, range->size, &visible);
		if (problem) {
			*why = problem;
			return -EINVAL;
		}
	}
	if (!visible) {
		*why = "not in the CPU's address space (no bus ranges lead there)";
		return -EFAULT;
	}
	return 0;
}

int fdt_memreserve(const struct fdt *t, uint32_t index, struct fdt_range *range)
{
	if (index >= t->reservation_count)
		return -ENOENT;
	range->base = read_cells(t->reservations + 16 * index, 2);
	range->size = read_cells(t->reservations + 16 * index + 8, 2);
	return 0;
}

/* fdt_open, noting the root's children top wants (NULL: none). */
static int open_tree(struct fdt *t, const void *blob, size_t size, struct top *top,
		     const char **why)
{
	const char *problem = check_header(blob, size, t);

	if (problem == NULL)
		problem = check_structure(t, top);
	if (problem != NULL) {
		*why = problem;
		return -EINVAL;
	}
	return 0;
}

int fdt_open(struct fdt *t, const void *blob, size_t size, const char **why)
{
	return open_tree(t, blob, size, NULL, why);
}

static void read_model(const struct fdt *t, struct fdt_info *info)
{
	struct fdt_node root = fdt_root(t);
	struct fdt_prop prop;

	if (!fdt_prop(t, &root, "model", &prop) && !fdt_prop(t, &root, "compatible", &prop))
		return;
	struct span model = prop_text(&prop, '\0');
	uint32_t len = model.len < sizeof(info->model) - 1 ? model.len : sizeof(info->model) - 1;
	for (uint32_t i = 0; i < len; i++)
		info->model[i] = model.text[i];
	info->model[len] = '\0';
}

static const char *read_memory(const struct fdt *t, const struct top *top, struct fdt_info *info)
{
	struct fdt_node root = fdt_root(t);
	struct cells cells;
	const char *problem = bus_cells(t, &root, 0, &cells);

	if (problem)
		return problem;
	if (cells.size == 0)
		return "unsupported #size-cells";
	if (!top->found[TOP_MEMORY])
		return NULL;
	int err = fdt_reg(t, &top->node[TOP_MEMORY], 0, &info->mem, &problem);
	if (err == -EINVAL)
		return problem;
	return NULL;
}

static const char *add_reserved(struct fdt_info *info, struct fdt_range r)
{
	if (r.size == 0)
		return NULL;
	if (info->reserved_count == FDT_MAX_RESERVED)
		return "more reserved memory ranges than " TO_STRING(FDT_MAX_RESERVED);
	info->reserved[info->reserved_count++] = r;
	return NULL;
}

/* /memreserve/, then every reg of every child of /reserved-memory. */
static const char *read_reserved(const struct fdt *t, const struct top *top, struct fdt_info *info)
{
	struct fdt_range r;
	const char *problem;

	for (uint32_t i = 0; fdt_memreserve(t, i, &r) == 0; i++)
		if ((problem = add_reserved(info, r)) != NULL)
			return problem;
	if (!top->found[TOP_RESERVED])
		return NULL;
	struct fdt_node parent = top->node[TOP_RESERVED], node = parent;
	while (fdt_next(t, &node) && node.depth > parent.depth) {
		if (node.depth != parent.depth + 1)
			continue;
		int err;
		for (uint32_t i = 0; (err = fdt_reg(t, &node, i, &r, &problem)) == 0; i++)
			if ((problem = add_reserved(info, r)) != NULL)
				return problem;
		if (err == -EINVAL)
			return problem;
		if (err == -EFAULT)
			return "reserved memory not in the CPU's address space";
	}
	return NULL;
}

/* The CPU-side ranges of /soc: where the devices are, so never RAM. */
static const char *read_windows(const struct fdt *t, const struct top *top, struct fdt_info *info)
{
	const struct fdt_node *soc = &top->node[TOP_SOC];
	struct fdt_prop ranges;
	struct cells child, parent;
	const char *problem;

	if (!top->found[TOP_SOC] || !fdt_prop(t, soc, "ranges", &ranges))
		return NULL;
	if ((problem = bus_cells(t, soc, 1, &child)) != NULL ||
	    (problem = bus_cells(t, soc, 0, &parent)) != NULL)
		return problem;
	/* Children without a size are not in the CPU's space (translate_up): no
	 * windows, and no size cells to read past each entry's end. */
	if (child.size == 0)
		return NULL;
	uint32_t entry = 4 * (child.address + parent.address + child.size);
	if (ranges.len % entry != 0)
		return "ranges not a whole number of entries";
	for (uint32_t at = 0; at < ranges.len; at += entry) {
		if (info->window_count == FDT_MAX_WINDOWS)
			return "/soc has more ranges than " TO_STRING(FDT_MAX_WINDOWS);
		const uint8_t *p = ranges.value + at;
		info->windows[info->window_count++] = (struct fdt_range){
		    read_cells(p + 4 * child.address, parent.address),
		    read_cells(p + 4 * (child.address + parent.address), child.size)};
	}
	return NULL;
}

/* The node at path when it is a child of the root ("/pl011@9000000") that
 * check_structure noted: as fdt_find finds it (the first match), without its
 * walk. False for any other path, or when the root had more children than
 * were kept: then fdt_find looks. */
static bool find_top_child(const struct fdt *t, const struct top *top, struct span path,
			   struct fdt_node *node)
{
	if (path.len < 2 || path.text[0] != '/' ||
	    span_has((struct span){path.text + 1, path.len - 1}, '/') ||
	    top->children > TOP_CHILDREN)
		return false;
	struct span name = {path.text + 1, path.len - 1};
	for (uint32_t i = 0; i < top->children; i++)
		if (top->child[i].name[0] == name.text[0] &&
		    node_name_matches(top->child[i].name, name)) {
			*node = fdt_root(t);
			node->path[1] = top->child[i].pos;
			node->depth = 1;
			node->name = top->child[i].name;
			return true;
		}
	return false;
}

/* The node /chosen/stdout-path names, resolved through /aliases when it is an alias. */
static bool stdout_node(const struct fdt *t, const struct top *top, struct fdt_node *node)
{
	const struct fdt_node *aliases = &top->node[TOP_ALIASES];
	struct fdt_prop prop;

	if (!top->found[TOP_CHOSEN] || !fdt_prop(t, &top->node[TOP_CHOSEN], "stdout-path", &prop))
		return false;
	/* Options such as the baud rate follow a ':' ("serial0:115200n8"). */
	struct span path = prop_text(&prop, ':');
	if (path.len == 0 || path.text[0] != '/') {
		struct token alias;
		if (!top->found[TOP_ALIASES] ||
		    !find_prop(t, aliases->path[aliases->depth], path, &alias))
			return false;
		prop = (struct fdt_prop){alias.value, alias.len};
		path = prop_text(&prop, '\0');
	}
	return find_top_child(t, top, path, node) || fdt_find(t, path.text, path.len, node);
}

/* Copies the node's compatible list, as many whole strings as fit. */
static void copy_compatible(const struct fdt *t, const struct fdt_node *node, struct fdt_info *info)
{
	struct fdt_prop prop;
	uint32_t len = 0;

	if (!fdt_prop(t, node, "compatible", &prop))
		return;
	/* A last string without its NUL is left out, as is one that does not fit. */
	while (len < prop.len) {
		uint32_t n = string_len((const char *)prop.value + len, prop.len - len);
		if (n == prop.len - len || len + n + 1 > sizeof(info->uart_compatible))
			break;
		len += n + 1;
	}
	for (uint32_t i = 0; i < len; i++)
		info->uart_compatible[i] = (char)prop.value[i];
	info->uart_compatible_len = len;
}

static const char *read_uart(const struct fdt *t, const struct top *top, struct fdt_info *info)
{
	struct fdt_node node;
	struct fdt_range reg;
	const char *problem;

	if (!stdout_node(t, top, &node))
		return NULL;
	int err = fdt_reg(t, &node, 0, &reg, &problem);
	if (err == -EINVAL)
		return problem;
	if (err == -ENOENT) {
		info->uart_problem = "its node has no reg";
		return NULL;
	}
	if (err == -EFAULT) {
		info->uart_problem = "its node is not in the CPU's address space";
		return NULL;
	}
	info->uart_base = reg.base;
	copy_compatible(t, &node, info);
	return NULL;
}

static void clear(struct fdt_info *info)
{
	uint8_t *bytes = (uint8_t *)info;

	for (size_t i = 0; i < sizeof(*info); i++)
		bytes[i] = 0;
}

int fdt_read(const void *blob, size_t size, struct fdt_info *info, const char **why)
{
	struct fdt t;
	struct top top = {0};
	const char *problem = NULL;

	clear(info);
	if (open_tree(&t, blob, size, &top, &problem) == 0) {
		if ((problem = read_memory(&t, &top, info)) == NULL &&
		    (problem = read_reserved(&t, &top, info)) == NULL &&
		    (problem = read_windows(&t, &top, info)) == NULL)
			problem = read_uart(&t, &top, info);
	}
	if (problem != NULL) {
		clear(info);
		*why = problem;
		return -EINVAL;
	}
	read_model(&t, info);
	return 0;
}

uint32_t fdt_total_size(const void *blob)
{
	const uint8_t *header = blob;

	return be32(header + HDR_MAGIC) == FDT_MAGIC ? be32(header + HDR_TOTALSIZE) : 0;
}
