/*
 * The IO server's calls (wren/io.h), as a driver and the programs that look
 * at devices make them. A lookup (IO_INFO, IO_HOLDER) that finds the IO
 * server gone, or sees it end, is asked again of the next one a supervisor
 * starts; an open or a DMA page is not: what the server had done of it
 * before it ended is the caller's to find out.
 */
#include <string.h>
#include <wren/io.h>

/* Calls the IO server with label, words w0 and w1, and the string s (or none)
 * as the long part; its reply's long part, up to cap bytes, goes to out. */
static int call(unsigned label, unsigned w0, unsigned w1, const char *s, void *out, unsigned cap,
		struct ipc_msg *msg)
{
	int io = sys_info(INFO_IO_SERVER);
	struct ipc_buf buf = {
	    .send = s, .send_len = s ? strlen(s) : 0, .recv = out, .recv_cap = cap};
	*msg = (struct ipc_msg){.label = label, .w = {w0, w1}};
	if (io <= 0)
		return -ESRCH;
	int err = ipc_call(io, msg, &buf);
	return err ? err : (int)msg->w[0];
}

static int io_server(void)
{
	return sys_info(INFO_IO_SERVER);
}

/* call, for a lookup: once more of the next IO server if this one is gone
 * (the kernel names no IO server while none lives, so any it names is new). */
static int lookup(unsigned label, unsigned w0, const char *s, void *out, unsigned cap,
		  struct ipc_msg *msg)
{
	int err = call(label, w0, 0, s, out, cap, msg);
	if ((err == -ESRCH || err == -EPIPE) && server_await(io_server, 0) > 0)
		err = call(label, w0, 0, s, out, cap, msg);
	return err;
}

int dev_open(const char *compatible, unsigned instance, unsigned first_bit, struct io_open *out)
{
	struct ipc_msg msg;
	if (strlen(compatible) >= IO_NAME_MAX)
		return -ENOENT; /* no device has so long a name */
	return call(IO_OPEN, instance, first_bit, compatible, out, sizeof *out, &msg);
}

int dev_dma(unsigned kind, unsigned *va, unsigned long long *pa)
{
	struct ipc_msg msg;
	int err = call(IO_DMA, kind, 0, 0, 0, 0, &msg);
	if (err == 0) {
		*va = msg.w[1];
		*pa = (unsigned long long)msg.w[3] << 32 | msg.w[2];
	}
	return err;
}

int dev_info(unsigned index, struct io_info *out)
{
	struct ipc_msg msg;
	return lookup(IO_INFO, index, 0, out, sizeof *out, &msg);
}

int dev_holder(const char *compatible)
{
	struct ipc_msg msg;
	if (strlen(compatible) >= IO_NAME_MAX)
		return -ENOENT;
	return lookup(IO_HOLDER, 0, compatible, 0, 0, &msg);
}
