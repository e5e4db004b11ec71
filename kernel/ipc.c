/*
 * IPC (ipc.h): the rendezvous state machine. A message moves only when both
 * sides are there: a sender finds its receiver waiting, or waits in the
 * receiver's queue of senders (oldest first) until the receiver asks.
 */
#include "ipc.h"
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

/* Reads and checks the struct ipc_buf named in t's r6 into t->ipc (all zero when
 * there is none; its send part only when r6 has IPC_BUF_SENDS): the struct, the
 * length and both buffers, before t's call goes on or waits. 0 or an error. */
static int check_long_part(struct thread *t)
{
	uint32_t r6 = thread_words(t)[R_BUF];
	struct ipc_buf *buf = &t->ipc;
	buf->send_len = 0;
	buf->recv_cap = 0;
	if (!r6)
		return 0;
	if (copy_from_user(t->as, buf, r6 & ~IPC_BUF_SENDS, sizeof *buf))
		return -EFAULT;
	if (!(r6 & IPC_BUF_SENDS))
		buf->send_len = 0;
	if (buf->send_len > IPC_LONG_MAX)
		return -EMSGSIZE;
	if (!user_range_ok(t->as, (uint32_t)buf->send, buf->send_len, false) ||
	    !user_range_ok(t->as, (uint32_t)buf->recv, buf->recv_cap, true))
		return -EFAULT;
	return 0;
}

/* Copies the long part of from's message to to's buffer, cut to its capacity;
 * returns the bytes copied. Both buffers were checked when their calls were
 * made; the copy checks the pages again, and a buffer unmapped meanwhile makes
 * it 0 bytes. */
static uint32_t transfer_long(struct thread *from, struct thread *to)
{
	uint32_t n = from->ipc.send_len < to->ipc.recv_cap ? from->ipc.send_len : to->ipc.recv_cap;
	if (copy_between(to->as, (uint32_t)to->ipc.recv, from->as, (uint32_t)from->ipc.send, n))
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
		if (src[R_BUF] & IPC_BUF_SENDS)
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
 * The fast path: a call to a server that is waiting for it, and the server's
 * reply to its caller when the server then waits again, both with a message in
 * registers only and a peer that runs next. It does what the general path does
 * in that case, without the checks that cannot apply, and leaves every other
 * case to the general path. The host tests and the system tests run both.
 */
static bool fast_call(struct thread *t)
{
	uint32_t *r = thread_words(t);
	struct proc *p;
	struct thread *dest;
	if (r[R_BUF] || r[R_LABEL] >= IPC_LABEL_KERNEL || !(p = proc_find((int)r[R_PEER])))
		return false;
	dest = &p->thread;
	if (dest == t || dest->state != THREAD_RECEIVING || thread_words(dest)[R_BUF] ||
	    !sched_would_run(dest) || !may_reach(t, p))
		return false;
	uint32_t *d = thread_words(dest);
	d[0] = (uint32_t)t->proc->pid;
	d[1] = r[1], d[2] = r[2], d[3] = r[3], d[4] = r[4], d[5] = r[5];
	d[R_BUF] = 0;
	t->ipc.send_len = t->ipc.recv_cap = 0; /* what the general path's check leaves for r6 = 0 */
	t->state = THREAD_REPLY_WAIT;
	t->peer = dest;
	sched_run(dest);
	return true;
}

static bool fast_reply_recv(struct thread *t)
{
	uint32_t *r = thread_words(t);
	struct proc *p;
	struct thread *to;
	if (r[R_BUF] || r[R_LABEL] >= IPC_LABEL_KERNEL || t->senders || t->proc->notify_bits ||
	    !(p = proc_find((int)r[R_PEER])))
		return false;
	to = &p->thread;
	if (to->state != THREAD_REPLY_WAIT || to->peer != t || to->faulted ||
	    thread_words(to)[R_BUF] || !sched_would_run(to))
		return false;
	uint32_t *d = thread_words(to);
	d[0] = 0;
	d[1] = r[1], d[2] = r[2], d[3] = r[3], d[4] = r[4], d[5] = r[5];
	d[R_BUF] = 0;
	t->ipc.send_len = t->ipc.recv_cap = 0;
	t->state = THREAD_RECEIVING;
	sched_run(to);
	return true;
}

void ipc_do_call(struct thread *t)
{
	if (!fast_call(t))
		deliver(t, true);
}

void ipc_do_send(struct thread *t)
{
	deliver(t, false);
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

void ipc_do_recv(struct thread *t)
{
	int err = check_long_part(t);
	if (!err)
		receive(t);
	else if (err != -EFAULT || !ipc_page_in(t))
		thread_words(t)[0] = (uint32_t)err;
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

void ipc_do_reply_recv(struct thread *t)
{
	if (fast_reply_recv(t))
		return;
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

void ipc_notify_proc(struct proc *p, uint32_t bits)
{
	p->notify_bits |= bits;
	if (bits && p->thread.state == THREAD_RECEIVING) { /* no bits: nothing to wake for */
		receive(&p->thread);
		sched_ready(&p->thread);
	}
}

void ipc_do_notify(struct thread *t)
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
}

bool ipc_page_in(struct thread *t)
{
	struct fault f;
	if (!user_page_missing(&t->proc->vm, &f))
		return false;
	arch_syscall_rewind(&t->ctx);
	f.pc = arch_frame_pc(&t->ctx);
	ipc_fault(t, &f);
	return true;
}

void ipc_fault(struct thread *t, const struct fault *f)
{
	struct proc *pager = proc_pager(t->proc);
	t->fault_address = f->address;
	t->fault_access = f->access;
	if (!pager && pager_wait(t))
		return; /* the system pager's supervisor is starting the next one */
	if (!pager || pager == t->proc) {
		kill_unpaged(t, "no pager to map the page");
		return;
	}
	t->faulted = true;
	t->peer = &pager->thread;
	if (pager->thread.state == THREAD_RECEIVING) {
		transfer(t, &pager->thread, (uint32_t)t->proc->pid);
		t->state = THREAD_REPLY_WAIT;
		sched_switch_to(&pager->thread);
	} else {
		t->state = THREAD_SENDING;
		queue_sender(&pager->thread, t);
	}
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
