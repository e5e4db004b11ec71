/*
 * bench: the system's costs in retired instructions. Under QEMU -icount
 * shift=0 the PMU cycle counter counts instructions exactly, so every figure is
 * the same on every run and every machine. Like sel4bench, each figure has the
 * cost of its measuring loop subtracted: the same loop with the svc replaced by
 * a nop. Printed as a table; it passes or fails nothing.
 */
#include <stdio.h>
#include <unistd.h>
#include <wren/io.h>
#include <wren/sys.h>

#include "echo.h"
#include "testprogs.h"

#define ROUNDS 64
#define PAGE 4096u

static inline unsigned instructions(void)
{
	unsigned v;
	__asm__ volatile("isb; mrc p15, 0, %0, c9, c13, 0" : "=r"(v)); /* PMCCNTR */
	return v;
}

static inline unsigned long long virtual_counter(void)
{
	unsigned lo, hi;
	__asm__ volatile("isb; mrrc p15, 1, %0, %1, c14" : "=r"(lo), "=r"(hi)); /* CNTVCT */
	return (unsigned long long)hi << 32 | lo;
}

/* sys_null without its svc: what the loop around a system call costs. */
__attribute__((noinline)) static int null_stub(void)
{
	register int r0 __asm__("r0");
	register unsigned r7 __asm__("r7") = SYS_NULL;
	__asm__ volatile("nop" : "=r"(r0) : "r"(r7) : "r1", "r2", "r3", "r12", "memory");
	return r0;
}

/* A child's figure goes to its parent as a message: an exit status is a byte. */
static void report(unsigned value)
{
	struct ipc_msg msg = {.w = {value}};
	ipc_send(sys_info(INFO_PARENT), &msg, 0);
}

/* The figure child pid reports; then the child is collected. Notifications
 * (another child's end) are passed over. */
static unsigned figure_of(int pid)
{
	struct ipc_msg msg;
	int from;
	do
		from = ipc_recv(&msg, 0);
	while (from == 0);
	sys_wait(pid, 0);
	return from == pid ? msg.w[0] : 0;
}

static void row(const char *what, unsigned value, const char *goal)
{
	printf("| %-62s | %10u | %8s |\n", what, value, goal);
}

static unsigned null_syscall(void)
{
	unsigned t0 = instructions();
	for (int i = 0; i < ROUNDS; i++)
		sys_null();
	unsigned t1 = instructions();
	for (int i = 0; i < ROUNDS; i++)
		null_stub();
	unsigned t2 = instructions();
	return ((t1 - t0) - (t2 - t1)) / ROUNDS;
}

/* ipc_call to the echo-server with a message of `bytes` long bytes, minus the
 * same loop calling a stub. */
static unsigned ipc_round_trip(int server, unsigned bytes)
{
	unsigned char out[IPC_LONG_MAX], in[IPC_LONG_MAX];
	struct ipc_buf buf = {.send = out, .send_len = bytes, .recv = in, .recv_cap = sizeof in};
	struct ipc_msg msg = {.label = ECHO_PING};
	unsigned t0 = instructions();
	for (int i = 0; i < ROUNDS; i++) {
		msg.label = ECHO_PING;
		ipc_call(server, &msg, bytes ? &buf : 0);
	}
	unsigned t1 = instructions();
	for (int i = 0; i < ROUNDS; i++) {
		msg.label = ECHO_PING;
		null_stub();
	}
	unsigned t2 = instructions();
	return ((t1 - t0) - (t2 - t1)) / ROUNDS;
}

/* Yields to an equal-priority process that yields straight back: two yields a round. */
static unsigned yield_cost(void)
{
	int other = sys_spawn("yielder");
	sys_yield();
	unsigned t0 = instructions();
	for (int i = 0; i < ROUNDS; i++)
		sys_yield();
	unsigned t1 = instructions();
	sys_kill(other);
	sys_wait(other, 0);
	return (t1 - t0) / (2 * ROUNDS);
}

/* From the spawn call to the child's first instructions of main, which hands
 * back its counter as its exit status. */
static unsigned creation(void)
{
	unsigned t0 = instructions();
	int pid = sys_spawn("first-instruction");
	return figure_of(pid) - t0;
}

/* sbrk of one page at a time: an IPC call to the memory server, which maps a
 * zeroed page. */
static unsigned heap_page(void)
{
	unsigned t0 = instructions();
	for (int i = 0; i < 8; i++)
		sbrk(PAGE);
	unsigned t1 = instructions();
	sbrk(-8 * (int)PAGE);
	return (t1 - t0) / 8;
}

/* A child that touches 8 new stack pages and hands back the cost of each (after
 * a first one: the server's one-time look-up of a new process is not counted). */
static unsigned stack_page(void)
{
	return figure_of(sys_spawn("stack-bench"));
}

int stack_bench_main(int argc, char **argv)
{
	volatile unsigned char *sp = (volatile unsigned char *)__builtin_frame_address(0);
	sp[-(int)PAGE] = 1; /* the first fault also introduces this process to the server */
	unsigned t0 = instructions();
	for (unsigned i = 2; i <= 9; i++)
		sp[-(int)(i * PAGE)] = 1; /* each store faults: the memory server maps the page */
	unsigned t1 = instructions();
	report((t1 - t0) / 8);
	return 0;
}

/* The least of 8 figures that children of program report, one each: the
 * least, so that a tick that falls into one of them is not counted. */
static unsigned least_of(const char *program)
{
	unsigned least = ~0u;
	for (int i = 0; i < 8; i++) {
		unsigned figure = figure_of(sys_spawn(program));
		least = figure < least ? figure : least;
	}
	return least;
}

