/*
 * echo-server: answers calls. Label ECHO_ADD returns the words plus one each;
 * ECHO_REVERSE returns the long part reversed; ECHO_PING returns the message
 * as it came (the benchmarks' partner); ECHO_DIE ends the server without
 * answering, so its caller learns that a server can die under it.
 */
#include <wren/sys.h>

#include "echo.h"
#include "testprogs.h"

int echo_server_main(int argc, char **argv)
{
	/* Each in one page: the kernel's fast path for long parts wants it so. */
	unsigned char in[IPC_LONG_MAX] __attribute__((aligned(IPC_LONG_MAX)));
	unsigned char out[IPC_LONG_MAX] __attribute__((aligned(IPC_LONG_MAX)));
	struct ipc_buf buf = {.send = out, .send_len = 0, .recv = in, .recv_cap = sizeof in};
	/* A ping's long part goes back from where it came: no copy of its own. */
	struct ipc_buf echo = {.send = in, .send_len = 0, .recv = in, .recv_cap = sizeof in};
	struct ipc_buf *reply;
	struct ipc_msg msg;
	int from = ipc_recv(&msg, &buf);
	for (;;) {
		buf.send_len = 0;
		reply = &buf;
		switch (msg.label) {
		case ECHO_ADD:
			for (int i = 0; i < IPC_WORDS; i++)
				msg.w[i]++;
			break;
		case ECHO_REVERSE:
			for (unsigned i = 0; i < msg.len; i++)
				out[i] = in[msg.len - 1 - i];
			buf.send_len = msg.len;
			break;
		case ECHO_PING:
			echo.send_len = msg.len;
			reply = &echo;
			break;
		case ECHO_DIE: return 0;
		default: msg.label = ECHO_UNKNOWN;
		}
		from = ipc_reply_recv(from, &msg, reply);
	}
}
