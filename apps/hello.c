/*
 * hello: the smallest user program, in user mode with its own address space,
 * printing through the C library.
 */
#include <stdio.h>
#include <wren/sys.h>

#include "apps.h"

int hello_main(int argc, char **argv)
{
	printf("hello from user mode: pid %d, printf from picolibc\n", sys_getpid());
	return 0;
}
