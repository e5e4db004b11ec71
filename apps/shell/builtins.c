/*
 * The shell's built-in commands. Each checks its words and prints one line
 * starting with its name for anything wrong; `date`, `board` and `led` run
 * the programs of those names, which talk to the drivers.
 */
#include <stdio.h>
#include <string.h>
#include <wren/io.h>
#include <wren/sys.h>

#include "shell.h"

static void usage(const char *name)
{
	const struct builtin *b = builtin_find(name);
	printf("%s: usage: %s\n", name, b->usage);
}

static void help(int argc, char **argv)
{
	printf("Commands (any other word runs the program of that name; programs lists them):\n");
	for (const struct builtin *b = builtins; b->name; b++)
		printf("  %-26s %s\n", b->usage, b->help);
	printf("Keys: left/right move in the line, up/down go through the lines typed before,\n"
	       "Ctrl-U erases the line, Ctrl-C stops the program in the foreground.\n");
}

static const char *state_name(unsigned state)
{
	static const char *const names[] = {"running",  "ready",   "sending", "receiving",
					    "replying", "waiting", "zombie"};
	return state < sizeof names / sizeof names[0] ? names[state] : "?";
}

static void ps(int argc, char **argv)
{
	struct proc_info p;
	printf("  PID PARENT STATE      PRIO HEAP STACK TABLES RESTARTS NAME\n");
	for (unsigned slot = 0;; slot++) {
		int err = sys_proc_info(slot, &p);
		if (err == -EINVAL)
			break;
		if (err == 0)
			printf("%5d %6d %-10s %4u %4u %5u %6u %8u %s\n", p.pid, p.parent,
			       state_name(p.state), p.priority, p.heap_pages, p.stack_pages,
			       p.table_bytes, p.restarts, p.name);
	}
}

static void mem(int argc, char **argv)
{
	int pid;
	if (argc != 2 || !shell_pid(argv[1], &pid))
		usage("mem");
	else
		shell_mem(pid);
}

static void run(int argc, char **argv)
{
	bool bg = argc > 2 && strcmp(argv[argc - 1], "&") == 0;
	if (bg)
		argv[--argc] = NULL;
	if (argc < 2)
		usage("run");
	else
		shell_run("run", argv[1], argv + 2, bg);
}

static void kill_process(int argc, char **argv)
{
	int pid;
	if (argc != 2 || !shell_pid(argv[1], &pid)) {
		usage("kill");
		return;
	}
	if (pid == sys_getpid()) {
		printf("kill: %d is this shell\n", pid);
		return;
	}
	int err = sys_kill(pid);
	if (err == -ESRCH)
		printf("kill: no process %d\n", pid);
	else if (err)
		printf("kill: %d: error %d\n", pid, err);
}

/* "spawn,kill": the privilege bits by name. */
static const char *privileges_text(unsigned p, char *out, size_t size)
{
	static const char *const names[] = {"spawn",    "map",     "io",    "kill",     "pager",
					    "counters", "inspect", "power", "supervise"};
	size_t n = 0;
	out[0] = '\0';
	for (unsigned i = 0; i < sizeof names / sizeof names[0]; i++)
		if (p & 1u << i)
			n += (size_t)snprintf(out + n, size - n, "%s%s", n ? "," : "", names[i]);
	return n ? out : "-";
}

static void programs(int argc, char **argv)
{
	static const char *const boot[] = {"", "server", "first"};
	struct program_info p;
	char privileges[64];
	printf("NAME           HEAP STACK PRIO BOOT   PRIVILEGES\n");
	for (unsigned i = 0; sys_program_info(i, &p) == 0; i++)
		printf("%-14s %4u %5u %4u %-6s %s\n", p.name, p.heap_pages, p.stack_pages,
		       p.priority, p.boot < 3 ? boot[p.boot] : "?",
		       privileges_text(p.privileges, privileges, sizeof privileges));
}

