/*
 * io: the IO server. At boot it reads the device tree (the boot loader's, or
 * the board's built-in one, mapped read-only into its own device window by
 * the kernel), lists every device (devlist.c), marks those the kernel drives
 * itself, looks behind every virtio-mmio transport to see what is plugged in,
 * and prints the list. Then it serves (wren/io.h): it gives a driver the
 * devices its program table entry names, as policy.c decides, and the kernel
 * maps and binds them (SYS_DEV_*, SYS_IRQ_BIND); when a driver ends the kernel
 * takes them back and tells it (NOTIFY_DEVICES), and they are free again. It
 * trusts no message: the sender's pid comes from the kernel, and what a sender
 * may have comes from the kernel's copy of the table (SYS_PROGRAM).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wren/console.h>
#include <wren/io.h>
#include <wren/sys.h>

#include "apps.h"
#include "devlist.h"
#include "policy.h"

#define KERNEL_RANGES 8
#define LIST_ROOM 96             /* devices in one pass: more than any board's tree has */
#define VIRTIO_MAGIC 0x74726976u /* "virt", at offset 0 of a virtio-mmio transport */
#define VIRTIO_VERSION 0x004
#define VIRTIO_DEVICE_ID 0x008

static int layout(int pid, struct proc_layout *out)
{
	return sys_layout(pid, out);
}

static int map(int pid, uint32_t va, uint32_t page, uint32_t what)
{
	return sys_dev_map(pid, va, page, what);
}

static int unmap(int pid, uint32_t va)
{
	return sys_dev_unmap(pid, va);
}

static int grant(int pid, uint32_t pa, uint32_t size)
{
	return sys_dev_grant(pid, pa, size);
}

static int irq_bind(int irq, uint32_t bits, int pid)
{
	return sys_irq_bind(irq, bits, pid);
}

static int holder(uint32_t page, uint32_t *window_end)
{
	unsigned end = 0;
	int pid = sys_dev_holder(page, &end);
	*window_end = end;
	return pid;
}

static const struct io_ops kernel_ops = {
    .program = sys_program,
    .layout = layout,
    .map = map,
    .unmap = unmap,
    .grant = grant,
    .irq_bind = irq_bind,
    .holder = holder,
};

/* The board's built-in tree (board_tree.S). */
extern const uint8_t board_tree[], board_tree_end[];

/* Maps the boot loader's tree at the start of the window and opens it, or the
 * board's built-in one when there is none (*builtin); *end is the first page
 * of the window after it. 0, or why not (the kernel's error, or the reader's). */
static int open_tree(int self, const struct proc_layout *l, struct fdt *t, bool *builtin,
		     uint32_t *end, const char **why)
{
	int at = sys_dev_map(self, l->dev_base, 0, DEV_TREE);
	*builtin = at == -ENOENT;
	*end = l->dev_base;
	if (*builtin)
		return fdt_open(t, board_tree, (size_t)(board_tree_end - board_tree), why);
	if (at < 0) {
		*why = "the kernel cannot map it into the window";
		return at;
	}
	const uint8_t *blob = (const uint8_t *)(l->dev_base + (uint32_t)at);
	uint32_t size = fdt_total_size(blob);
	if (size > l->dev_limit - (uint32_t)blob)
		size = l->dev_limit - (uint32_t)blob; /* fdt_open refuses it as truncated */
	*end = ((uint32_t)blob + size + IO_PAGE - 1) & ~(IO_PAGE - 1);
	return fdt_open(t, blob, size, why);
}

/* The kernel's own devices' registers, as SYS_DEV_KERNEL lists them. */
static uint32_t kernel_ranges(struct dev_range *k)
{
	uint32_t n = 0;
	while (n < KERNEL_RANGES && sys_dev_kernel(n, &k[n]) == 0)
		n++;
	return n;
}

/* Reads each virtio-mmio transport's magic, version and device id through a
 * page of the window at scratch, a page of transports at a time. */
