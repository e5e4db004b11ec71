/*
 * test-spawn: processes start, end with a status, are waited for and killed;
 * bad requests get error codes; and 100 start/end cycles give back every frame
 * and every byte of kernel heap.
 */
#include <stddef.h>
#include <stdio.h>
#include <wren/sys.h>

#include "check.h"
#include "testprogs.h"

static void spawn_and_wait(void)
{
	int status = -1;
	int pid = sys_spawn("child");
	check(pid > 0, "spawn a child");
	check_eq(sys_wait(pid, &status), pid, "wait returns the child's pid");
	check_eq(status, 42, "the child's exit status arrives");
	check_eq(sys_wait(pid, &status), -ECHILD, "a child is collected only once");
	check_eq(sys_wait(-1, 0), -ECHILD, "wait with no children");
}

static void kill_a_child(void)
{
	int status = 0;
	int pid = sys_spawn("reporter");
	check(pid > 0, "spawn a process that never ends");
	sys_yield();
	check_eq(sys_kill(pid), 0, "kill it");
	check_eq(sys_wait(pid, &status), pid, "wait for the killed process");
	check_eq(status, KILLED | KILL_BY_REQUEST, "its status says it was killed");
	check_eq(sys_kill(pid), -ESRCH, "kill a process that has ended");
}

static void bad_requests(void)
{
	check_eq(sys_spawn("no-such-program"), -ENOENT, "spawn an unknown program");
	check_eq(sys_spawn(""), -EINVAL, "spawn with an empty name");
	check_eq(sys_spawn("a-name-much-longer-than-thirty-two-bytes"), -EINVAL,
		 "spawn with a name over 32 bytes");
	check_eq(syscall_raw(SYS_SPAWN, 0xA0000000u, 5, 0), -EFAULT, "spawn with a kernel pointer");
	check_eq(syscall_raw(SYS_SPAWN, 0xFE000000u, 5, 0), -EFAULT,
		 "spawn with a pointer to an unmapped user page");
	check_eq(sys_spawn_paged("child", 99999), -ESRCH, "spawn with a pager that does not exist");
	check_eq(syscall_raw(SYS_WAIT, (unsigned)-1, 0xA0000000u, 0), -EFAULT,
		 "wait with a status pointer into the kernel");
	check_eq(syscall_raw(SYS_PUTS, 0xB0000000u, 4, 0), -EFAULT, "puts from device memory");
	check_eq(syscall_raw(SYS_PUTS, 0, 5000, 0), -EINVAL, "puts of more than 4096 bytes");
	check_eq(syscall_raw(99, 0, 0, 0), -ENOSYS, "an unknown system call");
	check_eq(sys_kill(12345), -ESRCH, "kill a process that never was");
	check_eq(sys_info(99), -EINVAL, "info about nothing");
	check_eq(sys_irq_bind(0, 1, sys_getpid()), -EPERM, "binding an interrupt without PRIV_IO");
	check_eq(sys_dev_map(sys_getpid(), 0xFE000000u, 0x09000, DEV_REGS), -EPERM,
		 "mapping a device without PRIV_IO");
}

/* The table holds 255 processes, as many as there are ASIDs for them. */
static void full_table(void)
{
	int pids[300], n = 0, pid;
	while (n < 300 && (pid = sys_spawn("reporter")) > 0)
		pids[n++] = pid;
	check_eq(pid, -EAGAIN, "spawning stops with EAGAIN when the process table is full");
	check_eq(sys_info(INFO_PROCS), 255, "the full table holds 255 processes");
	check(n > 240, "more than 240 processes fit beside the system's");
	for (int i = 0; i < n; i++) {
		sys_kill(pids[i]);
		sys_wait(pids[i], 0);
	}
}

/* Arguments reach main as argv[1...], the program's name as argv[0]. */
static void arguments(void)
{
	int status = 0;
	const char *const two[] = {"a0", "a1", NULL};
	check_eq(sys_wait(sys_spawn_args("child", two, 0, 0), &status) > 0 ? status : -1, 103,
		 "two arguments reach main, with the name as argv[0]");
	const char *most[SPAWN_ARGC_MAX + 2];
	char names[SPAWN_ARGC_MAX + 1][16];
	for (int i = 0; i <= SPAWN_ARGC_MAX; i++) {
		snprintf(names[i], sizeof names[i], "a%d", i);
		most[i] = names[i];
	}
	most[SPAWN_ARGC_MAX] = NULL;
	check_eq(sys_wait(sys_spawn_args("child", most, 0, 0), &status) > 0 ? status : -1,
		 100 + 1 + SPAWN_ARGC_MAX, "SPAWN_ARGC_MAX arguments reach main");
	most[SPAWN_ARGC_MAX] = names[SPAWN_ARGC_MAX];
	most[SPAWN_ARGC_MAX + 1] = NULL;
	check_eq(sys_spawn_args("child", most, 0, 0), -E2BIG, "one more is E2BIG");
	/* The raw call: a block without its final NUL, and one too long. */
	check_eq(syscall_raw5(SYS_SPAWN, (unsigned)"child", 5, 0, (unsigned)"a0", 2), -EINVAL,
		 "a block of arguments without its final NUL is EINVAL");
	check_eq(
	    syscall_raw5(SYS_SPAWN, (unsigned)"child", 5, 0, (unsigned)names, SPAWN_ARGS_MAX + 1),
	    -E2BIG, "a block over SPAWN_ARGS_MAX is E2BIG");
}

static void cycles(void)
{
	int frames = sys_info(INFO_FREE_FRAMES), heap = sys_info(INFO_HEAP_BYTES);
	int ok = 1;
	for (int i = 0; i < 100; i++) {
		int status = 0, pid = sys_spawn("child");
		ok &= pid > 0 && sys_wait(pid, &status) == pid && status == 42;
	}
	check(ok, "100 spawn/exit/wait cycles");
	check_eq(sys_info(INFO_FREE_FRAMES), frames, "free frames after 100 cycles");
	check_eq(sys_info(INFO_HEAP_BYTES), heap, "kernel heap bytes after 100 cycles");
}

int test_spawn_main(int argc, char **argv)
{
	spawn_and_wait();
	kill_a_child();
	bad_requests();
	full_table();
	arguments();
	cycles();
	return check_done("test-spawn");
}
