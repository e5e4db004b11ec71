/*
 * The console server's calls (wren/console.h), as stdio and the shell make
 * them.
 */
#include <stdbool.h>
#include <string.h>
#include <wren/console.h>
#include <wren/io.h>
#include <wren/sys.h>

static int server;  /* the console server, once found */
static bool direct; /* console_direct: never look for it */

void console_direct(void)
{
	direct = true;
}

int console_server(void)
{
	if (!server && !direct) {
		int holder = dev_holder("wren,console");
		server = holder > 0 ? holder : 0;
	}
	return server;
}

/* Calls the console server with label and w0, sending send_len bytes of send
 * and receiving up to cap bytes into recv. The reply's w[0], or the error. */
static int call(unsigned label, unsigned w0, const void *send, unsigned send_len, void *recv,
		unsigned cap)
{
	struct ipc_buf buf = {.send = send, .send_len = send_len, .recv = recv, .recv_cap = cap};
	struct ipc_msg msg = {.label = label, .w = {w0}};
	int to = console_server();
	if (!to)
		return -ESRCH;
	int err = ipc_call(to, &msg, send || recv ? &buf : 0);
	if (err == -ESRCH || err == -EPIPE)
		server = 0; /* it has ended: look again next time */
	return err ? err : (int)msg.w[0];
}

int console_write(const char *s, unsigned n)
{
	unsigned done = 0;
	while (done < n) {
		unsigned chunk = n - done < IPC_LONG_MAX ? n - done : IPC_LONG_MAX;
		int err = call(CONSOLE_WRITE, 0, s + done, chunk, 0, 0);
		if (err < 0)
			return done ? (int)done : err;
		done += chunk;
	}
	return (int)done;
}

int console_read(char *buf, unsigned cap)
{
	return call(CONSOLE_READ, cap < IPC_LONG_MAX ? cap : IPC_LONG_MAX, 0, 0, buf, cap);
}

int console_foreground(int pid)
{
	return call(CONSOLE_FOREGROUND, (unsigned)pid, 0, 0, 0, 0);
}
