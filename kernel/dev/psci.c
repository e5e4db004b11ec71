/*
 * PSCI calls (SMC Calling Convention: function id in r0, result in r0).
 */
#include "psci.h"

#include <stdint.h>

#define PSCI_SYSTEM_OFF 0x84000008u

void psci_system_off(enum psci_conduit conduit)
{
	register uint32_t r0 __asm__("r0") = PSCI_SYSTEM_OFF;
	if (conduit == PSCI_SMC)
		__asm__ volatile(".arch_extension sec\n\tsmc #0" : "+r"(r0)::"memory");
	else
		__asm__ volatile(".arch_extension virt\n\thvc #0" : "+r"(r0)::"memory");
}
