/*
 * sbrk: the heap grows and shrinks through the memory server, which decides;
 * the C library's malloc sits on top. Without a memory server, or past the
 * heap's maximum (set in the program table), sbrk fails with ENOMEM and
 * nothing changes.
 */
#include <errno.h>
#include <stddef.h>
#include <wren/mem.h>
#include <wren/sys.h>

/* The pager's pid, asked of the kernel once: a process's pager is named when
 * it starts and never changes. 0: not asked yet, or its call failed. */
static int pager;

void *sbrk(ptrdiff_t increment)
{
	struct ipc_msg msg = {.label = MEM_SBRK, .w = {(unsigned)increment}};
	if (pager <= 0)
		pager = sys_info(INFO_PAGER);
	if (pager <= 0 || ipc_call(pager, &msg, 0) != 0) {
		pager = 0;      /* asked again next time */
		errno = ENOMEM; /* no memory server to ask */
		return (void *)-1;
	}
	if ((int)msg.w[0] < 0) {
		errno = -(int)msg.w[0];
		return (void *)-1;
	}
	return (void *)msg.w[1];
}
