/*
 * reporter: computes forever, telling its parent how far it got every so often (a
 * send, which waits until the parent receives). It never yields: when another
 * thread runs meanwhile, the timer preempted it.
 */
#include <wren/sys.h>

#include "testprogs.h"

#define STEP 200000

int reporter_main(int argc, char **argv)
{
	int parent = sys_info(INFO_PARENT);
	for (unsigned rounds = 1;; rounds++) {
		for (volatile unsigned i = 0; i < STEP; i++)
			;
		struct ipc_msg msg = {.label = 1, .w = {rounds}};
		if (ipc_send(parent, &msg, 0) < 0)
			for (;;)
				; /* the parent is gone: keep computing until killed */
	}
}
