/*
 * The IO server's calls (wren/io.h), as a driver and the programs that look
 * at devices make them.
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
	return call(IO_INFO, index, 0, 0, out, sizeof *out, &msg);
}

int dev_holder(const char *compatible)
{
	struct ipc_msg msg;
	if (strlen(compatible) >= IO_NAME_MAX)
		return -ENOENT;
	return call(IO_HOLDER, 0, 0, compatible, 0, 0, &msg);
}
