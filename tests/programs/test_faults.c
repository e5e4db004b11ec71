/*
 * test-faults: the seed's permission table probed from user mode, one probe
 * process per region and access: each allowed access must succeed and each
 * forbidden one must kill its probe with the right reason. Then page faults in
 * the reserves served by a pager (this process), refused, and left waiting on
 * a pager that ends; and the kernel still serving after all those deaths.
 */
#include <stdio.h>
#include <wren/sys.h>

#include "check.h"
#include "probe.h"
#include "testprogs.h"

#define PAGE 4096u
#define SELF (-1) /* run_probe's pager: this process */

extern char __rodata_end[], __shared_orig_start[], __kstack_bottom[], __kheap_start[];
static const char rodata_word[] = "seed";

static void returns(void)
{
}

/* Where a probe is sent: a place in its own layout, or a fixed address. */
struct target {
	const char *region;
	unsigned (*address)(const struct proc_layout *l, unsigned fixed);
	unsigned fixed;
};

static unsigned fixed(const struct proc_layout *l, unsigned at)
{
	(void)l;
	return at;
}
static unsigned heap(const struct proc_layout *l, unsigned at)
{
	(void)at;
	return l->heap_base;
}
static unsigned heap_reserve(const struct proc_layout *l, unsigned at)
{
	(void)at;
	return l->heap_base + PAGE;
}
static unsigned guard(const struct proc_layout *l, unsigned at)
{
	(void)at;
	return l->guard;
}
static unsigned stack_reserve(const struct proc_layout *l, unsigned at)
{
	(void)at;
	return l->stack_limit;
}
static unsigned stack(const struct proc_layout *l, unsigned at)
{
	(void)at;
	return l->stack_start;
}
static unsigned shared(const struct proc_layout *l, unsigned at)
{
	(void)at;
	return l->shared_start & ~3u;
}
static unsigned unused(const struct proc_layout *l, unsigned at)
{
	(void)at;
	return l->heap_base - 16 * PAGE;
}

/* Runs one probe: starts it (with this process as pager if pager is SELF), has
 * its first heap page mapped (by mapping it, as its pager; else by the probe's
 * own sbrk from the memory server), orders the access, serves its page faults
 * by mapping (serve) or refusing, and returns its exit status. */
static int run_probe(int pager, const struct target *t, unsigned access, int serve)
{
	struct proc_layout l;
	struct ipc_msg msg;
	int status = -1;
	int pid = pager == SELF ? sys_spawn_paged("probe", sys_getpid()) : sys_spawn("probe");
	if (pid < 0 || sys_layout(pid, &l) != 0 ||
	    (pager == SELF && sys_map(pid, l.heap_base, MAP_WRITE) != 0))
		return -1;
	while (ipc_recv(&msg, 0) != pid || msg.label != PROBE_ASK)
		;
	msg.w[0] = t->address(&l, t->fixed);
	msg.w[1] = access;
	msg.w[2] = pager != SELF; /* grow your heap by a page first */
	int from = ipc_reply_recv(pid, &msg, 0);
	for (;;) {
		if (from == pid && msg.label == IPC_LABEL_FAULT) {
			unsigned page = msg.w[0] & ~(PAGE - 1);
			msg.label = serve && sys_map(pid, page, MAP_WRITE) == 0 ? 0 : 1;
			from = ipc_reply_recv(pid, &msg, 0);
		} else if (from == 0 && (msg.w[0] & NOTIFY_CHILD_EXIT)) {
			sys_wait(pid, &status);
			return status;
		} else {
			from = ipc_recv(&msg, 0);
		}
	}
}

#define OK 0
#define DIES(reason) (KILLED | (reason))

