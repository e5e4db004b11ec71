/*
 * Unit tests of the device tree reader: real QEMU trees and hand-written ones must
 * read correctly, and every kind of malformed tree must be refused cleanly.
 *
 * Each blob handed to fdt_read sits in a heap buffer of exactly the size passed,
 * so that AddressSanitizer catches any read past the end.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* cmocka.h needs the headers above first. */
#include <cmocka.h>

#include "fdt.h"
#include "wren/abi.h"

/* Header byte offsets, as in the spec. */
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

#define TOKEN_BEGIN_NODE 1
#define TOKEN_END_NODE 2
#define TOKEN_PROP 3
#define TOKEN_NOP 4
#define TOKEN_END 9

struct blob {
	uint8_t *data;
	size_t size;
};

static uint32_t get_be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void put_be32(uint8_t *p, uint32_t v)
{
	p[0] = v >> 24;
	p[1] = v >> 16;
	p[2] = v >> 8;
	p[3] = v;
}

static uint32_t header(const struct blob *b, size_t field)
{
	return get_be32(b->data + field);
}

static void set_header(struct blob *b, size_t field, uint32_t v)
{
	put_be32(b->data + field, v);
}

/* The word at offset bytes into the structure block. */
static uint8_t *in_struct(const struct blob *b, uint32_t offset)
{
	return b->data + header(b, HDR_OFF_STRUCT) + offset;
}

static struct blob load(const char *name)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/%s", TEST_DATA_DIR, name);
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	long size = ftell(f);
	assert_true(size > 0);
	rewind(f);
	struct blob b = {malloc(size), size};
	assert_non_null(b.data);
	assert_int_equal(fread(b.data, 1, size, f), size);
	fclose(f);
	return b;
}

/* A copy of the first size bytes of b (or of all of them and zeros after). */
static struct blob copy_sized(const struct blob *b, size_t size)
{
	struct blob c = {calloc(1, size ? size : 1), size};
	assert_non_null(c.data);
	memcpy(c.data, b->data, size < b->size ? size : b->size);
	return c;
}

static void release(struct blob *b)
{
	free(b->data);
	b->data = NULL;
}

/* Garbage in info before the call shows that fdt_read really writes every field. */
static void fill_garbage(struct fdt_info *info)
{
	memset(info, 0xa5, sizeof(*info));
}

static void assert_all_zero(const struct fdt_info *info)
{
	const uint8_t *bytes = (const uint8_t *)info;
	for (size_t i = 0; i < sizeof(*info); i++)
		assert_int_equal(bytes[i], 0);
}

static struct fdt_info read_ok(const struct blob *b)
{
	struct fdt_info info;
	const char *why = NULL;
	fill_garbage(&info);
	int result = fdt_read(b->data, b->size, &info, &why);
	if (result != 0)
		fail_msg("refused: %s", why);
	return info;
}

static void assert_refused_as(const struct blob *b, size_t size, const char *expected)
{
	struct fdt_info info;
	const char *why = NULL;
	fill_garbage(&info);
	assert_int_equal(fdt_read(b->data, size, &info, &why), -EINVAL);
	assert_non_null(why);
	assert_string_equal(why, expected);
	assert_all_zero(&info);
}

static void assert_refused(const struct blob *b, const char *expected)
{
	assert_refused_as(b, b->size, expected);
}

/* Offset in the structure block of the BEGIN_NODE token of the node named name. */
static uint32_t find_node_token(const struct blob *b, const char *name)
{
	const uint8_t *structure = in_struct(b, 0);
	uint32_t size = header(b, HDR_SIZE_STRUCT);
	size_t len = strlen(name) + 1;
	for (uint32_t at = 0; at + 4 + len <= size; at += 4)
		if (get_be32(structure + at) == TOKEN_BEGIN_NODE &&
		    memcmp(structure + at + 4, name, len) == 0)
			return at;
	fail_msg("no node %s", name);
	return 0;
}

/* A hand-made tree, for shapes that no real tool would produce. */
struct builder {
	uint8_t structure[4096];
	uint32_t structure_len;
	char strings[512];
	uint32_t strings_len;
	uint64_t reservations[4][2]; /* /memreserve/ entries: address, size */
	uint32_t reservation_count;
};

static void emit_bytes(struct builder *b, const void *bytes, uint32_t len)
{
	assert_true(b->structure_len + len + 3 <= sizeof(b->structure));
	memcpy(b->structure + b->structure_len, bytes, len);
	b->structure_len += len;
	while (b->structure_len % 4 != 0)
		b->structure[b->structure_len++] = 0;
}

static void emit_token(struct builder *b, uint32_t token)
{
	uint8_t word[4];
	put_be32(word, token);
	emit_bytes(b, word, 4);
}

static void begin_node(struct builder *b, const char *name)
{
	emit_token(b, TOKEN_BEGIN_NODE);
	emit_bytes(b, name, strlen(name) + 1);
}

static void end_node(struct builder *b)
{
	emit_token(b, TOKEN_END_NODE);
}

static void prop(struct builder *b, const char *name, const void *value, uint32_t len)
{
	uint32_t name_len = strlen(name) + 1;
	assert_true(b->strings_len + name_len <= sizeof(b->strings));
	emit_token(b, TOKEN_PROP);
	emit_token(b, len);
	emit_token(b, b->strings_len);
	memcpy(b->strings + b->strings_len, name, name_len);
	b->strings_len += name_len;
	emit_bytes(b, value, len);
}

static void prop_u32(struct builder *b, const char *name, uint32_t v)
{
	uint8_t cell[4];
	put_be32(cell, v);
	prop(b, name, cell, 4);
}

