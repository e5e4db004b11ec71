/*
 * Fakes of what the generic kernel takes from the CPU, the board, the linker
 * script and the program table, so that proc.c, sched.c, ipc.c, syscall.c and
 * their helpers run on the host unchanged. Each fake does what the real one
 * does to the kernel's own state and records the rest for tests to look at.
 *
 * Built without PIE (CMakeLists.txt): the kernel keeps addresses in uint32_t,
 * which is exact on the target and, on the host, only for addresses below 4 GiB.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "arch.h"
#include "board.h"
#include "clock.h"
#include "console.h"
#include "fake_kernel.h"
#include "lpae.h"
#include "proc.h"
#include "proc_events.h"
#include "program.h"
#include "sched.h"

#define PSR_USR 0x10u
#define PSR_SVC 0x13u
#define PSR_FIQ_MASK 0x40u
#define CONSOLE_SIZE 65536

#define STR(x) #x
#define XSTR(x) STR(x)

/* What kernel.ld defines as values rather than as objects: symbols whose address
 * is the value. _user_start would be libsys's; here it only needs an address. */
/* clang-format off */
__asm__(".globl _user_start, __rodata_end, __shared_start, __shared_end, __data_shared_size\n"
	".set _user_start, fake_text\n"
	".set __rodata_end, fake_text + 0x1000\n" /* PAGE_SIZE, without its suffix */
	".set __shared_start, " XSTR(FAKE_SHARED_START) "\n"
	".set __shared_end, " XSTR(FAKE_SHARED_END) "\n"
	".set __data_shared_size, " XSTR(FAKE_DATA_SHARED_SIZE) "\n");
/* clang-format on */
_Static_assert(PAGE_SIZE == 0x1000, "__rodata_end above is one page past fake_text");

char fake_text[PAGE_SIZE] __attribute__((aligned(PAGE_SIZE))) = "user-readable kernel text";
char fake_data[PAGE_SIZE] __attribute__((aligned(PAGE_SIZE))) = "kernel-only data";
char __shared_orig_start[FAKE_DATA_SHARED_SIZE];
/* Only vm_init uses it, and the tests give the heap its start in fake RAM instead. */
char __kheap_start[16];
/* The kernel's other regions, as the memory map (memmap.c) names them. */
char __text_end[1], __data_end[1], __shared_orig_end[1], __kstack_bottom[1], __kstack_top[1],
    __kernel_shared_start[1], __kernel_shared_end[1];

const struct addrspace *fake_active_as;
struct boot_info boot_info;
uint32_t fake_io_page[PAGE_SIZE / 4];
unsigned fake_dcache_flushes;
bool fake_irq_masked[FAKE_IRQS];
int fake_irq_pending;
unsigned fake_clock_ticks;
struct fake_first_end fake_first_end;
int fake_first_pid;
volatile uint32_t ticks;
uint32_t user_start_count;
static char console[CONSOLE_SIZE];
static size_t console_len;

