/*
 * Faults that wait for the next system pager (supervise.h): while a
 * supervisor starts a memory server to replace the one that ended, a thread
 * whose fault found it gone waits here instead of being killed, and its
 * fault goes to the new one. Kept apart from the supervisor's system calls
 * so that IPC, which parks the faults, and the supervisor, which sends them
 * on, do not depend on each other.
 */
#ifndef PAGER_WAIT_H
#define PAGER_WAIT_H

#include <stdbool.h>

#include "thread.h"

/* The system pager's supervisor (its parent), 0 if it has none: the process
 * that will start the next system pager; and how many more times it will, by
 * the program table's restarts (supervise.c sets both). */
extern int pager_supervisor;
extern unsigned pager_restarts_left;

/* t has faulted, or its fault was queued on the system pager, and the system
 * pager has ended or is ending: true when t now waits (THREAD_PAGER_WAIT)
 * for the next one, which pager_supervisor will start; false when nothing
 * will (t is paged by another pager, is the pager itself or its supervisor,
 * the pager has no supervisor or no restart left), and t's process is the
 * caller's to kill. */
bool pager_wait(struct thread *t);

/* The thread that has waited longest, taken out of the wait; NULL if none. */
struct thread *pager_wait_next(void);

/* Takes t out of the wait (its process ends); nothing if it was not in it. */
void pager_wait_leave(struct thread *t);

#endif
