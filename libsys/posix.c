/*
 * The POSIX calls libsys can answer: the ones picolibc needs (_exit, which its
 * exit() ends with) and the few that map onto one system call. Unlike the raw
 * sys_* stubs they report failure the POSIX way, -1 with the code in errno.
 */
#include <errno.h>
#include <sched.h>
#include <sys/wait.h>
#include <unistd.h>
#include <wren/sys.h>

static int posix_result(int r)
{
	if (r < 0) {
		errno = -r;
		return -1;
	}
	return r;
}

void _exit(int status)
{
	sys_exit(status);
}

pid_t getpid(void)
{
	return sys_getpid();
}

int sched_yield(void)
{
	return posix_result(sys_yield());
}

/* Only the blocking wait: there is no WNOHANG or WUNTRACED to give. */
pid_t waitpid(pid_t pid, int *status, int options)
{
	if (options) {
		errno = EINVAL;
		return -1;
	}
	return posix_result(sys_wait(pid, status));
}
