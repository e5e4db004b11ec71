/*
 * test-fuzz: random system calls (fuzzer.c) from FUZZERS unprivileged
 * processes at a time, ROUNDS of them in all, each from its own fixed seed,
 * with an echo-server they may call. Every fuzzer must make all its calls and
 * exit 0: the kernel may refuse a call, never fault or kill its caller. A
 * fuzzer that waits in a receive is woken by a notification from here. At the
 * end the server is killed, and free frames, kernel heap and process slots are
 * where they started; the kernel still runs a child.
 */
#include <stdio.h>
#include <wren/sys.h>

#include "check.h"
#include "fuzz.h"
#include "testprogs.h"

#define FUZZERS 3
#define ROUNDS 4
/* 30 s: a run takes 0.2-3 s on QEMU, more on a host that is busy */
#define DEADLINE_TICKS 3000

/* Starts fuzzer number seed and answers its question; returns its pid. */
static int start(unsigned seed, int server, int stranger, int ended)
{
	struct ipc_msg msg;
	int pid = sys_spawn("fuzzer");
	if (pid < 0)
		return pid;
	while (ipc_recv(&msg, 0) != pid || msg.label != FUZZ_ASK)
		;
	msg.w[FUZZ_SEED] = seed;
	msg.w[FUZZ_SERVER] = (unsigned)server;
	msg.w[FUZZ_STRANGER] = (unsigned)stranger;
	msg.w[FUZZ_ENDED] = (unsigned)ended;
	ipc_reply_recv(pid, &msg, 0); /* back with its news that it started, or older news */
	return pid;
}

int test_fuzz_main(int argc, char **argv)
{
	const struct baseline before = baseline_take();
	int server = sys_spawn("echo-server"), ended = sys_spawn("child");
	sys_wait(ended, 0);
	int pids[FUZZERS] = {0}, deadline = sys_info(INFO_TICKS) + DEADLINE_TICKS;
	unsigned started = 0, finished = 0, clean = 0;
	while (finished < FUZZERS * ROUNDS && sys_info(INFO_TICKS) < deadline) {
		for (int i = 0; i < FUZZERS; i++) {
			if (pids[i] && sys_notify(pids[i], FUZZ_WAKE) == -ESRCH) {
				int status = -1;
				sys_wait(pids[i], &status);
				clean += status == 0;
				finished++;
				ended = pids[i];
				pids[i] = 0;
			}
			if (!pids[i] && started < FUZZERS * ROUNDS)
				pids[i] = start(started++, server, pids[(i + 1) % FUZZERS], ended);
		}
		sys_yield();
	}
	for (int i = 0; i < FUZZERS; i++)
		if (pids[i] > 0) {
			sys_kill(pids[i]);
			sys_wait(pids[i], 0);
		}
	printf("test-fuzz: %u system calls from %u fuzzers, %u at a time\n", clean * FUZZ_CALLS,
	       clean, FUZZERS);
	check_eq(finished, FUZZERS * ROUNDS, "every fuzzer ended before the deadline");
	check_eq(clean, FUZZERS * ROUNDS, "every fuzzer made all its calls and exited 0");
	check_eq(sys_kill(server), 0, "the echo-server is still there");
	sys_wait(server, 0);
	int status = -1, pid = sys_spawn("child");
	sys_wait(pid, &status);
	check_eq(status, 42, "the kernel still runs a child");
	baseline_check(&before);
	return check_done("test-fuzz");
}
