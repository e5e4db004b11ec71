/*
 * System-call stubs: `svc #0` with the number in r7, the arguments in r0-r6 and
 * the result in r0 (docs/syscalls.md). The kernel keeps every other register,
 * but each stub is a function of its own, so declaring r1-r3 and r12 clobbered
 * costs nothing (the AAPCS lets any call change them) and asks less of the
 * kernel. The IPC calls return a message in r1-r6 as well.
 */
#include <string.h>
#include <wren/args.h>
#include <wren/sys.h>

_Static_assert(IPC_WORDS == 4, "the words of a message travel in r2-r5");

static inline __attribute__((always_inline)) int svc0(unsigned nr)
{
	register int r0 __asm__("r0");
	register unsigned r7 __asm__("r7") = nr;
	__asm__ volatile("svc #0" : "=r"(r0) : "r"(r7) : "r1", "r2", "r3", "r12", "memory");
	return r0;
}

static inline __attribute__((always_inline)) int svc1(unsigned nr, unsigned a)
{
	register unsigned r0 __asm__("r0") = a;
	register unsigned r7 __asm__("r7") = nr;
	__asm__ volatile("svc #0" : "+r"(r0) : "r"(r7) : "r1", "r2", "r3", "r12", "memory");
	return (int)r0;
}

static inline __attribute__((always_inline)) int svc2(unsigned nr, unsigned a, unsigned b)
{
	register unsigned r0 __asm__("r0") = a;
	register unsigned r1 __asm__("r1") = b;
	register unsigned r7 __asm__("r7") = nr;
	__asm__ volatile("svc #0" : "+r"(r0), "+r"(r1) : "r"(r7) : "r2", "r3", "r12", "memory");
	return (int)r0;
}

static inline __attribute__((always_inline)) int svc3(unsigned nr, unsigned a, unsigned b,
						      unsigned c)
{
	register unsigned r0 __asm__("r0") = a;
	register unsigned r1 __asm__("r1") = b;
	register unsigned r2 __asm__("r2") = c;
	register unsigned r7 __asm__("r7") = nr;
	__asm__ volatile("svc #0" : "+r"(r0), "+r"(r1), "+r"(r2) : "r"(r7) : "r3", "r12", "memory");
	return (int)r0;
}

static inline __attribute__((always_inline)) int
svc6(unsigned nr, unsigned a, unsigned b, unsigned c, unsigned d, unsigned e, unsigned f)
{
	register unsigned r0 __asm__("r0") = a;
	register unsigned r1 __asm__("r1") = b;
	register unsigned r2 __asm__("r2") = c;
	register unsigned r3 __asm__("r3") = d;
	register unsigned r4 __asm__("r4") = e;
	register unsigned r5 __asm__("r5") = f;
	register unsigned r7 __asm__("r7") = nr;
	__asm__ volatile("svc #0"
			 : "+r"(r0), "+r"(r1), "+r"(r2), "+r"(r3)
			 : "r"(r4), "r"(r5), "r"(r7)
			 : "r12", "memory");
	return (int)r0;
}

void sys_exit(int status)
{
	register int r0 __asm__("r0") = status;
	register unsigned r7 __asm__("r7") = SYS_EXIT;
	__asm__ volatile("svc #0" : : "r"(r0), "r"(r7) : "memory");
	__builtin_unreachable();
}

int sys_yield(void)
{
	return svc0(SYS_YIELD);
}

int sys_getpid(void)
{
	return svc0(SYS_GETPID);
}

int sys_puts(const char *s, unsigned len)
{
	return svc2(SYS_PUTS, (unsigned)s, len);
}

int sys_spawn(const char *name)
{
	return svc6(SYS_SPAWN, (unsigned)name, strlen(name), 0, 0, 0, 0);
}

int sys_spawn_paged(const char *name, int pager)
{
	return svc6(SYS_SPAWN, (unsigned)name, strlen(name), (unsigned)pager, 0, 0, 0);
}

int sys_spawn_args(const char *name, const char *const *args, int pager, unsigned flags)
{
	char block[SPAWN_ARGS_MAX];
	int len = args_pack(block, sizeof block, args);
	if (len < 0)
		return len;
	return svc6(SYS_SPAWN, (unsigned)name, strlen(name), (unsigned)pager, (unsigned)block,
		    (unsigned)len, flags);
}

int sys_args(char *buf, unsigned size)
{
	return svc2(SYS_ARGS, (unsigned)buf, size);
}

int syscall_raw(unsigned nr, unsigned a, unsigned b, unsigned c)
{
	return svc6(nr, a, b, c, 0, 0, 0);
}

int syscall_raw5(unsigned nr, unsigned a, unsigned b, unsigned c, unsigned d, unsigned e)
{
	return svc6(nr, a, b, c, d, e, 0);
}

int syscall_raw7(unsigned nr, const unsigned args[7])
{
	register unsigned r0 __asm__("r0") = args[0], r1 __asm__("r1") = args[1],
			     r2 __asm__("r2") = args[2], r3 __asm__("r3") = args[3],
			     r4 __asm__("r4") = args[4], r5 __asm__("r5") = args[5],
			     r6 __asm__("r6") = args[6];
	register unsigned r7 __asm__("r7") = nr;
	__asm__ volatile("svc #0"
			 : "+r"(r0), "+r"(r1), "+r"(r2), "+r"(r3), "+r"(r4), "+r"(r5), "+r"(r6)
			 : "r"(r7)
			 : "r12", "memory");
	return (int)r0;
}

int sys_wait(int pid, int *status)
{
	return svc2(SYS_WAIT, pid, (unsigned)status);
}

int sys_kill(int pid)
{
	return svc1(SYS_KILL, pid);
}