static void probe_virtio(struct io_state *s, int self, uint32_t scratch)
{
	uint64_t mapped = 1; /* not a page: nothing mapped at scratch yet */
	for (uint32_t i = 0; i < s->count; i++) {
		struct io_entry *e = &s->dev[i];
		if (!io_device_is(e->d, "virtio,mmio") || !e->d->reg_count || e->holder)
			continue;
		uint64_t page = e->d->reg[0].base & ~(uint64_t)(IO_PAGE - 1);
		if (page != mapped) {
			if (mapped != 1)
				sys_dev_unmap(self, scratch);
			mapped = sys_dev_map(self, scratch, (uint32_t)(page / IO_PAGE), DEV_REGS)
				     ? 1
				     : page;
			if (mapped == 1)
				continue;
		}
		const volatile uint8_t *regs =
		    (const volatile uint8_t *)(scratch + (uint32_t)(e->d->reg[0].base % IO_PAGE));
		uint32_t version = *(const volatile uint32_t *)(regs + VIRTIO_VERSION);
		if (*(const volatile uint32_t *)regs == VIRTIO_MAGIC &&
		    (version == 1 || version == 2))
			e->virtio =
			    (uint8_t) * (const volatile uint32_t *)(regs + VIRTIO_DEVICE_ID);
	}
	if (mapped != 1)
		sys_dev_unmap(self, scratch);
}

static const char *virtio_kind(uint32_t id)
{
	switch (id) {
	case 1: return "network card";
	case 2: return "block device";
	case 3: return "console";
	case 4: return "entropy source";
	case 5: return "memory balloon";
	case 9: return "9P transport";
	case 16: return "GPU";
	case 18: return "input device";
	case 19: return "socket";
	default: return "device";
	}
}

/* "09010000", "08000000 +1": the first register range's address, how many more. */
static const char *address_text(const struct io_device *d, char *out, size_t size)
{
	if (!d->reg_count)
		snprintf(out, size, "-");
	else if (d->reg_total > 1)
		snprintf(out, size, "%08llx +%u", (unsigned long long)d->reg[0].base,
			 d->reg_total - 1u);
	else
		snprintf(out, size, "%08llx", (unsigned long long)d->reg[0].base);
	return out;
}

/* "irq 34", "irq 29k 30 27k 26k" (k: the kernel's), "irq 20 21 22 23 +12". */
static const char *irq_text(const struct io_entry *e, char *out, size_t size)
{
	int n = snprintf(out, size, "%s", e->d->irq_total ? "irq" : "-");
	for (uint32_t i = 0; i < e->d->irq_count && i < 4; i++) {
		if (e->d->irq[i] == IO_IRQ_NONE)
			n += snprintf(out + n, size - n, " ?");
		else
			n += snprintf(out + n, size - n, " %d%s", e->d->irq[i],
				      e->irq_kernel >> i & 1 ? "k" : "");
	}
	if (e->d->irq_total > 4)
		snprintf(out + n, size - n, " +%u", e->d->irq_total - 4u);
	return out;
}

/* One line a device: name, compatible, address, interrupts, holder; the empty
 * virtio-mmio transports, all alike, in one line at the end. */
static void print_list(const struct io_state *s, bool builtin, const struct fdt_prop *model)
{
	char address[24], irqs[40];
	uint32_t empty = 0;
	printf("io: %u devices in %s%s%.*s\n", (unsigned)s->count,
	       builtin ? "the board's built-in device tree" : "the boot loader's device tree",
	       model ? ", " : "", model ? (int)strnlen((const char *)model->value, model->len) : 0,
	       model ? (const char *)model->value : "");
	for (uint32_t i = 0; i < s->count; i++) {
		const struct io_entry *e = &s->dev[i];
		if (io_device_is(e->d, "virtio,mmio") && !e->virtio) {
			empty++;
			continue;
		}
		printf("io:   %-30s %-30s %-12s %-20s %s", e->d->name, e->d->compatible,
		       address_text(e->d, address, sizeof address), irq_text(e, irqs, sizeof irqs),
		       e->flags & IO_CONSOLE           ? "kernel console"
		       : e->holder == IO_HOLDER_KERNEL ? "kernel"
		       : e->flags & IO_PROXIED         ? "free, through the kernel"
						       : "free");
		if (e->virtio)
			printf(": virtio %s (%u)", virtio_kind(e->virtio), e->virtio);
		printf("\n");
	}
	if (empty)
		printf("io:   %u virtio-mmio transports with nothing plugged in\n",
		       (unsigned)empty);
}

/* The tree's devices, as entries of s; how many, or -ENOMEM. One pass over
 * the tree with room for LIST_ROOM devices, another only for a tree with more. */
