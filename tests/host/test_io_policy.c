/*
 * Unit tests of the IO server's policy (servers/io/policy.c) over the device
 * lists of real trees and a fake kernel: what the kernel holds, what the
 * program table lets a driver have, where its devices go in its window and
 * with which interrupts and bits, every refusal (each leaving the driver with
 * nothing new), a driver's end giving its devices to the next one, and a new
 * server learning from the kernel who holds what.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* cmocka.h needs the headers above first. */
#include <cmocka.h>

#include "policy.h"

#define WINDOW 0xFE000000u
#define PAGE IO_PAGE
#define MAX_DEVICES 64
#define CALLS 64

/* The fake kernel: processes and their programs, and every call made to it. */
static struct fake_proc {
	int pid;
	const char *devices; /* NUL-separated */
	uint32_t devices_len, window_pages;
	bool alive;
} procs[4];

static struct call {
	char what; /* 'm' map, 'u' unmap, 'g' grant, 'b' bind */
	int pid;
	uint32_t a, b, c;
} calls[CALLS];
static int ncalls;
static int fail_call = -1; /* the call that fails, with fail_err */
static int fail_err;
static uint32_t next_dma_page;

static struct fake_proc *proc(int pid)
{
	for (size_t i = 0; i < sizeof procs / sizeof *procs; i++)
		if (procs[i].pid == pid && procs[i].alive)
			return &procs[i];
	return NULL;
}

static int record(char what, int pid, uint32_t a, uint32_t b, uint32_t c)
{
	assert_true(ncalls < CALLS);
	calls[ncalls] = (struct call){what, pid, a, b, c};
	return ncalls++ == fail_call ? fail_err : 0;
}

static int program(int pid, struct program_devices *out)
{
	struct fake_proc *p = proc(pid);
	if (!p)
		return -ESRCH;
	memset(out, 0, sizeof *out);
	snprintf(out->name, sizeof out->name, "driver-%d", pid);
	memcpy(out->devices, p->devices, p->devices_len);
	out->devices_len = p->devices_len;
	return 0;
}

static int layout(int pid, struct proc_layout *out)
{
	struct fake_proc *p = proc(pid);
	if (!p)
		return -ESRCH;
	memset(out, 0, sizeof *out);
	out->dev_base = WINDOW;
	out->dev_limit = WINDOW + p->window_pages * PAGE;
	return 0;
}

static int map(int pid, uint32_t va, uint32_t page, uint32_t what)
{
	int err = record('m', pid, va, page, what);
	if (err || what == DEV_REGS)
		return err;
	return (int)next_dma_page++;
}

static int unmap(int pid, uint32_t va)
{
	return record('u', pid, va, 0, 0);
}

static int grant(int pid, uint32_t pa, uint32_t size)
{
	return record('g', pid, pa, size, 0);
}

/* The kernel keeps the interrupts the boards do not let drivers have: the
 * GIC's virtual, secure and hypervisor timers, the Pi's local ones but 1. */
static int irq_bind(int irq, uint32_t bits, int pid)
{
	if (irq == 26 || irq == 27 || irq == 29 || irq == 0 || irq == 2 || irq == 3)
		return -EINVAL;
	return record('b', pid, (uint32_t)irq, bits, 0);
}

/* What the kernel says a restarted server's drivers have: a device page, its
 * holder and the end of the mapped part of its window. */
static struct held {
	uint32_t page;
	int pid;
	uint32_t window_end;
} held[4];

static int holder(uint32_t page, uint32_t *window_end)
{
	for (size_t i = 0; i < sizeof held / sizeof *held; i++)
		if (held[i].pid && held[i].page == page) {
			*window_end = held[i].window_end;
			return held[i].pid;
		}
	return 0;
}

static const struct io_ops fake_ops = {program, layout, map, unmap, grant, irq_bind, holder};

struct tree {
	uint8_t *blob;
	struct fdt t;
	struct io_device dev[MAX_DEVICES];
	struct io_entry entry[MAX_DEVICES];
	struct io_state s;
};

