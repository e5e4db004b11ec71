/*
 * The device-tree reader against libfdt (fdt_oracle.c) on every tree of
 * tests/dtb/ and on trees mutated from them, deterministically: bytes and
 * words overwritten, header fields set to edge values, the blob cut short,
 * and, through libfdt's own writer, cells, reg, ranges, stdout-path, names
 * and /memreserve/ set to what a careless or hostile boot loader might give.
 * No tree libfdt refuses may be taken, and every answer must agree.
 */
#include <libfdt.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fdt_oracle.h"

#define MUTANTS 500 /* per tree and kind of mutation */

static const char *const trees[] = {"virt-128m.dtb", "virt-512m-smp2.dtb", "board-alias.dtb",
				    "board-nested.dtb"};

struct blob {
	uint64_t words[8192]; /* 64 KiB, 8-aligned as libfdt wants */
	size_t size;
};

static void load(const char *name, struct blob *b)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", TEST_DATA_DIR, name);
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	b->size = fread(b->words, 1, sizeof b->words, f);
	fclose(f);
	assert_true(b->size > 0 && b->size < sizeof b->words);
}

static unsigned state = 1;

static unsigned next(void)
{
	state ^= state << 13;
	state ^= state >> 17;
	state ^= state << 5;
	return state;
}

static unsigned counts[4];

static void judge(const struct blob *b, const char *what)
{
	const char *why = NULL;
	int verdict = fdt_oracle(b->words, b->size, &why);
	if (verdict < 0)
		fail_msg("%s: %s", what, why);
	counts[verdict]++;
}

static void put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24), p[1] = (uint8_t)(v >> 16), p[2] = (uint8_t)(v >> 8),
	p[3] = (uint8_t)v;
}

static uint32_t edge(uint32_t total)
{
	static const uint32_t values[] = {0,  1,  2,  3,          4,          9,
					  16, 17, 40, 0x7fffffff, 0x80000000, 0xffffffff};
	unsigned r = next() % 16;
	if (r < 12)
		return values[r];
	return r == 12 ? total : r == 13 ? total + 1 : r == 14 ? total - 4 : next();
}

/* Bytes, words and header fields overwritten; the blob cut short. */
static void raw_mutants(const struct blob *seed, const char *name)
{
	static struct blob b;
	char what[96];
	uint32_t total = (uint32_t)seed->size;
	for (int i = 0; i < MUTANTS; i++) {
		b = *seed;
		uint8_t *bytes = (uint8_t *)b.words;
		switch (i % 4) {
		case 0:
			for (unsigned n = 1 + next() % 4; n; n--)
				bytes[next() % b.size] ^= (uint8_t)(1u << next() % 8);
			break;
		case 1: put32(bytes + (next() % (b.size / 4)) * 4, edge(total)); break;
		case 2: put32(bytes + (next() % 10) * 4, edge(total)); break;
		case 3: b.size = next() % b.size; break;
		}
		snprintf(what, sizeof what, "%s, raw mutant %d", name, i);
		judge(&b, what);
	}
}

/* The header's version and last compatible version, in every order. */
static void versions(const struct blob *seed, const char *name)
{
	static struct blob b;
	char what[96];
	for (uint32_t version = 15; version <= 18; version++)
		for (uint32_t last = 15; last <= 18; last++) {
			b = *seed;
			put32((uint8_t *)b.words + 20, version);
			put32((uint8_t *)b.words + 24, last);
			snprintf(what, sizeof what, "%s, version %u, last compatible %u", name,
				 version, last);
			judge(&b, what);
		}
}

/* A random node of the tree in b. */
static int some_node(const struct blob *b)
{
	int count = 0, depth = 0;
	for (int n = 0; n >= 0; n = fdt_next_node(b->words, n, &depth))
		count++;
	int pick = (int)(next() % (unsigned)count), n = 0;
	for (depth = 0; pick--;)
		n = fdt_next_node(b->words, n, &depth);
	return n;
}

