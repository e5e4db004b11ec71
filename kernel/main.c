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
#include "fdt.h"
#include "ipc.h"
#include "irq.h"
#include "memlayout.h"
#include "power.h"
#include "proc.h"
#include "proc_events.h"
#include "sched.h"
#include "selftest.h"
#include "uart.h"
#include "vm.h"

extern char __user_tls_tp[];

#ifndef BUILD_ID
#define BUILD_ID "unknown"
#endif

/* Overrides the board's defaults with what the device tree says, if it is sound. */
static const char *apply_device_tree(struct board_config *c)
{
	if (!boot_info.dtb_va)
		return "r2 does not point at a device tree";
	struct fdt_info info;
	const char *why;
	if (fdt_read((const void *)boot_info.dtb_va, boot_info.dtb_size, &info, &why) != 0)
		return why;
	if (info.mem_size) {
		c->ram_base = info.mem_base;
		c->ram_size = info.mem_size;
	}
	if (info.uart_base)
		c->uart_base = info.uart_base;
	return NULL;
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
	int pid = proc_spawn(prog, 0, 0);
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
	struct board_config board;
	board_defaults(&board);
	const char *dtb_refused = apply_device_tree(&board);
	uintptr_t uart = io_map(board.uart_base, PAGE_SIZE);
	if (!uart)
		panic("kmain: no IO page for the console\n"); /* unheard, but the run ends with 1 */
	console_init(board.uart, uart);

	kprintf("\nWren microkernel (build %s) on %s\n", BUILD_ID, board.name);
	kprintf("cpu: %s\n", arch_cpu_name());
	kprintf("ram: %u MiB at 0x%08llx, kernel at 0x%08x\n", (uint32_t)(board.ram_size >> 20),
		board.ram_base, boot_info.phys_base);
	kprintf("console: %s at 0x%08llx\n", board.uart->name, board.uart_base);
	if (dtb_refused)
		kprintf("device tree: %s; using the board's defaults\n", dtb_refused);
	else
		kprintf("device tree: %u bytes at 0x%08x\n", boot_info.dtb_size, boot_info.dtb_pa);

	paddr_t ram_end = mmu_map_ram(board.ram_base + board.ram_size);
	vm_init(board.ram_base, ram_end, boot_info.dtb_pa,
		boot_info.dtb_va ? boot_info.dtb_pa + boot_info.dtb_size : 0);
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
	proc_observe(first_process_watch);
	start_processes(first);
	arch_enter(sched_next_frame());
}
