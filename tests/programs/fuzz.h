/*
 * The protocol between test-fuzz and its fuzzers: a fuzzer asks (a call with
 * label FUZZ_ASK) and is told its seed and the pids it aims at; it then makes
 * FUZZ_CALLS random system calls and exits 0. test-fuzz wakes any fuzzer that
 * waits in a receive with the notification bit FUZZ_WAKE.
 */
#ifndef FUZZ_H
#define FUZZ_H

#define FUZZ_ASK 1
#define FUZZ_CALLS 5000
#define FUZZ_WAKE 1u

/* The answer to FUZZ_ASK. */
#define FUZZ_SEED 0     /* w[0] */
#define FUZZ_SERVER 1   /* w[1]: an echo-server it may call */
#define FUZZ_STRANGER 2 /* w[2]: a sibling it may not reach */
#define FUZZ_ENDED 3    /* w[3]: a pid whose process has ended */

#endif
