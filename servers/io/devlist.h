/*
 * The IO server's device list, built from a device tree (devlist.c): every
 * enabled node with a "compatible", its register ranges as the CPU sees them
 * (translated through every bus's ranges, kernel/fdt.c) and its interrupts in
 * the kernel's numbering (translated through its interrupt-parent and that
 * controller's binding). Plain C over the kernel's device-tree reader, so the
 * host tests build lists from real trees.
 */
#ifndef IO_DEVLIST_H
#define IO_DEVLIST_H

#include <stdbool.h>
#include <stdint.h>
#include <wren/io.h>

#include "fdt.h"

/* A device keeps IO_REGS register ranges and IO_IRQS interrupts (wren/io.h);
 * more are counted, not kept. An interrupt on a controller the kernel does not
 * number (a GPIO block's, a chained controller's own input) is IO_IRQ_NONE: it
 * can never be bound. */

/* Why a device lists no registers though it has a reg. */
enum io_reg_note {
	IO_REG_OK,
	IO_REG_NOT_CPU,     /* addresses of a bus the CPU does not see (CPUs, I2C, USB) */
	IO_REG_UNSUPPORTED, /* cells the reader does not take (a PCI bus's children) */
};

struct io_device {
	const char *name;       /* the node's, in the tree: "serial@7e201000" */
	const char *compatible; /* its "compatible" list, NUL-separated, in the tree */
	uint32_t compatible_len;
	/* the first letters of its compatible strings (io_initial): a name that
	 * starts with none of them is not one of its names */
	uint32_t initials;
	uint8_t reg_count, reg_total; /* kept, and in the tree */
	uint8_t irq_count, irq_total;
	uint8_t reg_note; /* enum io_reg_note */
	struct fdt_range reg[IO_REGS];
	int16_t irq[IO_IRQS]; /* the kernel's numbers, or IO_IRQ_NONE */
	/* its "interrupts", in the tree, and the phandle of their controller */
	const uint8_t *interrupts;
	uint32_t interrupts_len, interrupt_parent;
};

/*
 * Lists the devices of tree t into out (room for max; out may be NULL when max
 * is 0): every node but the root that has a "compatible" and whose "status" is
 * absent, "okay" or "ok". Returns how many the tree has, of which the first max
 * are listed.
 */
int io_devices_build(const struct fdt *t, struct io_device *out, uint32_t max);

/* Whether d's compatible list holds s. */
bool io_device_is(const struct io_device *d, const char *s);

/* A name's first letter as a bit of io_device.initials: a-z bits 0-25, any
 * other character bit 31. */
static inline uint32_t io_initial(char c)
{
	return c >= 'a' && c <= 'z' ? 1u << (c - 'a') : 1u << 31;
}

#endif
