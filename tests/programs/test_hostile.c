/*
 * test-hostile: the escapes of issue 10 ("Protection"), each tried by a
 * hostile program that must be refused with the exact error or killed with
 * the right reason, while the rest of the system goes on: spawning what a
 * table entry does not allow, mapping into strangers, forged kernel labels
 * and bits, exit statuses dressed as kills, a child that outranks its parent
 * (and one of equal priority that holds on to the CPU); and every kind of bad
 * argument and privileged instruction (intruder.c). test-protect has the
 * guard page, NULL and the performance counters as faults. At the end, free
 * frames, kernel heap and process slots are where they started.
 */
#include <wren/sys.h>

#include "check.h"
#include "hostile.h"
#include "testprogs.h"

#define DIES(reason) (KILLED | (reason))
/* kernel/sched.h's QUANTUM (2 ticks), with a tick either way for where the
 * measurement starts and ends; the system test runs this under -icount, where
 * a tick is a number of instructions, never the host's load. */
#define TURN_TICKS 4

/* Takes every notification pending (so that the next ones are news). */
static void drain(void)
{
	struct ipc_msg msg;
	sys_notify(sys_getpid(), HOSTILE_SELF_BIT);
	while (ipc_recv(&msg, 0) != 0 || !(msg.w[0] & HOSTILE_SELF_BIT))
		;
}

/* Starts name (paged by pager, 0: this process's pager) and takes its first
 * question: it then waits for the answer. Returns its pid. */
static int start(const char *name, int pager)
{
	struct ipc_msg msg;
	int pid = sys_spawn_paged(name, pager);
	if (pid < 0)
		return pid;
	while (ipc_recv(&msg, 0) != pid || msg.label != HOSTILE_ASK)
		;
	return pid;
}

/* Answers pid's question with command and its arguments, and returns its
 * exit status once it has ended (by itself, or killed by the kernel). */
static int order(int pid, unsigned command, unsigned a, unsigned b)
{
	struct ipc_msg msg = {.w = {command, a, b}};
	int status = -1;
	ipc_reply_recv(pid, &msg, 0); /* returns with news of its end, or older news */
	sys_wait(pid, &status);
	return status;
}

/* Kills pid, a child, and returns its exit status. */
static int end(int pid)
{
	int status = -1;
	sys_kill(pid);
	sys_wait(pid, &status);
	return status;
}

static int ran(const char *name, unsigned command, unsigned a, unsigned b)
{
	return order(start(name, 0), command, a, b);
}

/* A pid whose process has ended and been collected. */
static int ended_pid(void)
{
	int pid = sys_spawn("child");
	sys_wait(pid, 0);
	return pid;
}

/* The intruder's bad arguments, with a live stranger (a sibling it may not
 * reach) and an ended pid. Its attempts to forge a notification or a fault
 * message would reach this process first, before its last call. */
static void bad_inputs(int stranger)
{
	static const char answer[] = "answered";
	struct ipc_buf buf = {.send = answer, .send_len = 8};
	struct ipc_msg msg = {.w = {INTRUDE_BAD_INPUTS, (unsigned)stranger, 0}};
	int status = -1;
	msg.w[2] = (unsigned)ended_pid();
	int pid = start("intruder", 0);
	drain();
	int from = ipc_reply_recv(pid, &msg, 0);
	check(from == pid && msg.label == HOSTILE_ASK,
	      "after the intruder's attempts, its own call is the first news here");
	msg.label = 0;
	ipc_reply_recv(from, &msg, &buf);
	sys_wait(pid, &status);
	check_eq(status, 0, "the intruder's checks of bad arguments all passed");
}

/* Replies with the kernel's labels are refused and the caller keeps waiting
 * for the real one. */
static void forged_replies(void)
{
	struct ipc_msg msg = {.w = {INTRUDE_FORGE}};
	int pid = start("intruder", 0);
	drain();
	ipc_reply_recv(pid, &msg, 0);
	while (msg.label != IPC_LABEL_NOTIFY || !(msg.w[0] & HOSTILE_READY_BIT))
		ipc_recv(&msg, 0);
	msg = (struct ipc_msg){.label = 5};
	check_eq(ipc_call(pid, &msg, 0), 0, "call the intruder, which forges its replies");
	check_eq(msg.label, 7, "the reply that arrives is its real one");
	check_eq((int)msg.w[0], -EINVAL, "its reply as a notification was refused");
	check_eq((int)msg.w[1], -EINVAL, "its reply as a fault message was refused");
	check_eq(end(pid), DIES(KILL_BY_REQUEST), "and it is killed");
}

