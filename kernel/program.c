/*
 * Looking up a built-in program by name in the program table (programs.c).
 */
#include "program.h"
#include "kstring.h"

const struct program *program_find(const char *name, size_t len)
{
	for (size_t i = 0; i < program_count; i++)
		if (strlen(programs[i].name) == len && memcmp(programs[i].name, name, len) == 0)
			return &programs[i];
	return NULL;
}
