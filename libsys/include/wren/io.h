/*
 * The IO server's protocol (servers/io/, docs/io.md). The IO server lists
 * every device of the device tree and gives a driver the devices its program
 * table entry names: it has the kernel map their registers into the driver's
 * device window and bind their interrupts to it as notification bits. It also
 * hands out pages a device reads (DMA), says who holds a device, and answers
 * with any device of its list. Its pid is SYS_INFO INFO_IO_SERVER; the
 * sender's pid comes from the kernel, so a driver cannot ask in another's name.
 *
 * The dev_* functions of libsys (libsys/io.c) make the calls.
 */
#ifndef WREN_IO_H
#define WREN_IO_H

#include <stdint.h>
#include <wren/abi.h>
#include <wren/sys.h>

/* Long part: the compatible string; w[0] which one of the devices with it (0:
 * the first), w[1] the notification bit of its first interrupt (its next ones
 * get the bits above). Reply: w[0] 0 or -EPERM (not in the caller's devices),
 * -ENOENT (no such device), -EBUSY (another process, or the kernel, has it or
 * shares its page), -ENOMEM (no room left in the caller's device window),
 * -EINVAL (bits past 29); long part: struct io_open. */
#define IO_OPEN 1
/* w[0] DEV_DMA or DEV_DMA_DEVICE: a zeroed page a device may read, in the
 * caller's window. Reply: w[0] 0 or -ENOMEM, w[1] its address, w[2] and w[3]
 * its physical address (low and high word). */
#define IO_DMA 2
/* w[0] a device's index in the list. Reply: w[0] 0 or -ENOENT past the end;
 * long part: struct io_info. */
#define IO_INFO 3
/* Long part: a compatible string. Reply: w[0] the pid holding the first device
 * with it, 0 if none does, IO_HOLDER_KERNEL, or -ENOENT (no such device). */
#define IO_HOLDER 4

#define IO_REGS 6  /* register ranges of a device, at most */
#define IO_IRQS 16 /* interrupts of a device, at most */
#define IO_IRQ_NONE (-1)
#define IO_HOLDER_KERNEL (-1)
#define IO_NAME_MAX 64 /* bytes of a compatible string asked for, NUL included */

/* A device's register range, where the caller reaches it: at va, or, when va
 * is 0 (it shares a page with a device the kernel drives), a word at a time
 * through the kernel at pa (sys_dev_read, sys_dev_write; dev_read32 and
 * dev_write32 below do either). */
struct io_reg {
	unsigned va;
	unsigned pa, pa_high;
	unsigned size;
};

struct io_open {
	unsigned index; /* in the list, for IO_INFO */
	unsigned reg_count, irq_count;
	struct io_reg reg[IO_REGS];
	/* irq[i] raises notification bit first + i; IO_IRQ_NONE: not bound (the
	 * kernel keeps it, or it is on no controller the kernel knows) */
	short irq[IO_IRQS];
};

/* struct io_info flags */
#define IO_INFO_PROXIED 1u /* its registers share a page with the kernel's */
#define IO_INFO_NOT_CPU 2u /* it has a reg, but not in the CPU's address space */
#define IO_INFO_CONSOLE                                                                            \
	4u /* the kernel's console UART: its receive side is the console server's                  \
	    */

struct io_info {
	char name[40];       /* the tree's node name, cut to fit */
	char compatible[64]; /* its compatible list, NUL-separated, whole strings that fit */
	unsigned compatible_len;
	int holder; /* its driver's pid, 0 if none, IO_HOLDER_KERNEL */
	unsigned reg_count, irq_count;
	struct {
		unsigned pa, pa_high, size;
	} reg[IO_REGS];
	short irq[IO_IRQS];
	unsigned short irq_kernel; /* bit i: the kernel keeps irq[i] */
	unsigned char virtio;      /* behind a virtio-mmio transport: its device id, 0 none */
	unsigned char flags;       /* IO_INFO_ */
};

/* The calls, through IPC to the IO server: 0 (or a pid, for dev_holder) or the
 * negative error of the reply; -ESRCH when no IO server runs. */
int dev_open(const char *compatible, unsigned instance, unsigned first_bit, struct io_open *out);
int dev_dma(unsigned kind, unsigned *va, unsigned long long *pa);
int dev_info(unsigned index, struct io_info *out);
int dev_holder(const char *compatible);

/* A register of r, offset bytes in: read straight, or through the kernel. */
static inline unsigned dev_read32(const struct io_reg *r, unsigned offset)
{
	unsigned value = 0;
	if (r->va)
		return *(volatile unsigned *)(uintptr_t)(r->va + offset);
	sys_dev_read(r->pa + offset, &value);
	return value;
}

static inline void dev_write32(const struct io_reg *r, unsigned offset, unsigned value)
{
	if (r->va)
		*(volatile unsigned *)(uintptr_t)(r->va + offset) = value;
	else
		sys_dev_write(r->pa + offset, value);
}

#endif
