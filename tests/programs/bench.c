/*
 * bench: the system's costs in retired instructions. Under QEMU -icount
 * shift=0 the PMU cycle counter counts instructions exactly, so every figure is
 * the same on every run and every machine. Like sel4bench, each figure has the
 * cost of its measuring loop subtracted: the same loop with the svc replaced by
 * a nop, so that what remains is the kernel's work and the other side's (a
 * server's loop, a pager's). Printed as a table, one per board; it passes or
 * fails nothing.
 */
#include <stdio.h>
#include <unistd.h>
#include <wren/args.h>
#include <wren/io.h>
#include <wren/sys.h>

#include "echo.h"
#include "testprogs.h"

#define ROUNDS 64
#define PAGE 4096u
#define MAP_PAGES 16 /* pages the map row maps, at the top of bench's heap reserve */
#define CROWD 250    /* processes alive for the rows that must not grow with them */
#define SBRK_PAGES 8 /* the steady state's pages */

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

/* Instructions in `count` ticks of the generic timer: under -icount shift=0 an
 * instruction takes a virtual nanosecond, whatever the counter's frequency. */
static unsigned counter_instructions(unsigned long long count)
{
	unsigned freq;
	__asm__ volatile("mrc p15, 0, %0, c14, c0, 0" : "=r"(freq)); /* CNTFRQ */
	return (unsigned)(count * 1000000000ull / freq);
}

/*
 * The system calls the loops time, each twice: with its svc, and with a nop in
 * its place for the loop's own cost. Both are the same code otherwise, the
 * message marshalled into r1-r6 as libsys's ipc_call does it.
 */
#define NULL_CALL(name, insn)                                                                      \
	static inline __attribute__((always_inline)) int name(void)                                \
	{                                                                                          \
		register int r0 __asm__("r0");                                                     \
		register unsigned r7 __asm__("r7") = SYS_NULL;                                     \
		__asm__ volatile(insn : "=r"(r0) : "r"(r7) : "r1", "r2", "r3", "r12", "memory");   \
		return r0;                                                                         \
	}
NULL_CALL(null_svc, "svc #0")
NULL_CALL(null_nop, "nop")

#define EXCHANGE(name, insn)                                                                       \
	static inline __attribute__((always_inline)) int name(unsigned nr, int peer,               \
							      struct ipc_msg *msg, unsigned word)  \
	{                                                                                          \
		register int r0 __asm__("r0") = peer;                                              \
		register unsigned r1 __asm__("r1") = msg->label;                                   \
		register unsigned r2 __asm__("r2") = msg->w[0];                                    \
		register unsigned r3 __asm__("r3") = msg->w[1];                                    \
		register unsigned r4 __asm__("r4") = msg->w[2];                                    \
		register unsigned r5 __asm__("r5") = msg->w[3];                                    \
		register unsigned r6 __asm__("r6") = word;                                         \
		register unsigned r7 __asm__("r7") = nr;                                           \
		__asm__ volatile(insn                                                              \
				 : "+r"(r0), "+r"(r1), "+r"(r2), "+r"(r3), "+r"(r4), "+r"(r5),     \
				   "+r"(r6)                                                        \
				 : "r"(r7)                                                         \
				 : "r12", "memory");                                               \
		msg->label = r1;                                                                   \
		msg->w[0] = r2;                                                                    \
		msg->w[1] = r3;                                                                    \
		msg->w[2] = r4;                                                                    \
		msg->w[3] = r5;                                                                    \
		msg->len = r6;                                                                     \
		return r0;                                                                         \
	}
EXCHANGE(exchange_svc, "svc #0")
EXCHANGE(exchange_nop, "nop")

/* sys_map, and the same function with a nop: a call of libsys's, as a server makes it. */
__attribute__((noinline)) static int map_nop(int pid, unsigned va, unsigned flags)
{
	register unsigned r0 __asm__("r0") = (unsigned)pid;
	register unsigned r1 __asm__("r1") = va;
	register unsigned r2 __asm__("r2") = flags;
	register unsigned r7 __asm__("r7") = SYS_MAP;
	__asm__ volatile("nop" : "+r"(r0), "+r"(r1), "+r"(r2) : "r"(r7) : "r3", "r12", "memory");
	return (int)r0;
}

/* A child's figures go to its parent as a message: an exit status is a byte. */
static void report2(unsigned a, unsigned b)
{
	struct ipc_msg msg = {.w = {a, b}};
	ipc_send(sys_info(INFO_PARENT), &msg, 0);
}

