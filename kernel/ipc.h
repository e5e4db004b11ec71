/*
 * Inter-process communication: synchronous rendezvous (call, send, receive,
 * reply-and-receive) of a label and four words in registers, with an optional
 * long part copied between address spaces; asynchronous notification bits; and
 * page faults delivered to a pager as messages. docs/syscalls.md has the contract.
 *
 * The ipc_do_ functions carry out the system calls (libsys has the user-side
 * ipc_ functions of the same image, hence the names). Each works on the
 * calling thread's system-call words (thread_words): 0 the peer, 1 the label,
 * 2-5 the message words, 6 a struct ipc_buf pointer or 0. An operation that
 * completes sets word 0 (and the message words); one that blocks leaves the
 * thread in a waiting state and the words are written when it completes.
 */
#ifndef IPC_H
#define IPC_H

#include "arch.h"
#include "thread.h"

struct proc;

/* Registers with proc.c: a process that ends leaves every queue and wakes whoever
 * waits on it with -EPIPE; a parent hears of a child's end as NOTIFY_CHILD_EXIT. */
void ipc_init(void);

/* Each returns the frame to resume (syscall.h's syscall_entry_t). */
struct trap_frame *ipc_do_call(struct thread *t);
struct trap_frame *ipc_do_send(struct thread *t);
struct trap_frame *ipc_do_recv(struct thread *t);
struct trap_frame *ipc_do_reply_recv(struct thread *t);
struct trap_frame *ipc_do_notify(struct thread *t);
#ifdef HOST_TEST
/* How often each fast path ran: the host tests' proof of which path a call
 * took. Not kept in the kernel, whose fast paths count every instruction. */
struct ipc_stats {
	uint32_t fast_calls, fast_replies, fast_faults, fast_fault_replies;
};
extern struct ipc_stats ipc_stats;
#define FAST_PATH_RAN(path) (ipc_stats.path++)
#else
#define FAST_PATH_RAN(path) ((void)0)
#endif
/* Sets notification bits of p from the kernel (a child ended, an interrupt). */
void ipc_notify_proc(struct proc *p, uint32_t bits);

/* A system call of t failed to find a page of t's own memory (uaccess). If user
 * code touching it would have had it paged in (user_page_missing), the call is
 * rewound to run again and the fault goes to t's pager, as ipc_fault: returns
 * true, and the call's result is left alone. Else false: the call fails. */
bool ipc_page_in(struct thread *t);

/* Sends t's fault to its process's pager and blocks t until the pager answers;
 * without a pager the process is killed. Returns the frame to resume: the
 * pager's, switched to at once when it waits and may run (the fast path of a
 * fault), else the scheduler's pick. */
struct trap_frame *ipc_fault(struct thread *t, const struct fault *f);

#endif