/* A program's own exit status is a byte: it never reads as a kill. */
static void exit_statuses(void)
{
	static const struct {
		unsigned status;
		int seen;
		const char *what;
	} cases[] = {
	    {KILLED | KILL_STACK_OVERFLOW, KILL_STACK_OVERFLOW,
	     "an exit with KILLED | KILL_STACK_OVERFLOW is status 2, no kill"},
	    {KILLED | KILL_BY_REQUEST, KILL_BY_REQUEST,
	     "an exit with KILLED | KILL_BY_REQUEST is status 1, no kill"},
	    {0xffffffffu, 255, "an exit with -1 is status 255"},
	    {0x100, 0, "an exit with 256 is status 0"},
	};
	for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++)
		check_eq(ran("imitator", INTRUDE_EXIT_AS, cases[i].status, 0), cases[i].seen,
			 cases[i].what);
}

/* Answers pid's question with command and its arguments, waits for its
 * notification that it is about to compute forever, and returns the ticks
 * that passed meanwhile: the turn the pid had. */
static int turn_of(int pid, unsigned command, unsigned a)
{
	struct ipc_msg msg = {.w = {command, a}};
	drain();
	int t0 = sys_info(INFO_TICKS);
	ipc_reply_recv(pid, &msg, 0);
	while (msg.label != IPC_LABEL_NOTIFY || !(msg.w[0] & HOSTILE_READY_BIT))
		ipc_recv(&msg, 0);
	return sys_info(INFO_TICKS) - t0;
}

/* hog's table priority outranks this process's: it runs at this process's
 * priority instead, first, and for one turn. */
static void priorities(void)
{
	drain();
	unsigned t0 = (unsigned)sys_info(INFO_TICKS);
	int hog = sys_spawn("hog");
	int turn = sys_info(INFO_TICKS) - (int)t0;
	struct ipc_msg msg;
	sys_notify(sys_getpid(), HOSTILE_SELF_BIT);
	ipc_recv(&msg, 0);
	check(hog > 0 && (msg.w[0] & HOSTILE_READY_BIT),
	      "a child of its parent's priority runs first: the hog was already spinning");
	check(turn <= TURN_TICKS, "the hog's table priority is above its parent's, but its parent "
				  "has the CPU back within a turn");
	check_eq(end(hog), DIES(KILL_BY_REQUEST), "and kills it");
}

/* The instructions only the kernel may run: each undefined one kills the
 * intruder; those user mode ignores leave it running, and preemptible. */
static void instructions(void)
{
	static const struct {
		unsigned insn;
		int status;
		const char *what;
	} kills[] = {
	    {INSN_SCTLR_READ, DIES(KILL_UNDEFINED), "a read of SCTLR kills the intruder"},
	    {INSN_SCTLR_WRITE, DIES(KILL_UNDEFINED), "turning the MMU off kills the intruder"},
	    {INSN_TTBR0_WRITE, DIES(KILL_UNDEFINED), "a TTBR0 of its own kills the intruder"},
	    {INSN_VBAR_WRITE, DIES(KILL_UNDEFINED), "vectors of its own kill the intruder"},
	    {INSN_TLBIALL, DIES(KILL_UNDEFINED), "a TLB flush kills the intruder"},
	    {INSN_TPIDRURO, DIES(KILL_UNDEFINED), "setting its thread pointer kills the intruder"},
	    {INSN_PMCR_WRITE, DIES(KILL_UNDEFINED), "resetting the counters kills the intruder"},
	    {INSN_SMC, DIES(KILL_UNDEFINED), "smc kills the intruder"},
	    {INSN_HVC, DIES(KILL_UNDEFINED), "hvc kills the intruder"},
	    {INSN_HLT, DIES(KILL_UNDEFINED), "semihosting's hlt kills the intruder"},
	    {INSN_BKPT, DIES(KILL_BREAKPOINT), "a breakpoint kills the intruder"},
	    {INSN_MSR_SVC, DIES(KILL_UNDEFINED),
	     "msr to SVC mode changes nothing: its next mrc of SCTLR kills the intruder"},
	    {INSN_CPS_SVC, DIES(KILL_UNDEFINED),
	     "cps to SVC mode changes nothing: its next mrc of SCTLR kills the intruder"},
	    {INSN_LDRD_ODD, DIES(KILL_ALIGNMENT), "an ldrd from an odd address kills the intruder"},
	};
	for (unsigned i = 0; i < sizeof kills / sizeof kills[0]; i++)
		check_eq(ran("intruder", INTRUDE_INSN, kills[i].insn, 0), kills[i].status,
			 kills[i].what);

	/* The intruder tells this process, then computes (or waits) forever at
	 * its priority: this process has the CPU back within a turn. */
	int pid = start("intruder", 0);
	check(turn_of(pid, INTRUDE_INSN, INSN_CPSID_SPIN) <= TURN_TICKS,
	      "cpsid if masks nothing in user mode: the intruder computing after it is preempted");
	check_eq(end(pid), DIES(KILL_BY_REQUEST), "and killed");
	pid = start("intruder", 0);
	check(turn_of(pid, INTRUDE_INSN, INSN_WFI_LOOP) <= TURN_TICKS,
	      "wfi in user mode only waits: the intruder looping on it is preempted");
	check_eq(end(pid), DIES(KILL_BY_REQUEST), "and killed");
}