static void prop_cells(struct builder *b, const char *name, const uint32_t *cells, uint32_t n)
{
	uint8_t bytes[64];
	assert_true(n * 4 <= sizeof(bytes));
	for (uint32_t i = 0; i < n; i++)
		put_be32(bytes + 4 * i, cells[i]);
	prop(b, name, bytes, n * 4);
}

static void prop_string(struct builder *b, const char *name, const char *s)
{
	prop(b, name, s, strlen(s) + 1);
}

static void put_be64(uint8_t *p, uint64_t v)
{
	put_be32(p, v >> 32);
	put_be32(p + 4, (uint32_t)v);
}

/* Lays the blocks out as dtc does: header, reservation map, struct, strings. */
static struct blob finish(const struct builder *b)
{
	uint32_t off_struct = HDR_SIZE + 16 * (b->reservation_count + 1);
	uint32_t off_strings = off_struct + b->structure_len;
	struct blob out = {calloc(1, off_strings + b->strings_len), off_strings + b->strings_len};
	assert_non_null(out.data);
	set_header(&out, HDR_MAGIC, FDT_MAGIC);
	set_header(&out, HDR_TOTALSIZE, out.size);
	set_header(&out, HDR_OFF_STRUCT, off_struct);
	set_header(&out, HDR_OFF_STRINGS, off_strings);
	set_header(&out, HDR_OFF_RSVMAP, HDR_SIZE);
	set_header(&out, HDR_VERSION, 17);
	set_header(&out, HDR_LAST_COMP_VERSION, 16);
	set_header(&out, HDR_SIZE_STRINGS, b->strings_len);
	set_header(&out, HDR_SIZE_STRUCT, b->structure_len);
	for (uint32_t i = 0; i < b->reservation_count; i++) {
		put_be64(out.data + HDR_SIZE + 16 * i, b->reservations[i][0]);
		put_be64(out.data + HDR_SIZE + 16 * i + 8, b->reservations[i][1]);
	}
	memcpy(out.data + off_struct, b->structure, b->structure_len);
	memcpy(out.data + off_strings, b->strings, b->strings_len);
	return out;
}

/* Root with 1-cell addresses and sizes, a model, memory and a console. */
static void begin_small_root(struct builder *b)
{
	static const uint32_t memory_reg[] = {0x80000000, 0x10000000};
	static const uint32_t uart_reg[] = {0x10009000, 0x1000};

	begin_node(b, "");
	prop_string(b, "model", "small");
	prop_u32(b, "#address-cells", 1);
	prop_u32(b, "#size-cells", 1);
	begin_node(b, "memory@80000000");
	prop_cells(b, "reg", memory_reg, 2);
	end_node(b);
	begin_node(b, "uart@10009000");
	prop_cells(b, "reg", uart_reg, 2);
	end_node(b);
	begin_node(b, "chosen");
	prop_string(b, "stdout-path", "/uart@10009000");
	end_node(b);
}

static struct blob small_tree(void)
{
	struct builder b = {0};
	begin_small_root(&b);
	end_node(&b);
	emit_token(&b, TOKEN_END);
	return finish(&b);
}

static void test_virt_128m(void **state)
{
	(void)state;
	struct blob b = load("virt-128m.dtb");
	struct fdt_info info = read_ok(&b);
	assert_int_equal(info.mem.base, 0x40000000);
	assert_int_equal(info.mem.size, 128u << 20);
	assert_int_equal(info.uart_base, 0x09000000);
	assert_string_equal(info.model, "linux,dummy-virt");
	release(&b);
}

static void test_virt_512m_smp2(void **state)
{
	(void)state;
	struct blob b = load("virt-512m-smp2.dtb");
	struct fdt_info info = read_ok(&b);
	assert_int_equal(info.mem.base, 0x40000000);
	assert_int_equal(info.mem.size, 512u << 20);
	assert_int_equal(info.uart_base, 0x09000000);
	assert_string_equal(info.model, "linux,dummy-virt");
	release(&b);
}

static void test_total_size(void **state)
{
	(void)state;
	struct blob b = load("virt-128m.dtb");
	assert_int_equal(fdt_total_size(b.data), b.size);
	b.data[HDR_MAGIC] ^= 0x01;
	assert_int_equal(fdt_total_size(b.data), 0);
	release(&b);
}

/* Alias stdout-path to a node under a bus whose ranges move it (the Pi's
 * 0x7e201000 on the VideoCore bus is 0x3f201000 to the CPU), 1-cell root. */
static void test_alias_and_compatible(void **state)
{
	(void)state;
	struct blob b = load("board-alias.dtb");
	struct fdt_info info = read_ok(&b);
	assert_int_equal(info.mem.base, 0);
	assert_int_equal(info.mem.size, 0x3c000000);
	assert_int_equal(info.uart_base, 0x3f201000);
	assert_null(info.uart_problem);
	assert_true(fdt_list_has(info.uart_compatible, info.uart_compatible_len, "arm,pl011"));
	assert_true(fdt_list_has(info.uart_compatible, info.uart_compatible_len, "arm,primecell"));
	assert_int_equal(info.window_count, 1);
	assert_int_equal(info.windows[0].base, 0x3f000000);
	assert_int_equal(info.windows[0].size, 0x1000000);
	assert_string_equal(info.model, "acme,board-a");
	release(&b);
}

static void test_nested_path_and_long_model(void **state)
{
	(void)state;
	struct blob b = load("board-nested.dtb");
	struct fdt_info info = read_ok(&b);
	assert_int_equal(info.mem.base, 0x100000000ull);
	assert_int_equal(info.mem.size, 0x80000000ull);
	assert_int_equal(info.uart_base, 0x1c28000);
	assert_int_equal(strlen(info.model), sizeof(info.model) - 1);
	assert_memory_equal(info.model, "Acme Example Board with a Rather Long Model Name",
			    sizeof(info.model) - 1);
	release(&b);
}