int fake_main(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

/* Every fake program serves all, so that any two may talk, and the spawners may
 * start every one; "loner" and "mute" are for the tests of those rights. */
#define EVERY                                                                                      \
	PROGRAMS("plain", "spawner", "pager", "killer", "root", "urgent", "big", "driver", "io",   \
		 "dev-driver", "thirty-two-characters-long-name!", "loner", "mute", "sys-pager")
/* An entry leaves out what it does not need: zero (no spawns, no peers). */
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
/* clang-format off */
const struct program programs[] = {
	/* name                              main       heap  stack  prio  boot  privileges */
	{"plain",                            fake_main,  4,    4,     4,   0,    0,
		.serves_all = true},
	{"spawner",                          fake_main,  4,    4,     4,   0,    PRIV_SPAWN,
		.serves_all = true, .spawns = EVERY},
	{"pager",                            fake_main,  4,    4,     4,   0,    PRIV_SPAWN | PRIV_MAP,
		.serves_all = true, .spawns = EVERY},
	{"killer",                           fake_main,  4,    4,     4,   0,    PRIV_KILL,
		.serves_all = true},
	{"root",                             fake_main,  4,    4,     4,   0,    PRIV_SPAWN | PRIV_MAP | PRIV_KILL,
		.serves_all = true, .spawns = EVERY},
	{"urgent",                           fake_main,  0,    2,     1,   0,    0,
		.serves_all = true},
	{"big",                              fake_main,  600,  4,     4,   0,    0,
		.serves_all = true},
	{"driver",                           fake_main,  0,    2,     4,   0,    PRIV_IO,
		.serves_all = true},
	/* An IO server, with a window for the boot loader's tree; and a driver of
	 * two devices with a window of four pages. */
	{"io",                               fake_main,  4,    4,     4,   0,    PRIV_IO,
		.serves_all = true, .device_pages = 8},
	{"dev-driver",                       fake_main,  0,    2,     4,   0,    0,
		.serves_all = true, .devices = PROGRAMS("arm,pl031", "acme,widget"),
		.device_pages = 4},
	{"thirty-two-characters-long-name!", fake_main,  0,    1,     4,   0,    0,
		.serves_all = true},
	/* Talks only to "plain" (and to servers, parents and children); spawns "plain". */
	{"loner",                            fake_main,  4,    4,     4,   0,    PRIV_SPAWN,
		.spawns = PROGRAMS("plain"), .peers = PROGRAMS("plain")},
	/* Serves nobody and names nobody. */
	{"mute",                             fake_main,  4,    4,     4,   0,    0},
	/* A system pager as the kernel starts one, and a supervisor to restart it. */
	{"sys-pager",                        fake_main,  0,    4,     4,   BOOT_SERVER, PRIV_PAGER | PRIV_MAP,
		.serves_all = true, .restarts = 8},
	{"supervisor",                       fake_main,  4,    4,     4,   0,    PRIV_SPAWN | PRIV_KILL | PRIV_SUPERVISE,
		.serves_all = true, .spawns = EVERY},
};
/* clang-format on */

const size_t program_count = sizeof programs / sizeof programs[0];

void fake_kernel_reset(void)
{
	for (uint32_t i = 0; i < FAKE_DATA_SHARED_SIZE; i++)
		__shared_orig_start[i] = (char)(i * 7 + 1);
	fake_active_as = NULL;
	boot_info = (struct boot_info){0};
	memset(fake_io_page, 0, sizeof fake_io_page);
	fake_dcache_flushes = 0;
	for (int irq = 0; irq < FAKE_IRQS; irq++)
		fake_irq_masked[irq] = irq != FAKE_TICK_IRQ;
	fake_irq_pending = -1;
	fake_clock_ticks = 0;
	fake_first_end = (struct fake_first_end){0};
	fake_first_pid = 0;
	ticks = 0;
	console_len = 0;
	console[0] = '\0';
}

void arch_thread_init(struct trap_frame *ctx, uint32_t entry, uint32_t sp, uint32_t a0, uint32_t a1,
		      uint32_t a2)
{
	memset(ctx, 0, sizeof *ctx);
	ctx->r[0] = a0;
	ctx->r[1] = a1;
	ctx->r[2] = a2;
	ctx->sp = sp;
	ctx->pc = entry & ~1u;
	ctx->cpsr = PSR_USR | (entry & 1 ? PSR_THUMB : 0);
}

struct trap_frame *arch_idle_frame(void)
{
	static struct trap_frame idle = {.cpsr = PSR_SVC | PSR_FIQ_MASK};
	return &idle;
}

void as_switch(const struct addrspace *as)
{
	as_activate(as);
}

void as_activate(const struct addrspace *as)
{
	fake_active_as = as;
}

uint32_t kernel_page_flags(uint32_t va)
{
	va = PAGE_ROUND_DOWN(va);
	if (va == FAKE_TEXT)
		return pte_to_vm_flags(pte_page(va, PROT_KERNEL_TEXT));
	if (va == FAKE_DATA)
		return pte_to_vm_flags(pte_page(va, PROT_KERNEL_RW));
	return 0;
}

int board_timer_irq(void)
{
	return FAKE_TICK_IRQ;
}

bool board_irq_bindable(int irq)
{
	return irq == FAKE_PHYS_TIMER_IRQ ||
	       (irq >= FAKE_DEVICE_IRQ && irq < FAKE_DEVICE_IRQ + FAKE_DEVICE_IRQS);
}

void board_irq_mask(int irq)
{
	fake_irq_masked[irq] = true;
}

void board_irq_unmask(int irq)
{
	fake_irq_masked[irq] = false;
}

int board_irq_claim(void)
{
	int irq = fake_irq_pending;
	fake_irq_pending = -1;
	return irq;
}

void board_irq_done(int irq)
{
	(void)irq;
}

void clock_tick(void)
{
	fake_clock_ticks++;
	sched_tick(); /* what the real clock does for the scheduler */
}

uintptr_t io_reach(paddr_t pa)
{
	if (PAGE_ROUND_DOWN(pa) != FAKE_KERNEL_DEVICE_PA)
		return 0;
	return (uintptr_t)fake_io_page + (uint32_t)pa % PAGE_SIZE;
}

int io_region(uint32_t index, struct io_range *out)
{
	if (index > 0)
		return -ENOENT;
	*out = (struct io_range){FAKE_KERNEL_DEVICE_PA, FAKE_KERNEL_DEVICE_SIZE,
				 (uintptr_t)fake_io_page};
	return 0;
}

void dcache_flush_range(const void *va, size_t size)
{
	(void)va;
	(void)size;
	fake_dcache_flushes++;
}

void shared_orig_open(bool readable)
{
	(void)readable;
}

/* What main.c's observer does with the first process's end, recorded. */
void fake_first_process_watch(struct proc *p, enum proc_event event)
{
	if (event != PROC_ENDED || p->pid != fake_first_pid)
		return;
	fake_first_end.count++;
	fake_first_end.name = p->program->name;
	fake_first_end.status = p->exit_status;
}

/* Keeps what fits; a test that overflows the console sees its output cut. */
static void console_putc(char c, void *arg)
{
	(void)arg;
	if (console_len < CONSOLE_SIZE - 1) {
		console[console_len++] = c;
		console[console_len] = '\0';
	}
}

void kwrite(const char *s, size_t n)
{
	while (n--)
		console_putc(*s++, NULL);
}

int kprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = kvprintf(console_putc, NULL, fmt, ap);
	va_end(ap);
	return n;
}

