/*
 * fuzzer: FUZZ_CALLS system calls with random numbers (out of range ones
 * among them) and random arguments, from a seed its parent gives: words of
 * every kind, lengths that wrap, pids of every kind, the kernel's labels, and
 * pointers into the places that matter (its own stack and heap, page 0, the
 * kernel's data, heap, devices and device tree, the edges of its region, the
 * top of memory, nowhere). A fuzzer has no privilege, so none of it may hurt
 * the kernel or anyone else; it must not hurt the fuzzer either, so it makes
 * the kernel write only where that is harmless (below), and it does not end
 * itself (no SYS_EXIT, no kill of itself), so that its parent can tell a
 * fuzzer the kernel killed from one that made all its calls.
 */
#include <unistd.h>
#include <wren/mem.h>
#include <wren/sys.h>

#include "echo.h"
#include "fuzz.h"
#include "testprogs.h"

#define PAGE 4096u
#define TOP 0xFFFFFFF0u /* the top 16 bytes: mapped, and unused */
/* Its whole heap (its table entry's maximum): mapped at the start, so that no
 * pointer reaches an unmapped page of its heap reserve, which a system call
 * may soon have its pager map, or not. */
#define HEAP_PAGES 2
/* The stack scratch is the target of pointers into its first half only: the
 * most the kernel writes at a pointer is a long part (IPC_LONG_MAX bytes). */
#define STACK_SCRATCH 1024

extern char __rodata_end[], __kheap_start[];
static const char rodata_text[] = "fuzzer";

struct fuzz {
	unsigned state;
	int self, parent, server, stranger, ended, pager;
	struct proc_layout l;
	unsigned char *heap;  /* HEAP_PAGES pages, which only the kernel writes */
	unsigned char *stack; /* STACK_SCRATCH bytes on its stack, ditto */
	struct ipc_buf *buf;  /* where it builds a struct ipc_buf before a call */
};

/* xorshift32: the whole run follows from the seed. */
static unsigned next(struct fuzz *f)
{
	unsigned x = f->state;
	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return f->state = x;
}

static unsigned below(struct fuzz *f, unsigned n)
{
	return next(f) % n;
}

/* A random word that does not land in its own stack or .data_shared, whose
 * corruption would make the fuzzer, not the kernel, fail. */
static unsigned word(struct fuzz *f)
{
	unsigned w = next(f);
	return w >= f->l.guard && w < TOP ? w - 0x40000000u : w;
}

/* A pointer, and whether user mode may be able to read what it names, as it
 * can at a random word: SYS_PUTS must not print that, since the console is
 * the tests' verdict. */
static unsigned pointer(struct fuzz *f, int *readable)
{
	const struct proc_layout *l = &f->l;
	unsigned r = next(f), odd = r >> 24 & 7;
	*readable = 0; /* where no byte is the user's */
	switch (r % 20) {
	case 0: return 0;
	case 1: return PAGE - 8 + odd;                /* page 0's end, and past it */
	case 2: return (unsigned)__rodata_end + odd;  /* kernel .data */
	case 3: return (unsigned)__kheap_start + odd; /* kernel heap */
	case 4: return 0xB0000000u + odd;             /* device IO pages */
	case 5: return 0xBFE00000u + odd;             /* device-tree window */
	case 6: return l->region_base - 8 + odd;      /* below the user region, and into it */
	case 7: return l->heap_base - 8 + odd;        /* unused part of the region, into the heap */
	case 8: return l->guard + odd;
	}
	*readable = 1; /* where some bytes, or all, may be */
	switch (r % 20) {
	case 9: return l->heap_base + HEAP_PAGES * PAGE - 8 + odd; /* the heap into the guard */
	case 10: return l->stack_limit + odd;                      /* the stack reserve */
	case 11: return (unsigned)__rodata_end - 4;                /* .rodata into kernel data */
	case 12: return 0xffffffffu;
	case 13: return (unsigned)(f->heap + below(f, HEAP_PAGES * PAGE));
	case 14: return (unsigned)(f->stack + below(f, STACK_SCRATCH / 2 - 16));
	case 15: return (unsigned)rodata_text + odd;
	case 16: return (unsigned)fuzzer_main & ~1u;
	case 17: return TOP + odd * 2; /* the top, and past it */
	default: return word(f);
	}
}

static unsigned length(struct fuzz *f, unsigned at)
{
	static const unsigned lengths[] = {0,    1,           4,           16,         44,
					   255,  256,         257,         4095,       4096,
					   4097, 0x7fffffffu, 0x80000000u, 0xffffffffu};
	unsigned r = below(f, 18);
	if (r < sizeof lengths / sizeof lengths[0])
		return lengths[r];
	if (r == 14)
		return 0u - at; /* to 2^32 exactly */
	if (r == 15)
		return 0u - at + 1; /* one byte past it */
	return r == 16 ? below(f, 300) : next(f);
}

/* The pid of anyone or no one; never its parent, which it would wait on
 * forever, since the parent receives only from fuzzers starting. */
