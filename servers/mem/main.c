/*
 * mem: the memory server. Every process's pager: it grows and shrinks heaps on
 * request (MEM_SBRK) and stacks on faults in their reserves, within the limits
 * the program table set; the kernel only maps what it decides (SYS_MAP). It
 * trusts no message: the sender's pid comes from the kernel, every request is
 * checked by policy.c, and anything else gets -EINVAL or, for a fault it will
 * not serve, a refusal that makes the kernel kill the faulting process.
 */
#include <wren/console.h>
#include <wren/mem.h>
#include <wren/sys.h>

#include "apps.h"
#include "policy.h"

static int map_page(int pid, uint32_t va)
{
	return sys_map(pid, va, MAP_WRITE);
}

static int unmap_page(int pid, uint32_t va)
{
	return sys_unmap(pid, va);
}

static const struct mem_ops kernel_ops = {
    .layout = sys_layout,
    .map = map_page,
    .unmap = unmap_page,
};

/* The server cannot page itself: it maps its whole stack before it serves.
 * Returns 0, or the kernel's error (the server then cannot run). */
static int map_own_stack(void)
{
	struct proc_layout l;
	int self = sys_getpid();
	int err = sys_layout(0, &l);
	for (uint32_t va = l.stack_limit; !err && va < l.stack_start; va += MEM_PAGE)
		err = sys_map(self, va, MAP_WRITE);
	return err;
}

/* Takes over every process that runs already, when this server replaces one
 * that ended: a supervisor started it (the one the kernel starts at boot has
 * no parent, and nobody has pages yet). A process that ends meanwhile is
 * skipped. The kernel is asked for the live slots only (PROC_INFO_NEXT). */
static void rebuild(struct mem_state *m)
{
	struct proc_info info;
	if (!sys_info(INFO_PARENT))
		return;
	for (int slot = 0; (slot = sys_proc_info((unsigned)slot | PROC_INFO_NEXT, &info)) >= 0;
	     slot++) {
		if (info.state == PROC_INFO_ZOMBIE)
			continue;
		struct mem_snapshot s = {info.pid, info.heap_pages, info.stack_pages - 1};
		mem_adopt(m, &s);
	}
}

/* Handles one message from `from`; the reply goes back in *msg. */
static void serve(struct mem_state *m, int from, struct ipc_msg *msg)
{
	uint32_t old_brk = 0;
	switch (msg->label) {
	case IPC_LABEL_FAULT:
		msg->label = mem_fault(m, from, msg->w[0]) == 0 ? 0 : 1; /* 1: kill it */
		return;
	case MEM_SBRK:
		msg->w[0] = (unsigned)mem_sbrk(m, from, (int32_t)msg->w[0], &old_brk);
		msg->w[1] = old_brk;
		break;
	case MEM_STATS: {
		struct mem_client *c = mem_client(m, from);
		msg->w[0] = c ? (c->brk - c->layout.heap_base + MEM_PAGE - 1) / MEM_PAGE : 0;
		msg->w[1] = c ? c->stack_pages : 0;
		msg->w[2] = c ? c->brk : 0;
		break;
	}
	default: msg->w[0] = (unsigned)-EINVAL;
	}
	msg->label = 0;
}

/* The state lives on the server's stack: a global would sit in every process's
 * .data_shared. */
static void serve_forever(void)
{
	struct mem_state state = {.ops = &kernel_ops};
	struct ipc_msg msg;
	rebuild(&state);
	int from = ipc_recv(&msg, 0);
	for (;;) {
		if (from <= 0) { /* a notification: nothing to answer */
			from = ipc_recv(&msg, 0);
			continue;
		}
		serve(&state, from, &msg);
		from = ipc_reply_recv(from, &msg, 0);
	}
}

int mem_main(int argc, char **argv)
{
	console_direct(); /* the console server's stack faults come here */
	int err = map_own_stack();
	if (err) {
		static const char why[] = "mem: cannot map its own stack; not serving\n";
		sys_puts(why, sizeof why - 1);
		return err;
	}
	serve_forever();
	return 0;
}
