/*
 * The BCM2835 mailbox's property channel (Raspberry Pi): the kernel asks the
 * VideoCore firmware where the ARM's RAM is and how fast the UART's clock runs.
 */
#ifndef BCM2835_MBOX_H
#define BCM2835_MBOX_H

#include <stdint.h>

/* What the firmware answered; a field it did not answer stays 0. */
struct bcm2835_firmware {
	uint32_t ram_base, ram_size; /* the ARM's share of RAM (tag 0x00010005) */
	uint32_t uart_clock;         /* the PL011's clock in Hz (tag 0x00030002, clock 2) */
};

/* Maps the mailbox at pa, asks the firmware, waiting a bounded time for the
 * answer, and unmaps it again. Fills *fw; with no firmware, or a refused
 * request, every field stays 0. Panics if the IO pages are full. */
void bcm2835_firmware_query(uint64_t pa, struct bcm2835_firmware *fw);

#endif
