/*
 * Where RAM is, settled at boot (ram.c): the device tree's /memory, cut to what
 * the firmware reports and kept clear of the windows where the devices are.
 * Pure arithmetic, unit-tested on the host.
 */
#ifndef RAM_H
#define RAM_H

#include <stdint.h>

#include "fdt.h"

#define RAM_CUT_FIRMWARE 1u /* cut to the firmware's RAM */
#define RAM_CUT_WINDOW 2u   /* cut clear of a device window */

/*
 * Cuts *ram to lie inside *limit (when limit->size is not 0) and outside every
 * one of count windows; of RAM that a window splits, the part below it stays.
 * Returns the RAM_CUT_* bits of what changed it; ram->size is 0 when nothing is
 * left. Never fails.
 */
uint32_t ram_fit(struct fdt_range *ram, const struct fdt_range *limit,
		 const struct fdt_range *windows, uint32_t count);

#endif
