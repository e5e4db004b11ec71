/*
 * console: the console server (protocol: wren/console.h). It asks the IO
 * server for the receive side of the kernel's console UART (IO_CONSOLE_NAME)
 * with its interrupt, edits what is typed into lines (line.c), keeps the lines
 * typed ahead, and hands them to the program in the foreground; it writes
 * programs' output and the echo through the same UART, polled, and answers a
 * write once the bytes are in the UART, so they keep their order with what the
 * kernel prints. Ctrl-C ends the foreground program (PRIV_KILL), or, when the
 * session (the shell) is in the foreground, interrupts its read.
 */
#include <stdio.h>
#include <string.h>
#include <wren/console.h>
#include <wren/io.h>
#include <wren/sys.h>

#include "apps.h"
#include "line.h"
#include "uart.h"

#define RX_BIT 0      /* the notification bit of the UART's interrupt */
#define TYPED_AHEAD 8 /* lines typed before a program reads them */

/* A line typed and not read yet; length 0 is end of input (Ctrl-D). */
struct typed {
	unsigned length;
	char text[LINE_MAX + 1];
};

struct console {
	const struct console_uart *uart;
	struct io_reg regs;
	int irq;
	struct line line;
	struct typed ahead[TYPED_AHEAD];
	unsigned first, count; /* of ahead, a ring */
	int session, foreground;
	int reader;          /* the foreground program waiting in CONSOLE_READ, 0: none */
	unsigned reader_cap; /* the most bytes it wants */
};

static void write_bytes(const struct console *c, const char *s, unsigned n)
{
	for (unsigned i = 0; i < n; i++) {
		if (s[i] == '\n')
			c->uart->tx_byte(&c->regs, '\r');
		c->uart->tx_byte(&c->regs, s[i]);
	}
}

static void echo(const char *s, unsigned n, void *arg)
{
	write_bytes(arg, s, n);
}

static bool alive(int pid)
{
	struct program_devices program;
	return pid > 0 && sys_program(pid, &program) != -ESRCH;
}

/* Who is in the foreground: the program the session put there while it
 * lives, then the session again. */
static int foreground(struct console *c)
{
	if (c->foreground != c->session && !alive(c->foreground))
		c->foreground = c->session;
	return c->foreground;
}

static void type_ahead(struct console *c, const char *text, unsigned length)
{
	if (c->count == TYPED_AHEAD)
		return; /* nobody reads: what is typed now is lost, as a full buffer drops it */
	struct typed *t = &c->ahead[(c->first + c->count++) % TYPED_AHEAD];
	t->length = length;
	memcpy(t->text, text, length);
}

/* The next line typed ahead into *msg and *buf as a read's reply, cut to cap
 * bytes; false when none is. */
static bool next_line(struct console *c, unsigned cap, struct ipc_msg *msg, struct ipc_buf *buf)
{
	if (!c->count)
		return false;
	struct typed *t = &c->ahead[c->first];
	c->first = (c->first + 1) % TYPED_AHEAD;
	c->count--;
	unsigned n = t->length < cap ? t->length : cap;
	*msg = (struct ipc_msg){.w = {n}};
	buf->send = t->text; /* stays as it is until the reply is sent: the ring moved past it */
	buf->send_len = n;
	return true;
}

/* Ctrl-C: the foreground program ends, or the session's read is interrupted.
 * Returns whom to answer with *msg (0: nobody). */
static int interrupt(struct console *c, struct ipc_msg *msg)
{
	int fg = foreground(c);
	c->count = 0; /* what was typed ahead was meant for it */
	if (fg && fg != c->session) {
		sys_kill(fg);
		return 0;
	}
	if (c->reader && c->reader == fg) {
		int to = c->reader;
		c->reader = 0;
		*msg = (struct ipc_msg){.w = {(unsigned)-EINTR}};
		return to;
	}
	return 0;
}

/* What was typed since the last interrupt; returns whom to answer with *msg
 * and *buf (0: nobody): a waiting reader whose line is now complete. */
static int received(struct console *c, struct ipc_msg *msg, struct ipc_buf *buf)
{
	int to = 0, b;
	c->uart->rx_clear(&c->regs);
	while ((b = c->uart->rx_byte(&c->regs)) >= 0) {
		switch (line_feed(&c->line, (char)b)) {
		case LINE_READY: type_ahead(c, c->line.text, c->line.length); break;
		case LINE_EOF: type_ahead(c, "", 0); break;
		case LINE_INTERRUPT: to = interrupt(c, msg); break;
		case LINE_NONE: break;
		}
	}
	sys_irq_ack(c->irq);
	if (!to && c->reader && next_line(c, c->reader_cap, msg, buf)) {
		to = c->reader;
		c->reader = 0;
	}
	return to;
}

/* A request from `from`; returns whom to answer now with *msg and *buf (0:
 * nobody, the reply waits for a line). `data` holds the long part received. */
static int serve(struct console *c, int from, struct ipc_msg *msg, const char *data,
		 struct ipc_buf *buf)
{
	int result = -EINVAL;
	switch (msg->label) {
	case CONSOLE_WRITE:
		write_bytes(c, data, msg->len);
		result = (int)msg->len;
		break;
	case CONSOLE_READ:
		if (from != foreground(c)) {
			result = 0; /* not in the foreground: end of input */
			break;
		}
		if (next_line(c, msg->w[0], msg, buf))
			return from;
		c->reader = from;
		c->reader_cap = msg->w[0];
		return 0;
	case CONSOLE_FOREGROUND:
		if (!alive(c->session))
			c->session = c->foreground = from;
		if (from != c->session)
			result = -EPERM;
		else if (!alive((int)msg->w[0]))
			result = -ESRCH;
		else {
			c->foreground = (int)msg->w[0];
			result = 0;
		}
		break;
	}
	*msg = (struct ipc_msg){.w = {(unsigned)result}};
	return from;
}

/* Opens the console UART; 0, or the error. */
static int open_uart(struct console *c)
{
	struct io_open dev;
	struct io_info info;
	int err = dev_open("wren,console", 0, RX_BIT, &dev);
	if (!err)
		err = dev_info(dev.index, &info);
	if (err)
		return err;
	c->uart = console_uart_for(info.compatible, info.compatible_len);
	if (!c->uart || !dev.irq_count || dev.irq[0] == IO_IRQ_NONE)
		return -ENOENT;
	c->regs = dev.reg[0];
	c->irq = dev.irq[0];
	return 0;
}

int console_main(int argc, char **argv)
{
	/* On the stack: a global would sit in every process's .bss_shared. */
	struct console c = {0};
	char data[IPC_LONG_MAX];
	console_direct();
	int err = open_uart(&c);
	if (err) {
		printf("console: no console UART for input (error %d); output stays the kernel's\n",
		       err);
		return -err;
	}
	line_init(&c.line, echo, &c);
	c.uart->rx_enable(&c.regs);
	printf("console: %s at 0x%08x, irq %d: input and output\n", c.uart->name, c.regs.pa, c.irq);
	struct ipc_buf buf = {.recv = data, .recv_cap = sizeof data};
	struct ipc_msg msg;
	int from = ipc_recv(&msg, &buf);
	for (;;) {
		int to;
		buf.send_len = 0;
		if (from == 0)
			to = msg.label == IPC_LABEL_NOTIFY && (msg.w[0] & 1u << RX_BIT)
				 ? received(&c, &msg, &buf)
				 : 0;
		else
			to = serve(&c, from, &msg, data, &buf);
		from = to ? ipc_reply_recv(to, &msg, &buf) : ipc_recv(&msg, &buf);
	}
}
