/*
 * Threads: what runs. A thread's saved registers, its state and what it waits
 * for. The kernel has a single stack and never blocks on it: a thread that
 * waits is a state here, and every kernel entry runs to the end and then
 * returns to whichever thread the scheduler picked.
 */
#ifndef THREAD_H
#define THREAD_H

#include <stdbool.h>
#include <stdint.h>

#include "arch.h"
#include "wren/abi.h"

struct proc;
struct addrspace;

enum thread_state {
	THREAD_RUNNABLE,   /* running, or in a run queue */
	THREAD_SENDING,    /* in peer's queue of senders */
	THREAD_RECEIVING,  /* waiting for a message or a notification */
	THREAD_REPLY_WAIT, /* waiting for peer's reply to a call (or to a fault) */
	THREAD_CHILD_WAIT, /* waiting for a child to end (wait_pid, wait_status) */
	THREAD_PAGER_WAIT, /* its fault waits for the next system pager (supervise.h) */
	THREAD_DEAD,
};

/* The IPC buffers a thread's last call named through a struct ipc_buf, as the
 * kernel checked them, and where the kernel reaches them: key, the struct's
 * address with IPC_BUF_SENDS set (what r6 is or-ed with it), or 0 when there is
 * none or it is not in one page; buf_k, the struct; send_k, the byte at send,
 * good for send_room bytes (to its page's end); recv_k, the whole receive
 * buffer, when it lies in one page. Each is NULL when its look-up found nothing
 * usable; all are good only while key is not 0: an unmap or a change of
 * permissions anywhere in the thread's address space zeroes it (its forget). */
struct ipc_named {
	uint32_t key, send, recv, recv_cap;
	const void *buf_k;
	char *send_k, *recv_k;
	uint32_t send_room;
};

struct thread {
	struct trap_frame ctx; /* first: the exception entry saves the user registers here */
	enum thread_state state;
	uint8_t priority;
	bool calling; /* SENDING: a call, which then waits for a reply */
	bool faulted; /* its message is a fault (below), which the pager answers */
	uint32_t fault_address, fault_access;
	int talk_pid;         /* the last process it was allowed to call (ipc.c), or 0 */
	int wait_pid;         /* CHILD_WAIT: the child, or -1 for any */
	uint32_t wait_status; /* CHILD_WAIT: where its exit status goes (0: nowhere) */
	uint8_t quantum;      /* ticks left before a thread of equal priority gets its turn */
	struct proc *proc;
	int pid;                    /* its process's: a message's source */
	const struct addrspace *as; /* its process's address space */
	struct thread *next;        /* in a run queue, or in a queue of senders */
	struct thread *peer;        /* SENDING, REPLY_WAIT: the thread waited for */
	struct thread *senders;     /* threads waiting to send to this one, oldest first */
	struct ipc_buf ipc;         /* its IPC call's struct ipc_buf, as checked when it was made */
	struct ipc_named named;     /* the buffers its last call named */
};

_Static_assert(__builtin_offsetof(struct thread, ctx) == 0,
	       "the exception entry saves user registers at the start of struct thread");

/* The thread's system-call words (docs/syscalls.md): arguments 0-6 when it
 * enters the kernel; the result in word 0 and a message in words 1-6 when it
 * leaves. Arch-neutral: the architecture says where they are saved. */
static inline uint32_t *thread_words(struct thread *t)
{
	return arch_syscall_words(&t->ctx);
}

#endif
