/*
 * Flattened device tree reader: checks the header and the whole structure block,
 * then looks up the few things the kernel needs (memory, console UART, model).
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
#define HDR_VERSION 20
#define HDR_LAST_COMP_VERSION 24
#define HDR_SIZE_STRINGS 32
#define HDR_SIZE_STRUCT 36
#define HDR_SIZE 40

#define STRINGIFY(x) #x
#define TO_STRING(x) STRINGIFY(x)

/* The two blocks of a header-checked tree; positions below are offsets into structure. */
struct fdt {
	const uint8_t *structure;
	uint32_t structure_size;
	const char *strings;
	uint32_t strings_size;
	uint32_t root; /* where the root node's properties start */
};

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
	if (be32(blob + HDR_LAST_COMP_VERSION) > 17)
		return "last compatible version newer than 17";

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
		uint32_t name_room = t->strings_size - name_offset;
		if (string_len(tok->name, name_room) == name_room)
			return "property name not terminated";
		return NULL;
	}
	case FDT_END_NODE:
	case FDT_NOP:
	case FDT_END: return NULL;
	default: return "unknown token";
	}
}

/*
 * Walks the whole structure block once, so that the lookups afterwards can trust
 * every token. Properties must come before subnodes, as the spec requires, which
 * lets a lookup stop at a node's first child.
 */
static const char *check_structure(struct fdt *t)
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
			if (depth == 0)
				t->root = pos;
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

/* Finds a property of the node whose properties start at node. */
static bool find_prop(const struct fdt *t, uint32_t node, struct span name, struct token *prop)
{
	uint32_t pos = node;

	while (next_token(t, &pos, prop) == NULL) {
		if (prop->type == FDT_PROP && starts_with(prop->name, name) &&
		    prop->name[name.len] == '\0')
			return true;
		if (prop->type != FDT_PROP && prop->type != FDT_NOP)
			return false;
	}
	return false;
}

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

static bool find_child(const struct fdt *t, uint32_t parent, struct span name, uint32_t *child)
{
	uint32_t pos = parent;
	uint32_t depth = 0;
	struct token tok;

	while (next_token(t, &pos, &tok) == NULL) {
		if (tok.type == FDT_BEGIN_NODE) {
			if (depth == 0 && node_name_matches(tok.name, name)) {
				*child = pos;
				return true;
			}
			depth++;
		} else if (tok.type == FDT_END_NODE) {
			if (depth == 0)
				return false;
			depth--;
		}
	}
	return false;
}

/* Finds the node at an absolute path; *parent is needed to read the node's reg. */
static bool find_node(const struct fdt *t, struct span path, uint32_t *parent, uint32_t *node)
{
	uint32_t i = 0;

	*node = t->root;
	*parent = t->root;
	while (i < path.len) {
		if (path.text[i] == '/') {
			i++;
			continue;
		}
		uint32_t start = i;
		while (i < path.len && path.text[i] != '/')
			i++;
		*parent = *node;
		struct span component = {path.text + start, i - start};
		if (!find_child(t, *parent, component, node))
			return false;
	}
	return true;
}

/* A string property's text, ending at its NUL, its end, or the first stop character. */
static struct span prop_text(const struct token *prop, char stop)
{
	struct span s = {(const char *)prop->value, 0};

	while (s.len < prop->len && s.text[s.len] != '\0' && s.text[s.len] != stop)
		s.len++;
	return s;
}

/* #address-cells or #size-cells of a node; 0 stands for a value that is not one cell. */
static uint32_t cells_of(const struct fdt *t, uint32_t node, const char *name, uint32_t fallback)
{
	struct token prop;

	if (!find_prop(t, node, span_of(name), &prop))
		return fallback;
	return prop.len == 4 ? be32(prop.value) : 0;
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

static void read_model(const struct fdt *t, struct fdt_info *info)
{
	struct token prop;

	if (!find_prop(t, t->root, span_of("model"), &prop) &&
	    !find_prop(t, t->root, span_of("compatible"), &prop))
		return;
	struct span model = prop_text(&prop, '\0');
	uint32_t len = model.len < sizeof(info->model) - 1 ? model.len : sizeof(info->model) - 1;
	for (uint32_t i = 0; i < len; i++)
		info->model[i] = model.text[i];
	info->model[len] = '\0';
}

static const char *read_memory(const struct fdt *t, struct fdt_info *info)
{
	uint32_t address_cells = cells_of(t, t->root, "#address-cells", 2);
	uint32_t size_cells = cells_of(t, t->root, "#size-cells", 1);
	uint32_t parent, node;
	struct token reg;

	if (!cells_supported(address_cells))
		return "unsupported #address-cells";
	if (!cells_supported(size_cells))
		return "unsupported #size-cells";
	if (!find_node(t, span_of("/memory"), &parent, &node) ||
	    !find_prop(t, node, span_of("reg"), &reg))
		return NULL;
	if (reg.len < 4 * (address_cells + size_cells))
		return "memory reg shorter than one range";
	info->mem_base = read_cells(reg.value, address_cells);
	info->mem_size = read_cells(reg.value + 4 * address_cells, size_cells);
	return NULL;
}

/* The path /chosen/stdout-path names, resolved through /aliases when it is an alias. */
static bool stdout_path(const struct fdt *t, struct span *path)
{
	uint32_t parent, node;
	struct token prop;

	if (!find_node(t, span_of("/chosen"), &parent, &node) ||
	    !find_prop(t, node, span_of("stdout-path"), &prop))
		return false;
	/* Options such as the baud rate follow a ':' ("serial0:115200n8"). */
	*path = prop_text(&prop, ':');
	if (path->len > 0 && path->text[0] == '/')
		return true;
	if (!find_node(t, span_of("/aliases"), &parent, &node) || !find_prop(t, node, *path, &prop))
		return false;
	*path = prop_text(&prop, '\0');
	return true;
}

/* Takes reg as is: addresses are not translated through the parents' "ranges". */
static const char *read_uart(const struct fdt *t, struct fdt_info *info)
{
	struct span path;
	uint32_t parent, node;
	struct token reg;

	if (!stdout_path(t, &path) || !find_node(t, path, &parent, &node) ||
	    !find_prop(t, node, span_of("reg"), &reg))
		return NULL;
	uint32_t address_cells = cells_of(t, parent, "#address-cells", 2);
	if (!cells_supported(address_cells))
		return "unsupported #address-cells";
	if (reg.len < 4 * address_cells)
		return "stdout node reg shorter than one address";
	info->uart_base = read_cells(reg.value, address_cells);
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
	const char *problem;

	clear(info);
	problem = check_header(blob, size, &t);
	if (problem == NULL)
		problem = check_structure(&t);
	if (problem == NULL)
		problem = read_memory(&t, info);
	if (problem == NULL)
		problem = read_uart(&t, info);
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
