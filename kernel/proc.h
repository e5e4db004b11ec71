/*
 * Processes: an address space (vm.h) and the threads that run in it; for now
 * each process has exactly one, its main thread (thread.h), but the two are
 * kept apart so more can come.
 *
 * proc.c calls no other part of the kernel that keeps state about processes
 * (IPC, interrupts, boot): each of those registers an observer with
 * proc_events.h and hears of every process's end, so the dependencies point
 * one way.
 */
#ifndef PROC_H
#define PROC_H

#include <stdbool.h>

#include "program.h"
#include "thread.h"
#include "vm.h"

/* Slots of the process table. A process's slot is its address space's ASID
 * (8 bits), and slot 0 is never used (pid 0 means the kernel): 255 processes. */
#define MAX_PROCS 256

enum proc_state { PROC_ALIVE, PROC_ZOMBIE };

struct proc {
	int pid;
	enum proc_state state;
	const struct program *program;
	struct vm_space vm;
	struct thread thread; /* the main thread */
	int parent;           /* pid */
	int pager;            /* pid of the process that handles its faults; 0: the system pager */
	int exit_status;
	bool ending;           /* proc_exit has it: it ends now or right after the one ending */
	uint8_t program_index; /* program_index(program) */
	uint64_t peers;        /* program_rights(program)->peers: whom it may call */
	uint32_t notify_bits;  /* notifications not yet received */
	char *args;            /* its arguments' block (kernel heap), or NULL */
	uint16_t args_len;     /* bytes of it */
};

/* Whether from may call, send to or notify to (docs/syscalls.md, "Rights"): a
 * program its table entry names, a serves_all one, its parent or its child. */
static inline bool proc_may_talk(const struct proc *from, const struct proc *to)
{
	return ((from->peers >> to->program_index) & 1) || to->pid == from->parent ||
	       to->parent == from->pid;
}

/* Whether who may read p's layout and memory map (SYS_LAYOUT, SYS_MEMMAP): its
 * own, its child's, a process it pages; any, with PRIV_IO or PRIV_INSPECT. */
bool proc_may_inspect(const struct proc *who, const struct proc *p);

/* Why the kernel ended a process: wren/abi.h's KILL_ reasons. */
typedef int kill_reason_t;

extern int system_pager; /* pid of the PRIV_PAGER server, 0 if none runs */

/* The process table, by slot: a pid's slot is pid % MAX_PROCS. */
extern struct proc *proc_table[MAX_PROCS];

/* The process of pid, alive or a zombie, or NULL: for the IPC fast paths, whose
 * peer's thread state says whether it lives. */
static inline struct proc *proc_of(int pid)
{
	/* A slot's pid is never 0 or negative: no check of pid's own. */
	struct proc *p = proc_table[(uint32_t)pid % MAX_PROCS];
	return p && p->pid == pid ? p : NULL;
}

/* A live process, or NULL (pid <= 0, ended, or never was). Inline, and one
 * look-up whatever the number of processes: every IPC names its peer by pid. */
static inline struct proc *proc_find(int pid)
{
	struct proc *p = proc_of(pid);
	return p && p->state == PROC_ALIVE ? p : NULL;
}
/* Whatever occupies a slot of the process table (a live process, a zombie, NULL). */
struct proc *proc_slot(int slot);
/* The live process that pages p, or NULL. */
struct proc *proc_pager(const struct proc *p);
/* Occupied slots, zombies included. */
uint32_t proc_count(void);

/* Makes a process of prog, the child of parent (a pid, 0: the kernel) paged by
 * pager (0: the system pager), at its table priority or its parent's, whichever
 * is lower: a child never outranks its parent. args (args_len bytes, argc
 * strings, checked by the caller; NULL and 0 for none) are its arguments after
 * its name: it starts in libsys's _user_start(main, argc + 1, name). Its thread
 * is runnable but in no run queue: the caller hands it to the scheduler.
 * Returns its pid, or -EAGAIN (no free slot), -ENOMEM, -EINVAL (limits that do
 * not fit); nothing is left behind on failure. Whether parent may start prog is
 * the caller's check. */
int proc_spawn(const struct program *prog, int parent, int pager, const char *args,
	       uint32_t args_len, uint32_t argc);
/* Ends p with status: everything it held goes back, its observers hear of it,
 * and its parent gets the status. Ending p while another process ends (a pager
 * whose clients die with it) is queued, never nested. */
void proc_exit(struct proc *p, int status);
/* Prints "[kernel] pid N (name) killed: reason: why" and ends p with KILLED | reason. */
void proc_kill(struct proc *p, kill_reason_t reason, const char *why);
/* t waits for its child pid (-1: any) to end; its status goes to status_ptr in
 * t's memory (0: nowhere). Returns the pid of a child that had already ended,
 * 0 when t now waits (the result arrives in its word 0 later), -ECHILD (no such
 * child) or -EFAULT (status_ptr not writable). */
int proc_wait(struct thread *t, int pid, uint32_t status_ptr);

#endif
