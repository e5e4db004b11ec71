/*
 * Check lines for the in-system tests (check.h).
 */
#include <stdio.h>

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