static struct tree *tree(const char *path)
{
	struct tree *tr = calloc(1, sizeof *tr);
	const char *why;
	FILE *f = fopen(path, "rb");
	assert_non_null(tr);
	if (!f)
		fail_msg("cannot open %s", path);
	fseek(f, 0, SEEK_END);
	long size = ftell(f);
	rewind(f);
	tr->blob = malloc((size_t)size);
	assert_int_equal(fread(tr->blob, 1, (size_t)size, f), (size_t)size);
	fclose(f);
	assert_int_equal(fdt_open(&tr->t, tr->blob, (size_t)size, &why), 0);
	int n = io_devices_build(&tr->t, tr->dev, MAX_DEVICES);
	assert_true(n > 0 && n <= MAX_DEVICES);
	for (int i = 0; i < n; i++)
		tr->entry[i].d = &tr->dev[i];
	tr->s = (struct io_state){.ops = &fake_ops, .dev = tr->entry, .count = (uint32_t)n};
	return tr;
}

static void release(struct tree *tr)
{
	free(tr->blob);
	free(tr);
}

/* A devices list as SYS_PROGRAM copies it: each name NUL-terminated. */
#define DEVICES(names) names, sizeof names

static void add_proc(int i, int pid, const char *devices, uint32_t len, uint32_t window_pages)
{
	procs[i] = (struct fake_proc){pid, devices, len, window_pages, true};
}

static int setup(void **state)
{
	(void)state;
	memset(procs, 0, sizeof procs);
	memset(held, 0, sizeof held);
	ncalls = 0;
	fail_call = -1;
	next_dma_page = 0x48000;
	return 0;
}

static struct io_entry *named(struct tree *tr, const char *name)
{
	for (uint32_t i = 0; i < tr->s.count; i++)
		if (!strcmp(tr->entry[i].d->name, name))
			return &tr->entry[i];
	fail_msg("no device %s", name);
	return NULL;
}

/* QEMU virt: the kernel drives the PL011 (its console) and the GIC, keeps
 * three of the timer's four interrupts. */
static struct tree *virt(void)
{
	struct tree *tr = tree(TEST_DATA_DIR "/virt-128m.dtb");
	const struct dev_range k[] = {{0x09000000, 0, 0x1000, DEV_RANGE_CONSOLE},
				      {0x08000000, 0, 0x1000, 0},
				      {0x08010000, 0, 0x1000, 0}};
	devices_mark_kernel(&tr->s, k, 3, 1);
	ncalls = 0;
	return tr;
}

static void test_mark_kernel(void **state)
{
	(void)state;
	struct tree *tr = virt();
	assert_int_equal(named(tr, "pl011@9000000")->holder, IO_HOLDER_KERNEL);
	assert_int_equal(named(tr, "intc@8000000")->holder, IO_HOLDER_KERNEL);
	assert_int_equal(named(tr, "pl031@9010000")->holder, 0);
	assert_int_equal(named(tr, "timer")->irq_kernel, 0xD); /* 29, 27, 26; not 30 */
	assert_int_equal(named(tr, "pl031@9010000")->irq_kernel, 0);
	release(tr);

	/* The Pi: the mailbox and the interrupt controller share a page. */
	tr = tree(BUILTIN_DIR "/builtin-raspi2b.dtb");
	const struct dev_range k[] = {{0x3f201000, 0, 0x1000, DEV_RANGE_CONSOLE},
				      {0x3f00b200, 0, 0x100, 0},
				      {0x40000000, 0, 0x100, 0}};
	devices_mark_kernel(&tr->s, k, 3, 1);
	assert_int_equal(named(tr, "serial@7e201000")->flags, IO_CONSOLE);
	assert_int_equal(named(tr, "interrupt-controller@7e00b200")->holder, IO_HOLDER_KERNEL);
	assert_int_equal(named(tr, "local_intc@40000000")->holder, IO_HOLDER_KERNEL);
	assert_int_equal(named(tr, "serial@7e201000")->holder, IO_HOLDER_KERNEL);
	assert_int_equal(named(tr, "mailbox@7e00b880")->holder, 0);
	assert_int_equal(named(tr, "mailbox@7e00b880")->flags, IO_PROXIED);
	assert_int_equal(named(tr, "gpio@7e200000")->flags, 0);
	assert_int_equal(named(tr, "timer")->irq_kernel, 0xD); /* local 0, 3, 2; not 1 */
	release(tr);
}

