/*
 * IPC (ipc.h): the rendezvous state machine. A message moves only when both
 * sides are there: a sender finds its receiver waiting, or waits in the
 * receiver's queue of senders (oldest first) until the receiver asks.
 */
#include "ipc.h"
#include "kstring.h"
#include "memlayout.h"
#include "pager_wait.h"
#include "printf.h"
#include "proc.h"
#include "proc_events.h"
#include "sched.h"
#include "uaccess.h"
#include "wren/abi.h"

#define R_PEER 0
#define R_LABEL 1
#define R_BUF 6

#ifdef HOST_TEST
struct ipc_stats ipc_stats;
#endif

/* Whether t may call, send to or notify p (proc_may_talk). The last process it
 * was allowed to reach is kept, so a client's calls to its server cost one
 * compare; a process's end clears it wherever it is kept (thread_ends). */
static inline bool may_reach(struct thread *t, struct proc *p)
{
	if (t->talk_pid == p->pid)
		return true;
	if (!proc_may_talk(t->proc, p))
		return false;
	t->talk_pid = p->pid;
	return true;
}

/* Remembers the buffers of the struct ipc_buf at va that t's call named and
 * the kernel checked (*buf): the look-ups the next calls that name the same
 * ones skip, until an unmap in the space zeroes the key (as->forget). */
static void remember(struct thread *t, uint32_t va, const struct ipc_buf *buf)
{
	struct ipc_named *g = &t->named;
	g->send = (uint32_t)(uintptr_t)buf->send;
	g->recv = (uint32_t)(uintptr_t)buf->recv;
	g->recv_cap = buf->recv_cap;
	g->send_room = PAGE_SIZE - (g->send & (PAGE_SIZE - 1));
	g->send_k = user_byte(t->as, g->send, false);
	g->recv_k = g->recv_cap && (g->recv & (PAGE_SIZE - 1)) + g->recv_cap <= PAGE_SIZE
			? user_byte(t->as, g->recv, true)
			: NULL;
	g->buf_k =
	    (va & (PAGE_SIZE - 1)) + sizeof *buf <= PAGE_SIZE ? user_byte(t->as, va, false) : NULL;
	g->key = g->buf_k ? va | IPC_BUF_SENDS : 0; /* no r6 or-ed with the bit is 0 */
}

/* Whether the struct ipc_buf r6 names still names the buffers t named last, and
 * nothing in t's space was unmapped since: then *buf is what it holds now
 * (send_len 0 unless sends), its buffers need no check but for a send past
 * send_room, and the copies no look-up. Read through the kernel's address of
 * the struct, a few loads instead of a checked copy. */
static inline bool same_buffers(struct thread *t, uint32_t r6, bool sends, struct ipc_buf *buf)
{
	const struct ipc_named *g = &t->named;
	const struct ipc_buf *u = g->buf_k; /* not NULL when the key matches */
	if ((r6 | IPC_BUF_SENDS) != g->key || (uint32_t)(uintptr_t)u->recv != g->recv ||
	    u->recv_cap != g->recv_cap)
		return false;
	buf->recv = u->recv;
	buf->recv_cap = u->recv_cap;
	buf->send_len = 0;
	if (!sends) /* a call that sends nothing reads nothing of the send part */
		return true;
	buf->send = u->send;
	buf->send_len = u->send_len;
	return (uint32_t)(uintptr_t)u->send == g->send;
}

/* Reads and checks the struct ipc_buf named in t's r6 into t->ipc (all zero when
 * there is none; its send part only when r6 has IPC_BUF_SENDS): the struct, the
 * length and both buffers, before t's call goes on or waits; the same buffers
 * as t's last call named are not checked again. 0 or an error. */
static int check_long_part(struct thread *t)
{
	uint32_t r6 = thread_words(t)[R_BUF], va = r6 & ~IPC_BUF_SENDS;
	struct ipc_buf *buf = &t->ipc;
	bool sends = r6 & IPC_BUF_SENDS;
	buf->send_len = 0;
	buf->recv_cap = 0;
	if (!r6)
		return 0;
	if (same_buffers(t, r6, sends, buf)) {
		const struct ipc_named *g = &t->named;
		if (buf->send_len > IPC_LONG_MAX)
			return -EMSGSIZE;
		if (buf->send_len && !(g->send_k && buf->send_len <= g->send_room) &&
		    !user_range_ok(t->as, g->send, buf->send_len, false))
			return -EFAULT;
		return 0;
	}
	if (copy_from_user(t->as, buf, va, sizeof *buf))
		return -EFAULT;
	if (!sends)
		buf->send_len = 0;
	if (buf->send_len > IPC_LONG_MAX)
		return -EMSGSIZE;
	if (!user_range_ok(t->as, (uint32_t)(uintptr_t)buf->send, buf->send_len, false) ||
	    !user_range_ok(t->as, (uint32_t)(uintptr_t)buf->recv, buf->recv_cap, true))
		return -EFAULT;
	remember(t, va, buf);
	return 0;
}

