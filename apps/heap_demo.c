/*
 * heap-demo: malloc until the heap reaches the maximum the program table gives
 * it, free everything, and allocate again: the heap grows page by page through
 * the memory server, and what was freed is used again.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "apps.h"
#include "memstats.h"

#define BLOCK 1024
#define MAX_BLOCKS 256

static int fill(void **blocks)
{
	int n = 0;
	errno = 0;
	while (n < MAX_BLOCKS && (blocks[n] = malloc(BLOCK)) != NULL)
		n++;
	return n;
}

int heap_demo_main(int argc, char **argv)
{
	void *blocks[MAX_BLOCKS];
	int n = fill(blocks);
	struct mem_stats s = mem_stats();
	printf("heap-demo: %d blocks of %d bytes, then malloc failed with %s; the heap has %u "
	       "pages\n",
	       n, BLOCK, errno == ENOMEM ? "ENOMEM" : "another error", s.heap_pages);
	for (int i = 0; i < n; i++)
		free(blocks[i]);
	int again = fill(blocks);
	printf("heap-demo: freed them all and allocated %d blocks again; the heap still has %u "
	       "pages\n",
	       again, mem_stats().heap_pages);
	for (int i = 0; i < again; i++)
		free(blocks[i]);
	return again == n ? 0 : 1;
}
