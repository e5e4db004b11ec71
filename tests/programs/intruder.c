/*
 * intruder: a program with no privilege at all that does what its parent,
 * test-hostile, orders (hostile.h): every bad argument to every system call,
 * each refused with its exact error code and nothing changed; an exit status
 * dressed as a kill; replies and notifications carrying the kernel's labels
 * and bits; and the instructions only the kernel may run. imitator is the
 * same program under another name, so that the console shows whether the
 * kernel ever called its end a kill.
 */
#include <string.h>
#include <unistd.h>
#include <wren/sys.h>

#include "check.h"
#include "hostile.h"
#include "testprogs.h"

#define PAGE 4096u
#define DTB_WINDOW 0xBFE00000u /* kernel/memlayout.h: the tree, kernel read-only */
#define TOP 0xFFFFFFF0u        /* the top 16 bytes: mapped, and unused */
#define SEMIHOST_SYS_EXIT 0x18u
#define ADP_STOPPED_APPLICATION_EXIT 0x20026u

extern char __rodata_end[], __kheap_start[];
static const char rodata_text[] = "rodata";

static void returns(void)
{
}

/* An IPC call or send to pid with label and the struct ipc_buf word r6. */
static int ipc_raw(unsigned nr, int pid, unsigned label, unsigned r6)
{
	const unsigned a[7] = {(unsigned)pid, label, 0, 0, 0, 0, r6};
	return syscall_raw7(nr, a);
}

static unsigned buf_word(const struct ipc_buf *b)
{
	return (unsigned)b | (b->send_len ? IPC_BUF_SENDS : 0);
}

/* What semihosting would take for "the program ended", through the Thumb
 * (svc 0xab) and the Arm (svc 0x123456) doors, with r7 naming SYS_GETPID:
 * from user mode these are system calls like any other, never the host's. */
static int semihost_thumb(void)
{
	register unsigned r0 __asm__("r0") = SEMIHOST_SYS_EXIT;
	register unsigned r1 __asm__("r1") = ADP_STOPPED_APPLICATION_EXIT;
	register unsigned r7 __asm__("r7") = SYS_GETPID;
	__asm__ volatile("svc #0xab" : "+r"(r0) : "r"(r1), "r"(r7) : "memory");
	return (int)r0;
}

__attribute__((target("arm"), noinline)) static int semihost_arm(void)
{
	register unsigned r0 __asm__("r0") = SEMIHOST_SYS_EXIT;
	register unsigned r1 __asm__("r1") = ADP_STOPPED_APPLICATION_EXIT;
	register unsigned r7 __asm__("r7") = SYS_GETPID;
	__asm__ volatile("svc #0x123456" : "+r"(r0) : "r"(r1), "r"(r7) : "memory");
	return (int)r0;
}

/* Buffers in kernel memory, in no memory, and over the edge of both. */
static void bad_buffers(const struct proc_layout *l, unsigned char *heap)
{
	unsigned unused = l->heap_base - 16 * PAGE;
	char text[8] = "intrude";
	struct proc_layout got;
	check_eq(sys_puts((const char *)__rodata_end, 4), -EFAULT, "puts from kernel .data");
	check_eq(sys_puts(__kheap_start, 4), -EFAULT, "puts from the kernel heap");
	check_eq(sys_puts((const char *)DTB_WINDOW, 4), -EFAULT, "puts from the device tree");
	check_eq(sys_puts(0, 4), -EFAULT, "puts from NULL");
	check_eq(sys_puts((const char *)(PAGE - 4), 4), -EFAULT, "puts from the end of page 0");
	check_eq(sys_puts((const char *)unused, 4), -EFAULT, "puts from an unmapped user page");
	check_eq(sys_puts((const char *)((unsigned)__rodata_end - 4), 8), -EFAULT,
		 "puts from the end of .rodata into kernel data");
	check_eq(sys_puts((const char *)l->heap_base - 4, 8), -EFAULT,
		 "puts from an unmapped page into the heap");
	check_eq(sys_puts((const char *)TOP + 8, 16), -EFAULT, "puts wrapping past 2^32");
	check_eq(sys_puts(text, 0xffffffffu), -EINVAL, "puts of 4 GiB");
	check_eq(sys_puts(text, 0), 0, "puts of nothing");

	memset(heap, 0x5a, 64);
	check_eq(sys_layout(0, (struct proc_layout *)(l->heap_base - 8)), -EFAULT,
		 "layout into an unmapped page and on into the heap");
	unsigned untouched = 1;
	for (int i = 0; i < 64; i++)
		untouched &= heap[i] == 0x5a;
	check(untouched, "is refused whole: the heap's bytes are unwritten");
	check_eq(sys_layout(0, (struct proc_layout *)__rodata_end), -EFAULT,
		 "layout into kernel data");
	check_eq(sys_layout(0, (struct proc_layout *)rodata_text), -EFAULT,
		 "layout into .rodata, which user mode only reads");
	check_eq(sys_layout(0, (struct proc_layout *)returns), -EFAULT, "layout into .text");
	check_eq(sys_layout(0, 0), -EFAULT, "layout into NULL");
	check_eq(sys_layout(0, (struct proc_layout *)TOP), -EFAULT, "layout wrapping past 2^32");
	check_eq(sys_layout(0, &got), 0, "layout into its own stack");
	check_eq(syscall_raw(SYS_WAIT, (unsigned)-1, 4, 0), -EFAULT,
		 "wait with a status pointer into page 0");
}

