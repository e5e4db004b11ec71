/*
 * kernel/fdt.c held against libfdt, for the device-tree tests and the fuzzer:
 * the same blob read by both, every answer compared.
 */
#ifndef FDT_ORACLE_H
#define FDT_ORACLE_H

#include <stddef.h>

/* What the reader made of a blob. */
enum fdt_verdict {
	FDT_REFUSED_BY_BOTH,
	FDT_REFUSED_BY_OURS, /* libfdt takes it; our reader is stricter */
	FDT_OPENED,          /* fdt_open took it, fdt_read refused its contents */
	FDT_READ,            /* both took it, and fdt_read did too */
};

/*
 * Reads blob (size bytes, 8-aligned, as libfdt wants it) with kernel/fdt.c's
 * whole API and with libfdt, and again with ours from an odd address. Returns
 * the verdict, or -1 with *why saying where the two disagree: ours accepts
 * what libfdt's fdt_check_full refuses; a node, property, path, compatible
 * string, reg or /memreserve/ entry reads differently; fdt_read's memory,
 * reservations, /soc windows, console or model differ from the same facts
 * worked out through libfdt; or an odd address changes an answer.
 */
int fdt_oracle(const void *blob, size_t size, const char **why);

#endif
