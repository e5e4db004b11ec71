/*
 * test-mem: the memory server, from a client's side. The heap grows to exactly
 * its maximum and no further, shrinks and grows again; malloc works on top;
 * the stack grows over several pages unnoticed; a stack overflow kills only
 * its own process; forged and malformed requests are refused; 100 processes
 * that grow give everything back; and with the server gone, sbrk fails and a
 * growing stack is killed with the reason.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wren/mem.h>
#include <wren/sys.h>

#include "check.h"
#include "memstats.h"
#include "testprogs.h"

#define PAGE 4096
#define FRAME 1024

static void heap_limits(void)
{
	struct proc_layout l;
	sys_layout(0, &l);
	unsigned n = (l.heap_limit - l.heap_base) / PAGE, grown = 0, zeroed = 1;
	char *start = sbrk(0), *p;
	check_eq((long)(uintptr_t)start, l.heap_base, "the heap starts empty at its base");
	while ((p = sbrk(PAGE)) != (void *)-1) {
		zeroed &= p[0] == 0 && p[PAGE - 1] == 0;
		p[0] = 1;
		grown++;
	}
	check_eq(errno, ENOMEM, "growing past the maximum fails with ENOMEM");
	check_eq(grown, n, "the heap grew to exactly N pages");
	check(zeroed, "every new heap page came zeroed and writable");
	int frames = sys_info(INFO_FREE_FRAMES);
	check(sbrk(1) == (void *)-1 && sbrk(0) == start + n * PAGE, "one byte more: refused");
	check_eq(sys_info(INFO_FREE_FRAMES), frames, "and nothing changed");
	check(sbrk(-(intptr_t)(n + 1) * PAGE) == (void *)-1 && errno == EINVAL,
	      "shrinking below the start fails with EINVAL");
	check(sbrk(-(intptr_t)n * PAGE) != (void *)-1 && sbrk(0) == start, "shrink to nothing");
	check_eq(sys_info(INFO_FREE_FRAMES), frames + (int)n, "its N frames went back");
	check_eq(mem_stats().heap_pages, 0, "the memory server counts no heap page");
	p = sbrk(2 * PAGE);
	check(p == start && p[0] == 0 && p[PAGE] == 0, "regrow: fresh zeroed pages");
	sbrk(-2 * PAGE);
}

static void malloc_stress(void)
{
	void *blocks[64] = {0};
	unsigned seed = 1, ok = 1;
	for (int step = 0; step < 2000; step++) {
		seed = seed * 1103515245 + 12345;
		int i = (seed >> 16) % 64;
		if (blocks[i]) {
			ok &= ((unsigned char *)blocks[i])[0] == (unsigned char)i;
			free(blocks[i]);
			blocks[i] = 0;
		} else if ((blocks[i] = malloc(16 + (seed >> 8) % 700)) != NULL) {
			((unsigned char *)blocks[i])[0] = (unsigned char)i;
		}
	}
	check(ok, "2000 mallocs and frees keep every block's contents");
	for (int i = 0; i < 64; i++)
		free(blocks[i]);
	char *top = sbrk(0);
	void *big = malloc(16 * 1024);
	check(big != NULL && sbrk(0) == top,
	      "after freeing all, a 16 KiB block fits in what was freed");
	free(big);
}

static volatile unsigned depth_limit = ~0u;

static unsigned descend(unsigned depth, unsigned until)
{
	volatile unsigned char frame[FRAME];
	frame[0] = (unsigned char)depth;
	frame[FRAME - 1] = (unsigned char)(depth * 3);
	if (depth == until || depth == depth_limit)
		return frame[0] + frame[FRAME - 1];
	return descend(depth + 1, until) + frame[0] + frame[FRAME - 1];
}

static void stack_growth(void)
{
	unsigned expect = 0;
	for (unsigned d = 1; d <= 20; d++)
		expect += (d & 0xff) + ((d * 3) & 0xff);
	check_eq(descend(1, 20), expect, "20 KiB of stack frames, computed right");
	check(mem_stats().stack_pages >= 4, "the memory server grew the stack by 4 pages or more");
	int status = 0, pid = sys_spawn("stack-bomb");
	sys_wait(pid, &status);
	check_eq(status, KILLED | KILL_STACK_OVERFLOW,
		 "an endless recursion dies on the guard page");
	check(sbrk(PAGE) != (void *)-1 && sbrk(-PAGE) != (void *)-1, "and the rest go on");
}

static void forged(void)
{
	int mem = sys_info(INFO_PAGER);
	struct ipc_msg msg = {.label = IPC_LABEL_FAULT, .w = {0xffff0000u, FAULT_WRITE, 0}};
	check_eq(ipc_call(mem, &msg, 0), -EINVAL,
		 "a forged fault message is refused by the kernel");
	msg = (struct ipc_msg){.label = 77};
	check(ipc_call(mem, &msg, 0) == 0 && (int)msg.w[0] == -EINVAL,
	      "an unknown request gets EINVAL from the server");
	char *top = sbrk(0);
	msg = (struct ipc_msg){.label = MEM_SBRK, .w = {0x7ffff000u}};
	check(ipc_call(mem, &msg, 0) == 0 && (int)msg.w[0] == -ENOMEM && sbrk(0) == top,
	      "a request for 2 GiB is refused and changes nothing");
}

static void cycles(void)
{
	int frames = sys_info(INFO_FREE_FRAMES), ok = 1;
	for (int i = 0; i < 100; i++) {
		int status = -1, pid = sys_spawn("grower");
		ok &= sys_wait(pid, &status) == pid && status == 0;
	}
	check(ok, "100 processes grew their heap and stack and exited");
	check_eq(sys_info(INFO_FREE_FRAMES), frames, "free frames are where they started");
}

static void big_region(void)
{
	int status = -1;
	sys_wait(sys_spawn("big-heap"), &status);
	check_eq(status, 0,
		 "a process with a 36 MiB heap maximum gets a bigger user region, and runs");
}

static void server_gone(void)
{
	int status = 0, mem = sys_info(INFO_PAGER);
	check_eq(sys_kill(mem), 0, "kill the memory server");
	check(sbrk(PAGE) == (void *)-1 && errno == ENOMEM, "sbrk without a server: ENOMEM");
	int pid = sys_spawn("stack-bomb");
	sys_wait(pid, &status);
	check_eq(status, KILLED | KILL_PAGE_FAULT, "a growing stack without a pager is killed");
}

/* A system call's buffer on a stack page nothing has touched yet (the lowest of
 * the reserve) is paged in by the memory server, as a touch from user code would
 * be, and the call completes; before, it failed with EFAULT. */