static const struct {
	struct target where;
	unsigned access;
	int expect;
} table[] = {
    {{".text", fixed, (unsigned)returns}, PROBE_READ, OK},
    {{".text", fixed, (unsigned)returns}, PROBE_WRITE, DIES(KILL_PERMISSION)},
    {{".text", fixed, (unsigned)returns}, PROBE_EXEC, OK},
    {{".rodata", fixed, (unsigned)rodata_word}, PROBE_READ, OK},
    {{".rodata", fixed, (unsigned)rodata_word}, PROBE_WRITE, DIES(KILL_PERMISSION)},
    {{".rodata", fixed, (unsigned)rodata_word}, PROBE_EXEC, DIES(KILL_PERMISSION)},
    {{".data/.bss (kernel)", fixed, (unsigned)__rodata_end}, PROBE_READ, DIES(KILL_KERNEL_MEMORY)},
    {{".data/.bss (kernel)", fixed, (unsigned)__rodata_end}, PROBE_WRITE, DIES(KILL_KERNEL_MEMORY)},
    {{".data/.bss (kernel)", fixed, (unsigned)__rodata_end}, PROBE_EXEC, DIES(KILL_KERNEL_MEMORY)},
    {{"original .data_shared", fixed, (unsigned)__shared_orig_start},
     PROBE_READ,
     DIES(KILL_KERNEL_MEMORY)},
    {{"original .data_shared", fixed, (unsigned)__shared_orig_start},
     PROBE_WRITE,
     DIES(KILL_KERNEL_MEMORY)},
    {{"kernel stack", fixed, (unsigned)__kstack_bottom}, PROBE_READ, DIES(KILL_KERNEL_MEMORY)},
    {{"kernel stack", fixed, (unsigned)__kstack_bottom}, PROBE_WRITE, DIES(KILL_KERNEL_MEMORY)},
    {{"kernel heap", fixed, (unsigned)__kheap_start}, PROBE_READ, DIES(KILL_KERNEL_MEMORY)},
    {{"kernel heap", fixed, (unsigned)__kheap_start}, PROBE_WRITE, DIES(KILL_KERNEL_MEMORY)},
    {{"kernel device IO pages", fixed, 0xB0000000u}, PROBE_READ, DIES(KILL_KERNEL_MEMORY)},
    {{"kernel device IO pages", fixed, 0xB0000000u}, PROBE_WRITE, DIES(KILL_KERNEL_MEMORY)},
    {{"user heap", heap, 0}, PROBE_READ, OK},
    {{"user heap", heap, 0}, PROBE_WRITE, OK},
    {{"user heap", heap, 0}, PROBE_EXEC_PREPARED, DIES(KILL_PERMISSION)},
    {{"unmapped heap reserve", heap_reserve, 0}, PROBE_READ, DIES(KILL_PAGE_FAULT)},
    {{"unmapped heap reserve", heap_reserve, 0}, PROBE_WRITE, DIES(KILL_PAGE_FAULT)},
    {{"stack guard", guard, 0}, PROBE_READ, DIES(KILL_STACK_OVERFLOW)},
    {{"stack guard", guard, 0}, PROBE_WRITE, DIES(KILL_STACK_OVERFLOW)},
    /* the memory server grows the stack into its reserve, not the heap */
    {{"unmapped stack reserve", stack_reserve, 0}, PROBE_READ, OK},
    {{"unmapped stack reserve", stack_reserve, 0}, PROBE_WRITE, OK},
    {{"user dynamic stack", stack, 0}, PROBE_READ, OK},
    {{"user dynamic stack", stack, 0}, PROBE_WRITE, OK},
    {{"user dynamic stack", stack, 0}, PROBE_EXEC_PREPARED, DIES(KILL_PERMISSION)},
    {{".data_shared/.bss_shared", shared, 0}, PROBE_READ, OK},
    {{".data_shared/.bss_shared", shared, 0}, PROBE_REWRITE, OK},
    {{".data_shared/.bss_shared", shared, 0}, PROBE_EXEC, DIES(KILL_PERMISSION)},
    {{"unused part of the user region", unused, 0}, PROBE_READ, DIES(KILL_BAD_ADDRESS)},
    {{"(any)", fixed, 0}, PROBE_UNDEF, DIES(KILL_UNDEFINED)},
    {{"(any)", fixed, 0}, PROBE_BREAKPOINT, DIES(KILL_BREAKPOINT)},
};

static const char *const access_names[] = {
    [PROBE_READ] = "read",       [PROBE_WRITE] = "write",           [PROBE_REWRITE] = "write",
    [PROBE_EXEC] = "execute",    [PROBE_EXEC_PREPARED] = "execute", [PROBE_UNDEF] = "undefined",
    [PROBE_RECURSE] = "recurse", [PROBE_BREAKPOINT] = "bkpt",
};

static void permission_table(void)
{
	char what[96];
	for (unsigned i = 0; i < sizeof table / sizeof table[0]; i++) {
		int status = run_probe(0, &table[i].where, table[i].access, 0);
		snprintf(what, sizeof what, "%-30s %-9s %s", table[i].where.region,
			 access_names[table[i].access],
			 table[i].expect == OK ? "allowed" : "kills the probe");
		check_eq(status, table[i].expect, what);
	}
}

static void pager(void)
{
	const struct target reserve = {"heap reserve", heap_reserve, 0};
	const struct target stack_top = {"stack", stack, 0};
	check_eq(run_probe(SELF, &reserve, PROBE_WRITE, 1), OK,
		 "a write in the heap reserve, served by the pager, resumes");
	check_eq(run_probe(SELF, &reserve, PROBE_READ, 0), DIES(KILL_PAGE_FAULT),
		 "a fault the pager refuses kills the probe");
	check_eq(run_probe(SELF, &stack_top, PROBE_RECURSE, 1), DIES(KILL_STACK_OVERFLOW),
		 "a stack grown page by page by the pager ends on the guard page");
}

/* pid's state as SYS_PROC_INFO tells it, or -1 when it is in no slot. */
static int state_of(int pid)
{
	struct proc_info info;
	for (unsigned slot = 0; sys_proc_info(slot, &info) != -EINVAL; slot++)
		if (info.pid == pid)
			return (int)info.state;
	return -1;
}

static void pager_ends(void)
{
	struct proc_layout l;
	struct ipc_msg msg;
	int status = -1;
	int pager = sys_spawn("reporter");
	int pid = sys_spawn_paged("probe", pager);
	sys_layout(pid, &l);
	while (ipc_recv(&msg, 0) != pid || msg.label != PROBE_ASK)
		; /* the spinning pager's progress reports come too */
	msg.w[0] = l.heap_base + PAGE;
	msg.w[1] = PROBE_WRITE;
	/* The probe faults and its fault waits in the spinning pager's queue; the
	 * spinner's reports, received meanwhile, give it the CPU (both run below
	 * this test's priority). */
	int from = ipc_reply_recv(pid, &msg, 0);
	while (from >= 0 && state_of(pid) != PROC_INFO_SENDING)
		from = ipc_recv(&msg, 0);
	sys_kill(pager);
	sys_wait(pager, 0);
	check_eq(sys_wait(pid, &status), pid, "a probe whose pager ended is collected");
	check_eq(status, DIES(KILL_PAGE_FAULT), "it was killed, not left waiting");
}

int test_faults_main(int argc, char **argv)
{
	permission_table();
	pager();
	pager_ends();
	int status = -1, pid = sys_spawn("child");
	sys_wait(pid, &status);
	check_eq(status, 42, "after all those deaths the kernel still runs a child");
	return check_done("test-faults");
}
