/*
 * The memory server's decisions, apart from its IPC loop so that they are
 * tested on the host: each process's heap break and pages, the limits from its
 * layout (set by the program table, not by the process), and which faults get
 * a page. The kernel operations come in through struct mem_ops.
 */
#ifndef MEM_POLICY_H
#define MEM_POLICY_H

#include <stdint.h>
#include <wren/abi.h>

#define MEM_CLIENTS 256 /* the kernel's process table size: a slot per pid modulo this */
#define MEM_PAGE 4096u

struct mem_ops {
	int (*layout)(int pid, struct proc_layout *out);
	int (*map)(int pid, uint32_t va); /* a fresh zeroed, writable page */
	int (*unmap)(int pid, uint32_t va);
};

struct mem_client {
	int pid; /* 0: free */
	struct proc_layout layout;
	uint32_t brk;         /* the heap's end: pages below it are mapped */
	uint32_t stack_pages; /* pages this server mapped in the stack reserve */
};

struct mem_state {
	const struct mem_ops *ops;
	struct mem_client clients[MEM_CLIENTS];
};

/* The record of pid, made fresh when pid is new (a slot's earlier owner has ended). */
struct mem_client *mem_client(struct mem_state *m, int pid);

/* What the kernel has mapped for a process that ran before this server: the
 * pages of its heap (from heap_base up, none missing: what the last server's
 * breaks left) and of its stack reserve (from stack_start down), as
 * SYS_PROC_INFO counts them. */
struct mem_snapshot {
	int pid;
	uint32_t heap_pages, stack_pages;
};

/* A server that replaces an ended one takes over a running process: its
 * record from the kernel's layout and from s, its break at the end of its
 * heap's last mapped page (the true one lies in that page: a later request
 * moves it from there). Returns 0, -ESRCH if the process has ended, or
 * -EINVAL when the pages do not fit its layout; on an error there is no
 * record. */
int mem_adopt(struct mem_state *m, const struct mem_snapshot *s);

/* Moves pid's break by increment bytes; *old_brk gets the break before. Returns 0,
 * -ENOMEM past the heap's maximum or when out of memory, -EINVAL below its start,
 * -ESRCH if pid is gone; on an error nothing has changed. */
int mem_sbrk(struct mem_state *m, int pid, int32_t increment, uint32_t *old_brk);

/* A fault of pid at address: 0 when a page was mapped, or was already (the
 * last server mapped it and ended before it answered): the thread may resume;
 * else a negative error and the thread should be killed: only the stack reserve
 * is grown on a fault; the heap grows by request. */
int mem_fault(struct mem_state *m, int pid, uint32_t address);

#endif