static int list_devices(struct io_state *s, const struct fdt *t)
{
	uint32_t room = LIST_ROOM;
	struct io_device *list = malloc(room * sizeof *list);
	int n = list ? io_devices_build(t, list, room) : -ENOMEM;
	if (n > (int)room) {
		free(list);
		room = (uint32_t)n;
		list = malloc(room * sizeof *list);
		n = list ? io_devices_build(t, list, room) : -ENOMEM;
	}
	s->dev = n > 0 ? calloc((size_t)n, sizeof *s->dev) : 0;
	if (n < 0 || (n > 0 && !s->dev))
		return -ENOMEM;
	for (int i = 0; i < n; i++)
		s->dev[i].d = &list[i];
	return n;
}

/* Builds the list; with no tree to read there are no devices, and every
 * IO_OPEN is -ENOENT. */
static void build(struct io_state *s, int self)
{
	struct proc_layout l;
	struct fdt t;
	struct fdt_prop model;
	struct dev_range k[KERNEL_RANGES];
	bool builtin = false;
	uint32_t end = 0;
	const char *why = "";
	int n = sys_layout(0, &l);
	if (!n)
		n = open_tree(self, &l, &t, &builtin, &end, &why);
	if (!n && (n = list_devices(s, &t)) < 0)
		why = "no memory for the list";
	if (n < 0) {
		printf("io: no devices: the device tree cannot be read (%s, error %d)\n", why, n);
		return;
	}
	s->count = (uint32_t)n;
	devices_mark_kernel(s, k, kernel_ranges(k), self);
	if (sys_info(INFO_PARENT)) /* a supervisor's: it replaces one, whose drivers keep theirs */
		devices_rebuild(s);
	probe_virtio(s, self, end);
	struct fdt_node root = fdt_root(&t);
	print_list(s, builtin, fdt_prop(&t, &root, "model", &model) ? &model : 0);
}

/* A reply's long part, which must last until the reply is sent. */
union reply {
	struct io_open open;
	struct io_info info;
};

/* Handles one request from `from`; the reply goes back in *msg and, if it has
 * a long part, in reply, which *buf's send part then names. */
static void serve(struct io_state *s, int from, struct ipc_msg *msg, const char *name,
		  union reply *reply, struct ipc_buf *buf)
{
	uint32_t va = 0;
	uint64_t pa = 0;
	int result;
	switch (msg->label) {
	case IO_OPEN:
		result = devices_open(s, from, name, msg->w[0], msg->w[1], &reply->open);
		msg->w[1] = reply->open.index;
		if (result == 0) {
			buf->send = &reply->open;
			buf->send_len = sizeof reply->open;
		}
		break;
	case IO_DMA:
		result = devices_dma(s, from, msg->w[0], &va, &pa);
		msg->w[1] = va;
		msg->w[2] = (uint32_t)pa;
		msg->w[3] = (uint32_t)(pa >> 32);
		break;
	case IO_INFO:
		result = devices_info(s, msg->w[0], &reply->info);
		if (result == 0) {
			buf->send = &reply->info;
			buf->send_len = sizeof reply->info;
		}
		break;
	case IO_HOLDER: result = devices_holder(s, name); break;
	default: result = -EINVAL;
	}
	msg->w[0] = (unsigned)result;
	msg->label = 0;
}

int io_main(int argc, char **argv)
{
	int self = sys_getpid();
	console_direct(); /* the console server waits for this one */
	/* On the heap: a global would sit in every process's .bss_shared. */
	struct io_state *s = calloc(1, sizeof *s);
	if (!s) {
		printf("io: no memory; not serving\n");
		return ENOMEM;
	}
	s->ops = &kernel_ops;
	build(s, self);
	char name[IO_NAME_MAX];
	union reply reply;
	struct ipc_buf buf = {.recv = name, .recv_cap = sizeof name - 1};
	struct ipc_msg msg;
	int from = ipc_recv(&msg, &buf);
	for (;;) {
		if (from <= 0) { /* a notification: a driver has ended */
			if (msg.label == IPC_LABEL_NOTIFY && (msg.w[0] & NOTIFY_DEVICES))
				devices_released(s);
			from = ipc_recv(&msg, &buf);
			continue;
		}
		name[msg.len] = '\0';
		buf.send_len = 0;
		serve(s, from, &msg, name, &reply, &buf);
		from = ipc_reply_recv(from, &msg, &buf);
	}
}
