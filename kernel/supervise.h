/*
 * What the kernel does for a supervisor, a process with PRIV_SUPERVISE
 * (docs/architecture.md, "The supervisor"), so that a server that ends can be
 * replaced: the supervisor adopts the servers the kernel started at boot
 * (SYS_ADOPT) and so hears of their ends as their parent; the PRIV_PAGER or
 * PRIV_IO child it starts once the last one has ended takes over as the
 * system pager or the IO server; and a fault that finds the system pager
 * gone waits for the next one instead of killing its process (pager_wait.h).
 */
#ifndef SUPERVISE_H
#define SUPERVISE_H

#include <stdint.h>

#include "thread.h"

struct proc;

/* Registers with proc.c: a waiting fault's process that ends leaves the wait;
 * when the system pager's supervisor ends, nothing will replace the pager, and
 * every waiting fault's process is killed. */
void supervise_init(void);

/* Argument 0 the pid of a live boot server (BOOT_SERVER) that has no parent:
 * the caller becomes its parent. Word 0: 0, -EPERM (no PRIV_SUPERVISE),
 * -ESRCH (no such process), -EINVAL (not a boot server, or it has a parent). */
void syscall_adopt(struct thread *t);

/* parent has started child with SYS_SPAWN's flags: for a supervisor's child,
 * takes the system pager's or the IO server's role if child's program has it
 * and the last holder has ended (the faults that wait go to the new pager),
 * and counts a SPAWN_RESTART. Nothing for any other parent. */
void supervise_spawned(struct proc *parent, struct proc *child, uint32_t flags);

/* How often p's program was restarted (SPAWN_RESTART) so far. */
unsigned supervise_restarts(const struct proc *p);

#endif
