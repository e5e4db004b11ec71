/*
 * mbox: the Raspberry Pi's firmware mailbox driver (protocol: wren/mbox.h).
 * It asks the VideoCore firmware one property tag at a time through the
 * mailbox's property channel: the request lies in a page the firmware reads
 * (a DMA page from the IO server, uncached, whose physical address the driver
 * is told), the mailbox's "has data" interrupt says the answer is there. The
 * mailbox shares its page with the interrupt controller the kernel drives, so
 * its registers are reached through the kernel (dev_read32, dev_write32).
 * Callers wait in line: one request is with the firmware at a time, and the
 * others are answered in turn. Where there is no mailbox it ends at once,
 * status ENOENT.
 */
#include <stdbool.h>
#include <stdio.h>
#include <wren/io.h>
#include <wren/mbox.h>
#include <wren/sys.h>

#include "apps.h"

#define DATA_BIT 0 /* the notification bit of the mailbox's interrupt */
#define QUEUE 8    /* callers that may wait in line */

/* Mailbox 0 (VideoCore to ARM) and 1 (ARM to VideoCore), from the device's base. */
#define MBOX_READ 0x00
#define MBOX_STATUS 0x18
#define MBOX_CONFIG 0x1c
#define MBOX_WRITE 0x20
#define MBOX_WSTATUS 0x38
#define STATUS_FULL (1u << 31)
#define STATUS_EMPTY (1u << 30)
#define CONFIG_DATA_IRQ 1u /* interrupt when mailbox 0 has data */
#define CHANNEL_PROPERTY 8u
/* The VideoCore sees RAM uncached from 0xC0000000 (the Pi trees' dma-ranges). */
#define BUS_UNCACHED 0xC0000000u
#define CODE_REQUEST 0u
#define CODE_OK 0x80000000u
#define TAG_RESPONSE (1u << 31)
#define PATIENCE 100000 /* polls of a full mailbox before giving up */

/* The request: the buffer's size and code, one tag of 8 value bytes, the end. */
enum { W_SIZE, W_CODE, W_TAG, W_TAG_SIZE, W_TAG_CODE, W_VALUE0, W_VALUE1, W_END, WORDS };

struct caller {
	int pid;
	unsigned label, arg;
};

struct mbox {
	struct io_open dev;
	volatile unsigned *buf; /* the DMA page */
	unsigned bus;           /* its address to the VideoCore */
	struct caller line[QUEUE];
	unsigned first, count; /* line[first] is with the firmware */
};

static unsigned tag_of(unsigned label)
{
	switch (label) {
	case MBOX_BOARD_REVISION: return 0x00010002;
	case MBOX_FIRMWARE_REVISION: return 0x00000001;
	case MBOX_ARM_MEMORY: return 0x00010005;
	case MBOX_VC_MEMORY: return 0x00010006;
	case MBOX_TEMPERATURE: return 0x00030006;
	case MBOX_CLOCK_RATE: return 0x00030002;
	default: return 0;
	}
}

/* Hands the first caller's tag to the firmware; its answer comes as the
 * interrupt. */
static void send(struct mbox *m)
{
	const struct caller *c = &m->line[m->first];
	const struct io_reg *regs = &m->dev.reg[0];
	m->buf[W_SIZE] = WORDS * 4;
	m->buf[W_CODE] = CODE_REQUEST;
	m->buf[W_TAG] = tag_of(c->label);
	m->buf[W_TAG_SIZE] = 8;
	m->buf[W_TAG_CODE] = 0;
	m->buf[W_VALUE0] = c->arg; /* the temperature's sensor and the clock's id */
	m->buf[W_VALUE1] = 0;
	m->buf[W_END] = 0;
	for (int n = 0; n < PATIENCE && dev_read32(regs, MBOX_WSTATUS) & STATUS_FULL; n++)
		;
	dev_write32(regs, MBOX_WRITE, m->bus | CHANNEL_PROPERTY);
}

/* The interrupt: the firmware has answered the first caller, into *msg;
 * returns its pid, and hands the next caller's tag over. */
static int answered(struct mbox *m, struct ipc_msg *msg)
{
	const struct io_reg *regs = &m->dev.reg[0];
	const struct caller *c = &m->line[m->first];
	int ours = 0;
	/* Reading mailbox 0 empties it, and so ends the interrupt. */
	while (!(dev_read32(regs, MBOX_STATUS) & STATUS_EMPTY))
		ours |= dev_read32(regs, MBOX_READ) == (m->bus | CHANNEL_PROPERTY);
	sys_irq_ack(m->dev.irq[0]);
	if (!m->count || !ours)
		return 0;
	bool ok = m->buf[W_CODE] == CODE_OK && (m->buf[W_TAG_CODE] & TAG_RESPONSE);
	*msg = (struct ipc_msg){.w = {ok ? 0 : (unsigned)-EIO}};
	if (c->label == MBOX_BOARD_REVISION || c->label == MBOX_FIRMWARE_REVISION)
		msg->w[1] = m->buf[W_VALUE0];
	else if (c->label == MBOX_ARM_MEMORY || c->label == MBOX_VC_MEMORY)
		msg->w[1] = m->buf[W_VALUE0], msg->w[2] = m->buf[W_VALUE1];
	else
		msg->w[1] = m->buf[W_VALUE1]; /* after the sensor's or clock's id */
	int to = c->pid;
	m->first = (m->first + 1) % QUEUE;
	if (--m->count)
		send(m);
	return to;
}

/* A request from `from`; returns whom to answer with *msg now (0: nobody, the
 * answer comes with the firmware's). */
static int serve(struct mbox *m, int from, struct ipc_msg *msg)
{
	int err = 0;
	if (!tag_of(msg->label))
		err = -EINVAL;
	else if (m->count == QUEUE)
		err = -EAGAIN;
	if (err) {
		*msg = (struct ipc_msg){.w = {(unsigned)err}};
		return from;
	}
	m->line[(m->first + m->count) % QUEUE] = (struct caller){from, msg->label, msg->w[0]};
	if (m->count++ == 0)
		send(m);
	return 0;
}

int mbox_main(int argc, char **argv)
{
	struct mbox m = {0};
	unsigned va;
	unsigned long long pa;
	int err = dev_open("brcm,bcm2835-mbox", 0, DATA_BIT, &m.dev);
	if (!err && m.dev.irq[0] == IO_IRQ_NONE)
		err = -ENOSYS; /* no interrupt to wait for */
	if (!err)
		err = dev_dma(DEV_DMA, &va, &pa);
	if (err)
		return -err;
	m.buf = (volatile unsigned *)va;
	m.bus = BUS_UNCACHED | (unsigned)pa;
	dev_write32(&m.dev.reg[0], MBOX_CONFIG, CONFIG_DATA_IRQ);
	printf("mbox: the firmware's mailbox at 0x%08x, interrupt %d, its buffer at 0x%08x\n",
	       m.dev.reg[0].pa, m.dev.irq[0], (unsigned)pa);
	struct ipc_msg msg;
	int from = ipc_recv(&msg, 0);
	for (;;) {
		int to = 0;
		if (from == 0 && msg.label == IPC_LABEL_NOTIFY && (msg.w[0] & 1u << DATA_BIT))
			to = answered(&m, &msg);
		else if (from > 0)
			to = serve(&m, from, &msg);
		from = to ? ipc_reply_recv(to, &msg, 0) : ipc_recv(&msg, 0);
	}
}
