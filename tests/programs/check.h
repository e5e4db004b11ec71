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
/* Prints the summary line and returns the number of failed checks. */
int check_done(const char *test);

#endif
