/*
 * User faults, in generic terms (arch.h describes one).
 */
#ifndef FAULT_H
#define FAULT_H

#include "arch.h"
#include "thread.h"

/* Handles a fault of t: to its pager, or the end of its process. Returns the
 * frame to resume (the pager's, when it takes the fault at once). */
struct trap_frame *user_fault(struct thread *t, const struct fault *f);

#endif