/* "kernel", "free", "console (pid 5)": who has a device. */
static const char *holder_text(const struct io_info *d, char *out, size_t size)
{
	struct program_devices program;
	if (d->holder == IO_HOLDER_KERNEL)
		return d->flags & IO_INFO_CONSOLE ? "kernel console" : "kernel";
	if (d->holder == 0)
		return "free";
	if (sys_program(d->holder, &program) != 0)
		snprintf(program.name, sizeof program.name, "?");
	snprintf(out, size, "%s (pid %d)", program.name, d->holder);
	return out;
}

static void devices(int argc, char **argv)
{
	struct io_info d;
	char holder[48];
	unsigned empty = 0, i = 0;
	int err;
	printf(
	    "NAME                           COMPATIBLE                     ADDRESS  IRQ  HOLDER\n");
	for (; (err = dev_info(i, &d)) == 0; i++) {
		if (strcmp(d.compatible, "virtio,mmio") == 0 && !d.virtio) {
			empty++;
			continue;
		}
		char address[12] = "-", irq[8] = "-";
		if (d.reg_count)
			snprintf(address, sizeof address, "%08x", d.reg[0].pa);
		if (d.irq_count && d.irq[0] != IO_IRQ_NONE)
			snprintf(irq, sizeof irq, "%d", d.irq[0]);
		printf("%-30.30s %-30.30s %-8s %-4s %s\n", d.name, d.compatible, address, irq,
		       holder_text(&d, holder, sizeof holder));
	}
	if (err != -ENOENT)
		printf("devices: the IO server does not answer (error %d)\n", err);
	if (empty)
		printf("(and %u virtio-mmio transports with nothing plugged in)\n", empty);
}

static void free_memory(int argc, char **argv)
{
	int frames = sys_info(INFO_FREE_FRAMES);
	printf("free frames: %d (%d KiB); kernel heap in use: %d bytes; processes: %d\n", frames,
	       frames * 4, sys_info(INFO_HEAP_BYTES), sys_info(INFO_PROCS));
}

static void uptime(int argc, char **argv)
{
	unsigned ticks = (unsigned)sys_info(INFO_TICKS), hz = (unsigned)sys_info(INFO_TICK_HZ);
	printf("up %u.%02u s (%u ticks at %u Hz), %d processes\n", ticks / hz,
	       ticks % hz * 100 / hz, ticks, hz, sys_info(INFO_PROCS));
}

/* date, board: the program of the command's name, which takes no argument. */
static void program_command(int argc, char **argv)
{
	if (argc != 1)
		usage(argv[0]);
	else
		shell_run(argv[0], argv[0], argv + 1, false);
}

static void led(int argc, char **argv)
{
	if (argc != 2 || (strcmp(argv[1], "on") != 0 && strcmp(argv[1], "off") != 0))
		usage("led");
	else
		shell_run("led", "led", argv + 1, false);
}

static void poweroff(int argc, char **argv)
{
	printf("poweroff: error %d\n", sys_poweroff());
}

const struct builtin builtins[] = {
    {"help", "help", "this list", help},
    {"ps", "ps", "the processes: pid, parent, state, priority, pages, page tables, restarts", ps},
    {"mem", "mem PID", "a process's memory map, its regions and the kernel's", mem},
    {"run", "run NAME [ARGS...] [&]", "runs a program; with &, in the background", run},
    {"kill", "kill PID", "ends a process", kill_process},
    {"programs", "programs", "the programs of the image, their limits and privileges", programs},
    {"devices", "devices", "the board's devices, from the IO server", devices},
    {"free", "free", "free memory, kernel heap and processes", free_memory},
    {"uptime", "uptime", "the time since boot", uptime},
    {"date", "date", "the time of day, from the real-time clock", program_command},
    {"board", "board", "the Raspberry Pi's model, memory and clocks", program_command},
    {"led", "led on|off", "the Raspberry Pi's activity LED", led},
    {"poweroff", "poweroff", "ends the system", poweroff},
    {NULL, NULL, NULL, NULL},
};

const struct builtin *builtin_find(const char *name)
{
	for (const struct builtin *b = builtins; b->name; b++)
		if (strcmp(b->name, name) == 0)
			return b;
	return NULL;
}