static void test_open(void **state)
{
	(void)state;
	struct tree *tr = virt();
	struct io_open o;
	add_proc(0, 37, DEVICES("arm,pl031\0virtio,mmio\0arm,armv7-timer"), 4);
	assert_int_equal(devices_open(&tr->s, 37, "arm,pl031", 0, 4, &o), 0);
	assert_int_equal(named(tr, "pl031@9010000")->holder, 37);
	assert_int_equal(o.reg_count, 1);
	assert_int_equal(o.reg[0].va, WINDOW);
	assert_int_equal(o.reg[0].pa, 0x09010000);
	assert_int_equal(o.reg[0].size, 0x1000);
	assert_int_equal(o.irq_count, 1);
	assert_int_equal(o.irq[0], 34);
	assert_int_equal(ncalls, 2);
	assert_true(calls[0].what == 'b' && calls[0].a == 34 && calls[0].b == 1u << 4);
	assert_true(calls[1].what == 'm' && calls[1].a == WINDOW && calls[1].b == 0x09010 &&
		    calls[1].c == DEV_REGS);
	/* The next device goes on the next page; its registers 0x200 into it. */
	assert_int_equal(devices_open(&tr->s, 37, "virtio,mmio", 1, 8, &o), 0);
	assert_int_equal(o.reg[0].va, WINDOW + PAGE + 0x200);
	assert_int_equal(o.reg[0].pa, 0x0a000200);
	assert_int_equal(o.irq[0], 49);
	/* The timer: only its physical channel, with the bit of its place. */
	ncalls = 0;
	assert_int_equal(devices_open(&tr->s, 37, "arm,armv7-timer", 0, 10, &o), 0);
	assert_int_equal(o.reg_count, 0);
	assert_int_equal(o.irq_count, 4);
	assert_int_equal(o.irq[0], IO_IRQ_NONE);
	assert_int_equal(o.irq[1], 30);
	assert_int_equal(o.irq[2], IO_IRQ_NONE);
	assert_int_equal(ncalls, 1);
	assert_true(calls[0].what == 'b' && calls[0].a == 30 && calls[0].b == 1u << 11);
	assert_int_equal(devices_holder(&tr->s, "arm,armv7-timer"), 37);
	release(tr);
}

/* Every refusal, each leaving the kernel uncalled and nothing held. */
static void test_refusals(void **state)
{
	(void)state;
	struct tree *tr = virt();
	struct io_open o;
	add_proc(0, 37, DEVICES("arm,pl031\0arm,pl011\0acme,widget\0virtio,mmio\0cfi-flash"), 2);
	add_proc(1, 38, DEVICES("arm,pl031\0virtio,mmio\0arm,armv7-timer"), 4);
	assert_int_equal(devices_open(&tr->s, 37, "arm,pl061", 0, 0, &o), -EPERM);
	assert_int_equal(devices_open(&tr->s, 37, "arm,pl03", 0, 0, &o), -EPERM);
	assert_int_equal(devices_open(&tr->s, 37, "acme,widget", 0, 0, &o), -ENOENT);
	assert_int_equal(devices_open(&tr->s, 37, "arm,pl031", 1, 0, &o), -ENOENT);
	assert_int_equal(devices_open(&tr->s, 37, "arm,pl011", 0, 0, &o), -EBUSY);
	assert_int_equal(devices_open(&tr->s, 99, "arm,pl031", 0, 0, &o), -ESRCH);
	/* Flash: 2 ranges of 64 MiB, more than a two-page window holds. */
	assert_int_equal(devices_open(&tr->s, 37, "cfi-flash", 0, 0, &o), -ENOMEM);
	assert_int_equal(devices_open(&tr->s, 37, "arm,pl031", 0, 30, &o), -EINVAL);
	assert_int_equal(devices_open(&tr->s, 38, "arm,armv7-timer", 0, 27, &o), -EINVAL);
	assert_int_equal(ncalls, 0);
	/* Held by one, busy for the other and for itself again. */
	assert_int_equal(devices_open(&tr->s, 38, "arm,pl031", 0, 0, &o), 0);
	ncalls = 0;
	assert_int_equal(devices_open(&tr->s, 37, "arm,pl031", 0, 0, &o), -EBUSY);
	assert_int_equal(devices_open(&tr->s, 38, "arm,pl031", 0, 0, &o), -EBUSY);
	/* A transport shares its page with seven others: once one is 38's, the
	 * others in that page are nobody else's either; the next page's are. */
	assert_int_equal(devices_open(&tr->s, 38, "virtio,mmio", 0, 0, &o), 0);
	ncalls = 0;
	assert_int_equal(devices_open(&tr->s, 37, "virtio,mmio", 7, 0, &o), -EBUSY);
	assert_int_equal(ncalls, 0);
	assert_int_equal(devices_open(&tr->s, 37, "virtio,mmio", 8, 0, &o), 0);
	assert_int_equal(devices_open(&tr->s, 38, "virtio,mmio", 1, 0, &o), 0);
	release(tr);
}

