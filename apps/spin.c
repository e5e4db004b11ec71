/*
 * spin: runs forever without a system call, to show that a program that never
 * stops is still stopped: it runs below the shell, so Ctrl-C or `kill` from
 * the prompt ends it.
 */
#include <stdio.h>
#include <wren/sys.h>

#include "apps.h"

int spin_main(int argc, char **argv)
{
	printf("spin: pid %d spins until it is stopped (Ctrl-C, or kill %d)\n", sys_getpid(),
	       sys_getpid());
	fflush(stdout);
	for (volatile unsigned n = 0;; n++)
		;
}
