/*
 * Looking up a built-in program by name: in the system's table (programs.c)
 * and, in the test image only, in the test programs' table after it. Compiled
 * once per image for that reason.
 */
#include "program.h"
#include "kstring.h"

/* name is at least one byte long: its first byte turns most entries down before
 * strlen has to read them. */
static const struct program *find_in(const struct program *table, size_t count, const char *name,
				     size_t len)
{
	for (size_t i = 0; i < count; i++)
		if (table[i].name[0] == name[0] && strlen(table[i].name) == len &&
		    memcmp(table[i].name, name, len) == 0)
			return &table[i];
	return NULL;
}

const struct program *program_find(const char *name, size_t len)
{
	if (len == 0)
		return NULL; /* no program has an empty name */
	const struct program *prog = find_in(programs, program_count, name, len);
#ifdef CONFIG_SELFTEST
	if (!prog)
		prog = find_in(test_programs, test_program_count, name, len);
#endif
	return prog;
}
