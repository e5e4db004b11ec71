/*
 * echo: prints its arguments, separated by spaces: what the shell typed
 * reaches main as argv.
 */
#include <stdio.h>

#include "apps.h"

int echo_main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		printf("%s%s", argv[i], i + 1 < argc ? " " : "");
	printf("\n");
	return 0;
}