const char *fake_console(void)
{
	return console;
}

size_t fake_console_len(void)
{
	return console_len;
}

/* The board would decode the status register; a fixed text serves the tests. */
const char *arch_fault_text(const struct fault *f)
{
	(void)f;
	return "translation fault, level 3";
}

/* What the fake's tables allow: a user page mapped or not, read-write or not
 * (the kernel's own pages are not the fake's to describe). */
void page_describe(const struct addrspace *as, uint32_t va, char out[8])
{
	uint32_t flags = 0;
	if (!as || va < as->base || as_lookup(as, va, NULL, &flags)) {
		memcpy(out, "---/---", 8);
		return;
	}
	snprintf(out, 8, "R%c-/%s", flags & VM_WRITE ? 'W' : '-',
		 flags & VM_USER ? (flags & VM_WRITE ? "RW-" : "R--") : "---");
}

uintptr_t kernel_heap_end(void)
{
	return (uintptr_t)__kheap_start + sizeof __kheap_start;
}

uint32_t io_mapped_pages(void)
{
	return 1; /* fake_io_page */
}

uint32_t kernel_table_bytes(void)
{
	return 0;
}

uintptr_t console_regs(void)
{
	return 0; /* no console UART: fake_console() has the output */
}

/* Nothing here may end the run: a system call that does fails the test. */
void system_exit(int status)
{
	fprintf(stderr, "system_exit(%d)\n", status);
	abort();
}

/* A broken kernel invariant ends the test program at once, loudly. */
void panic(const char *fmt, ...)
{
	va_list ap;
	fputs("kernel panic: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	abort();
}
