/*
 * ARM fault status registers (DFSR, IFSR with long descriptors) in words, for
 * the reports of kernel panics and of killed processes.
 */
#include "arch.h"
#include "printf.h"

/* The long-descriptor fault status encoding (DFSR/IFSR with TTBCR.EAE = 1). */
const char *fault_status_text(uint32_t fsr)
{
	static const char *const by_kind[] = {
	    "address size fault",
	    "translation fault",
	    "access flag fault",
	    "permission fault",
	};
	static const char *const levels[] = {
	    ", level 0",
	    ", level 1",
	    ", level 2",
	    ", level 3",
	};
	static char text[64];
	uint32_t status = fsr & 0x3f;
	if (status < 16) {
		ksnprintf(text, sizeof text, "%s%s", by_kind[status >> 2], levels[status & 3]);
		return text;
	}
	if ((status & 0x3c) == 0x14) {
		ksnprintf(text, sizeof text, "external abort on table walk%s", levels[status & 3]);
		return text;
	}
	switch (status) {
	case 0x10: return "synchronous external abort";
	case 0x11: return "asynchronous external abort";
	case 0x18: return "synchronous parity error";
	case 0x21: return "alignment fault";
	case 0x22: return "debug event";
	case 0x30: return "TLB conflict abort";
	default: return "unknown fault status";
	}
}

const char *arch_fault_text(const struct fault *f)
{
	return f->kind == FAULT_UNDEFINED ? "undefined instruction" : fault_status_text(f->status);
}