static void test_small_tree(void **state)
{
	(void)state;
	struct blob b = small_tree();
	struct fdt_info info = read_ok(&b);
	assert_int_equal(info.mem.base, 0x80000000);
	assert_int_equal(info.mem.size, 0x10000000);
	assert_int_equal(info.uart_base, 0x10009000);
	assert_string_equal(info.model, "small");
	release(&b);
}

/* Decoys in the wrong places must not fill the fields. */
static void test_missing_fields_stay_zero(void **state)
{
	(void)state;
	static const uint32_t reg[] = {0, 0x40000000, 0x1000};
	struct builder builder = {0};
	begin_node(&builder, "");
	begin_node(&builder, "memory");
	begin_node(&builder, "bank");
	prop_cells(&builder, "reg", reg, 3);
	end_node(&builder);
	end_node(&builder);
	begin_node(&builder, "soc");
	prop_string(&builder, "model", "not the root's");
	end_node(&builder);
	begin_node(&builder, "uart@1");
	prop_cells(&builder, "reg", reg, 3);
	end_node(&builder);
	begin_node(&builder, "aliases");
	prop_string(&builder, "serial1", "/uart@1");
	prop_string(&builder, "serial00", "/uart@1");
	end_node(&builder);
	begin_node(&builder, "chosen");
	prop_string(&builder, "stdout-path", "serial0");
	end_node(&builder);
	end_node(&builder);
	emit_token(&builder, TOKEN_END);
	struct blob b = finish(&builder);
	struct fdt_info info = read_ok(&b);
	assert_all_zero(&info);
	release(&b);
}

/* A path component is looked for among its parent's children only. */
static void test_path_stays_inside_parent(void **state)
{
	(void)state;
	static const uint32_t reg[] = {0, 0x10000000};
	struct builder builder = {0};
	begin_node(&builder, "");
	begin_node(&builder, "bus");
	end_node(&builder);
	begin_node(&builder, "uart@1");
	prop_cells(&builder, "reg", reg, 2);
	end_node(&builder);
	begin_node(&builder, "chosen");
	prop_string(&builder, "stdout-path", "/bus/uart@1");
	end_node(&builder);
	end_node(&builder);
	emit_token(&builder, TOKEN_END);
	struct blob b = finish(&builder);
	assert_int_equal(read_ok(&b).uart_base, 0);
	release(&b);
}

/* Padding NOPs, a model without its NUL, and a stdout-path to a missing node. */
static void test_nops_and_unterminated_model(void **state)
{
	(void)state;
	static const uint32_t memory_reg[] = {0, 0x40000000, 0x20000000};
	struct builder builder = {0};
	emit_token(&builder, TOKEN_NOP);
	begin_node(&builder, "");
	emit_token(&builder, TOKEN_NOP);
	prop(&builder, "model", "abc", 3);
	emit_token(&builder, TOKEN_NOP);
	begin_node(&builder, "chosen");
	prop_string(&builder, "stdout-path", "/nowhere");
	end_node(&builder);
	emit_token(&builder, TOKEN_NOP);
	begin_node(&builder, "memory@40000000");
	prop_cells(&builder, "reg", memory_reg, 3);
	end_node(&builder);
	end_node(&builder);
	emit_token(&builder, TOKEN_NOP);
	emit_token(&builder, TOKEN_END);
	struct blob b = finish(&builder);
	struct fdt_info info = read_ok(&b);
	assert_int_equal(info.mem.base, 0x40000000);
	assert_int_equal(info.mem.size, 0x20000000);
	assert_int_equal(info.uart_base, 0);
	assert_string_equal(info.model, "abc");
	release(&b);
}

/* Version 16 has no struct size field; the reader must not rely on it. */
static void test_version_16(void **state)
{
	(void)state;
	struct blob b = load("virt-128m.dtb");
	set_header(&b, HDR_VERSION, 16);
	set_header(&b, HDR_SIZE_STRUCT, 0);
	struct fdt_info info = read_ok(&b);
	assert_int_equal(info.mem.size, 128u << 20);
	assert_int_equal(info.uart_base, 0x09000000);
	release(&b);
}

static void test_trailing_bytes_accepted(void **state)
{
	(void)state;
	struct blob b = load("virt-128m.dtb");
	struct blob bigger = copy_sized(&b, b.size + 100);
	struct fdt_info info = read_ok(&bigger);
	assert_int_equal(info.uart_base, 0x09000000);
	release(&bigger);
	release(&b);
}

static void test_refuses_bad_header(void **state)
{
	(void)state;
	struct blob b = load("virt-128m.dtb");

	b.data[HDR_MAGIC + 3] ^= 0x01;
	assert_refused(&b, "bad magic");
	b.data[HDR_MAGIC + 3] ^= 0x01;

	set_header(&b, HDR_TOTALSIZE, b.size + 1);
	assert_refused(&b, "truncated: totalsize larger than buffer");
	set_header(&b, HDR_TOTALSIZE, HDR_SIZE - 1);
	assert_refused(&b, "totalsize smaller than header");
	set_header(&b, HDR_TOTALSIZE, b.size);

	set_header(&b, HDR_VERSION, 15);
	assert_refused(&b, "version older than 16");
	set_header(&b, HDR_VERSION, 17);
	set_header(&b, HDR_LAST_COMP_VERSION, 18);
	assert_refused(&b, "last compatible version newer than 17");
	release(&b);
}