/* Copies n bytes from src, the kernel's address of a sender's long part, to
 * to's receive buffer through the kernel address remember() kept: no look-up,
 * no check. False, with nothing copied, when it cannot: a buffer that is not
 * the one remembered, a look-up older than an unmap, or more than it holds. */
static inline bool copy_known_to(const struct thread *to, const char *src, uint32_t n)
{
	const struct ipc_named *d = &to->named;
	if (!n)
		return true;
	if ((uint32_t)(uintptr_t)to->ipc.recv != d->recv || !d->key || !d->recv_k ||
	    n > d->recv_cap)
		return false;
	memcpy(d->recv_k, src, n);
	return true;
}

/* copy_known_to from from's long part, which must be the send buffer from
 * remembered, looked up since the last unmap, for n bytes; false as there. */
static inline bool copy_known(const struct thread *from, const struct thread *to, uint32_t n)
{
	const struct ipc_named *s = &from->named;
	if (n && ((uint32_t)(uintptr_t)from->ipc.send != s->send || !s->key || !s->send_k ||
		  n > s->send_room))
		return false;
	return copy_known_to(to, s->send_k, n);
}

/* Copies the long part of from's message to to's buffer, cut to its capacity;
 * returns the bytes copied. Both buffers were checked when their calls were
 * made; the copy checks the pages again (unless both were looked up since the
 * last unmap), and a buffer unmapped meanwhile makes it 0 bytes. */
static uint32_t transfer_long(struct thread *from, struct thread *to)
{
	uint32_t n = from->ipc.send_len < to->ipc.recv_cap ? from->ipc.send_len : to->ipc.recv_cap;
	if (copy_known(from, to, n))
		return n;
	if (copy_between(to->as, (uint32_t)(uintptr_t)to->ipc.recv, from->as,
			 (uint32_t)(uintptr_t)from->ipc.send, n))
		return 0;
	return n;
}

/* Moves the message from `from` to `to`: label, words and long part; to's r0
 * becomes r0 (the source pid, or 0 for a reply). */
static void transfer(struct thread *from, struct thread *to, uint32_t r0)
{
	uint32_t *dst = thread_words(to), *src = thread_words(from);
	uint32_t n = 0;
	if (from->faulted) {
		dst[1] = IPC_LABEL_FAULT;
		dst[2] = from->fault_address;
		dst[3] = from->fault_access;
		dst[4] = arch_frame_pc(&from->ctx);
		dst[5] = 0;
	} else {
		for (int i = 1; i <= 5; i++)
			dst[i] = src[i];
		if (from->ipc.send_len)
			n = transfer_long(from, to);
	}
	dst[0] = r0;
	dst[R_BUF] = n;
}

static void queue_sender(struct thread *dest, struct thread *t)
{
	struct thread **link = &dest->senders;
	while (*link)
		link = &(*link)->next;
	t->next = NULL;
	*link = t;
}

static void unqueue_sender(struct thread *dest, struct thread *t)
{
	for (struct thread **link = &dest->senders; *link; link = &(*link)->next)
		if (*link == t) {
			*link = t->next;
			return;
		}
}

/* The thread a send or call goes to, or NULL with the error in t's r0. */
static struct thread *destination(struct thread *t)
{
	struct proc *p = proc_find((int)thread_words(t)[R_PEER]);
	int err = p ? check_long_part(t) : -ESRCH;
	if (!err && &p->thread == t)
		err = -EDEADLK;
	if (!err && !may_reach(t, p))
		err = -EPERM;
	if (!err && thread_words(t)[R_LABEL] >= IPC_LABEL_KERNEL)
		err = -EINVAL; /* the kernel's labels cannot be forged */
	if (err == -EFAULT && ipc_page_in(t))
		return NULL;
	thread_words(t)[0] = (uint32_t)err;
	return err ? NULL : &p->thread;
}