/* One cell of 0-4, mostly; sometimes a value of another length. */
static void set_u32(struct blob *b, int node, const char *name)
{
	uint8_t v[8] = {0};
	put32(v, next() % 5);
	fdt_setprop(b->words, node, name, v, next() % 4 ? 4 : (int)(next() % 9));
}

static void set_random(struct blob *b, int node, const char *name)
{
	uint8_t value[64];
	int len = (int)(next() % 8) * 4 + (next() % 4 ? 0 : (int)(next() % 4));
	for (int i = 0; i < len; i++)
		value[i] = next() % 2 ? (uint8_t)next() : 0;
	fdt_setprop(b->words, node, name, value, len);
}

/* A tree libfdt writes itself, with one thing in it set by a careless or
 * hostile hand. */
static void tree_mutants(const struct blob *seed, const char *name)
{
	static const char *const paths[] = {"/soc/serial@7e201000", "serial0", "serial0:115200n8",
					    "/pl011@9000000",       "/",       "",
					    "soc/serial",           "nothing", "/chosen"};
	static struct blob b;
	char what[96];
	for (int i = 0; i < MUTANTS; i++) {
		assert_int_equal(fdt_open_into(seed->words, b.words, (int)sizeof b.words), 0);
		int node = some_node(&b);
		switch (i % 9) {
		case 0: set_u32(&b, node, "#address-cells"); break;
		case 1: set_u32(&b, node, "#size-cells"); break;
		case 2: set_random(&b, node, "reg"); break;
		case 3: set_random(&b, node, "ranges"); break;
		case 4: fdt_delprop(b.words, node, next() % 2 ? "ranges" : "reg"); break;
		case 5: {
			int chosen = fdt_path_offset(b.words, "/chosen");
			const char *p = paths[next() % (sizeof paths / sizeof paths[0])];
			if (chosen >= 0)
				fdt_setprop_string(b.words, chosen, "stdout-path", p);
			int aliases = fdt_path_offset(b.words, "/aliases");
			p = paths[next() %
				  (sizeof paths / sizeof paths[0])]; /* a macro's argument */
			if (aliases >= 0 && next() % 2)
				fdt_setprop_string(b.words, aliases, "serial0", p);
			break;
		}
		case 6: fdt_set_name(b.words, node, next() % 2 ? "memory" : "soc@0"); break;
		case 7: fdt_add_mem_rsv(b.words, next() % 2 ? 0 : next(), next() % 3); break;
		case 8: set_random(&b, node, next() % 2 ? "compatible" : "model"); break;
		}
		fdt_pack(b.words);
		b.size = fdt_totalsize(b.words);
		snprintf(what, sizeof what, "%s, tree mutant %d", name, i);
		judge(&b, what);
	}
}

static void test_trees_agree(void **state_)
{
	(void)state_;
	static struct blob b;
	for (size_t i = 0; i < sizeof trees / sizeof trees[0]; i++) {
		load(trees[i], &b);
		const char *why = NULL;
		int verdict = fdt_oracle(b.words, b.size, &why);
		if (verdict != FDT_READ)
			fail_msg("%s: %s", trees[i], why ? why : "not read");
	}
}

static void test_mutants_agree(void **state_)
{
	(void)state_;
	static struct blob seed;
	for (size_t i = 0; i < sizeof trees / sizeof trees[0]; i++) {
		load(trees[i], &seed);
		versions(&seed, trees[i]);
		raw_mutants(&seed, trees[i]);
		tree_mutants(&seed, trees[i]);
	}
	print_message("%u trees: %u read, %u opened but refused, %u refused by both, "
		      "%u refused by ours alone\n",
		      counts[0] + counts[1] + counts[2] + counts[3], counts[FDT_READ],
		      counts[FDT_OPENED], counts[FDT_REFUSED_BY_BOTH], counts[FDT_REFUSED_BY_OURS]);
	/* Each kind of outcome happens, or the mutants test less than they seem to. */
	for (int v = 0; v < 4; v++)
		assert_true(counts[v] > 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_trees_agree),
	    cmocka_unit_test(test_mutants_agree),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