int sys_notify(int pid, unsigned bits)
{
	return svc2(SYS_NOTIFY, pid, bits);
}

int sys_map(int pid, unsigned va, unsigned flags)
{
	return svc3(SYS_MAP, pid, va, flags);
}

int sys_unmap(int pid, unsigned va)
{
	return svc2(SYS_UNMAP, pid, va);
}

int sys_null(void)
{
	return svc0(SYS_NULL);
}

int sys_info(unsigned what)
{
	return svc1(SYS_INFO, what);
}

int sys_layout(int pid, struct proc_layout *layout)
{
	return svc2(SYS_LAYOUT, pid, (unsigned)layout);
}

int sys_proc_info(unsigned slot, struct proc_info *info)
{
	return svc2(SYS_PROC_INFO, slot, (unsigned)info);
}

int sys_program_info(unsigned index, struct program_info *info)
{
	return svc2(SYS_PROGRAM_INFO, index, (unsigned)info);
}

int sys_memmap(int pid, struct mem_map *map)
{
	return svc2(SYS_MEMMAP, pid, (unsigned)map);
}

int sys_poweroff(void)
{
	return svc0(SYS_POWEROFF);
}

int sys_adopt(int pid)
{
	return svc1(SYS_ADOPT, pid);
}

int sys_irq_bind(int irq, unsigned bits, int pid)
{
	return svc3(SYS_IRQ_BIND, irq, bits, pid);
}

int sys_irq_ack(int irq)
{
	return svc1(SYS_IRQ_ACK, irq);
}

int sys_dev_map(int pid, unsigned va, unsigned page, unsigned what)
{
	return svc6(SYS_DEV_MAP, pid, va, page, what, 0, 0);
}

int sys_dev_unmap(int pid, unsigned va)
{
	return svc2(SYS_DEV_UNMAP, pid, va);
}

int sys_dev_grant(int pid, unsigned pa, unsigned size)
{
	return svc3(SYS_DEV_GRANT, pid, pa, size);
}

int sys_dev_read(unsigned pa, unsigned *value)
{
	register unsigned r0 __asm__("r0") = pa;
	register unsigned r1 __asm__("r1");
	register unsigned r2 __asm__("r2") = DEV_READ;
	register unsigned r7 __asm__("r7") = SYS_DEV_RW;
	__asm__ volatile("svc #0" : "+r"(r0), "=r"(r1), "+r"(r2) : "r"(r7) : "r3", "r12", "memory");
	*value = r1;
	return (int)r0;
}

int sys_dev_holder(unsigned page, unsigned *window_end)
{
	register unsigned r0 __asm__("r0") = page;
	register unsigned r1 __asm__("r1");
	register unsigned r7 __asm__("r7") = SYS_DEV_HOLDER;
	__asm__ volatile("svc #0" : "+r"(r0), "=r"(r1) : "r"(r7) : "r2", "r3", "r12", "memory");
	*window_end = r1;
	return (int)r0;
}

int sys_dev_write(unsigned pa, unsigned value)
{
	return svc3(SYS_DEV_RW, pa, value, DEV_WRITE);
}

int sys_dev_kernel(unsigned index, struct dev_range *out)
{
	return svc2(SYS_DEV_KERNEL, index, (unsigned)out);
}

int sys_program(int pid, struct program_devices *out)
{
	return svc2(SYS_PROGRAM, pid, (unsigned)out);
}

/*
 * The IPC calls. A message goes out in r1 (label), r2-r5 (words) and r6 (buf), and
 * one comes back in the same registers, r6 then holding the length of the long
 * part received. exchange() serves them all.
 */
static inline __attribute__((always_inline)) int exchange(unsigned nr, int peer,
							  struct ipc_msg *msg, unsigned buf_word)
{
	register int r0 __asm__("r0") = peer;
	register unsigned r1 __asm__("r1") = msg->label;
	register unsigned r2 __asm__("r2") = msg->w[0];
	register unsigned r3 __asm__("r3") = msg->w[1];
	register unsigned r4 __asm__("r4") = msg->w[2];
	register unsigned r5 __asm__("r5") = msg->w[3];
	register unsigned r6 __asm__("r6") = buf_word;
	register unsigned r7 __asm__("r7") = nr;
	__asm__ volatile("svc #0"
			 : "+r"(r0), "+r"(r1), "+r"(r2), "+r"(r3), "+r"(r4), "+r"(r5), "+r"(r6)
			 : "r"(r7)
			 : "r12", "memory");
	msg->label = r1;
	msg->w[0] = r2;
	msg->w[1] = r3;
	msg->w[2] = r4;
	msg->w[3] = r5;
	msg->len = r6;
	return r0;
}

/* r6 for a call that may send a long part: the pointer, and IPC_BUF_SENDS if it does. */
static inline unsigned sending(const struct ipc_buf *buf)
{
	return buf ? (unsigned)buf | (buf->send_len ? IPC_BUF_SENDS : 0) : 0;
}

int ipc_call(int dest, struct ipc_msg *msg, struct ipc_buf *buf)
{
	return exchange(SYS_CALL, dest, msg, sending(buf));
}

int ipc_reply_recv(int to, struct ipc_msg *msg, struct ipc_buf *buf)
{
	return exchange(SYS_REPLY_RECV, to, msg, sending(buf));
}

int ipc_send(int dest, const struct ipc_msg *msg, struct ipc_buf *buf)
{
	struct ipc_msg copy = *msg; /* a send brings nothing back, but exchange writes */
	return exchange(SYS_SEND, dest, &copy, sending(buf));
}

int ipc_recv(struct ipc_msg *msg, struct ipc_buf *buf)
{
	return exchange(SYS_RECV, 0, msg, (unsigned)buf); /* the kernel ignores r0-r5 here */
}