/* t sends; calling: it then waits for the reply. */
static void deliver(struct thread *t, bool calling)
{
	struct thread *dest = destination(t);
	if (!dest)
		return;
	t->peer = dest;
	if (dest->state != THREAD_RECEIVING) {
		t->state = THREAD_SENDING;
		t->calling = calling;
		queue_sender(dest, t);
		return;
	}
	transfer(t, dest, (uint32_t)t->proc->pid);
	if (calling) {
		t->state = THREAD_REPLY_WAIT;
		sched_switch_to(dest); /* the server runs at once on the caller's turn */
	} else {
		thread_words(t)[0] = 0;
		sched_ready(dest);
	}
}

/*
 * The fast paths: a call to a server that is waiting for it, and the server's
 * reply to its caller when the server then waits again, each with a message
 * in registers and a long part, if any, between buffers that both threads
 * named before and that were looked up since the last unmap in their spaces
 * (copy_known), and a peer that runs next. Each does
 * what the general path does in that case, without the checks that cannot
 * apply, and switches straight to the peer: the frame it returns is the
 * peer's. Any other case returns NULL and takes the general path, which
 * redoes what was done (t->ipc) from the start. The host tests and the system
 * tests run both.
 */

/* t->ipc for the fast paths: none for r6 = 0, the buffers t named last when
 * r6 names them again (same_buffers) and what it sends lies in the look-up;
 * false for anything else. True: t's long part is at t->named.send_k, for all
 * of its send_len, which copy_known would check again. */
static inline bool fast_buffers(struct thread *t, uint32_t r6)
{
	if (!r6) {
		t->ipc.send_len = t->ipc.recv_cap = 0;
		return true;
	}
	if (!same_buffers(t, r6, r6 & IPC_BUF_SENDS, &t->ipc))
		return false;
	return !t->ipc.send_len || (t->ipc.send_len <= t->named.send_room && t->named.send_k);
}

/* The label and the four words, words 1-5: a struct's copy, which the
 * compiler makes a load and a store of several registers, where a memcpy of
 * its own would be a call. */
struct message_words {
	uint32_t w[5];
};
static inline void copy_message(uint32_t *to, const uint32_t *from)
{
	*(struct message_words *)&to[R_LABEL] = *(const struct message_words *)&from[R_LABEL];
}

/* Whether `to` may run now in place of t, which runs: when it is no less
 * urgent than t, at once, since no ready thread is better than the one that
 * runs (the scheduler saw to that before t got the CPU); else when no ready
 * thread is better than it. */
static inline bool may_run_instead(const struct thread *t, const struct thread *to)
{
	return to->priority <= t->priority || sched_would_run(to);
}

static inline uint32_t min_u32(uint32_t a, uint32_t b)
{
	return a < b ? a : b;
}

static struct trap_frame *fast_call(struct thread *t)
{
	uint32_t *r = thread_words(t);
	struct proc *p;
	struct thread *dest;
	if (r[R_LABEL] >= IPC_LABEL_KERNEL || !fast_buffers(t, r[R_BUF]) ||
	    !(p = proc_of((int)r[R_PEER])))
		return NULL;
	dest = &p->thread; /* RECEIVING, below: so it lives */
	uint32_t n = min_u32(t->ipc.send_len, dest->ipc.recv_cap);
	/* A call to oneself finds itself running, not RECEIVING. */
	if (dest->state != THREAD_RECEIVING || !may_run_instead(t, dest) || !may_reach(t, p) ||
	    !copy_known_to(dest, t->named.send_k, n))
		return NULL;
	uint32_t *d = thread_words(dest);
	d[0] = (uint32_t)t->pid;
	copy_message(d, r);
	d[R_BUF] = n;
	t->state = THREAD_REPLY_WAIT;
	t->peer = dest;
	FAST_PATH_RAN(fast_calls);
	return sched_resume(dest);
}

/* A pager's answer of label 0 to the fault of `to`, which resumes at once when
 * no ready thread of its priority or better would run before it (as the
 * general path's run queue would have it); t then waits, as fast_reply_recv's
 * caller checked it may at once. */
static struct trap_frame *fast_fault_reply(struct thread *t, struct thread *to)
{
	if (thread_words(t)[R_LABEL] != 0 || (sched_nonempty & ((2u << to->priority) - 1)))
		return NULL;
	to->faulted = false;
	to->quantum = QUANTUM; /* as a thread taken from its run queue gets */
	t->state = THREAD_RECEIVING;
	FAST_PATH_RAN(fast_fault_replies);
	return sched_resume(to);
}

