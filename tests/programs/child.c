/*
 * child: ends at once with a known status, for the spawn tests: 42 without
 * arguments; with them, 100 + argc when argv[0] is its name and argv[1] to
 * argv[argc - 1] are "a0", "a1", ... (the arguments test-spawn passes), else 1.
 */
#include <stdio.h>
#include <string.h>

#include "testprogs.h"

int child_main(int argc, char **argv)
{
	if (argc == 1)
		return strcmp(argv[0], "child") == 0 && argv[1] == NULL ? 42 : 1;
	for (int i = 1; i < argc; i++) {
		char want[16];
		snprintf(want, sizeof want, "a%d", i - 1);
		if (strcmp(argv[i], want) != 0)
			return 1;
	}
	return strcmp(argv[0], "child") == 0 && argv[argc] == NULL ? 100 + argc : 1;
}
