/*
 * Semihosting calls. Without a host the svc lands in our own vector, which
 * answers SEMIHOST_ABSENT (trap.c), so the kernel can always try.
 */
#include "semihost.h"
#include "arch.h"
#include "wren/abi.h"

#define SEMIHOST_GET_CMDLINE 0x15
#define SEMIHOST_EXIT 0x18
#define SEMIHOST_EXIT_EXTENDED 0x20
#define ADP_STOPPED_APPLICATION_EXIT 0x20026
#define ADP_STOPPED_RUN_TIME_ERROR 0x20023

static uint32_t semihost_call(uint32_t op, const void *arg)
{
	register uint32_t r0 __asm__("r0") = op;
	register const void *r1 __asm__("r1") = arg;
	/* The svc is taken in SVC mode: it overwrites lr_svc. */
	__asm__ volatile("svc %2" : "+r"(r0) : "r"(r1), "i"(SEMIHOST_SVC) : "lr", "memory");
	return r0;
}

void arch_host_exit(int status)
{
	uint32_t block[2] = {ADP_STOPPED_APPLICATION_EXIT, (uint32_t)status};
	if (semihost_call(SEMIHOST_EXIT_EXTENDED, block) == SEMIHOST_ABSENT)
		return;
	/* A host without the extended call: plain SYS_EXIT tells only success or not. */
	semihost_call(SEMIHOST_EXIT, (const void *)(status ? ADP_STOPPED_RUN_TIME_ERROR
							   : ADP_STOPPED_APPLICATION_EXIT));
}

int arch_host_cmdline(char *buf, size_t size)
{
	uint32_t block[2] = {(uint32_t)buf, size};
	if (semihost_call(SEMIHOST_GET_CMDLINE, block) != 0)
		return -ENOSYS;
	return (int)block[1];
}
