/*
 * A process's end, announced: the parts of the kernel that keep state about
 * processes (IPC, interrupts, devices, the boot code) register here once at boot, and
 * proc.c tells them, without calling any of them by name.
 */
#ifndef PROC_EVENTS_H
#define PROC_EVENTS_H

struct proc;

enum proc_event {
	PROC_ENDING,      /* p is ending: drop what refers to it; its memory is still there */
	PROC_ENDED,       /* p has ended with p->exit_status; its memory is gone */
	PROC_CHILD_ENDED, /* a child of p ended and p is not waiting for it */
};

typedef void (*proc_observer_fn)(struct proc *p, enum proc_event event);

/* Registers fn: observers are called in the order they registered. At most
 * PROC_OBSERVERS; one more is a broken invariant (panic). */
#define PROC_OBSERVERS 6
void proc_observe(proc_observer_fn fn);

/* Calls every observer with p and event (proc.c). */
void proc_events_tell(struct proc *p, enum proc_event event);

#endif
