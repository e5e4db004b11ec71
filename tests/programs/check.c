/*
 * Check lines for the in-system tests (check.h).
 */
#include <stdio.h>
#include <wren/sys.h>

#include "check.h"

static int checks, failed;

int check(int ok, const char *what)
{
	checks++;
	if (!ok)
		failed++;
	printf("%s: %s\n", ok ? "ok" : "FAIL", what);
	return ok;
}

int check_eq(long got, long expected, const char *what)
{
	if (got == expected)
		return check(1, what);
	checks++;
	failed++;
	printf("FAIL: %s (got %ld, expected %ld)\n", what, got, expected);
	return 0;
}

int check_done(const char *test)
{
	printf("%s: %d checks, %d failed\n", test, checks, failed);
	return failed;
}

struct baseline baseline_take(void)
{
	return (struct baseline){.frames = sys_info(INFO_FREE_FRAMES),
				 .heap = sys_info(INFO_HEAP_BYTES),
				 .procs = sys_info(INFO_PROCS)};
}

void baseline_check(const struct baseline *b)
{
	check_eq(sys_info(INFO_FREE_FRAMES), b->frames, "free frames are back where they started");
	check_eq(sys_info(INFO_HEAP_BYTES), b->heap,
		 "kernel heap bytes are back where they started");
	check_eq(sys_info(INFO_PROCS), b->procs, "process slots are back where they started");
}