static void test_refuses_truncated_buffer(void **state)
{
	(void)state;
	struct blob b = load("virt-128m.dtb");
	static const size_t sizes[] = {0, 4, HDR_SIZE - 1};

	struct blob short_by_one = copy_sized(&b, b.size - 1);
	assert_refused(&short_by_one, "truncated: totalsize larger than buffer");
	release(&short_by_one);
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		struct blob tiny = copy_sized(&b, sizes[i]);
		assert_refused(&tiny, "truncated: buffer smaller than header");
		release(&tiny);
	}
	release(&b);
}

static void test_refuses_struct_out_of_range(void **state)
{
	(void)state;
	struct blob b = load("virt-128m.dtb");
	uint32_t off = header(&b, HDR_OFF_STRUCT);
	uint32_t size = header(&b, HDR_SIZE_STRUCT);

	set_header(&b, HDR_OFF_STRUCT, b.size - 4);
	assert_refused(&b, "struct block out of range");
	set_header(&b, HDR_OFF_STRUCT, b.size + 4);
	assert_refused(&b, "struct block out of range");
	/* off + size wraps around to a small number. */
	set_header(&b, HDR_OFF_STRUCT, 0xfffffff0);
	set_header(&b, HDR_SIZE_STRUCT, 0x20);
	assert_refused(&b, "struct block out of range");
	set_header(&b, HDR_OFF_STRUCT, 0);
	set_header(&b, HDR_SIZE_STRUCT, 16);
	assert_refused(&b, "struct block out of range");
	set_header(&b, HDR_OFF_STRUCT, off);
	set_header(&b, HDR_SIZE_STRUCT, b.size - off + 1);
	assert_refused(&b, "struct block out of range");

	set_header(&b, HDR_OFF_STRUCT, off + 2);
	set_header(&b, HDR_SIZE_STRUCT, size - 2);
	assert_refused(&b, "struct block not 4-aligned");
	release(&b);
}

static void test_refuses_strings_out_of_range(void **state)
{
	(void)state;
	struct blob b = load("virt-128m.dtb");
	uint32_t off = header(&b, HDR_OFF_STRINGS);

	set_header(&b, HDR_SIZE_STRINGS, b.size - off + 1);
	assert_refused(&b, "strings block out of range");
	set_header(&b, HDR_OFF_STRINGS, 0xffffffff);
	set_header(&b, HDR_SIZE_STRINGS, 1);
	assert_refused(&b, "strings block out of range");
	set_header(&b, HDR_OFF_STRINGS, b.size + 1);
	set_header(&b, HDR_SIZE_STRINGS, 0);
	assert_refused(&b, "strings block out of range");
	release(&b);
}

/* The first property of the root: its token follows BEGIN_NODE and the empty name. */
#define FIRST_PROP 8

static void test_refuses_bad_property(void **state)
{
	(void)state;
	struct blob b = load("virt-128m.dtb");
	uint8_t *first_prop = in_struct(&b, FIRST_PROP);
	uint32_t len = get_be32(first_prop + 4);
	uint32_t name_offset = get_be32(first_prop + 8);
	assert_int_equal(get_be32(first_prop), TOKEN_PROP);

	put_be32(first_prop + 4, header(&b, HDR_SIZE_STRUCT));
	assert_refused(&b, "property value past end of struct block");
	put_be32(first_prop + 4, 0xffffffff);
	assert_refused(&b, "property value past end of struct block");
	put_be32(first_prop + 4, len);

	put_be32(first_prop + 8, header(&b, HDR_SIZE_STRINGS));
	assert_refused(&b, "property name past end of strings");
	put_be32(first_prop + 8, 0xffffffff);
	assert_refused(&b, "property name past end of strings");
	put_be32(first_prop + 8, name_offset);

	/* Cutting the strings block by one byte leaves its last name unterminated. */
	set_header(&b, HDR_SIZE_STRINGS, header(&b, HDR_SIZE_STRINGS) - 1);
	assert_refused(&b, "property name not terminated");
	release(&b);
}

static void test_refuses_property_header_past_end(void **state)
{
	(void)state;
	struct blob b = load("virt-128m.dtb");
	set_header(&b, HDR_SIZE_STRUCT, FIRST_PROP + 8);
	assert_refused(&b, "property header past end of struct block");
	release(&b);
}

static void test_refuses_unterminated_node_name(void **state)
{
	(void)state;
	struct blob b = load("virt-128m.dtb");
	uint32_t uart = find_node_token(&b, "pl011@9000000");

	set_header(&b, HDR_SIZE_STRUCT, uart + 4 + 5);
	assert_refused(&b, "node name not terminated");
	/* The name ends in the block but its padding does not. */
	set_header(&b, HDR_SIZE_STRUCT, uart + 4 + sizeof("pl011@9000000"));
	assert_refused(&b, "node name past end of struct block");
	release(&b);
}

static void test_refuses_bad_tokens(void **state)
{
	(void)state;
	struct blob b = load("virt-128m.dtb");
	uint8_t *first_prop = in_struct(&b, FIRST_PROP);
	uint8_t *last = in_struct(&b, header(&b, HDR_SIZE_STRUCT) - 4);
	assert_int_equal(get_be32(last), TOKEN_END);

	put_be32(first_prop, 5);
	assert_refused(&b, "unknown token");
	put_be32(first_prop, TOKEN_PROP);

	put_be32(last, TOKEN_NOP);
	assert_refused(&b, "missing END token");
	put_be32(last, TOKEN_END_NODE);
	assert_refused(&b, "END_NODE without BEGIN_NODE");
	put_be32(last, TOKEN_END);
	set_header(&b, HDR_SIZE_STRUCT, header(&b, HDR_SIZE_STRUCT) - 4);
	assert_refused(&b, "missing END token");
	release(&b);
}

