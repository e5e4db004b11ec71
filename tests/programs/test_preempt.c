/*
 * test-preempt: two processes that compute and never yield, at the same
 * priority, both make progress: the timer preempts them in turn.
 */
#include <stdio.h>
#include <wren/sys.h>

#include "check.h"
#include "testprogs.h"

int test_preempt_main(int argc, char **argv)
{
	int a = sys_spawn("reporter"), b = sys_spawn("reporter");
	unsigned from_a = 0, from_b = 0;
	check(a > 0 && b > 0, "start two busy processes");
	for (int i = 0; i < 400 && (from_a < 5 || from_b < 5); i++) {
		struct ipc_msg msg;
		int from = ipc_recv(&msg, 0);
		from_a += from == a;
		from_b += from == b;
	}
	printf("progress reports: %u from pid %d, %u from pid %d\n", from_a, a, from_b, b);
	check(from_a >= 5, "the first made progress");
	check(from_b >= 5, "the second made progress");
	sys_kill(a);
	sys_kill(b);
	check_eq(sys_wait(a, 0), a, "collect the first");
	check_eq(sys_wait(b, 0), b, "collect the second");
	return check_done("test-preempt");
}
