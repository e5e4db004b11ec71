/*
 * The system calls of wren/abi.h as C functions, and the process entry.
 *
 * Every sys_* and ipc_* function returns what the kernel left in r0: a value
 * >= 0, or a negated error code (-EINVAL) from abi.h. None of them touches
 * errno, so a server can pass a code on without a detour through thread-local
 * storage. The POSIX functions libsys provides (libsys/posix.c: waitpid,
 * sched_yield, getpid, _exit) are the ones that report failure as -1 and errno.
 */
#ifndef WREN_SYS_H
#define WREN_SYS_H

#include <wren/abi.h>

/*
 * The kernel starts every process here, in user mode, with r0 = its program's
 * main, r1 = argc (its arguments and its name), r2 = its name, sp = the top of
 * its stack (8-byte aligned), TPIDRURO = __user_tls_tp (linker/kernel.ld),
 * .data_shared and .tdata copied, .tbss and .bss_shared zeroed. It fetches the
 * arguments (SYS_ARGS) when there are any, runs the C library's constructors,
 * then exit(main(argc, argv)); argv[0], the name, is read-only.
 */
void _user_start(int (*main)(int argc, char **argv), int argc, const char *name)
    __attribute__((noreturn));

void sys_exit(int status) __attribute__((noreturn));
int sys_yield(void);
int sys_getpid(void);
int sys_puts(const char *s, unsigned len); /* writes len bytes to the console */
/* Starts the built-in program called name, with the caller's pager; returns the
 * new process's pid. */
int sys_spawn(const char *name);
int sys_spawn_paged(const char *name, int pager); /* with its own pager (0: the caller's) */
/* With arguments: args is a NULL-terminated list, argv[1] first (NULL: none);
 * -E2BIG past SPAWN_ARGS_MAX bytes or SPAWN_ARGC_MAX strings. flags: SPAWN_BELOW
 * or 0. */
int sys_spawn_args(const char *name, const char *const *args, int pager, unsigned flags);
/* Copies this process's arguments' block into buf: its length, or -EINVAL. */
int sys_args(char *buf, unsigned size);
/* Waits for child pid (-1: any child) to end; returns its pid and stores its
 * exit status in *status (status may be 0). */
int sys_wait(int pid, int *status);
int sys_kill(int pid);
int sys_notify(int pid, unsigned bits);
int sys_map(int pid, unsigned va, unsigned flags); /* flags: MAP_WRITE */
int sys_unmap(int pid, unsigned va);
int sys_null(void);
/* Any system call with three (the rest 0) or five arguments, unchecked: for
 * tests of bad arguments. */
int syscall_raw(unsigned nr, unsigned a, unsigned b, unsigned c);
int syscall_raw5(unsigned nr, unsigned a, unsigned b, unsigned c, unsigned d, unsigned e);
/* All seven argument words (r0-r6), for the fuzzer and the hostile tests; the
 * words r1-r6 come back may be clobbered. */
int syscall_raw7(unsigned nr, const unsigned args[7]);
int sys_info(unsigned what);                         /* what: INFO_* */
int sys_layout(int pid, struct proc_layout *layout); /* pid 0: the caller */
/* Slot 0 to MAX_PROCS - 1 of the process table: 0, -ENOENT empty, -EINVAL past it.
 * With PROC_INFO_NEXT or-ed in, the first occupied slot from there on: its
 * number, or -EINVAL when there is none (a scan that asks only for live slots). */
int sys_proc_info(unsigned slot, struct proc_info *info);
/* Program index of the tables: 0, or -EINVAL past the last. */
int sys_program_info(unsigned index, struct program_info *info);
int sys_irq_ack(int irq); /* a driver's: its interrupt is unmasked again */
/* pid's memory map (pid 0: the caller), as the seed draws it. */
int sys_memmap(int pid, struct mem_map *map);
int sys_poweroff(void); /* PRIV_POWER: does not return; else -EPERM */
/* PRIV_SUPERVISE: the boot server pid becomes the caller's child (SYS_ADOPT). */
int sys_adopt(int pid);

/* Waits until find() names a live server other than gone (0: any), as one a
 * supervisor restarts does: its pid, or 0 when none comes within
 * AWAIT_SECONDS of the system's ticks (a restart takes a fraction of a
 * millisecond; the margin is for QEMU on a host that is busy). */
#define AWAIT_SECONDS 10
int server_await(int (*find)(void), int gone);

/* The IO server's calls (PRIV_IO; docs/syscalls.md, "Devices"): irq to pid as
 * notification bits (0: unbind); into pid's device window at va, what
 * (DEV_REGS: the device page number page; DEV_DMA...: a fresh page, whose
 * number it returns; DEV_TREE: the boot loader's tree, returning its offset);
 * out of it again; size bytes of registers at pa reached through the kernel
 * (sys_dev_read, sys_dev_write) by pid. */
int sys_irq_bind(int irq, unsigned bits, int pid);
int sys_dev_map(int pid, unsigned va, unsigned page, unsigned what);
int sys_dev_unmap(int pid, unsigned va);
int sys_dev_grant(int pid, unsigned pa, unsigned size);
/* The process other than the caller whose window maps device page number
 * page, or that holds a grant in it: its pid (0: none), and in *window_end
 * the address past its window's last mapped page (SYS_DEV_HOLDER). */
int sys_dev_holder(unsigned page, unsigned *window_end);
/* A register granted to the caller: read into *value, or written. */
int sys_dev_read(unsigned pa, unsigned *value);
int sys_dev_write(unsigned pa, unsigned value);
/* The index-th range of registers the kernel drives itself; -ENOENT past the last. */
int sys_dev_kernel(unsigned index, struct dev_range *out);
/* What the program table says about pid's program (pid 0: the caller's). */
int sys_program(int pid, struct program_devices *out);

/* A message: the label and words travel in r1-r5. */
struct ipc_msg {
	unsigned label;
	unsigned w[IPC_WORDS];
	unsigned len; /* set on receipt: bytes of the long part written to buf->recv */
};

/*
 * buf may be 0 when no long part travels either way. Each call that receives
 * overwrites *msg with the message received.
 *   ipc_call: sends *msg to dest and waits for its reply.
 *   ipc_send: sends *msg to dest, waits for it to be received, expects no reply.
 *   ipc_recv: waits for any message; returns the sender's pid (0: the kernel).
 *   ipc_reply_recv: replies *msg to the caller `to`, then waits for the next
 *   message; returns its sender's pid.
 */
int ipc_call(int dest, struct ipc_msg *msg, struct ipc_buf *buf);
int ipc_send(int dest, const struct ipc_msg *msg, struct ipc_buf *buf);
int ipc_recv(struct ipc_msg *msg, struct ipc_buf *buf);
int ipc_reply_recv(int to, struct ipc_msg *msg, struct ipc_buf *buf);

#endif