/* A chain of nested nodes, depth counting the root. */
static struct blob nested_tree(int depth)
{
	struct builder builder = {0};
	for (int i = 0; i < depth; i++)
		begin_node(&builder, i == 0 ? "" : "n");
	for (int i = 0; i < depth; i++)
		end_node(&builder);
	emit_token(&builder, TOKEN_END);
	return finish(&builder);
}

static void test_depth_limit(void **state)
{
	(void)state;
	struct blob deepest = nested_tree(FDT_MAX_DEPTH);
	struct blob too_deep = nested_tree(FDT_MAX_DEPTH + 1);
	read_ok(&deepest);
	assert_refused(&too_deep, "nesting deeper than 16");
	release(&deepest);
	release(&too_deep);
}

static void test_refuses_bad_shape(void **state)
{
	(void)state;
	struct blob b;
	struct builder builder = {0};

	emit_token(&builder, TOKEN_END);
	b = finish(&builder);
	assert_refused(&b, "no root node");
	release(&b);

	builder = (struct builder){0};
	prop_u32(&builder, "#address-cells", 1);
	begin_node(&builder, "");
	end_node(&builder);
	emit_token(&builder, TOKEN_END);
	b = finish(&builder);
	assert_refused(&b, "property outside any node");
	release(&b);

	builder = (struct builder){0};
	begin_small_root(&builder);
	prop_u32(&builder, "late", 1);
	end_node(&builder);
	emit_token(&builder, TOKEN_END);
	b = finish(&builder);
	assert_refused(&b, "property after a subnode");
	release(&b);

	builder = (struct builder){0};
	begin_small_root(&builder);
	end_node(&builder);
	begin_node(&builder, "");
	end_node(&builder);
	emit_token(&builder, TOKEN_END);
	b = finish(&builder);
	assert_refused(&b, "more than one root node");
	release(&b);

	builder = (struct builder){0};
	begin_small_root(&builder);
	emit_token(&builder, TOKEN_END);
	b = finish(&builder);
	assert_refused(&b, "END token inside a node");
	release(&b);
}

/*
 * A tree with the given cells in the root and in the console's parent. Memory is
 * read before the console, so a refusal there also shows that info is cleared.
 */
static struct blob tree_with_cells(uint32_t root_address, uint32_t root_size, uint32_t bus_address)
{
	static const uint32_t reg[] = {1, 2, 3, 4, 5, 6};
	struct builder builder = {0};
	begin_node(&builder, "");
	prop_u32(&builder, "#address-cells", root_address);
	prop_u32(&builder, "#size-cells", root_size);
	begin_node(&builder, "memory@1");
	prop_cells(&builder, "reg", reg, root_address + root_size);
	end_node(&builder);
	begin_node(&builder, "bus");
	prop_u32(&builder, "#address-cells", bus_address);
	prop(&builder, "ranges", "", 0);
	begin_node(&builder, "uart@1");
	prop_cells(&builder, "reg", reg, bus_address + 1);
	end_node(&builder);
	end_node(&builder);
	begin_node(&builder, "chosen");
	prop_string(&builder, "stdout-path", "/bus/uart@1");
	end_node(&builder);
	end_node(&builder);
	emit_token(&builder, TOKEN_END);
	return finish(&builder);
}

static void test_cells(void **state)
{
	(void)state;
	struct blob b = tree_with_cells(2, 2, 2);
	struct fdt_info info = read_ok(&b);
	assert_int_equal(info.mem.base, 0x100000002ull);
	assert_int_equal(info.mem.size, 0x300000004ull);
	assert_int_equal(info.uart_base, 0x100000002ull);
	release(&b);

	/* A cells property must be exactly one cell. */
	struct builder builder = {0};
	begin_node(&builder, "");
	prop(&builder, "#address-cells", "", 0);
	begin_node(&builder, "memory");
	prop_cells(&builder, "reg", (const uint32_t[]){1, 2, 3}, 3);
	end_node(&builder);
	end_node(&builder);
	emit_token(&builder, TOKEN_END);
	b = finish(&builder);
	assert_refused(&b, "unsupported #address-cells");
	release(&b);

	b = tree_with_cells(3, 1, 1);
	assert_refused(&b, "unsupported #address-cells");
	release(&b);
	b = tree_with_cells(1, 0, 1);
	assert_refused(&b, "unsupported #size-cells");
	release(&b);
	b = tree_with_cells(1, 1, 3);
	assert_refused(&b, "unsupported #address-cells");
	release(&b);
}

static void test_refuses_short_reg(void **state)
{
	(void)state;
	static const uint32_t short_reg[] = {0x40000000};
	struct builder builder = {0};
	begin_node(&builder, "");
	prop_u32(&builder, "#address-cells", 1);
	prop_u32(&builder, "#size-cells", 1);
	begin_node(&builder, "memory@40000000");
	prop_cells(&builder, "reg", short_reg, 1);
	end_node(&builder);
	end_node(&builder);
	emit_token(&builder, TOKEN_END);
	struct blob b = finish(&builder);
	assert_refused(&b, "reg not a whole number of (address, size) pairs");
	release(&b);

	builder = (struct builder){0};
	begin_node(&builder, "");
	begin_node(&builder, "uart@1");
	prop_cells(&builder, "reg", short_reg, 1);
	end_node(&builder);
	begin_node(&builder, "chosen");
	prop_string(&builder, "stdout-path", "/uart@1");
	end_node(&builder);
	end_node(&builder);
	emit_token(&builder, TOKEN_END);
	b = finish(&builder);
	assert_refused(&b, "reg not a whole number of (address, size) pairs");
	release(&b);
}

