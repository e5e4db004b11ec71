/*
 * The entry of every process (see wren/sys.h for the state the kernel starts it
 * in). picolibc's crt0 is not used: the kernel already copied and zeroed the
 * globals and set the stack and the thread pointer, which leaves the
 * constructors and exit() to do here.
 */
#include <stdlib.h>
#include <wren/sys.h>

void __libc_init_array(void);

void _user_start(int (*main)(void))
{
	__libc_init_array();
	exit(main());
}