/* struct ipc_buf and its buffers, bad in every way, on calls to its parent,
 * which would wait for it: each is refused before any waiting. */
static void bad_ipc_buffers(const struct proc_layout *l, int parent)
{
	unsigned char small[16];
	struct ipc_buf b;
	struct ipc_msg msg;
	check_eq(ipc_raw(SYS_CALL, parent, 0, (unsigned)__rodata_end), -EFAULT,
		 "call with a struct ipc_buf in kernel data");
	check_eq(ipc_raw(SYS_CALL, parent, 0, IPC_BUF_SENDS), -EFAULT,
		 "call with a struct ipc_buf at NULL");
	check_eq(ipc_raw(SYS_CALL, parent, 0, (l->heap_base - 8) | IPC_BUF_SENDS), -EFAULT,
		 "call with a struct ipc_buf from an unmapped page into the heap");
	b = (struct ipc_buf){.send = 0, .send_len = 4};
	check_eq(ipc_raw(SYS_CALL, parent, 0, buf_word(&b)), -EFAULT, "call sending from NULL");
	b = (struct ipc_buf){.send = (void *)(l->heap_base - 16 * PAGE), .send_len = 4};
	check_eq(ipc_raw(SYS_SEND, parent, 0, buf_word(&b)), -EFAULT, "send from an unmapped page");
	b = (struct ipc_buf){.send = small, .send_len = 0xffffffffu};
	check_eq(ipc_raw(SYS_CALL, parent, 0, buf_word(&b)), -EMSGSIZE, "call sending 4 GiB");
	b = (struct ipc_buf){.recv = (void *)rodata_text, .recv_cap = 4};
	check_eq(ipc_raw(SYS_CALL, parent, 0, (unsigned)&b), -EFAULT,
		 "call receiving into .rodata");
	b = (struct ipc_buf){.recv = small, .recv_cap = 0u - (unsigned)small + 16};
	check_eq(ipc_raw(SYS_CALL, parent, 0, (unsigned)&b), -EFAULT,
		 "call receiving into a buffer that wraps past 2^32");
	check_eq(ipc_recv(&msg, (struct ipc_buf *)&b), -EFAULT,
		 "receive into a buffer that wraps past 2^32");
	b = (struct ipc_buf){.recv = (void *)TOP, .recv_cap = 32};
	check_eq(ipc_recv(&msg, &b), -EFAULT, "receive into the top 16 bytes and past them");
}