/* A device of the board with registers, for a driver to open: one is in
 * every board's tree. */
static const char *const bench_devices[] = {"arm,pl031", "brcm,bcm2835-gpio",
					    "allwinner,sun8i-h3-rtc"};

/* From the call to the IO server to its answer: a new driver's first open,
 * which checks its table entry, maps the device's page into its window and
 * binds its interrupt. Each opener is a new process, which ends and so gives
 * the device back for the next. */
static unsigned device_open(void)
{
	return least_of("opener");
}

int opener_main(int argc, char **argv)
{
	struct io_open o;
	int err = -ENOENT;
	unsigned t0 = 0, t1 = 0;
	for (unsigned i = 0; err == -ENOENT && i < sizeof bench_devices / sizeof *bench_devices;
	     i++) {
		t0 = instructions();
		err = dev_open(bench_devices[i], 0, 0, &o);
		t1 = instructions();
	}
	report(err ? 0 : t1 - t0);
	return 0;
}

/* From the moment the generic timer's physical channel raises its interrupt
 * to the first instruction of its driver, which waited for it (the CPU idle
 * meanwhile). Under -icount the interrupt is raised at the virtual nanosecond
 * CNTP_CVAL * 16 (62.5 MHz), and the cycle counter counts virtual nanoseconds
 * too: the driver learns their offset at an edge of the counter, and so when
 * the interrupt was raised. (User mode reads the virtual count; CNTVOFF is 0,
 * so it is the physical one.) */
static unsigned interrupt_delivery(void)
{
	return least_of("irq-bench");
}

int irq_bench_main(int argc, char **argv)
{
	struct io_open o;
	struct ipc_msg msg;
	int irq = IO_IRQ_NONE;
	if (dev_open("arm,armv7-timer", 0, 0, &o) == 0)
		for (unsigned i = 0; i < o.irq_count; i++)
			irq = o.irq[i] != IO_IRQ_NONE ? o.irq[i] : irq;
	if (irq == IO_IRQ_NONE) {
		report(0);
		return 0;
	}
	unsigned long long edge = virtual_counter(), now;
	while ((now = virtual_counter()) == edge)
		;
	unsigned offset = instructions() - (unsigned)(now * 16);
	unsigned long long deadline = now + 100;
	__asm__ volatile("mcrr p15, 2, %0, %1, c14" ::"r"((unsigned)deadline),
			 "r"((unsigned)(deadline >> 32)));             /* CNTP_CVAL */
	__asm__ volatile("mcr p15, 0, %0, c14, c2, 1; isb" ::"r"(1u)); /* CNTP_CTL: on */
	ipc_recv(&msg, 0);
	unsigned first = instructions();
	__asm__ volatile("mcr p15, 0, %0, c14, c2, 1; isb" ::"r"(0u));
	sys_irq_ack(irq);
	report(first - (unsigned)(deadline * 16) - offset);
	return 0;
}

/* Page-table bytes of a minimal process (the "table-bytes" program reports its own). */
static unsigned minimal_tables(void)
{
	return figure_of(sys_spawn("table-bytes"));
}

int bench_main(int argc, char **argv)
{
	/* CNTVCT runs at 62.5 MHz against QEMU -icount shift=0's 1 ns per instruction
	 * (sleep=off keeps host time out of the clock). */
	unsigned boot = (unsigned)(virtual_counter() * 16);
	int server = sys_spawn("echo-server"), pinger = sys_spawn("ping-server");
	struct ipc_msg warm = {.label = ECHO_PING};
	ipc_call(server, &warm, 0);
	ipc_call(pinger, &warm, 0);

	printf("| %-62s | %10s | %8s |\n", "benchmark (retired instructions)", "measured", "goal");
	printf("|%.64s|%.12s|%.10s|\n",
	       "----------------------------------------------------------------", "------------",
	       "----------");
	row("null system call", null_syscall(), "40");
	row("IPC call + reply, register message", ipc_round_trip(pinger, 0), "300");
	row("IPC call + reply, 10-word (40-byte) long message", ipc_round_trip(server, 40), "600");
	row("yield to another process", yield_cost(), "200");
	row("process creation to its first user instruction", creation(), "20000");
	row("boot to the first user instruction (bench's main)", boot, "1000000");
	row("stack-growth fault: fault, server maps a zeroed page, resume", stack_page(), "1500");
	row("heap growth per page through sbrk", heap_page(), "1500");
	row("page-table bytes of a minimal process", minimal_tables(), "4608");
	row("open a device: IO server round trip, its page mapped", device_open(), "10000");
	row("interrupt: the device raises it, its driver's first instruction", interrupt_delivery(),
	    "300");
	sys_kill(server);
	sys_wait(server, 0);
	sys_kill(pinger);
	sys_wait(pinger, 0);
	return 0;
}

/* The partners of the benchmarks above. */

/* Answers every call with the message it came with, in registers only: a
 * server of a protocol without long parts names no buffer. */
int ping_server_main(int argc, char **argv)
{
	struct ipc_msg msg;
	int from = ipc_recv(&msg, 0);
	for (;;)
		from = ipc_reply_recv(from, &msg, 0);
}
int yielder_main(int argc, char **argv)
{
	for (;;)
		sys_yield();
}

int first_main(int argc, char **argv)
{
	report(instructions());
	return 0;
}

int table_bytes_main(int argc, char **argv)
{
	report((unsigned)sys_info(INFO_TABLE_BYTES));
	return 0;
}
