/*
 * kmain: what the kernel does once boot.S has the MMU on. It settles the board's
 * facts (defaults, then the device tree), brings up the console, prints the
 * banner, maps RAM, starts the timer and the programs the program table starts
 * at boot (the memory server, then init), and leaves for user mode.
 */
#include "arch.h"
#include "board.h"
#include "clock.h"
#include "console.h"
#include "device.h"
#include "fdt.h"
#include "ipc.h"
#include "irq.h"
#include "memlayout.h"
#include "power.h"
#include "proc.h"
#include "proc_events.h"
#include "ram.h"
#include "sched.h"
#include "selftest.h"
#include "supervise.h"
#include "uart.h"
#include "vm.h"

extern char __user_tls_tp[];

#ifndef BUILD_ID
#define BUILD_ID "unknown"
#endif

/* What boot settled besides the board's facts, and why, for the banner. */
struct boot_facts {
	const char *dtb_refused; /* why the tree was not used; NULL: it was */
	const char *ram_from;    /* where RAM came from, in words */
	uint64_t tree_ram_size;  /* what the tree said, when it was cut */
	uint32_t ram_cut;        /* RAM_CUT_* */
	const char *console_why; /* why the tree's console was not taken; NULL: it was, or none */
	uint64_t console_named;  /* where the tree's console is, when it names one */
	char console_compatible[sizeof(((struct fdt_info *)0)->uart_compatible)]; /* its first */
	struct phys_range reserved[VM_RESERVED_MAX];
	uint32_t reserved_count;
};

/* The board's driver for the tree's console, or NULL. */
static const struct uart_driver *uart_for(const struct board_config *c, const struct fdt_info *info)
{
	for (const struct uart_driver *const *d = c->uarts; *d; d++)
		for (const char *const *name = (*d)->compatible; *name; name++)
			if (fdt_list_has(info->uart_compatible, info->uart_compatible_len, *name))
				return *d;
	return NULL;
}

/* RAM: the tree's /memory, cut to the firmware's RAM and clear of the device
 * windows; the board's when the tree has none, or none is left. */
static void settle_ram(struct board_config *c, const struct fdt_info *info, struct boot_facts *f)
{
	for (uint32_t i = 0; i < info->reserved_count; i++)
		f->reserved[f->reserved_count++] = (struct phys_range){
		    info->reserved[i].base, info->reserved[i].base + info->reserved[i].size};
	f->ram_from = c->ram_reported ? "from the firmware" : "the board's default";
	if (!info->mem.size)
		return;
	struct fdt_range ram = info->mem;
	struct fdt_range limit = {c->ram_base, c->ram_reported ? c->ram_size : 0};
	f->ram_cut = ram_fit(&ram, &limit, info->windows, info->window_count);
	if (!ram.size) {
		f->ram_from = c->ram_reported ? "from the firmware: the device tree's is not RAM"
					      : "the board's default: the device tree's is not RAM";
		return;
	}
	f->tree_ram_size = info->mem.size;
	f->ram_from = "from the device tree";
	c->ram_base = ram.base;
	c->ram_size = ram.size;
}

/* Overrides the board's defaults with what the device tree says, if it is sound. */
static void apply_device_tree(struct board_config *c, struct boot_facts *f)
{
	struct fdt_info info = {0};
	if (!boot_info.dtb_va) {
		f->dtb_refused = "r2 does not point at a device tree";
	} else {
		/* The tree's own bytes, whether it is sound or not. */
		f->reserved[f->reserved_count++] =
		    (struct phys_range){boot_info.dtb_pa, boot_info.dtb_pa + boot_info.dtb_size};
		fdt_read((const void *)boot_info.dtb_va, boot_info.dtb_size, &info,
			 &f->dtb_refused);
	}
	settle_ram(c, &info, f);
	if (info.uart_problem) {
		f->console_why = info.uart_problem;
	} else if (info.uart_base) {
		const struct uart_driver *d = uart_for(c, &info);
		if (d) {
			c->uart = d;
			c->uart_base = info.uart_base;
		} else {
			f->console_why = "the kernel has no driver for it";
			f->console_named = info.uart_base;
			memcpy(f->console_compatible, info.uart_compatible,
			       info.uart_compatible_len);
		}
	}
}