/* Processes it has no right to reach, and pids that name nobody. */
static void bad_targets(int parent, int stranger, int ended)
{
	int mem = sys_info(INFO_PAGER);
	struct proc_layout got;
	check_eq(sys_spawn("child"), -EPERM, "spawn without PRIV_SPAWN");
	check_eq(sys_kill(parent), -EPERM, "kill its parent");
	check_eq(sys_kill(mem), -EPERM, "kill the memory server");
	check_eq(sys_kill(stranger), -EPERM, "kill a stranger");
	check_eq(sys_map(sys_getpid(), 0, MAP_WRITE), -EPERM, "map without PRIV_MAP");
	check_eq(sys_unmap(stranger, 0), -EPERM, "unmap without PRIV_MAP");
	check_eq(sys_layout(parent, &got), -EPERM, "the layout of its parent");
	check_eq(sys_layout(mem, &got), -EPERM, "the layout of the memory server");
	check_eq(sys_irq_bind(0, 1, sys_getpid()), -EPERM, "bind an interrupt without PRIV_IO");
	check_eq(sys_irq_ack(0), -EINVAL, "acknowledge an interrupt it does not have");
	check_eq(ipc_raw(SYS_CALL, stranger, 0, 0), -EPERM, "call a stranger");
	check_eq(ipc_raw(SYS_SEND, stranger, 0, 0), -EPERM, "send to a stranger");
	check_eq(sys_notify(stranger, 1), -EPERM, "notify a stranger");

	static const int nobody[] = {0, -1, 0x7fffffff, (int)0x80000000u};
	int refused = 0;
	for (unsigned i = 0; i < sizeof nobody / sizeof nobody[0]; i++)
		refused += ipc_raw(SYS_CALL, nobody[i], 0, 0) == -ESRCH &&
			   ipc_raw(SYS_SEND, nobody[i], 0, 0) == -ESRCH &&
			   sys_notify(nobody[i], 1) == -ESRCH && sys_kill(nobody[i]) == -ESRCH &&
			   (nobody[i] == 0 || sys_layout(nobody[i], &got) == -ESRCH);
	check_eq(refused, 4, "call, send, notify, kill and layout of pids 0, -1, 2^31-1, -2^31");
	check_eq(ipc_raw(SYS_CALL, ended, 0, 0), -ESRCH, "call a pid whose process has ended");
	check_eq(sys_notify(ended, 1), -ESRCH, "notify it");
	check_eq(sys_kill(ended), -ESRCH, "kill it");
	check_eq(sys_layout(ended, &got), -ESRCH, "ask for its layout");
	check_eq(sys_wait(parent, 0), -ECHILD, "wait for its parent");

	check_eq(syscall_raw(SYS_COUNT, 0, 0, 0), -ENOSYS, "system call SYS_COUNT");
	check_eq(syscall_raw(0x80000000u, 0, 0, 0), -ENOSYS, "system call 2^31");
	check_eq(syscall_raw(0xffffffffu, 0, 0, 0), -ENOSYS, "system call 2^32 - 1");
	check_eq(sys_info(0xffffffffu), -EINVAL, "info about 2^32 - 1");
	check_eq(semihost_thumb(), sys_getpid(), "semihosting's svc 0xab is a system call");
	check_eq(semihost_arm(), sys_getpid(), "semihosting's svc 0x123456 is a system call");
}

/* The kernel's labels and bits, which only the kernel may send. */
static void forged_messages(int parent)
{
	check_eq(ipc_raw(SYS_CALL, parent, IPC_LABEL_NOTIFY, 0), -EINVAL,
		 "call its parent with the kernel's notification label");
	check_eq(ipc_raw(SYS_SEND, parent, IPC_LABEL_FAULT, 0), -EINVAL, "send it a fault message");
	check_eq(ipc_raw(SYS_SEND, parent, 0xffffffffu, 0), -EINVAL, "send it label 2^32 - 1");
	check_eq(sys_notify(parent, NOTIFY_CHILD_EXIT), -EINVAL,
		 "notify its parent that a child ended");
	check_eq(sys_notify(parent, NOTIFY_CHILD_EXIT | 1), -EINVAL, "or that and more");
	check_eq(sys_notify(sys_getpid(), NOTIFY_CHILD_EXIT), -EINVAL, "or itself");
}

/* The performance counters' user-enable register is one user mode may read:
 * outside a benchmark run it says they are closed. */
static void counters(void)
{
	unsigned enabled;
	__asm__ volatile("mrc p15, 0, %0, c9, c14, 0" : "=r"(enabled));
	check_eq(enabled & 1, 0, "PMUSERENR says the counters are closed to user mode");
}

/* The last call: a receive buffer that ends at 2^32 exactly, which is no
 * wrap, gets its parent's 8-byte answer. */
static void top_of_memory(int parent)
{
	unsigned char in[16] = {0};
	struct ipc_buf b = {.recv = in, .recv_cap = 0u - (unsigned)in};
	struct ipc_msg msg = {.label = HOSTILE_ASK};
	check_eq(ipc_call(parent, &msg, &b), 0, "a receive buffer that ends at 2^32 exactly");
	check(msg.len == 8 && memcmp(in, "answered", 8) == 0, "gets the answer");
}

/* The commands are kept out of intruder_main, whose frame then fits the stack's
 * first page: a bystander paged by the mapper, which serves no fault, never
 * needs another. */
__attribute__((noinline)) static int bad_inputs(int stranger, int ended)
{
	int parent = sys_info(INFO_PARENT);
	struct proc_layout l;
	sys_layout(0, &l);
	unsigned char *heap = sbrk(PAGE);
	if (heap == (void *)-1)
		return 1;
	bad_buffers(&l, heap);
	bad_ipc_buffers(&l, parent);
	bad_targets(parent, stranger, ended);
	forged_messages(parent);
	counters();
	top_of_memory(parent);
	return check_done("intruder");
}

