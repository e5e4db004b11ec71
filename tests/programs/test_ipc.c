/*
 * test-ipc: ping-pong with register messages and long messages against the
 * echo-server, notifications, and every IPC error case.
 */
#include <string.h>
#include <wren/sys.h>

#include "check.h"
#include "echo.h"
#include "testprogs.h"

static void ping_pong(int server)
{
	int ok = 1;
	for (unsigned i = 0; i < 1000; i++) {
		struct ipc_msg msg = {.label = ECHO_ADD, .w = {i, i + 1, i + 2, i + 3}};
		ok &= ipc_call(server, &msg, 0) == 0 && msg.label == ECHO_ADD &&
		      msg.w[0] == i + 1 && msg.w[3] == i + 4;
	}
	check(ok, "1000 register-message calls and replies");
}

static void long_messages(int server)
{
	unsigned char out[IPC_LONG_MAX], in[IPC_LONG_MAX];
	for (unsigned i = 0; i < sizeof out; i++)
		out[i] = (unsigned char)i;
	struct ipc_buf buf = {.send = out, .send_len = 200, .recv = in, .recv_cap = sizeof in};
	struct ipc_msg msg = {.label = ECHO_REVERSE};
	check_eq(ipc_call(server, &msg, &buf), 0, "a call with a 200-byte long part");
	check_eq(msg.len, 200, "the reply's long part is 200 bytes");
	check(in[0] == 199 && in[199] == 0, "and it is the message reversed");

	buf.send_len = IPC_LONG_MAX;
	buf.recv_cap = 10;
	msg.label = ECHO_REVERSE;
	check_eq(ipc_call(server, &msg, &buf), 0, "a call whose reply does not fit");
	check_eq(msg.len, 10, "the reply is cut to the receiver's capacity");
}

static void errors(int server)
{
	struct ipc_msg msg = {.label = ECHO_ADD};
	struct ipc_buf bad_send = {.send = (void *)0xA0000000u, .send_len = 16};
	struct ipc_buf too_long = {.send = &msg, .send_len = IPC_LONG_MAX + 1};
	check_eq(ipc_call(12345, &msg, 0), -ESRCH, "call a process that never was");
	check_eq(ipc_call(sys_getpid(), &msg, 0), -EDEADLK, "call oneself");
	check_eq(ipc_call(server, &msg, &bad_send), -EFAULT,
		 "call with a long part in kernel memory");
	check_eq(ipc_recv(&msg, (struct ipc_buf *)0xFE000000u), -EFAULT,
		 "receive with an unmapped struct ipc_buf");
	check_eq(ipc_call(server, &msg, &too_long), -EMSGSIZE,
		 "call with a long part over the limit");
	check_eq(ipc_send(12345, &msg, 0), -ESRCH, "send to a process that never was");
	check_eq(sys_notify(12345, 1), -ESRCH, "notify a process that never was");
	check_eq(ipc_recv(&msg, (struct ipc_buf *)0xA0000000u), -EFAULT,
		 "receive with a struct ipc_buf in kernel memory");
}

static void notifications(void)
{
	struct ipc_msg msg;
	check_eq(sys_notify(sys_getpid(), 0x5), 0, "notify oneself");
	check_eq(sys_notify(sys_getpid(), 0x8), 0, "notify oneself again");
	check_eq(ipc_recv(&msg, 0), 0, "the notification comes from the kernel (pid 0)");
	check(msg.label == IPC_LABEL_NOTIFY && msg.w[0] == 0xd, "with both notifications' bits");
}

static void server_dies(int server)
{
	struct ipc_msg msg = {.label = ECHO_DIE};
	int status = -1;
	check_eq(ipc_call(server, &msg, 0), -EPIPE, "a caller whose server dies gets EPIPE");
	check_eq(sys_wait(server, &status), server, "the server has ended");
	msg.label = ECHO_ADD;
	check_eq(ipc_call(server, &msg, 0), -ESRCH, "a call to the dead server fails at once");
}

int test_ipc_main(int argc, char **argv)
{
	int server = sys_spawn("echo-server");
	check(server > 0, "start the echo-server");
	ping_pong(server);
	long_messages(server);
	errors(server);
	notifications();
	server_dies(server);
	return check_done("test-ipc");
}
