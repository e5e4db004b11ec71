/*
 * child: ends at once with a known status, for the spawn tests.
 */
#include "testprogs.h"

int child_main(void)
{
	return 42;
}