static void report(unsigned value)
{
	report2(value, 0);
}

/* The figures child pid reports (its message); then the child is collected.
 * Notifications (another child's end) are passed over. */
static struct ipc_msg message_of(int pid)
{
	struct ipc_msg msg = {0};
	int from;
	do
		from = ipc_recv(&msg, 0);
	while (from == 0);
	if (from != pid)
		msg.w[0] = msg.w[1] = 0;
	sys_wait(pid, 0);
	return msg;
}

static unsigned figure_of(int pid)
{
	return message_of(pid).w[0];
}

/* A child of bench in one of bench-child's roles (bench_child_main). */
static int spawn_child(const char *role, int pager)
{
	const char *const args[] = {role, NULL};
	return sys_spawn_args("bench-child", args, pager, 0);
}

static void row(const char *what, unsigned value, const char *goal)
{
	printf("| %-66s | %10u | %8s |\n", what, value, goal);
}

static unsigned null_syscall(void)
{
	unsigned t0 = instructions();
	for (int i = 0; i < ROUNDS; i++)
		null_svc();
	unsigned t1 = instructions();
	for (int i = 0; i < ROUNDS; i++)
		null_nop();
	unsigned t2 = instructions();
	return ((t1 - t0) - (t2 - t1)) / ROUNDS;
}

/* A call to server and its reply, r6 = word (the buffer, or 0). */
static unsigned ipc_round_trip(int server, unsigned word)
{
	struct ipc_msg msg = {.label = ECHO_PING};
	unsigned t0 = instructions();
	for (int i = 0; i < ROUNDS; i++) {
		msg.label = ECHO_PING;
		exchange_svc(SYS_CALL, server, &msg, word);
	}
	unsigned t1 = instructions();
	for (int i = 0; i < ROUNDS; i++) {
		msg.label = ECHO_PING;
		exchange_nop(SYS_CALL, server, &msg, word);
	}
	unsigned t2 = instructions();
	return ((t1 - t0) - (t2 - t1)) / ROUNDS;
}

/* A call with `bytes` long bytes to the echo-server, which sends them back.
 * Each buffer lies in one page, as the kernel's fast path wants (on the stack:
 * a global would sit in every process's .bss_shared). */
