/*
 * The in-system tests' way of checking: each check prints one line, and the
 * test's exit status is the number that failed, so the kernel's test image
 * turns it into QEMU's exit status.
 */
#ifndef CHECK_H
#define CHECK_H

/* Prints "ok: what" or "FAIL: what (got, expected)"; returns ok. */
int check(int ok, const char *what);
int check_eq(long got, long expected, const char *what);
/* What a test that makes and ends processes must give back: free frames,
 * kernel heap bytes and process slots as at its start. */
struct baseline {
	int frames, heap, procs;
};
struct baseline baseline_take(void);
/* Three checks: each count is back where b had it. */
void baseline_check(const struct baseline *b);

/* Prints the summary line and returns the number of failed checks. */
int check_done(const char *test);

#endif
