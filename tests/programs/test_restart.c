/*
 * The supervisor (servers/super/) restarting what is killed, each test a run
 * of its own with a supervisor it starts: the memory server killed three
 * times while a program grows its heap and its stack (the third time by the
 * program itself, its next stack page's fault waiting for the next server),
 * which ends with every byte it wrote and the frames it took given back; the IO server killed, its
 * drivers keeping their devices and a new driver opening one; a driver
 * killed, restarted and answering its client's next request; a server
 * that crashes at its start, given up after its table's limit; and, under
 * -icount, the instructions from a server's death to its successor's first
 * answer.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wren/io.h>
#include <wren/sys.h>

#include "apps.h"
#include "check.h"
#include "testprogs.h"

#define PAGE 4096
#define STEPS 12     /* the grower's: a heap page and a deeper recursion each */
#define FRAME 1500   /* bytes of stack per level of its recursion */
#define LABEL_STEP 1 /* grower to its parent: w[0] the step done */
#define SELF_KILL 9  /* the grower's step that kills the memory server itself */
#define LABEL_PING 1 /* to restart-driver: reply w[0] 0, w[1] its pid, w[2] a register */
#define LABEL_HOLD 2 /* to restart-driver: never answered */

/* The devices restart-driver may have; one is on every board. */
static const char *const window_devices[] = {"arm,pl031", "brcm,bcm2835-gpio",
					     "allwinner,sun8i-h3-rtc"};
#define WINDOW_DEVICES (sizeof window_devices / sizeof *window_devices)

static int pager(void)
{
	return sys_info(INFO_PAGER);
}

static int io_server(void)
{
	return sys_info(INFO_IO_SERVER);
}

/* The slot's process of program name: its info, or -ENOENT if none runs. */
static int find_proc(const char *name, struct proc_info *out)
{
	for (unsigned slot = 0;; slot++) {
		int err = sys_proc_info(slot, out);
		if (err == -EINVAL)
			return -ENOENT;
		if (err == 0 && out->state != PROC_INFO_ZOMBIE && !strcmp(out->name, name))
			return 0;
	}
}

/* The memory server's parent. */
static int mem_parent(void)
{
	struct proc_info mem;
	return find_proc("mem", &mem) == 0 ? mem.parent : 0;
}

/* Starts a supervisor of args and lets it settle: it has mapped its stack and
 * adopted the servers when the memory server is its child. */
static int start_supervisor(const char *const *args)
{
	int pid = sys_spawn_args("test-supervisor", args, 0, 0);
	check(pid > 0, "a supervisor starts");
	check_eq(server_await(mem_parent, 0), pid, "it has adopted the memory server");
	return pid;
}

/* Kills the memory server and waits for the supervisor's next one. */
static void kill_mem(int round)
{
	int old = pager();
	check_eq(sys_kill(old), 0, "kill the memory server");
	int now = server_await(pager, old);
	check(now > 0 && now != old,
	      round == 1 ? "a new memory server takes over" : "and again, under load");
}

int test_restart_mem_main(int argc, char **argv)
{
	struct proc_info mem;
	start_supervisor(NULL);
	struct baseline b = baseline_take();
	int grower = sys_spawn("restart-helper"), status = -1, round = 0;
	struct ipc_msg msg;
	for (;;) {
		int from = ipc_recv(&msg, 0);
		if (from == 0 && (msg.w[0] & NOTIFY_CHILD_EXIT))
			break;
		if (from == grower && msg.label == LABEL_STEP && msg.w[0] % 3 == 1 && round < 2)
			kill_mem(++round);
	}
	check_eq(sys_wait(grower, &status), grower, "the grower ends");
	check_eq(status, 0, "with every byte of its heap and stack as it wrote them");
	check(find_proc("mem", &mem) == 0 && mem.restarts == 3,
	      "the grower killed it too, with its stack growing: ps counts 3 restarts of mem");
	baseline_check(&b);
	return check_done("test-restart-mem");
}

/* Level depth of the grower's recursion: a frame filled with a pattern of
 * depth and seed, checked after the levels below; how many bytes differ. */
static int recurse(int depth, unsigned seed)
{
	volatile unsigned char frame[FRAME];
	int bad = 0;
	for (int i = 0; i < FRAME; i++)
		frame[i] = (unsigned char)(seed + depth * 7 + i);
	if (depth > 0)
		bad = recurse(depth - 1, seed);
	for (int i = 0; i < FRAME; i++)
		bad += frame[i] != (unsigned char)(seed + depth * 7 + i);
	return bad;
}

/* restart-helper: a deeper recursion and a heap page a step, each reported to
 * its parent; at step SELF_KILL it kills the memory server itself, and its
 * stack's next page faults before the supervisor has started another (they
 * run at one priority: the kill does not hand it the CPU), so the fault waits
 * for the next one. Then every heap page is checked. Its status: 0, or 1 if
 * a byte differs, 2 if sbrk failed. */