/* Two drivers whose pids are alike modulo IO_CLIENTS keep a record each: the
 * second's open does not take the first's window. */
static void test_clients_by_pid(void **state)
{
	(void)state;
	struct tree *tr = virt();
	struct io_open o;
	add_proc(0, 37, DEVICES("arm,pl031\0virtio,mmio"), 4);
	add_proc(1, 37 + IO_CLIENTS, DEVICES("virtio,mmio"), 4);
	assert_int_equal(devices_open(&tr->s, 37, "arm,pl031", 0, 0, &o), 0);
	assert_int_equal(o.reg[0].va, WINDOW);
	assert_int_equal(devices_open(&tr->s, 37 + IO_CLIENTS, "virtio,mmio", 8, 0, &o), 0);
	assert_int_equal(o.reg[0].va, WINDOW);
	assert_int_equal(devices_open(&tr->s, 37, "virtio,mmio", 0, 0, &o), 0);
	assert_int_equal(o.reg[0].va, WINDOW + PAGE); /* its window's second page */
	release(tr);
}

/* The console UART goes by IO_CONSOLE_NAME alone, to one driver at a time,
 * mapped (the kernel only transmits through it); when that driver ends it is
 * the kernel's again, and the next console server takes it. */
static void test_console(void **state)
{
	(void)state;
	struct tree *tr = virt();
	struct io_open o;
	add_proc(0, 37, DEVICES("wren,console\0arm,pl011"), 2);
	add_proc(1, 38, DEVICES("wren,console"), 2);
	add_proc(2, 39, DEVICES("arm,pl031"), 2);
	assert_int_equal(named(tr, "pl011@9000000")->flags, IO_CONSOLE);
	assert_int_equal(devices_holder(&tr->s, "wren,console"), IO_HOLDER_KERNEL);
	assert_int_equal(devices_open(&tr->s, 37, "arm,pl011", 0, 0, &o), -EBUSY);
	assert_int_equal(devices_open(&tr->s, 39, "wren,console", 0, 0, &o), -EPERM);
	assert_int_equal(ncalls, 0);
	assert_int_equal(devices_open(&tr->s, 37, "wren,console", 0, 0, &o), 0);
	assert_int_equal(o.reg[0].va, WINDOW);
	assert_int_equal(o.reg[0].pa, 0x09000000);
	assert_int_equal(o.irq[0], 33);
	assert_true(calls[1].what == 'm' && calls[1].b == 0x09000 && calls[1].c == DEV_REGS);
	assert_int_equal(devices_holder(&tr->s, "wren,console"), 37);
	assert_int_equal(devices_open(&tr->s, 38, "wren,console", 0, 0, &o), -EBUSY);
	procs[0].alive = false;
	devices_released(&tr->s);
	assert_int_equal(named(tr, "pl011@9000000")->holder, IO_HOLDER_KERNEL);
	assert_int_equal(devices_open(&tr->s, 38, "wren,console", 0, 0, &o), 0);
	assert_int_equal(devices_holder(&tr->s, "wren,console"), 38);
	release(tr);
}

/* A failure half-way undoes what was done: no mapping, no interrupt, no holder. */
static void test_failure_undone(void **state)
{
	(void)state;
	struct tree *tr = virt();
	struct io_open o;
	add_proc(0, 37, DEVICES("arm,pl031\0virtio,mmio"), 4);
	fail_call = 1; /* the map, after the bind */
	fail_err = -ENOMEM;
	assert_int_equal(devices_open(&tr->s, 37, "arm,pl031", 0, 0, &o), -ENOMEM);
	assert_int_equal(ncalls, 3);
	assert_true(calls[2].what == 'b' && calls[2].a == 34 && calls[2].b == 0); /* unbound */
	assert_int_equal(named(tr, "pl031@9010000")->holder, 0);
	/* The bind refused (another process has the interrupt): nothing mapped. */
	ncalls = 0;
	fail_call = 0;
	fail_err = -EBUSY;
	assert_int_equal(devices_open(&tr->s, 37, "arm,pl031", 0, 0, &o), -EBUSY);
	assert_int_equal(ncalls, 1);
	/* Then it works, in the window's first page still. */
	fail_call = -1;
	assert_int_equal(devices_open(&tr->s, 37, "arm,pl031", 0, 0, &o), 0);
	assert_int_equal(o.reg[0].va, WINDOW);
	release(tr);
}

