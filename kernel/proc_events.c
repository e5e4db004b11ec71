/*
 * The observers of processes' ends (proc_events.h).
 */
#include "proc_events.h"
#include "power.h"

static proc_observer_fn observers[PROC_OBSERVERS];
static int observer_count;

void proc_observe(proc_observer_fn fn)
{
	if (observer_count == PROC_OBSERVERS)
		panic("proc_observe: more than %d observers\n", PROC_OBSERVERS);
	observers[observer_count++] = fn;
}

void proc_events_tell(struct proc *p, enum proc_event event)
{
	for (int i = 0; i < observer_count; i++)
		observers[i](p, event);
}