/*
 * Two buses deep: /soc moves 0x7e000000 to 0x3f000000 (1-cell child, 2-cell
 * root), /soc/bus moves its 0x100 to the soc's 0x7e200000; a node outside the
 * ranges and one under a bus without ranges are not the CPU's.
 */
static struct blob translation_tree(const char *stdout_path)
{
	static const uint32_t soc_ranges[] = {0x7e000000, 0, 0x3f000000, 0x1000000,
					      0x40000000, 0, 0x40000000, 0x1000};
	static const uint32_t bus_ranges[] = {0x100, 0x7e200000, 0x1000};
	static const uint32_t uart_reg[] = {0x140, 0x40};
	static const uint32_t far_reg[] = {0x2000, 0x40};
	static const uint32_t i2c_reg[] = {0x50};
	static const uint32_t memory_reg[] = {0, 0, 0, 0x40000000};
	struct builder builder = {0};
	begin_node(&builder, "");
	prop_u32(&builder, "#address-cells", 2);
	prop_u32(&builder, "#size-cells", 2);
	begin_node(&builder, "chosen");
	prop_string(&builder, "stdout-path", stdout_path);
	end_node(&builder);
	begin_node(&builder, "soc");
	prop_u32(&builder, "#address-cells", 1);
	prop_u32(&builder, "#size-cells", 1);
	prop_cells(&builder, "ranges", soc_ranges, 8);
	begin_node(&builder, "bus@7e200000");
	prop_u32(&builder, "#address-cells", 1);
	prop_u32(&builder, "#size-cells", 1);
	prop_cells(&builder, "ranges", bus_ranges, 3);
	begin_node(&builder, "serial@140");
	prop(&builder, "compatible", "acme,uart\0ns16550a", 19);
	prop_cells(&builder, "reg", uart_reg, 2);
	end_node(&builder);
	begin_node(&builder, "far@2000");
	prop_cells(&builder, "reg", far_reg, 2);
	end_node(&builder);
	end_node(&builder);
	begin_node(&builder, "i2c@7e804000");
	prop_u32(&builder, "#address-cells", 1);
	prop_u32(&builder, "#size-cells", 0);
	begin_node(&builder, "eeprom@50");
	prop_cells(&builder, "reg", i2c_reg, 1);
	end_node(&builder);
	end_node(&builder);
	end_node(&builder);
	begin_node(&builder, "memory@0");
	prop_cells(&builder, "reg", memory_reg, 4);
	end_node(&builder);
	end_node(&builder);
	emit_token(&builder, TOKEN_END);
	return finish(&builder);
}

static void test_translation(void **state)
{
	(void)state;
	struct blob b = translation_tree("/soc/bus@7e200000/serial@140:115200");
	struct fdt_info info = read_ok(&b);
	assert_int_equal(info.uart_base, 0x3f200040);
	assert_null(info.uart_problem);
	assert_int_equal(info.uart_compatible_len, 19);
	assert_true(fdt_list_has(info.uart_compatible, info.uart_compatible_len, "ns16550a"));
	assert_false(fdt_list_has(info.uart_compatible, info.uart_compatible_len, "ns16550"));
	assert_int_equal(info.window_count, 2);
	assert_int_equal(info.windows[0].base, 0x3f000000);
	assert_int_equal(info.windows[1].base, 0x40000000);
	assert_int_equal(info.windows[1].size, 0x1000);
	assert_int_equal(info.mem.size, 0x40000000);

	struct fdt t;
	struct fdt_node node;
	struct fdt_range r;
	const char *why = NULL;
	assert_int_equal(fdt_open(&t, b.data, b.size, &why), 0);
	assert_true(fdt_find(&t, "/soc/bus/far", 12, &node));
	assert_int_equal(fdt_reg(&t, &node, 0, &r, &why), -EFAULT);
	assert_int_equal(fdt_reg(&t, &node, 1, &r, &why), -ENOENT);
	assert_true(fdt_find(&t, "/soc/i2c/eeprom@50", 18, &node));
	assert_int_equal(fdt_reg(&t, &node, 0, &r, &why), -EFAULT);
	assert_true(fdt_find(&t, "/soc/bus", 8, &node));
	assert_int_equal(fdt_reg(&t, &node, 0, &r, &why), -ENOENT);
	assert_true(fdt_find(&t, "/soc/bus/serial", 15, &node));
	assert_true(fdt_compatible(&t, &node, "ns16550a"));
	assert_false(fdt_compatible(&t, &node, "acme"));
	release(&b);

	/* The console not in the CPU's space: no console, the rest of the tree stands. */
	b = translation_tree("/soc/bus@7e200000/far@2000");
	info = read_ok(&b);
	assert_int_equal(info.uart_base, 0);
	assert_string_equal(info.uart_problem, "its node is not in the CPU's address space");
	assert_int_equal(info.mem.size, 0x40000000);
	release(&b);
}

/* fdt_next visits every node once, in the tree's order, with the way to it. */
static void test_walk(void **state)
{
	(void)state;
	static const char *const order[] = {"/",
					    "/chosen",
					    "/soc",
					    "/soc/bus@7e200000",
					    "/soc/bus@7e200000/serial@140",
					    "/soc/bus@7e200000/far@2000",
					    "/soc/i2c@7e804000",
					    "/soc/i2c@7e804000/eeprom@50",
					    "/memory@0"};
	struct blob b = translation_tree("/");
	struct fdt t;
	const char *why = NULL;
	assert_int_equal(fdt_open(&t, b.data, b.size, &why), 0);
	struct fdt_node node = fdt_root(&t);
	size_t n = 0;
	do {
		struct fdt_node expected;
		assert_true(n < sizeof(order) / sizeof(order[0]));
		assert_true(fdt_find(&t, order[n], strlen(order[n]), &expected));
		assert_int_equal(node.depth, expected.depth);
		assert_memory_equal(node.path, expected.path,
				    (node.depth + 1) * sizeof(node.path[0]));
		/* Its name is the path's last component, with the unit address. */
		assert_string_equal(node.name, expected.name);
		assert_string_equal(node.name, strrchr(order[n], '/') + 1);
		n++;
	} while (fdt_next(&t, &node));
	assert_int_equal(n, sizeof(order) / sizeof(order[0]));
	release(&b);
}