static int grow(void)
{
	unsigned char *pages[STEPS];
	int bad = 0, parent = sys_info(INFO_PARENT);
	for (int step = 0; step < STEPS; step++) {
		struct ipc_msg msg = {.label = LABEL_STEP, .w = {(unsigned)step}};
		if (step == SELF_KILL)
			sys_kill(pager());
		/* then deeper than ever: pages of the stack reserve not yet mapped */
		bad += recurse(step == SELF_KILL ? STEPS : step, (unsigned)step);
		pages[step] = sbrk(PAGE);
		if (pages[step] == (void *)-1)
			return 2;
		for (int i = 0; i < PAGE; i++)
			pages[step][i] = (unsigned char)(step * 13 + i);
		ipc_send(parent, &msg, 0);
	}
	for (int step = 0; step < STEPS; step++)
		for (int i = 0; i < PAGE; i++)
			bad += pages[step][i] != (unsigned char)(step * 13 + i);
	return bad ? 1 : 0;
}

/* The pid that holds the first window device there is, if any. */
static int window_holder(void)
{
	for (unsigned i = 0; i < WINDOW_DEVICES; i++) {
		int holder = dev_holder(window_devices[i]);
		if (holder != -ENOENT)
			return holder > 0 && holder != IO_HOLDER_KERNEL ? holder : 0;
	}
	return 0;
}

/* The window device driver holds, by its compatible, or NULL. */
static const char *held_by(int driver)
{
	for (unsigned i = 0; i < WINDOW_DEVICES; i++)
		if (dev_holder(window_devices[i]) == driver)
			return window_devices[i];
	return NULL;
}

/* Waits for a driver other than gone to hold one of window_devices: its
 * device, or NULL. */
static const char *await_driver(int *driver, int gone)
{
	*driver = server_await(window_holder, gone);
	return *driver > 0 ? held_by(*driver) : NULL;
}

static int ping(int driver, unsigned *reg)
{
	struct ipc_msg msg = {.label = LABEL_PING};
	int err = ipc_call(driver, &msg, 0);
	*reg = msg.w[2];
	return err ? err : (int)msg.w[1];
}

static int timer_holder(void)
{
	int holder = dev_holder("arm,armv7-timer");
	return holder > 0 ? holder : 0;
}

/* Whether a new driver gets the timer; it is ended again. */
static int timer_opened(void)
{
	static const char *const args[] = {"arm,armv7-timer", NULL};
	int pid = sys_spawn_args("restart-driver", args, 0, 0);
	int holder = server_await(timer_holder, 0);
	sys_kill(pid);
	sys_wait(pid, 0);
	return pid > 0 && holder == pid;
}

int test_restart_io_main(int argc, char **argv)
{
	int driver = 0, status = -1;
	unsigned before = 0, after = 0;
	start_supervisor(NULL);
	sys_spawn("restart-driver");
	const char *device = await_driver(&driver, 0);
	check(device != NULL, "a driver holds its device");
	check_eq(ping(driver, &before), driver, "and answers");
	int old = io_server();
	check_eq(sys_kill(old), 0, "kill the IO server");
	int now = server_await(io_server, old);
	check(now > 0 && now != old, "a new IO server takes over");
	check(device && dev_holder(device) == driver, "it knows the driver holds its device");
	check_eq(ping(driver, &after), driver, "the driver answers, its registers still mapped");
	check(timer_opened(), "a new driver opens a device");
	int second = sys_spawn("restart-driver");
	sys_wait(second, &status);
	check_eq(status, EBUSY, "and is refused the one the first driver holds (EBUSY)");
	sys_kill(driver);
	sys_wait(driver, 0);
	check(device && dev_holder(device) == 0, "a driver that ends gives its device back");
	return check_done("test-restart-io");
}

int test_restart_driver_main(int argc, char **argv)
{
	static const char *const args[] = {"restart-driver", NULL};
	int driver = 0;
	unsigned reg = 0;
	struct proc_info info;
	start_supervisor(args);
	const char *device = await_driver(&driver, 0);
	check(device != NULL, "the supervisor's driver holds its device");
	check_eq(ping(driver, &reg), driver, "and answers");
	char pid[12];
	snprintf(pid, sizeof pid, "%d", driver);
	const char *const call[] = {"call", pid, NULL};
	int client = sys_spawn_args("restart-helper", call, 0, 0);
	/* Its one wait for a reply is its call to the driver, which holds it:
	 * the kill comes once it is there, however the turns fall. */
	while (find_proc("restart-helper", &info) || info.state != PROC_INFO_REPLY)
		sys_yield();
	check_eq(sys_kill(driver), 0, "kill the driver while its client waits for an answer");
	struct ipc_msg report;
	while (ipc_recv(&report, 0) != client)
		;
	int next = 0;
	const char *again = await_driver(&next, driver);
	check(next > 0 && next != driver && again == device,
	      "the supervisor restarts it and it takes its device again");
	check_eq((int)report.w[0], -EPIPE, "the client's call in flight returned -EPIPE");
	check_eq((int)report.w[1], next, "its next request is answered by the new driver");
	sys_wait(client, 0);
	check(find_proc("restart-driver", &info) == 0 && info.restarts == 1,
	      "ps counts its restart");
	return check_done("test-restart-driver");
}

