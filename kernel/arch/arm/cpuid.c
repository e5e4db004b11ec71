/*
 * Which processor this is, from its main ID register (MIDR), for the banner.
 */
#include "arch.h"
#include "cpu.h"
#include "printf.h"

static const char *part_name(uint32_t midr)
{
	if ((midr >> 24) != 0x41)
		return "non-ARM core";
	switch ((midr >> 4) & 0xfff) {
	case 0xc07: return "ARM Cortex-A7";
	case 0xc0f: return "ARM Cortex-A15";
	case 0xd03: return "ARM Cortex-A53";
	default: return "ARM core";
	}
}

const char *arch_cpu_name(void)
{
	static char name[40];
	uint32_t midr = read_midr();
	ksnprintf(name, sizeof name, "%s r%up%u", part_name(midr), (midr >> 20) & 0xf, midr & 0xf);
	return name;
}
