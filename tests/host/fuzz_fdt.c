/*
 * libFuzzer's target for the device-tree reader: every input is a blob a boot
 * loader might pass, read with kernel/fdt.c's whole API and held against
 * libfdt (fdt_oracle.c); a disagreement aborts, as do ASan and UBSan. Run
 * briefly by ctest (host.fuzz_fdt) and at length by the fuzz target.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fdt_oracle.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* libfdt wants its trees 8-aligned; the oracle reads ours at an odd address too. */
	uint64_t *blob = malloc(size + 8);
	const char *why = NULL;
	if (!blob)
		abort();
	memcpy(blob, data, size);
	if (fdt_oracle(blob, size, &why) < 0) {
		fprintf(stderr, "fuzz_fdt: kernel/fdt.c and libfdt disagree: %s\n", why);
		abort();
	}
	free(blob);
	return 0;
}
