/*
 * Devices for user drivers (device.c): the system calls with which the IO
 * server, the one process with PRIV_IO, has the kernel map a device's
 * registers and pages a device reads (DMA) into a driver's device window, and
 * grant register access through the kernel where a device shares its page
 * with one the kernel drives; the kernel's own devices, and what the program
 * table says about a process. docs/syscalls.md has the contract, docs/io.md
 * the IO server that uses it.
 */
#ifndef DEVICE_H
#define DEVICE_H

#include "mem.h"
#include "thread.h"

struct proc;

/* pid of the PRIV_IO server, 0 if none: the one the kernel started, or the
 * one a supervisor started after it ended (supervise.h) */
extern int io_server;

/* Registers with proc.c, so that a process the IO server served lets go of its
 * grants when it ends and the IO server hears of it (NOTIFY_DEVICES). RAM is
 * [ram_start, ram_end): never a device's, so never mapped as one. */
void device_init(paddr_t ram_start, paddr_t ram_end);

/* server (the IO server) has given p a device or interrupt: p's end is told
 * to it. Nothing when p is the server itself. */
void device_served(struct proc *p, struct proc *server);

/* The system calls, on the calling thread's words (syscall.c routes them). */
void syscall_dev_map(struct thread *t);
void syscall_dev_unmap(struct thread *t);
void syscall_dev_grant(struct thread *t);
void syscall_dev_rw(struct thread *t);
void syscall_dev_kernel(struct thread *t);
void syscall_program(struct thread *t);
void syscall_dev_holder(struct thread *t);

#endif