/* Tells its parent, which waits in a receive, that it is ready: about to
 * compute forever, or to receive. */
static void tell_parent(void)
{
	sys_notify(sys_info(INFO_PARENT), HOSTILE_READY_BIT);
}

/* Its parent calls; it answers with the kernel's labels, on the fast path
 * (registers only) and on the general one (a struct ipc_buf), each refused
 * while its parent keeps waiting; then answers with what it was told. */
__attribute__((noinline)) static int forge_replies(void)
{
	unsigned char none[4];
	struct ipc_buf b = {.recv = none, .recv_cap = sizeof none};
	struct ipc_msg msg;
	tell_parent();
	int from = ipc_recv(&msg, 0);
	int notify = ipc_raw(SYS_REPLY_RECV, from, IPC_LABEL_NOTIFY, 0);
	int fault = ipc_raw(SYS_REPLY_RECV, from, IPC_LABEL_FAULT, (unsigned)&b);
	msg = (struct ipc_msg){.label = 7, .w = {(unsigned)notify, (unsigned)fault}};
	ipc_reply_recv(from, &msg, 0);
	return 0;
}

static volatile unsigned sink;

__attribute__((noinline)) static int instruction(unsigned which)
{
	unsigned word = 0;
	unsigned long long pair;
	switch (which) {
	case INSN_SCTLR_READ: __asm__ volatile("mrc p15, 0, %0, c1, c0, 0" : "=r"(word)); break;
	case INSN_SCTLR_WRITE: __asm__ volatile("mcr p15, 0, %0, c1, c0, 0" ::"r"(0)); break;
	case INSN_TTBR0_WRITE: __asm__ volatile("mcr p15, 0, %0, c2, c0, 0" ::"r"(0)); break;
	case INSN_VBAR_WRITE: __asm__ volatile("mcr p15, 0, %0, c12, c0, 0" ::"r"(0)); break;
	case INSN_TLBIALL: __asm__ volatile("mcr p15, 0, %0, c8, c7, 0" ::"r"(0)); break;
	case INSN_TPIDRURO: __asm__ volatile("mcr p15, 0, %0, c13, c0, 3" ::"r"(0)); break;
	case INSN_PMCR_WRITE: __asm__ volatile("mcr p15, 0, %0, c9, c12, 0" ::"r"(6)); break;
	case INSN_SMC: __asm__ volatile(".inst.w 0xf7f08000"); break; /* smc #0 */
	case INSN_HVC: __asm__ volatile(".inst.w 0xf7e08000"); break; /* hvc #0 */
	case INSN_HLT: __asm__ volatile(".inst.n 0xbabc"); break;     /* hlt #0x3c */
	case INSN_BKPT: __asm__ volatile("bkpt #0"); break;
	case INSN_MSR_SVC:
		__asm__ volatile("msr cpsr_c, %1\n\t"
				 "mrc p15, 0, %0, c1, c0, 0"
				 : "=r"(word)
				 : "r"(0xd3));
		break;
	case INSN_CPS_SVC:
		__asm__ volatile("cps #0x13\n\t"
				 "mrc p15, 0, %0, c1, c0, 0"
				 : "=r"(word));
		break;
	case INSN_CPSID_SPIN:
		__asm__ volatile("cpsid if");
		tell_parent();
		for (;;)
			sink++;
	case INSN_WFI_LOOP:
		tell_parent();
		for (;;)
			__asm__ volatile("wfi");
	case INSN_LDRD_ODD:
		__asm__ volatile("ldrd %Q0, %R0, [%1]" : "=r"(pair) : "r"((char *)&sink + 1));
		word = (unsigned)pair;
		break;
	default: return 2;
	}
	sink = word;
	return 0; /* it should not have got here */
}

int intruder_main(int argc, char **argv)
{
	struct ipc_msg msg;
	switch (hostile_ask(&msg)) {
	case INTRUDE_BAD_INPUTS: return bad_inputs((int)msg.w[1], (int)msg.w[2]);
	case INTRUDE_WAIT: hostile_ask(&msg); return 0;
	case INTRUDE_EXIT_AS: sys_exit((int)msg.w[1]);
	case INTRUDE_FORGE: return forge_replies();
	case INTRUDE_INSN: return instruction(msg.w[1]);
	default: return 2;
	}
}