/* The banner's lines about RAM and the console, after the first. */
static void print_facts(const struct board_config *c, const struct boot_facts *f)
{
	kprintf("ram: %u MiB at 0x%08llx, kernel at 0x%08x; %s", (uint32_t)(c->ram_size >> 20),
		c->ram_base, boot_info.phys_base, f->ram_from);
	if (f->ram_cut)
		kprintf(" (its %u MiB cut%s%s)", (uint32_t)(f->tree_ram_size >> 20),
			f->ram_cut & RAM_CUT_FIRMWARE ? " to the firmware's" : "",
			f->ram_cut & RAM_CUT_WINDOW ? " clear of the devices" : "");
	kprintf("\nconsole: %s at 0x%08llx", c->uart->name, c->uart_base);
	if (c->uart_clock)
		kprintf(", 115200 8N1 from a %u Hz clock", c->uart_clock);
	if (f->console_why && f->console_named)
		kprintf("; the device tree's, %s at 0x%08llx, is not used: %s",
			f->console_compatible[0] ? f->console_compatible : "a UART",
			f->console_named, f->console_why);
	else if (f->console_why)
		kprintf("; the device tree's is not used: %s", f->console_why);
	kprintf("\n");
	if (f->dtb_refused)
		kprintf("device tree: %s; using the board's defaults\n", f->dtb_refused);
	else
		kprintf("device tree: %u bytes at 0x%08x\n", boot_info.dtb_size, boot_info.dtb_pa);
}

static int first_pid; /* the process the kernel started itself */

/* The first process's end is the end of a test run; in the system a user runs,
 * only a line on the console. */
static void first_process_watch(struct proc *p, enum proc_event event)
{
	if (event != PROC_ENDED || p->pid != first_pid)
		return;
	kprintf("[kernel] %s ended with status %d\n", p->program->name, p->exit_status);
#ifdef CONFIG_SELFTEST
	system_exit(p->exit_status == 0 ? 0 : 1);
#endif
}

/* Starts prog as a child of the kernel; returns its pid. Boot cannot go on
 * without what the table starts at boot, so a failure panics. */
static int start(const struct program *prog)
{
	int pid = proc_spawn(prog, 0, 0, NULL, 0, 0);
	if (pid < 0)
		panic("start: cannot start %s: error %d\n", prog->name, pid);
	sched_ready(&proc_find(pid)->thread);
	return pid;
}

/* Starts what the program table starts at boot: the servers, then the first
 * process; first, when not NULL, names the one the test image starts instead. */
static void start_processes(const char *first)
{
	const struct program *first_prog = first ? program_find(first, strlen(first)) : NULL;
	for (size_t i = 0; i < program_count; i++) {
		if (programs[i].boot == BOOT_SERVER) {
			int pid = start(&programs[i]);
			if (programs[i].privileges & PRIV_PAGER)
				system_pager = pid;
			if (programs[i].privileges & PRIV_IO)
				io_server = pid;
		}
		if (programs[i].boot == BOOT_FIRST && !first)
			first_prog = &programs[i];
	}
	if (!first_prog)
		panic("start_processes: no program in the table is BOOT_FIRST\n");
	if (first_prog->privileges & PRIV_COUNTERS)
		arch_user_counters(); /* a benchmark: it and its partners read the clock */
	first_pid = start(first_prog);
}

void kmain(void)
{
	struct board_config board = {0};
	struct boot_facts facts = {0};
	board_defaults(&board);
	apply_device_tree(&board, &facts);
	uintptr_t uart = io_map(board.uart_base, board.uart->size);
	if (!uart)
		panic("kmain: no IO page for the console\n"); /* unheard, but the run ends with 1 */
	console_init(board.uart, uart, board.uart_clock);

	kprintf("\nWren microkernel (build %s) on %s\n", BUILD_ID, board.name);
	kprintf("cpu: %s\n", arch_cpu_name());
	print_facts(&board, &facts);

	paddr_t ram_end = mmu_map_ram(board.ram_base + board.ram_size);
	vm_init(board.ram_base, ram_end, facts.reserved, facts.reserved_count);
	kprintf("memory: %u frames free (%u MiB), kernel page tables %u bytes\n",
		frame_free_count(), frame_free_count() >> (20 - PAGE_SHIFT), kernel_table_bytes());
	board_irq_init();
	uint32_t freq = timer_start(HZ);
	kprintf("timer: %u Hz tick from a %u Hz counter\n", HZ, freq);
	arch_user_init((uint32_t)__user_tls_tp);

	const char *first = NULL;
#ifdef CONFIG_SELFTEST
	first = selftest_run();
	/* Enter user mode with a tick already due, so the first user instruction
	 * takes an interrupt right after the kernel's own svc (semihosting above):
	 * the exception entry must not trust a stale SPSR. */
	timer_expire_now();
#endif
	ipc_init();
	irq_init();
	device_init(board.ram_base, board.ram_base + board.ram_size);
	supervise_init();
	proc_observe(first_process_watch);
	start_processes(first);
	user_start_count = (uint32_t)timer_count();
	arch_enter(sched_next_frame());
}