static struct trap_frame *fast_reply_recv(struct thread *t)
{
	uint32_t *r = thread_words(t);
	struct proc *p;
	struct thread *to;
	if (r[R_LABEL] >= IPC_LABEL_KERNEL || t->senders || t->proc->notify_bits ||
	    !fast_buffers(t, r[R_BUF]) || !(p = proc_of((int)r[R_PEER])))
		return NULL;
	to = &p->thread; /* REPLY_WAIT, below: so it lives */
	if (to->state != THREAD_REPLY_WAIT || to->peer != t)
		return NULL;
	if (to->faulted)
		return fast_fault_reply(t, to);
	uint32_t n = min_u32(t->ipc.send_len, to->ipc.recv_cap);
	if (!may_run_instead(t, to) || !copy_known_to(to, t->named.send_k, n))
		return NULL;
	uint32_t *d = thread_words(to);
	d[0] = 0;
	copy_message(d, r);
	d[R_BUF] = n;
	t->state = THREAD_RECEIVING;
	FAST_PATH_RAN(fast_replies);
	return sched_resume(to);
}

/* The general path of SYS_CALL; out of line, so that the fast path's caller
 * saves no registers for it. */
__attribute__((noinline)) static struct trap_frame *slow_call(struct thread *t)
{
	deliver(t, true);
	return sched_next_frame();
}

struct trap_frame *ipc_do_call(struct thread *t)
{
	struct trap_frame *f = fast_call(t);
	return f ? f : slow_call(t);
}

struct trap_frame *ipc_do_send(struct thread *t)
{
	deliver(t, false);
	return sched_next_frame();
}

/* t receives: a pending notification, or the oldest queued message, or it waits.
 * t->ipc is checked. */
static void receive(struct thread *t)
{
	struct proc *p = t->proc;
	if (p->notify_bits) {
		uint32_t *r = thread_words(t), bits = p->notify_bits;
		p->notify_bits = 0;
		r[0] = 0;
		r[1] = IPC_LABEL_NOTIFY;
		r[2] = bits;
		r[R_BUF] = 0;
		return;
	}
	struct thread *s = t->senders;
	if (!s) {
		t->state = THREAD_RECEIVING;
		return;
	}
	t->senders = s->next;
	transfer(s, t, (uint32_t)s->proc->pid);
	if (s->calling || s->faulted) {
		s->state = THREAD_REPLY_WAIT;
	} else {
		thread_words(s)[0] = 0;
		sched_ready(s);
	}
}

struct trap_frame *ipc_do_recv(struct thread *t)
{
	int err = check_long_part(t);
	if (!err)
		receive(t);
	else if (err != -EFAULT || !ipc_page_in(t))
		thread_words(t)[0] = (uint32_t)err;
	return sched_next_frame();
}

/* Kills the process of t, whose fault (fault_address, fault_access) no pager
 * will map, saying why and where, as fault.c words every other kill. Kept out
 * of line: its buffer would otherwise cost the fast paths' callers registers. */
__attribute__((noinline)) static void kill_unpaged(struct thread *t, const char *why)
{
	char text[96];
	ksnprintf(text, sizeof text, "%s: %s at %08x, pc %08x", why,
		  t->fault_access == FAULT_WRITE ? "write" : "read", t->fault_address,
		  arch_frame_pc(&t->ctx));
	proc_kill(t->proc, KILL_PAGE_FAULT, text);
}

/* Answers a fault: label 0 resumes the faulting thread, anything else kills it. */
static void answer_fault(struct thread *t, struct thread *to)
{
	to->faulted = false;
	if (thread_words(t)[R_LABEL] == 0)
		sched_ready(to);
	else
		kill_unpaged(to, "its pager refused the page");
}

/* The general path of SYS_REPLY_RECV; out of line, as slow_call. */
__attribute__((noinline)) static void reply_recv(struct thread *t)
{
	struct proc *p = proc_find((int)thread_words(t)[R_PEER]);
	struct thread *to = p ? &p->thread : NULL;
	int err = thread_words(t)[R_LABEL] >= IPC_LABEL_KERNEL ? -EINVAL : check_long_part(t);
	if (err) {
		if (err != -EFAULT || !ipc_page_in(t))
			thread_words(t)[0] =
			    (uint32_t)err; /* before the reply: the caller waits on */
		return;
	}
	if (to && to->state == THREAD_REPLY_WAIT && to->peer == t) {
		if (to->faulted) {
			answer_fault(t, to);
		} else {
			transfer(t, to, 0);
			receive(t);
			if (t->state == THREAD_RECEIVING)
				sched_switch_to(to); /* back to the caller on the server's turn */
			else
				sched_ready(to);
			return;
		}
	}
	receive(t); /* a reply to a caller that is gone is dropped */
}

