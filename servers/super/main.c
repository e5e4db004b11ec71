/*
 * The supervisor (docs/architecture.md, "The supervisor"): it adopts the
 * servers the kernel started at boot (the memory and IO servers), starts the
 * servers and drivers it is given, and learns of every one's end as their
 * parent (NOTIFY_CHILD_EXIT, then the status with the kill's reason); one
 * that was killed it starts again, as often as its program table entry's
 * restarts allow, and gives up on it after that (policy.c). One line for
 * each event, straight through the kernel: the console server may be the one
 * that ended, and its stack faults may wait for a memory server that only
 * the supervisor can start.
 */
#include <stdio.h>
#include <string.h>
#include <wren/console.h>
#include <wren/sys.h>

#include "apps.h"
#include "policy.h"

#define CHILDREN 16 /* the servers and drivers of a system, and some room */

static void say(const char *line)
{
	sys_puts(line, strlen(line));
}

/* The supervisor itself never faults: its fault would wait for the memory
 * server it is to restart. Touching each page of its stack reserve now, below
 * what is in use, has them all mapped. */
static void map_stack(void)
{
	struct proc_layout l;
	volatile char here = 0;
	uint32_t below = (uint32_t)&here - 256;
	if (sys_layout(0, &l) != 0)
		return;
	for (uint32_t va = l.stack_limit; va < below && va < l.stack_start; va += 4096)
		*(volatile char *)va = here;
}

/* The table's restart limit of the program called name; 0 if none. */
static unsigned limit_of(const char *name)
{
	struct program_info info;
	for (unsigned i = 0; sys_program_info(i, &info) == 0; i++)
		if (strcmp(info.name, name) == 0)
			return info.restarts;
	return 0;
}

static void watch(struct super_child *c, const char *name, int pid)
{
	*c = (struct super_child){.pid = pid, .limit = limit_of(name)};
	snprintf(c->name, sizeof c->name, "%s", name);
}

/* Adopts every boot server (pid with no parent that SYS_ADOPT takes) into
 * children; returns how many. */
static unsigned adopt(struct super_child *children)
{
	struct proc_info info;
	unsigned n = 0;
	for (unsigned slot = 0; n < CHILDREN; slot++) {
		int err = sys_proc_info(slot, &info);
		if (err == -EINVAL)
			break;
		if (err == 0 && info.parent == 0 && sys_adopt(info.pid) == 0)
			watch(&children[n++], info.name, info.pid);
	}
	return n;
}

/* Collects c's process, which has ended, and restarts it or not. */
static void ended(struct super_child *c)
{
	char line[160];
	int status = 0, old = c->pid, pid = 0;
	sys_wait(old, &status);
	enum super_action action = super_decide(c, status);
	c->pid = 0;
	if (action == SUPER_RESTART) {
		pid = sys_spawn_args(c->name, NULL, 0, SPAWN_RESTART);
		c->pid = pid > 0 ? pid : 0;
	}
	if (action != SUPER_LEAVE)
		say(super_describe(line, sizeof line, c, old, status, action, pid));
}

int supervise(const char *const *names, unsigned count)
{
	struct super_child children[CHILDREN];
	console_direct();
	map_stack();
	unsigned n = adopt(children);
	for (unsigned i = 0; i < count && n < CHILDREN; i++) {
		int pid = sys_spawn(names[i]);
		if (pid < 0)
			printf("[supervisor] cannot start %s: error %d\n", names[i], pid);
		else
			watch(&children[n++], names[i], pid);
	}
	for (;;) {
		struct ipc_msg msg;
		for (unsigned i = 0; i < n; i++)
			if (children[i].pid > 0 &&
			    sys_program(children[i].pid, &(struct program_devices){0}) == -ESRCH)
				ended(&children[i]);
		while (ipc_recv(&msg, 0) != 0 || msg.label != IPC_LABEL_NOTIFY ||
		       !(msg.w[0] & NOTIFY_CHILD_EXIT))
			;
	}
}