static unsigned long_round_trip(int server, unsigned bytes)
{
	unsigned char out[IPC_LONG_MAX] __attribute__((aligned(IPC_LONG_MAX)));
	unsigned char in[IPC_LONG_MAX] __attribute__((aligned(IPC_LONG_MAX)));
	struct ipc_buf buf = {.send = out, .send_len = bytes, .recv = in, .recv_cap = sizeof in};
	struct ipc_msg msg = {.label = ECHO_PING};
	ipc_call(server, &msg, &buf); /* the kernel's first look at the buffers */
	return ipc_round_trip(server, (unsigned)&buf | IPC_BUF_SENDS);
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
 * back its counter (libsys's start-up before main is counted too). */
static unsigned creation(void)
{
	unsigned t0 = instructions();
	int pid = sys_spawn("first-instruction");
	return figure_of(pid) - t0;
}

/* A fresh process's first sbrk of a page, and each of the next SBRK_PAGES: an
 * IPC call to the memory server, which maps a zeroed page. The first also
 * introduces the process to the server. */
static struct ipc_msg heap_pages(void)
{
	return message_of(spawn_child("sbrk", 0));
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

/* A fault delivered to a user-level pager, which answers it without mapping
 * anything: the thread resumes, faults again, and so on. The pager times the
 * rounds and reports; then maps the page so the faulter can end. */
static unsigned fault_round_trip(void)
{
	int pager = spawn_child("pager", 0);
	int faulter = spawn_child("faulter", pager);
	struct ipc_msg msg = {0};
	while (ipc_recv(&msg, 0) != pager)
		; /* notifications */
	sys_wait(faulter, 0);
	sys_kill(pager);
	sys_wait(pager, 0);
	return msg.w[0];
}

/* SYS_MAP of a zeroed page into bench's own heap reserve, as the memory server
 * asks for another process's; each page unmapped again after. */
static unsigned map_page(void)
{
	struct proc_layout l;
	int self = sys_getpid();
	sys_layout(0, &l);
	unsigned base = l.heap_limit - MAP_PAGES * PAGE;
	unsigned t0 = instructions();
	for (unsigned i = 0; i < MAP_PAGES; i++)
		sys_map(self, base + i * PAGE, MAP_WRITE);
	unsigned t1 = instructions();
	for (unsigned i = 0; i < MAP_PAGES; i++)
		map_nop(self, base + i * PAGE, MAP_WRITE);
	unsigned t2 = instructions();
	for (unsigned i = 0; i < MAP_PAGES; i++)
		sys_unmap(self, base + i * PAGE);
	return ((t1 - t0) - (t2 - t1)) / MAP_PAGES;
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
	unsigned offset = instructions() - counter_instructions(now);
	unsigned long long deadline = now + 100;
	__asm__ volatile("mcrr p15, 2, %0, %1, c14" ::"r"((unsigned)deadline),
			 "r"((unsigned)(deadline >> 32)));             /* CNTP_CVAL */
	__asm__ volatile("mcr p15, 0, %0, c14, c2, 1; isb" ::"r"(1u)); /* CNTP_CTL: on */
	ipc_recv(&msg, 0);
	unsigned first = instructions();
	__asm__ volatile("mcr p15, 0, %0, c14, c2, 1; isb" ::"r"(0u));
	sys_irq_ack(irq);
	report(first - counter_instructions(deadline) - offset);
	return 0;
}

/* Page-table bytes of a minimal process (the "table-bytes" program reports its own). */
static unsigned minimal_tables(void)
{
	return figure_of(sys_spawn("table-bytes"));
}

/* Fills the process table up to CROWD live processes, each waiting for a
 * message; returns how many were started into pids. */
static int crowd_in(int *pids)
{
	int n = 0, pid;
	while (sys_info(INFO_PROCS) < CROWD && (pid = spawn_child("sleep", 0)) > 0)
		pids[n++] = pid;
	return n;
}

/* Wakes each of them, which then ends, and collects it. */
static void crowd_out(const int *pids, int n)
{
	struct ipc_msg msg = {0};
	for (int i = 0; i < n; i++) {
		ipc_send(pids[i], &msg, 0);
		sys_wait(pids[i], 0);
	}
}

int bench_main(int argc, char **argv)
{
	unsigned boot = counter_instructions(sys_info(INFO_USER_START));
	const char *const buffered[] = {"buffer", NULL};
	int server = sys_spawn("echo-server"), pinger = sys_spawn("ping-server");
	int named = sys_spawn_args("ping-server", buffered, 0, 0);
	struct ipc_msg warm = {.label = ECHO_PING};
	int crowd[CROWD];
	ipc_call(server, &warm, 0);
	ipc_call(pinger, &warm, 0);
	ipc_call(named, &warm, 0);

	printf("| %-66s | %10s | %8s |\n", "benchmark (retired instructions)", "measured", "goal");
	printf("|%.68s|%.12s|%.10s|\n",
	       "--------------------------------------------------------------------",
	       "------------", "----------");
	row("null system call", null_syscall(), "25");
	row("IPC call + reply, registers, server names no buffer", ipc_round_trip(pinger, 0),
	    "200");
	row("IPC call + reply, registers, server names a receive buffer", ipc_round_trip(named, 0),
	    "220");
	row("IPC call + reply, 40-byte long message", long_round_trip(server, 40), "400");
	row("IPC call + reply, 256-byte long message", long_round_trip(server, 256), "500");
	row("yield to another process", yield_cost(), "100");
	row("fault to a user-level pager, resumed without mapping", fault_round_trip(), "300");
	row("map one zeroed page (privileged server -> kernel)", map_page(), "250");
	row("stack-growth fault through the memory server", stack_page(), "600");
	struct ipc_msg heap = heap_pages();
	row("heap growth through sbrk, a process's first call", heap.w[0], "-");
	row("heap growth per page through sbrk, steady state", heap.w[1], "600");
	row("process creation to its first user instruction", creation(), "2000");
	row("boot to the first user instruction", boot, "100000");
	row("page-table bytes of a minimal process", minimal_tables(), "4224");
	row("open a device: IO server round trip, its page mapped", device_open(), "10000");
	row("interrupt: the device raises it, its driver's first instruction", interrupt_delivery(),
	    "300");
	int crowded = crowd_in(crowd);
	char what[80];
	snprintf(what, sizeof what, "IPC call + reply, registers, %d processes alive",
		 sys_info(INFO_PROCS));
	row(what, ipc_round_trip(pinger, 0), "200");
	snprintf(what, sizeof what, "yield to another process, %d processes alive",
		 sys_info(INFO_PROCS) + 1);
	row(what, yield_cost(), "100");
	crowd_out(crowd, crowded);
	sys_kill(server);
	sys_wait(server, 0);
	sys_kill(pinger);
	sys_wait(pinger, 0);
	sys_kill(named);
	sys_wait(named, 0);
	return 0;
}

/* The partners of the benchmarks above. */

/* Answers every call with the message it came with, in registers only: a
 * server of a protocol without long parts names no buffer. With an argument,
 * it names a receive buffer, as every server of a protocol with long parts
 * does, and answers the same. The message stays in the registers it arrives
 * in, and the sender's pid in r0 is whom the reply goes to: as sel4bench's
 * server, a loop of one call. */
int ping_server_main(int argc, char **argv)
{
	unsigned char in[IPC_LONG_MAX] __attribute__((aligned(IPC_LONG_MAX)));
	struct ipc_buf buf = {.recv = in, .recv_cap = sizeof in};
	struct ipc_buf *named = argc > 1 ? &buf : 0;
	struct ipc_msg msg;
	register int r0 __asm__("r0") = ipc_recv(&msg, named);
	register unsigned r1 __asm__("r1") = msg.label, r2 __asm__("r2") = msg.w[0],
			     r3 __asm__("r3") = msg.w[1], r4 __asm__("r4") = msg.w[2],
			     r5 __asm__("r5") = msg.w[3], r6 __asm__("r6"),
			     r7 __asm__("r7") = SYS_REPLY_RECV, r8 __asm__("r8") = (unsigned)named;
	__asm__ volatile("1:	mov	r6, r8\n\t" /* r6 comes back as the long part's length */
			 "svc	#0\n\t"
			 "b	1b"
			 : "+r"(r0), "+r"(r1), "+r"(r2), "+r"(r3), "+r"(r4), "+r"(r5), "=r"(r6)
			 : "r"(r7), "r"(r8)
			 : "r12", "memory");
	__builtin_unreachable();
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

/* The pager of fault_round_trip: each fault it is sent is answered with label
 * 0, nothing mapped, which resumes the faulter into the same fault. ROUNDS of
 * them are timed, then the same loop with a nop for the call. */
__attribute__((noreturn)) static void pager_role(void)
{
	struct ipc_msg msg;
	int from = ipc_recv(&msg, 0);
	unsigned t0 = instructions();
	for (int i = 0; i < ROUNDS; i++) {
		msg.label = 0;
		from = exchange_svc(SYS_REPLY_RECV, from, &msg, 0);
	}
	unsigned t1 = instructions();
	for (int i = 0; i < ROUNDS; i++) {
		msg.label = 0;
		exchange_nop(SYS_REPLY_RECV, from, &msg, 0);
	}
	unsigned t2 = instructions();
	report(((t1 - t0) - (t2 - t1)) / ROUNDS);
	for (;;) { /* now a pager that maps, until it is killed */
		sys_map(from, msg.w[0] & ~(PAGE - 1), MAP_WRITE);
		msg.label = 0;
		from = exchange_svc(SYS_REPLY_RECV, from, &msg, 0);
	}
}

/* The faulter: a store to its heap reserve, which its pager maps only at the end. */
static int faulter_role(void)
{
	struct proc_layout l;
	sys_layout(0, &l);
	*(volatile unsigned *)l.heap_base = 1;
	return 0;
}

/* sbrk's first call in a fresh process, then the steady state per page. */
static int sbrk_role(void)
{
	unsigned t0 = instructions();
	sbrk(PAGE);
	unsigned t1 = instructions();
	for (int i = 0; i < SBRK_PAGES; i++)
		sbrk(PAGE);
	unsigned t2 = instructions();
	report2(t1 - t0, (t2 - t1) / SBRK_PAGES);
	return 0;
}

/* bench's helper, in the role its argument names: "sleep" waits for one
 * message and ends; "pager", "faulter" and "sbrk" as above. */
int bench_child_main(int argc, char **argv)
{
	const char *role = argc > 1 ? argv[1] : "";
	struct ipc_msg msg;
	switch (role[0]) {
	case 'p': pager_role();
	case 'f': return faulter_role();
	case 's':
		if (role[1] == 'b')
			return sbrk_role();
		ipc_recv(&msg, 0);
		return 0;
	default: return 1;
	}
}