/* Registers that share a page with the kernel's are granted, not mapped. */
static void test_proxied(void **state)
{
	(void)state;
	struct tree *tr = tree(BUILTIN_DIR "/builtin-raspi2b.dtb");
	const struct dev_range k[] = {{0x3f00b200, 0, 0x100, 0}};
	devices_mark_kernel(&tr->s, k, 1, 1);
	struct io_open o;
	add_proc(0, 40, DEVICES("brcm,bcm2835-mbox\0brcm,bcm2835-gpio"), 1);
	ncalls = 0;
	assert_int_equal(devices_open(&tr->s, 40, "brcm,bcm2835-mbox", 0, 0, &o), 0);
	assert_int_equal(o.reg[0].va, 0);
	assert_int_equal(o.reg[0].pa, 0x3f00b880);
	assert_int_equal(o.reg[0].size, 0x40);
	assert_int_equal(o.irq[0], 69);
	assert_int_equal(ncalls, 2);
	assert_true(calls[1].what == 'g' && calls[1].a == 0x3f00b880 && calls[1].b == 0x40);
	/* It took no page of the window: the GPIO's page still fits in it. */
	assert_int_equal(devices_open(&tr->s, 40, "brcm,bcm2835-gpio", 0, 1, &o), 0);
	assert_int_equal(o.reg[0].va, WINDOW);
	release(tr);
}

static void test_dma(void **state)
{
	(void)state;
	struct tree *tr = virt();
	struct io_open o;
	uint32_t va;
	uint64_t pa;
	add_proc(0, 37, DEVICES("arm,pl031"), 3);
	assert_int_equal(devices_open(&tr->s, 37, "arm,pl031", 0, 0, &o), 0);
	assert_int_equal(devices_dma(&tr->s, 37, DEV_DMA, &va, &pa), 0);
	assert_int_equal(va, WINDOW + PAGE);
	assert_int_equal(pa, 0x48000000ull);
	assert_int_equal(calls[ncalls - 1].c, DEV_DMA);
	assert_int_equal(devices_dma(&tr->s, 37, DEV_DMA_DEVICE, &va, &pa), 0);
	assert_int_equal(va, WINDOW + 2 * PAGE);
	assert_int_equal(pa, 0x48001000ull);
	/* The window is the limit the table sets; and DMA pages are all it gives. */
	assert_int_equal(devices_dma(&tr->s, 37, DEV_DMA, &va, &pa), -ENOMEM);
	assert_int_equal(devices_dma(&tr->s, 37, DEV_REGS, &va, &pa), -EINVAL);
	assert_int_equal(devices_dma(&tr->s, 99, DEV_DMA, &va, &pa), -ESRCH);
	release(tr);
}

/* A driver's end frees its devices; a restarted driver gets them back. */
static void test_released(void **state)
{
	(void)state;
	struct tree *tr = virt();
	struct io_open o;
	add_proc(0, 37, DEVICES("arm,pl031"), 1);
	add_proc(1, 38, DEVICES("arm,pl031"), 1);
	assert_int_equal(devices_open(&tr->s, 37, "arm,pl031", 0, 0, &o), 0);
	devices_released(&tr->s); /* 37 lives: nothing changes */
	assert_int_equal(devices_holder(&tr->s, "arm,pl031"), 37);
	assert_int_equal(devices_open(&tr->s, 38, "arm,pl031", 0, 0, &o), -EBUSY);
	procs[0].alive = false;
	devices_released(&tr->s);
	assert_int_equal(devices_holder(&tr->s, "arm,pl031"), 0);
	assert_int_equal(devices_holder(&tr->s, "arm,pl011"), IO_HOLDER_KERNEL);
	assert_int_equal(devices_holder(&tr->s, "acme,widget"), -ENOENT);
	/* The new instance, pid 69 in 37's slot (69 % 32 == 37 % 32), starts its
	 * window afresh. */
	add_proc(0, 69, DEVICES("arm,pl031"), 1);
	assert_int_equal(devices_open(&tr->s, 69, "arm,pl031", 0, 0, &o), 0);
	assert_int_equal(o.reg[0].va, WINDOW);
	release(tr);
}

