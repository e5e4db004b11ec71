/*
 * stack-demo: a recursion that grows the stack page by page (each new page a
 * fault the memory server answers, unseen by the program), then a recursion
 * without end in a child process, which the guard page stops.
 */
#include <stdio.h>

#include "apps.h"
#include "memstats.h"

#define FRAME 1024

static volatile unsigned depth_limit = ~0u;

static unsigned descend(unsigned depth, unsigned until)
{
	volatile unsigned char frame[FRAME];
	frame[0] = (unsigned char)depth;
	if (depth % 4 == 0)
		printf(
		    "stack-demo: depth %2u, %u KiB of frames, stack pages from the memory server: "
		    "%u\n",
		    depth, depth * FRAME / 1024, mem_stats().stack_pages);
	if (depth == until || depth == depth_limit)
		return frame[0];
	return descend(depth + 1, until) + frame[0];
}

int stack_demo_main(int argc, char **argv)
{
	unsigned sum = descend(1, 16);
	printf("stack-demo: back from depth 16 (checksum %u)\n", sum);
	int status = 0, pid = sys_spawn("stack-bomb");
	sys_wait(pid, &status);
	printf("stack-demo: the endless recursion (pid %d) ended with status %#x: %s\n", pid,
	       status, status == (KILLED | KILL_STACK_OVERFLOW) ? "stack overflow" : "unexpected");
	return status == (KILLED | KILL_STACK_OVERFLOW) ? 0 : 1;
}

int stack_bomb_main(int argc, char **argv)
{
	return (int)descend(1, ~0u);
}