/* fdt_next_prop visits each of a node's properties once, in order, as fdt_prop
 * finds them, and none of its children's. */
static void test_props(void **state)
{
	(void)state;
	struct blob b = load("virt-128m.dtb");
	struct fdt t;
	const char *why = NULL;
	assert_int_equal(fdt_open(&t, b.data, b.size, &why), 0);
	struct fdt_node node = fdt_root(&t);
	uint32_t nodes = 0, props = 0;
	do {
		uint32_t at = 0;
		const char *name, *previous = NULL;
		struct fdt_prop prop, found;
		while (fdt_next_prop(&t, &node, &at, &name, &prop)) {
			assert_true(fdt_prop(&t, &node, name, &found));
			assert_ptr_equal(found.value, prop.value);
			assert_int_equal(found.len, prop.len);
			assert_true(previous == NULL || prop.value > (const uint8_t *)previous);
			previous = (const char *)prop.value;
			props++;
		}
		assert_false(
		    fdt_next_prop(&t, &node, &at, &name, &prop)); /* and stays at the end */
		nodes++;
	} while (fdt_next(&t, &node));
	/* The pl031's five, in the tree's order. */
	static const char *const pl031[] = {"clock-names", "clocks", "interrupts", "reg",
					    "compatible"};
	assert_true(fdt_find(&t, "/pl031@9010000", 14, &node));
	uint32_t at = 0, n = 0;
	const char *name;
	struct fdt_prop prop;
	while (fdt_next_prop(&t, &node, &at, &name, &prop))
		assert_string_equal(name, pl031[n++]);
	assert_int_equal(n, 5);
	assert_int_equal(nodes, 56); /* as dtc -O dts counts them */
	assert_int_equal(props, 217);
	release(&b);
}

static void test_reserved_memory(void **state)
{
	(void)state;
	static const uint32_t memory_reg[] = {0, 0x40000000};
	static const uint32_t fb_reg[] = {0x3c000000, 0x400000, 0x3d000000, 0x1000};
	struct builder builder = {0};
	builder.reservations[0][0] = 0;
	builder.reservations[0][1] = 0x1000;
	builder.reservations[1][0] = 0x2eff8000;
	builder.reservations[1][1] = 0x8000;
	builder.reservation_count = 2;
	begin_node(&builder, "");
	prop_u32(&builder, "#address-cells", 1);
	prop_u32(&builder, "#size-cells", 1);
	begin_node(&builder, "reserved-memory");
	prop_u32(&builder, "#address-cells", 1);
	prop_u32(&builder, "#size-cells", 1);
	prop(&builder, "ranges", "", 0);
	begin_node(&builder, "framebuffer@3c000000");
	prop_cells(&builder, "reg", fb_reg, 4);
	end_node(&builder);
	begin_node(&builder, "linux,cma");
	prop_u32(&builder, "size", 0x4000000);
	end_node(&builder);
	end_node(&builder);
	begin_node(&builder, "memory@0");
	prop_cells(&builder, "reg", memory_reg, 2);
	end_node(&builder);
	end_node(&builder);
	emit_token(&builder, TOKEN_END);
	struct blob b = finish(&builder);
	struct fdt_info info = read_ok(&b);
	assert_int_equal(info.reserved_count, 4);
	assert_int_equal(info.reserved[0].base, 0);
	assert_int_equal(info.reserved[0].size, 0x1000);
	assert_int_equal(info.reserved[1].base, 0x2eff8000);
	assert_int_equal(info.reserved[2].base, 0x3c000000);
	assert_int_equal(info.reserved[2].size, 0x400000);
	assert_int_equal(info.reserved[3].base, 0x3d000000);
	assert_int_equal(info.window_count, 0);
	release(&b);
}

static void test_refuses_bad_reservations(void **state)
{
	(void)state;
	struct blob b = load("virt-128m.dtb");
	uint32_t off = header(&b, HDR_OFF_RSVMAP);

	set_header(&b, HDR_OFF_RSVMAP, b.size + 8);
	assert_refused(&b, "memory reservation block out of range");
	set_header(&b, HDR_OFF_RSVMAP, off + 4);
	assert_refused(&b, "memory reservation block out of range");
	set_header(&b, HDR_OFF_RSVMAP, HDR_SIZE - 8);
	assert_refused(&b, "memory reservation block out of range");
	/* No pair of zeros before the end of the tree. */
	set_header(&b, HDR_OFF_RSVMAP, (b.size - 8) & ~7u);
	assert_refused(&b, "memory reservation block not terminated");
	release(&b);

	struct builder builder = {0};
	builder.reservation_count = 4;
	for (int i = 0; i < 4; i++) {
		builder.reservations[i][0] = 0x1000 * (i + 1);
		builder.reservations[i][1] = 0x1000;
	}
	begin_node(&builder, "");
	prop_u32(&builder, "#address-cells", 1);
	prop_u32(&builder, "#size-cells", 1);
	begin_node(&builder, "reserved-memory");
	prop(&builder, "ranges", "", 0);
	prop_u32(&builder, "#address-cells", 1);
	prop_u32(&builder, "#size-cells", 1);
	for (int i = 0; i < 5; i++) {
		const uint32_t reg[] = {0x100000 * (i + 1), 0x1000};
		begin_node(&builder, "r");
		prop_cells(&builder, "reg", reg, 2);
		end_node(&builder);
	}
	end_node(&builder);
	end_node(&builder);
	emit_token(&builder, TOKEN_END);
	b = finish(&builder);
	assert_refused(&b, "more reserved memory ranges than 8");
	release(&b);
}