struct trap_frame *ipc_do_reply_recv(struct thread *t)
{
	struct trap_frame *f = fast_reply_recv(t);
	if (f)
		return f;
	reply_recv(t);
	return sched_next_frame();
}

void ipc_notify_proc(struct proc *p, uint32_t bits)
{
	p->notify_bits |= bits;
	if (bits && p->thread.state == THREAD_RECEIVING) { /* no bits: nothing to wake for */
		receive(&p->thread);
		sched_ready(&p->thread);
	}
}

struct trap_frame *ipc_do_notify(struct thread *t)
{
	uint32_t *r = thread_words(t), bits = r[R_LABEL];
	struct proc *p = proc_find((int)r[R_PEER]);
	int err = 0;
	if (!p)
		err = -ESRCH;
	else if (p != t->proc && !may_reach(t, p))
		err = -EPERM;
	else if (bits & NOTIFY_KERNEL_BITS)
		err = -EINVAL; /* the kernel's bits cannot be forged */
	r[0] = (uint32_t)err;
	if (!err)
		ipc_notify_proc(p, bits);
	return sched_next_frame();
}

bool ipc_page_in(struct thread *t)
{
	struct fault f;
	if (!user_page_missing(&t->proc->vm, &f))
		return false;
	arch_syscall_rewind(&t->ctx);
	f.pc = arch_frame_pc(&t->ctx);
	(void)ipc_fault(t, &f); /* its caller asks the scheduler what runs */
	return true;
}

struct trap_frame *ipc_fault(struct thread *t, const struct fault *f)
{
	struct proc *pager = proc_pager(t->proc);
	t->fault_address = f->address;
	t->fault_access = f->access;
	if (!pager && pager_wait(t))
		return sched_next_frame(); /* the system pager's supervisor is starting the next one
					    */
	if (!pager || pager == t->proc) {
		kill_unpaged(t, "no pager to map the page");
		return sched_next_frame();
	}
	struct thread *pg = &pager->thread;
	t->faulted = true;
	t->peer = pg;
	if (pg->state != THREAD_RECEIVING) {
		t->state = THREAD_SENDING;
		queue_sender(pg, t);
		return sched_next_frame();
	}
	transfer(t, pg, (uint32_t)t->proc->pid);
	t->state = THREAD_REPLY_WAIT;
	if (sched_would_run(pg)) {
		FAST_PATH_RAN(fast_faults);
		return sched_resume(pg); /* the fast path: straight to the pager */
	}
	sched_switch_to(pg);
	return sched_next_frame();
}

/* t is ending: whoever waits on it gets -EPIPE, and it leaves any queue. */
static void thread_ends(struct thread *t)
{
	if (t->state == THREAD_SENDING)
		unqueue_sender(t->peer, t);
	for (struct thread *s = t->senders; s; s = t->senders) {
		t->senders = s->next;
		if (s->faulted) {
			/* One that waits keeps its words: a system call paged in
			 * (ipc_page_in) runs again with them. */
			if (!pager_wait(s))
				kill_unpaged(s, "its pager ended");
		} else {
			thread_words(s)[0] = (uint32_t)-EPIPE;
			sched_ready(s);
		}
	}
	for (int i = 0; i < MAX_PROCS; i++) {
		struct proc *p = proc_slot(i);
		struct thread *w = p ? &p->thread : NULL;
		if (w && w->talk_pid == t->proc->pid)
			w->talk_pid = 0; /* a later process may have its pid */
		if (!w || w->state != THREAD_REPLY_WAIT || w->peer != t)
			continue;
		if (w->faulted) {
			if (!pager_wait(w))
				kill_unpaged(w, "its pager ended");
		} else {
			thread_words(w)[0] = (uint32_t)-EPIPE;
			sched_ready(w);
		}
	}
}

static void proc_event(struct proc *p, enum proc_event event)
{
	if (event == PROC_ENDING)
		thread_ends(&p->thread);
	else if (event == PROC_CHILD_ENDED)
		ipc_notify_proc(p, NOTIFY_CHILD_EXIT);
}

void ipc_init(void)
{
	proc_observe(proc_event);
}