static void test_match_and_info(void **state)
{
	(void)state;
	struct tree *tr = virt();
	struct io_entry *rng = named(tr, "virtio_mmio@a003e00");
	struct io_info info;
	rng->virtio = 4;
	assert_true(devices_match(rng, "virtio,mmio"));
	assert_true(devices_match(rng, "virtio,device4"));
	assert_false(devices_match(rng, "virtio,device2"));
	assert_false(devices_match(named(tr, "virtio_mmio@a000000"), "virtio,device0"));
	add_proc(0, 37, DEVICES("virtio,device4"), 1);
	struct io_open o;
	assert_int_equal(devices_open(&tr->s, 37, "virtio,device4", 0, 0, &o), 0);
	assert_int_equal(o.reg[0].pa, 0x0a003e00);
	assert_int_equal(devices_info(&tr->s, o.index, &info), 0);
	assert_string_equal(info.name, "virtio_mmio@a003e00");
	assert_string_equal(info.compatible, "virtio,mmio");
	assert_int_equal(info.holder, 37);
	assert_int_equal(info.virtio, 4);
	assert_int_equal(info.irq[0], 79);
	/* A compatible list longer than the reply keeps its whole strings. */
	uint32_t pl011 = (uint32_t)(named(tr, "pl011@9000000") - tr->entry);
	assert_int_equal(devices_info(&tr->s, pl011, &info), 0);
	assert_memory_equal(info.compatible, "arm,pl011\0arm,primecell", 24);
	assert_int_equal(info.compatible_len, 24);
	assert_int_equal(info.holder, IO_HOLDER_KERNEL);
	assert_int_equal(devices_info(&tr->s, tr->s.count, &info), -ENOENT);
	release(tr);
}

/* A server that replaces an ended one: the driver keeps its PL031 and its
 * next device goes past its window's mapped pages, the console server keeps
 * the console, another driver is refused the PL031, a pid the kernel names
 * that has ended gets nothing; and their ends free the devices as before. */
static void test_rebuild(void **state)
{
	(void)state;
	struct tree *tr = virt();
	struct io_open o;
	add_proc(0, 37, DEVICES("arm,pl031\0virtio,mmio"), 4);
	add_proc(1, 40, DEVICES("wren,console"), 1);
	add_proc(2, 41, DEVICES("arm,pl031"), 1);
	held[0] = (struct held){0x09010, 37, WINDOW + 2 * PAGE};
	held[1] = (struct held){0x09000, 40, WINDOW + PAGE};
	held[2] = (struct held){0x08000, 99, WINDOW + PAGE}; /* the GIC: the kernel's */
	devices_rebuild(&tr->s);
	assert_int_equal(ncalls, 0);
	assert_int_equal(named(tr, "pl031@9010000")->holder, 37);
	assert_int_equal(devices_holder(&tr->s, "wren,console"), 40);
	assert_int_equal(named(tr, "intc@8000000")->holder, IO_HOLDER_KERNEL);
	assert_int_equal(devices_open(&tr->s, 41, "arm,pl031", 0, 0, &o), -EBUSY);
	assert_int_equal(devices_open(&tr->s, 37, "virtio,mmio", 8, 4, &o), 0);
	assert_int_equal(o.reg[0].va, WINDOW + 2 * PAGE);

	procs[0].alive = procs[1].alive = false;
	devices_released(&tr->s);
	assert_int_equal(named(tr, "pl031@9010000")->holder, 0);
	assert_int_equal(devices_holder(&tr->s, "wren,console"), IO_HOLDER_KERNEL);
	assert_int_equal(devices_open(&tr->s, 41, "arm,pl031", 0, 0, &o), 0);
	release(tr);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(test_mark_kernel, setup),
	    cmocka_unit_test_setup(test_open, setup),
	    cmocka_unit_test_setup(test_refusals, setup),
	    cmocka_unit_test_setup(test_console, setup),
	    cmocka_unit_test_setup(test_clients_by_pid, setup),
	    cmocka_unit_test_setup(test_failure_undone, setup),
	    cmocka_unit_test_setup(test_proxied, setup),
	    cmocka_unit_test_setup(test_dma, setup),
	    cmocka_unit_test_setup(test_released, setup),
	    cmocka_unit_test_setup(test_match_and_info, setup),
	    cmocka_unit_test_setup(test_rebuild, setup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
