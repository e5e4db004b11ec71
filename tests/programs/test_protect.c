/*
 * test-protect: what hostile programs did to get past the kernel's protection,
 * each from a probe that must be killed with the right reason while this
 * process goes on: a stack frame bigger than the whole stack, which must die
 * on the guard page instead of writing the heap below it, whether the heap is
 * mapped or not and whether the code probes its stack or not; NULL pointers,
 * read, written or called, which must fault on page 0; and the performance
 * counters, which only a benchmark run opens to user mode.
 */
#include <wren/sys.h>

#include "check.h"
#include "probe.h"
#include "testprogs.h"

#define PAGE 4096u
#define DIES(reason) (KILLED | (reason))

/* Starts program, has it grow its heap by heap_pages pages, orders access at
 * address and returns its exit status (-1: it could not be started). */
static int run(const char *program, unsigned heap_pages, unsigned address, unsigned access)
{
	struct ipc_msg msg;
	int status = -1;
	int pid = sys_spawn(program);
	if (pid < 0)
		return -1;
	while (ipc_recv(&msg, 0) != pid || msg.label != PROBE_ASK)
		;
	msg.w[0] = address;
	msg.w[1] = access;
	msg.w[2] = heap_pages;
	ipc_reply_recv(pid, &msg, 0); /* returns with the news of its end */
	sys_wait(pid, &status);
	return status;
}

/* frame-probe's heap is 16 pages right under its guard page and 4-page stack:
 * where a 64 KiB frame that jumped the guard would land. */
static void big_frames(void)
{
	check_eq(run("frame-probe", 16, 0, PROBE_FRAME), DIES(KILL_STACK_OVERFLOW),
		 "a 64 KiB frame over a mapped heap dies on the guard page, the heap unwritten");
	check_eq(run("frame-probe", 0, 0, PROBE_FRAME), DIES(KILL_STACK_OVERFLOW),
		 "a 64 KiB frame over an empty heap dies on the guard page");
	check_eq(run("frame-probe", 0, 0, PROBE_FRAME_UNPROBED), DIES(KILL_STACK_OVERFLOW),
		 "an unprobed 64 KiB frame, sp below the guard, is a stack overflow too");
}

/* Page 0 holds the vectors and is the kernel's: every touch of it is a NULL
 * pointer, a field of a NULL struct included. */
static void null_pointers(void)
{
	check_eq(run("probe", 0, 0, PROBE_READ), DIES(KILL_NULL_POINTER),
		 "a NULL read kills the probe");
	check_eq(run("probe", 0, 0, PROBE_WRITE), DIES(KILL_NULL_POINTER),
		 "a NULL write kills the probe");
	check_eq(run("probe", 0, 0, PROBE_CALL), DIES(KILL_NULL_POINTER),
		 "a call through NULL kills the probe");
	check_eq(run("probe", 0, PAGE - 4, PROBE_READ), DIES(KILL_NULL_POINTER),
		 "a read of a NULL struct's field near 4 KiB kills the probe");
}

/* A process that could program the PMU could stop or reset the counters for
 * everyone: outside a benchmark run, every user access is undefined. */
static void counters(void)
{
	check_eq(run("probe", 0, 0, PROBE_PMU_READ), DIES(KILL_UNDEFINED),
		 "a read of the cycle counter kills the probe");
	check_eq(run("probe", 0, 0, PROBE_PMU_WRITE), DIES(KILL_UNDEFINED),
		 "stopping the cycle counter kills the probe");
}

int test_protect_main(int argc, char **argv)
{
	big_frames();
	null_pointers();
	counters();
	int status = -1, pid = sys_spawn("child");
	sys_wait(pid, &status);
	check_eq(status, 42, "after all those deaths the kernel still runs a child");
	return check_done("test-protect");
}
