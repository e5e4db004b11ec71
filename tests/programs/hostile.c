/*
 * The privileged hostile programs test-hostile starts, each with one right
 * it tries to stretch: spawner (PRIV_SPAWN) starts what its table entry does
 * not list, or what is more privileged than itself; mapper (PRIV_MAP) maps
 * into processes it does not page; hog, whose table priority outranks its
 * parent's, computes forever.
 */
#include <wren/sys.h>

#include "check.h"
#include "hostile.h"
#include "testprogs.h"

#define PAGE 4096u

/* Starts name and collects it: its exit status, or the spawn's error. */
static int spawn_and_wait(const char *name, int pager)
{
	int status = -1, pid = sys_spawn_paged(name, pager);
	if (pid < 0)
		return pid;
	sys_wait(pid, &status);
	return status;
}

static int spawner_rights(int stranger)
{
	static const char child_nul[] = "child\0er";
	check_eq(sys_spawn("test-hostile"), -EPERM, "spawn a program its entry does not list");
	check_eq(sys_spawn("spawner"), -EPERM, "spawn itself, which its entry does not list");
	check_eq(sys_spawn("mapper"), -EPERM,
		 "spawn a listed program with PRIV_MAP, which it lacks");
	check_eq(spawn_and_wait("child", 0), 42, "spawn a listed program without privileges");
	check_eq(sys_spawn_paged("child", stranger), -EPERM, "spawn it paged by a stranger");
	check_eq(spawn_and_wait("child", sys_info(INFO_PARENT)), 42,
		 "spawn it paged by its parent, which it may talk to");
	check_eq(syscall_raw(SYS_SPAWN, 0, 5, 0), -EFAULT, "spawn a name at NULL");
	check_eq(syscall_raw(SYS_SPAWN, (unsigned)child_nul, sizeof child_nul - 1, 0), -ENOENT,
		 "spawn a name with a NUL inside");
	check_eq(syscall_raw(SYS_SPAWN, (unsigned)child_nul, 33, 0), -EINVAL,
		 "spawn a name of 33 bytes");
	return check_done("spawner");
}

int spawner_main(int argc, char **argv)
{
	struct ipc_msg msg;
	return hostile_ask(&msg) == SPAWNER_RIGHTS ? spawner_rights((int)msg.w[1]) : 2;
}

/* paged is a process it pages (an intruder, as the stranger is one: the
 * same layout); it maps only there and into itself. */
static int mapper_rights(int stranger, int paged)
{
	struct proc_layout l, own;
	int self = sys_getpid(), parent = sys_info(INFO_PARENT), mem = sys_info(INFO_PAGER);
	check_eq(sys_layout(paged, &l), 0, "the layout of a process it pages");
	check_eq(sys_layout(stranger, &l), -EPERM, "the layout of a stranger");
	check_eq(sys_map(stranger, l.heap_base, MAP_WRITE), -EPERM, "map into a stranger's heap");
	check_eq(sys_unmap(stranger, l.stack_limit), -EPERM, "unmap a stranger's stack");
	check_eq(sys_map(parent, l.heap_base, MAP_WRITE), -EPERM,
		 "map into its parent, which it does not page");
	check_eq(sys_map(mem, l.heap_base, MAP_WRITE), -EPERM, "map into the memory server");
	check_eq(sys_map(0, l.heap_base, MAP_WRITE), -ESRCH, "map into pid 0");

	check_eq(sys_map(paged, l.heap_base, MAP_WRITE), 0, "map into the process it pages");
	check_eq(sys_map(paged, l.heap_base, MAP_WRITE), -EEXIST, "twice");
	check_eq(sys_map(paged, l.heap_base + 1, MAP_WRITE), -EINVAL, "at an odd address");
	check_eq(sys_map(paged, l.guard, MAP_WRITE), -EINVAL, "on its guard page");
	check_eq(sys_map(paged, PAGE, MAP_WRITE), -EINVAL, "in the kernel region");
	check_eq(sys_map(paged, l.heap_base + PAGE, 0x80), -EINVAL, "with unknown flags");
	check_eq(sys_unmap(paged, l.heap_base), 0, "unmap it again");
	check_eq(sys_unmap(paged, l.heap_base), -ENOENT, "twice");

	sys_layout(0, &own);
	int mapped = sys_map(self, own.heap_base, MAP_WRITE);
	check_eq(mapped, 0, "map into itself");
	if (mapped == 0) {
		*(volatile unsigned *)own.heap_base = 1;
		check_eq(sys_unmap(self, own.heap_base), 0, "and unmap, after a write there");
	}
	return check_done("mapper");
}

int mapper_main(int argc, char **argv)
{
	struct ipc_msg msg;
	return hostile_ask(&msg) == MAPPER_RIGHTS ? mapper_rights((int)msg.w[1], (int)msg.w[2]) : 2;
}

static volatile unsigned rounds;

int hog_main(int argc, char **argv)
{
	sys_notify(sys_info(INFO_PARENT), HOSTILE_READY_BIT);
	for (;;)
		rounds++;
}