static void test_refuses_bad_ranges(void **state)
{
	(void)state;
	static const uint32_t ranges[] = {0x7e000000, 0x3f000000};
	struct builder builder = {0};
	begin_node(&builder, "");
	prop_u32(&builder, "#address-cells", 1);
	prop_u32(&builder, "#size-cells", 1);
	begin_node(&builder, "soc");
	prop_u32(&builder, "#address-cells", 1);
	prop_u32(&builder, "#size-cells", 1);
	prop_cells(&builder, "ranges", ranges, 2);
	end_node(&builder);
	end_node(&builder);
	emit_token(&builder, TOKEN_END);
	struct blob b = finish(&builder);
	assert_refused(&b, "ranges not a whole number of entries");
	release(&b);
}

/* Only whole, terminated strings of the console's compatible are kept. */
static void test_compatible_copy(void **state)
{
	(void)state;
	static const uint32_t reg[] = {0x1000, 0x100};
	static const char long_list[] = "acme,a-uart-with-a-name-of-forty-bytes-or-so\0ns16550a\0x";
	struct builder builder = {0};
	begin_node(&builder, "");
	prop_u32(&builder, "#address-cells", 1);
	prop_u32(&builder, "#size-cells", 1);
	begin_node(&builder, "uart@1000");
	prop(&builder, "compatible", long_list, sizeof(long_list) - 1);
	prop_cells(&builder, "reg", reg, 2);
	end_node(&builder);
	begin_node(&builder, "chosen");
	prop_string(&builder, "stdout-path", "/uart@1000");
	end_node(&builder);
	end_node(&builder);
	emit_token(&builder, TOKEN_END);
	struct blob b = finish(&builder);
	struct fdt_info info = read_ok(&b);
	assert_int_equal(info.uart_base, 0x1000);
	/* "x" has no NUL; the first two fit in 64 bytes. */
	assert_int_equal(info.uart_compatible_len, 54);
	assert_true(fdt_list_has(info.uart_compatible, info.uart_compatible_len, "ns16550a"));
	assert_false(fdt_list_has(info.uart_compatible, info.uart_compatible_len, "x"));
	assert_false(fdt_list_has(info.uart_compatible, info.uart_compatible_len, "acme"));
	release(&b);
}

/*
 * Flips every bit, and every whole byte, of the header and the first 512 bytes
 * after it; the sanitizers turn any stray read into a failure.
 */
static void test_byte_flips(void **state)
{
	(void)state;
	struct blob original = load("virt-128m.dtb");
	size_t refused = 0, accepted = 0;

	for (size_t at = 0; at < HDR_SIZE + 512; at++) {
		for (int pattern = 0; pattern <= 8; pattern++) {
			struct blob b = copy_sized(&original, original.size);
			struct fdt_info info;
			const char *why = NULL;
			b.data[at] ^= pattern == 8 ? 0xff : 1u << pattern;
			fill_garbage(&info);
			if (fdt_read(b.data, b.size, &info, &why) == 0) {
				accepted++;
			} else {
				assert_non_null(why);
				assert_all_zero(&info);
				refused++;
			}
			release(&b);
		}
	}
	/* Magic flips must be refused; flips in property values must not. */
	assert_true(refused >= 4 * 9);
	assert_true(accepted > 0);
	release(&original);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_virt_128m),
	    cmocka_unit_test(test_virt_512m_smp2),
	    cmocka_unit_test(test_total_size),
	    cmocka_unit_test(test_alias_and_compatible),
	    cmocka_unit_test(test_nested_path_and_long_model),
	    cmocka_unit_test(test_small_tree),
	    cmocka_unit_test(test_missing_fields_stay_zero),
	    cmocka_unit_test(test_path_stays_inside_parent),
	    cmocka_unit_test(test_nops_and_unterminated_model),
	    cmocka_unit_test(test_version_16),
	    cmocka_unit_test(test_trailing_bytes_accepted),
	    cmocka_unit_test(test_refuses_bad_header),
	    cmocka_unit_test(test_refuses_truncated_buffer),
	    cmocka_unit_test(test_refuses_struct_out_of_range),
	    cmocka_unit_test(test_refuses_strings_out_of_range),
	    cmocka_unit_test(test_refuses_bad_property),
	    cmocka_unit_test(test_refuses_property_header_past_end),
	    cmocka_unit_test(test_refuses_unterminated_node_name),
	    cmocka_unit_test(test_refuses_bad_tokens),
	    cmocka_unit_test(test_depth_limit),
	    cmocka_unit_test(test_refuses_bad_shape),
	    cmocka_unit_test(test_cells),
	    cmocka_unit_test(test_refuses_short_reg),
	    cmocka_unit_test(test_translation),
	    cmocka_unit_test(test_walk),
	    cmocka_unit_test(test_props),
	    cmocka_unit_test(test_reserved_memory),
	    cmocka_unit_test(test_refuses_bad_reservations),
	    cmocka_unit_test(test_refuses_bad_ranges),
	    cmocka_unit_test(test_compatible_copy),
	    cmocka_unit_test(test_byte_flips),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
