/*
 * The IO server's decisions (policy.c), apart from its IPC loop so that they
 * are tested on the host: who holds which device, what the program table
 * lets a driver have, where in its device window each device goes, which
 * interrupts are bound to it and with which bits, and what a driver's end
 * gives back. The kernel's side comes in through struct io_ops.
 */
#ifndef IO_POLICY_H
#define IO_POLICY_H

#include <stdbool.h>
#include <stdint.h>
#include <wren/io.h>

#include "devlist.h"

#define IO_CLIENTS 32 /* drivers at once: the records of the processes served */
#define IO_PAGE 4096u
#define IO_BIT_LIMIT 30 /* bits 30 and 31 are the kernel's */

struct io_ops {
	int (*program)(int pid, struct program_devices *out);
	int (*layout)(int pid, struct proc_layout *out);
	int (*map)(int pid, uint32_t va, uint32_t page, uint32_t what); /* SYS_DEV_MAP */
	int (*unmap)(int pid, uint32_t va);
	int (*grant)(int pid, uint32_t pa, uint32_t size);
	int (*irq_bind)(int irq, uint32_t bits, int pid);
	/* SYS_DEV_HOLDER: who has device page number page, and where the mapped
	 * part of its window ends */
	int (*holder)(uint32_t page, uint32_t *window_end);
};

/* struct io_entry flags */
#define IO_PROXIED 1u /* its registers share a page with the kernel's: granted, not mapped */
/* The kernel's console UART: the kernel transmits through it, and its receive
 * side goes to the one driver that asks for IO_CONSOLE_NAME (the console
 * server); it is the kernel's again when that driver ends. */
#define IO_CONSOLE 2u
#define IO_CONSOLE_NAME "wren,console"

/* A device, and what the server knows of it besides the tree. */
struct io_entry {
	const struct io_device *d;
	int holder;          /* its driver's pid, 0 if none, IO_HOLDER_KERNEL */
	uint16_t irq_kernel; /* bit i: the kernel keeps d.irq[i] */
	uint8_t virtio;      /* a virtio-mmio transport's device id, 0 none */
	uint8_t flags;
};

/* A process the server has served: its program's devices and its window. */
struct io_client {
	int pid; /* 0: free */
	struct program_devices program;
	uint32_t next, end; /* the window's first page not given yet, and its end */
};

struct io_state {
	const struct io_ops *ops;
	struct io_entry *dev;
	uint32_t count;
	struct io_client clients[IO_CLIENTS];
};

/* Marks what the kernel holds: a device whose registers overlap one of the n
 * ranges the kernel drives itself is the kernel's (and IO_CONSOLE if that
 * range is DEV_RANGE_CONSOLE); one that only shares a page with them is
 * IO_PROXIED; an interrupt no driver may have (the kernel's answer to
 * unbinding it from self) is the kernel's. */
void devices_mark_kernel(struct io_state *s, const struct dev_range *k, uint32_t n, int self);

/* Whether e is compatible with name: its compatible list holds it, or, for a
 * virtio-mmio transport with a device behind it, name is "virtio,device<id>"
 * (hexadecimal, the name Linux's binding gives the device), or e is the
 * kernel's console and name is IO_CONSOLE_NAME. */
bool devices_match(const struct io_entry *e, const char *name);

/* Gives pid the instance-th device compatible with name: its registers mapped
 * into pid's window (or granted, IO_PROXIED), its interrupts bound with bits
 * first_bit and up. Returns 0 and fills *out, or -EPERM (name is not among
 * pid's program's devices), -ENOENT (no such device), -EBUSY (the kernel or
 * another process has it, or a device sharing one of its pages), -ENOMEM (no
 * room in pid's window), -EINVAL (bits past IO_BIT_LIMIT), -ESRCH (pid is
 * gone), or the kernel's error; on an error pid is given nothing new. */
int devices_open(struct io_state *s, int pid, const char *name, uint32_t instance,
		 uint32_t first_bit, struct io_open *out);

/* A page of pid's window for a device to read (what: DEV_DMA or
 * DEV_DMA_DEVICE): 0 with *va and *pa, -ENOMEM (window full), -ESRCH, or the
 * kernel's error. */
int devices_dma(struct io_state *s, int pid, uint32_t what, uint32_t *va, uint64_t *pa);

/* Who holds the first device compatible with name: a pid, 0, IO_HOLDER_KERNEL,
 * or -ENOENT when there is none. */
int devices_holder(const struct io_state *s, const char *name);

/* The index-th device, as IO_INFO answers: 0, or -ENOENT past the last. */
int devices_info(const struct io_state *s, uint32_t index, struct io_info *out);

/* A server that replaces an ended one learns from the kernel who holds each
 * device (its first register page mapped in a driver's window, or granted;
 * the console's, by the console server), after devices_mark_kernel: the
 * holder's record is made, its window's next free page past what is mapped. */
void devices_rebuild(struct io_state *s);

/* After NOTIFY_DEVICES: every device whose holder has ended is free again, and
 * the record of that process is forgotten. */
void devices_released(struct io_state *s);

#endif