/* Whether a crasher runs. */
static int crasher_runs(void)
{
	struct proc_info info;
	return find_proc("crasher", &info) == 0;
}

int test_restart_crash_main(int argc, char **argv)
{
	static const char *const args[] = {"crasher", NULL};
	int hz = sys_info(INFO_TICK_HZ), start;
	start_supervisor(args);
	/* Given up: no crasher has run for a second. */
	for (start = sys_info(INFO_TICKS); sys_info(INFO_TICKS) - start < hz;)
		if (crasher_runs())
			start = sys_info(INFO_TICKS);
		else
			sys_yield();
	check(!crasher_runs(), "a server that crashes at its start is given up");
	return check_done("test-restart-crash");
}

static inline unsigned instructions(void)
{
	unsigned v;
	__asm__ volatile("isb; mrc p15, 0, %0, c9, c13, 0" : "=r"(v)); /* PMCCNTR */
	return v;
}

/* restart-bench: from the kill of the memory server to its successor's
 * answer to an sbrk, and of a driver to its successor's answer to a ping:
 * the supervisor's collecting, its log line, the start of the new instance
 * and its rebuild, all counted (under -icount shift=0 the cycle counter
 * counts instructions, every process's). */
int restart_bench_main(int argc, char **argv)
{
	static const char *const args[] = {"restart-driver", NULL};
	int driver = 0;
	unsigned reg;
	start_supervisor(args);
	await_driver(&driver, 0);
	sbrk(0);
	unsigned t0 = instructions();
	sys_kill(pager());
	sbrk(0);
	unsigned t1 = instructions();
	sys_kill(driver);
	int next = 0;
	await_driver(&next, driver);
	ping(next, &reg);
	unsigned t2 = instructions();
	/* Rows of the bench's table (bench.c), which has no goal for them. */
	printf("| %-66s | %10u | %8s |\n", "memory server killed to its successor's first answer",
	       t1 - t0, "-");
	printf("| %-66s | %10u | %8s |\n", "driver killed to its successor's first answer", t2 - t1,
	       "-");
	return check_done("restart-bench");
}

/* crasher: a server that dies at once, of a NULL pointer (argc - 1 is 0). */
int crasher_main(int argc, char **argv)
{
	return *(volatile int *)(uintptr_t)(argc - 1);
}

/* restart-driver: opens the device its argument names, or the first window
 * device there is, and answers pings with a register of it (0 for one
 * without registers); a device it cannot have is its exit status. */
int restart_driver_main(int argc, char **argv)
{
	struct io_open o;
	int err = argc > 1 ? dev_open(argv[1], 0, 0, &o) : -ENOENT;
	for (unsigned i = 0; argc == 1 && err == -ENOENT && i < WINDOW_DEVICES; i++)
		err = dev_open(window_devices[i], 0, 0, &o);
	if (err)
		return -err;
	struct ipc_msg msg;
	int from = ipc_recv(&msg, 0);
	for (;;) {
		if (from <= 0 || msg.label == LABEL_HOLD) {
			from = ipc_recv(&msg, 0);
			continue;
		}
		unsigned reg = o.reg_count ? dev_read32(&o.reg[0], 0) : 0;
		msg = (struct ipc_msg){.w = {0, (unsigned)sys_getpid(), reg}};
		from = ipc_reply_recv(from, &msg, 0);
	}
}

/* restart-helper call PID: calls the driver PID with a request it never
 * answers, and when the call returns, asks the driver that holds the device
 * next. Reports to its parent: w[0] the first call's result, w[1] who
 * answered the next. */
static int call_driver(const char *pid)
{
	int driver = atoi(pid);
	unsigned reg;
	struct ipc_msg msg = {.label = LABEL_HOLD};
	int first = ipc_call(driver, &msg, 0), next = 0;
	await_driver(&next, driver);
	msg = (struct ipc_msg){.w = {(unsigned)first, (unsigned)ping(next, &reg)}};
	ipc_send(sys_info(INFO_PARENT), &msg, 0);
	return 0;
}

/* restart-helper: the grower (no arguments) or the driver's client ("call PID"). */
int restart_helper_main(int argc, char **argv)
{
	return argc > 2 && !strcmp(argv[1], "call") ? call_driver(argv[2]) : grow();
}

/* test-supervisor: the system's supervisor (servers/super/), of the programs its
 * arguments name, in a test's run. */
int supervisor_main(int argc, char **argv)
{
	return supervise((const char *const *)argv + 1, (unsigned)argc - 1);
}