static void syscall_pages_in(void)
{
	struct proc_layout l;
	sys_layout(0, &l);
	unsigned before = mem_stats().stack_pages;
	struct proc_layout *far = (struct proc_layout *)(uintptr_t)(l.stack_limit + 8);
	check_eq(sys_layout(0, far), 0,
		 "a system call's buffer on an untouched stack page is paged in");
	check_eq(far->heap_base, l.heap_base, "and holds what the kernel wrote there");
	check_eq(mem_stats().stack_pages, before + 1, "the memory server mapped that one page");
}

int test_mem_main(int argc, char **argv)
{
	syscall_pages_in();
	heap_limits();
	malloc_stress();
	stack_growth();
	forged();
	cycles();
	big_region();
	server_gone();
	return check_done("test-mem");
}

/* Grows its heap and its stack, then exits: for the cycles above. */
int grower_main(int argc, char **argv)
{
	char *p = sbrk(4 * PAGE);
	if (p == (void *)-1)
		return 1;
	memset(p, 1, 4 * PAGE);
	return descend(1, 8) ? 0 : 1;
}

/* A heap maximum over 32 MiB: its user region is the next size up (T1SZ 6), so
 * switching to and from it changes TTBCR as well as TTBR1. */
int big_heap_main(int argc, char **argv)
{
	struct proc_layout l;
	sys_layout(0, &l);
	char *p = sbrk(PAGE);
	if (p == (void *)-1 || (unsigned)(uintptr_t)p != l.heap_base || l.heap_base >= 0xFE000000u)
		return 1;
	p[0] = 1;
	sys_yield();
	return p[0] == 1 ? 0 : 2;
}
