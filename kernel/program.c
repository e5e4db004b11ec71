/*
 * The program tables as the kernel uses them: looking a program up by name, in
 * the system's table (programs.c) and, in the test image only, in the test
 * programs' table after it (compiled once per image for that reason); and the
 * rights the tables' names come to, as masks.
 */
#include "program.h"
#include "kstring.h"
#include "power.h"
#include "wren/abi.h"

#ifdef CONFIG_SELFTEST
#define ALL_PROGRAMS (program_count + test_program_count)
#else
#define ALL_PROGRAMS program_count
#endif

/* The index of program names: a hash table of program_index + 1 (0: empty),
 * open addressing, twice as many slots as programs can be. A spawn looks its
 * program up by name, and a scan of the tables with a compare per entry was
 * most of a spawn's cost. Built at the first look-up. */
#define INDEX_SLOTS (2 * MAX_PROGRAMS)
static uint8_t name_index[INDEX_SLOTS];
/* The length of each slot's name: a look-up compares a name of that length
 * only, with memcmp, not byte by byte for its end as well (a spawn's name was
 * ten instructions a byte). */
static uint32_t name_len[INDEX_SLOTS];
static bool indexed;

/* A hash of the len bytes of name (len > 0) from its length and its first and
 * last bytes: a few instructions, where one of every byte cost a spawn more
 * than the probes it saves (the tables' names differ there: "test-ipc",
 * "test-io"). */
static uint32_t name_hash(const char *name, size_t len)
{
	return (uint8_t)name[0] * 31u + (uint8_t)name[len - 1] * 7u + (uint32_t)len;
}

static void build_index(void)
{
	for (unsigned i = 0; i < ALL_PROGRAMS && i < MAX_PROGRAMS; i++) {
		const char *name = program_at(i)->name;
		size_t len = strlen(name);
		uint32_t slot = name_hash(name, len) % INDEX_SLOTS;
		while (name_index[slot])
			slot = (slot + 1) % INDEX_SLOTS;
		name_index[slot] = (uint8_t)(i + 1);
		name_len[slot] = (uint32_t)len;
	}
	indexed = true;
}

const struct program *program_find(const char *name, size_t len)
{
	if (len == 0)
		return NULL; /* no program has an empty name */
	if (!indexed)
		build_index();
	for (uint32_t slot = name_hash(name, len) % INDEX_SLOTS; name_index[slot];
	     slot = (slot + 1) % INDEX_SLOTS) {
		const struct program *prog = program_at(name_index[slot] - 1u);
		if (name_len[slot] == len && memcmp(prog->name, name, len) == 0)
			return prog; /* the system's table is indexed first: its name wins */
	}
	return NULL;
}

/* Each program's rights, worked out the first time they are needed: boot
 * resolves only the programs it starts. */
static struct program_rights rights[MAX_PROGRAMS];
static bool resolved[MAX_PROGRAMS];

unsigned program_index(const struct program *prog)
{
#ifdef CONFIG_SELFTEST
	if (prog < programs || prog >= programs + program_count)
		return (unsigned)(program_count + (size_t)(prog - test_programs));
#endif
	return (unsigned)(prog - programs);
}

const struct program *program_at(unsigned i)
{
	if (i >= ALL_PROGRAMS)
		return NULL;
#ifdef CONFIG_SELFTEST
	if (i >= program_count)
		return &test_programs[i - program_count];
#endif
	return &programs[i];
}

/* The serves_all programs, as a mask. */
static uint64_t servers(void)
{
	static uint64_t mask;
	static bool known;
	if (!known) {
		for (unsigned i = 0; i < ALL_PROGRAMS; i++)
			if (program_at(i)->serves_all)
				mask |= 1ull << i;
		known = true;
	}
	return mask;
}

/* The mask of the programs names lists; a name in no table is a broken table. */
static uint64_t mask_of(const struct program *prog, const char *const *names)
{
	uint64_t mask = 0;
	for (; names && *names; names++) {
		const struct program *p = program_find(*names, strlen(*names));
		if (!p)
			panic("program_rights: %s names '%s', which is in no table\n", prog->name,
			      *names);
		mask |= 1ull << program_index(p);
	}
	return mask;
}

const struct program_rights *program_rights(const struct program *prog)
{
	unsigned i = program_index(prog);
	if (i >= MAX_PROGRAMS)
		panic("program_rights: %s is past MAX_PROGRAMS\n", prog->name);
	if (!resolved[i]) {
		rights[i] = (struct program_rights){
		    .spawns = mask_of(prog, prog->spawns),
		    .peers = servers() | mask_of(prog, prog->peers),
		};
		resolved[i] = true;
	}
	return &rights[i];
}

/* The bytes of prog's devices list as SYS_PROGRAM copies it: NUL-separated. */
static size_t devices_bytes(const struct program *prog)
{
	size_t n = 0;
	for (const char *const *d = prog->devices; d && *d; d++)
		n += strlen(*d) + 1;
	return n;
}

int program_table_check(void)
{
	if (ALL_PROGRAMS > MAX_PROGRAMS)
		return -E2BIG;
	for (unsigned i = 0; i < ALL_PROGRAMS; i++) {
		program_rights(program_at(i));
		if (devices_bytes(program_at(i)) > PROGRAM_DEVICES_MAX)
			return -E2BIG;
	}
	return 0;
}