static int pid(struct fuzz *f)
{
	int p;
	switch (below(f, 10)) {
	case 0: p = 0; break;
	case 1: p = -1; break;
	case 2: p = f->self; break;
	case 3:
	case 4: p = f->server; break;
	case 5: p = f->stranger; break;
	case 6: p = f->ended; break;
	case 7: p = f->pager; break;
	case 8: p = (int)below(f, 512); break;
	default: p = (int)next(f); break;
	}
	return p == f->parent ? f->self : p;
}

/* A label for pid: never MEM_SBRK to its pager, which would unmap its heap. */
static unsigned label(struct fuzz *f, int pid)
{
	static const unsigned labels[] = {
	    0,          ECHO_ADD,         ECHO_REVERSE,    ECHO_PING,  ECHO_UNKNOWN,
	    0xffff0000, IPC_LABEL_NOTIFY, IPC_LABEL_FAULT, 0xffffffff, 0x7fffffff,
	};
	unsigned r = below(f, 12);
	unsigned l = r < 10 ? labels[r] : next(f);
	if (pid == f->pager && l == MEM_SBRK)
		return MEM_STATS;
	return l == ECHO_DIE ? ECHO_PING : l; /* the server stays */
}

/* r6 of an IPC call: none, a struct ipc_buf built now, or a pointer anywhere. */
static unsigned ipc_buf_word(struct fuzz *f)
{
	int readable;
	switch (below(f, 4)) {
	case 0: return 0;
	case 1: return pointer(f, &readable) | below(f, 2);
	default:
		f->buf->send = (const void *)pointer(f, &readable);
		f->buf->send_len = below(f, 4) ? below(f, IPC_LONG_MAX + 2) : length(f, 0);
		f->buf->recv = (void *)pointer(f, &readable);
		f->buf->recv_cap = length(f, (unsigned)f->buf->recv);
		return (unsigned)f->buf | below(f, 2);
	}
}

static unsigned number(struct fuzz *f)
{
	unsigned r = below(f, SYS_COUNT + 3), nr;
	if (r < SYS_COUNT)
		nr = r;
	else if (r < SYS_COUNT + 2)
		nr = SYS_COUNT + below(f, 4);
	else
		nr = next(f);
	return nr == SYS_EXIT ? SYS_NULL : nr; /* it makes all its calls */
}

static void one_call(struct fuzz *f)
{
	unsigned nr = number(f), a[7];
	int readable;
	for (int i = 0; i < 7; i++)
		a[i] = below(f, 2) ? word(f) : below(f, 64);
	switch (nr) {
	case SYS_PUTS:
		a[0] = pointer(f, &readable);
		a[1] = length(f, a[0]);
		if (readable && a[1] <= 4096)
			a[1] = 0;
		break;
	case SYS_SPAWN:
		a[0] = pointer(f, &readable);
		a[1] = length(f, a[0]);
		a[2] = (unsigned)pid(f);
		break;
	case SYS_WAIT:
		a[0] = (unsigned)pid(f);
		a[1] = pointer(f, &readable);
		break;
	case SYS_KILL:
		a[0] = (unsigned)pid(f);
		if ((int)a[0] == f->self)
			a[0] = (unsigned)f->stranger; /* it makes all its calls */
		break;
	case SYS_CALL:
	case SYS_SEND:
	case SYS_REPLY_RECV:
		a[0] = (unsigned)pid(f);
		a[1] = label(f, (int)a[0]);
		a[6] = ipc_buf_word(f);
		break;
	case SYS_RECV: a[6] = ipc_buf_word(f); break;
	case SYS_NOTIFY:
		a[0] = (unsigned)pid(f);
		a[1] = below(f, 2) ? next(f) : 1u << below(f, 32);
		break;
	case SYS_MAP:
	case SYS_UNMAP:
		a[0] = (unsigned)pid(f);
		a[1] = pointer(f, &readable) & ~(below(f, 2) ? PAGE - 1 : 0);
		break;
	case SYS_INFO: a[0] = below(f, 2) ? below(f, 10) : next(f); break;
	case SYS_LAYOUT:
		a[0] = below(f, 2) ? 0 : (unsigned)pid(f);
		a[1] = pointer(f, &readable);
		break;
	}
	syscall_raw7(nr, a);
}

int fuzzer_main(int argc, char **argv)
{
	unsigned char stack[STACK_SCRATCH];
	struct ipc_buf buf;
	struct ipc_msg msg = {.label = FUZZ_ASK};
	struct fuzz f = {.parent = sys_info(INFO_PARENT), .self = sys_getpid()};
	if (ipc_call(f.parent, &msg, 0) != 0)
		return 1;
	sys_notify(f.parent, FUZZ_WAKE); /* it waits for news of the start */
	f.state = msg.w[FUZZ_SEED] * 0x9e3779b9u + 1;
	f.server = (int)msg.w[FUZZ_SERVER];
	f.stranger = (int)msg.w[FUZZ_STRANGER];
	f.ended = (int)msg.w[FUZZ_ENDED];
	f.pager = sys_info(INFO_PAGER);
	f.stack = stack;
	f.buf = &buf;
	f.heap = sbrk(HEAP_PAGES * PAGE);
	if (f.heap == (void *)-1 || sys_layout(0, &f.l) != 0)
		return 2;
	for (unsigned i = 0; i < FUZZ_CALLS; i++)
		one_call(&f);
	return 0;
}