/* A pid that has ended is nobody's, whether its process is still to be
 * collected or not, and whoever lives in its slot now is someone else. */
static void ended_pids(void)
{
	struct proc_layout l;
	struct ipc_msg msg;
	int zombie = sys_spawn("child"), status = -1;
	drain();
	while (ipc_recv(&msg, 0) != 0 || !(msg.w[0] & NOTIFY_CHILD_EXIT))
		; /* child is below this process's priority: it runs now, and ends */
	check_eq(sys_kill(zombie), -ESRCH, "kill a child that has ended, not yet collected");
	check_eq(sys_notify(zombie, 1), -ESRCH, "notify it");
	msg.label = 0;
	check_eq(ipc_call(zombie, &msg, 0), -ESRCH, "call it");
	check_eq(sys_layout(zombie, &l), -ESRCH, "ask for its layout");
	check_eq(sys_wait(zombie, &status), zombie, "but collect it");
	check_eq(status, 42, "with its status");
	check_eq(sys_wait(zombie, 0), -ECHILD, "once");

	int old = ended_pid(), now = start("intruder", 0);
	check(now > 0 && now != old, "the next process has a pid of its own");
	check_eq(sys_kill(old), -ESRCH, "kill the ended one's pid");
	check_eq(sys_notify(old, 1), -ESRCH, "notify it");
	check_eq(ipc_send(old, &msg, 0), -ESRCH, "send to it");
	check_eq(sys_layout(old, &l), -ESRCH, "ask for its layout");
	check_eq(sys_layout(now, &l), 0, "the new process is there");
	check_eq(end(now), DIES(KILL_BY_REQUEST), "until it is killed");
}

/* spawner and mapper stretch the one right they have, a stranger at hand. */
static void rights(int stranger)
{
	check_eq(ran("spawner", SPAWNER_RIGHTS, (unsigned)stranger, 0), 0,
		 "the spawner's checks all passed");
	int mapper = start("mapper", 0);
	int paged = start("intruder", mapper);
	check_eq(order(mapper, MAPPER_RIGHTS, (unsigned)stranger, (unsigned)paged), 0,
		 "the mapper's checks all passed");
	check_eq(end(paged), DIES(KILL_BY_REQUEST), "the process it paged is killed");
}

/* Every frame of the stack this process will use, mapped now, so that its own
 * growth does not count against the baseline. */
static unsigned grow_stack(void)
{
	volatile unsigned char frames[3 * 4096];
	frames[0] = 0;
	return frames[0];
}

int test_hostile_main(int argc, char **argv)
{
	grow_stack();
	const struct baseline before = baseline_take();
	int stranger = start("intruder", 0);
	bad_inputs(stranger);
	rights(stranger);
	check_eq(end(stranger), DIES(KILL_BY_REQUEST), "the stranger is killed");
	forged_replies();
	exit_statuses();
	priorities();
	instructions();
	ended_pids();
	int status = -1, pid = sys_spawn("child");
	sys_wait(pid, &status);
	check_eq(status, 42, "after all that the kernel still runs a child");
	baseline_check(&before);
	return check_done("test-hostile");
}
