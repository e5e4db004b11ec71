/*
 * Ending the run: a clean exit with a status, or a panic.
 */
#ifndef POWER_H
#define POWER_H

/* Ends the run: status 0 is success. Under QEMU -semihosting it becomes QEMU's
 * exit code; otherwise the board powers off (0) or stops (anything else). */
void system_exit(int status) __attribute__((noreturn));

/* For a broken kernel invariant: prints "*** kernel panic: " and the message
 * (by convention starting with the function's name), then system_exit(1). */
void panic(const char *fmt, ...) __attribute__((noreturn));

#endif
