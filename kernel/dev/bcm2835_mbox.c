/*
 * The BCM2835 mailbox, property channel 8: one request buffer of tags that the
 * VideoCore reads and answers in place. The buffer is ordinary cacheable
 * kernel memory, so it is flushed to RAM before the VideoCore reads it and
 * flushed again after it wrote; the VideoCore is given its address in the
 * bus's uncached alias (0xC0000000 up, the Pi 2/3 trees' dma-ranges).
 */
#include "bcm2835_mbox.h"
#include "arch.h"
#include "power.h"

#define MBOX_READ 0x00
#define MBOX_STATUS 0x18 /* of the VideoCore-to-ARM mailbox, 0 */
#define MBOX_WRITE 0x20
#define MBOX_WSTATUS 0x38 /* of the ARM-to-VideoCore mailbox, 1 */
#define STATUS_FULL (1u << 31)
#define STATUS_EMPTY (1u << 30)
#define CHANNEL_PROPERTY 8u
#define BUS_UNCACHED 0xC0000000u
#define REQUEST 0u
#define RESPONSE_OK 0x80000000u
#define TAG_RESPONSE (1u << 31)
#define TAG_ARM_MEMORY 0x00010005u
#define TAG_CLOCK_RATE 0x00030002u
#define CLOCK_UART 2u
/* Polls of a status register before giving up: the firmware answers within
 * microseconds; a machine without one must not hang the boot. */
#define PATIENCE 1000000u

/* The request: ARM memory, then the UART clock's rate. Its words' offsets: */
enum {
	W_SIZE,
	W_CODE,
	W_MEM_TAG,
	W_MEM_LEN,
	W_MEM_CODE,
	W_MEM_BASE,
	W_MEM_SIZE,
	W_CLK_TAG,
	W_CLK_LEN,
	W_CLK_CODE,
	W_CLK_ID,
	W_CLK_RATE,
	W_END,
	WORDS
};

/* Whole cache lines of its own, so flushing it touches nothing else. */
static volatile uint32_t request[16] __attribute__((aligned(64)));

static inline volatile uint32_t *reg(uintptr_t base, uint32_t offset)
{
	return (volatile uint32_t *)(base + offset);
}

/* Sends the request and waits for its answer; returns whether it came. */
static bool exchange(uintptr_t mbox, uint32_t bus_address)
{
	uint32_t n = 0;

	while ((*reg(mbox, MBOX_WSTATUS) & STATUS_FULL) && ++n < PATIENCE)
		;
	if (n == PATIENCE)
		return false;
	*reg(mbox, MBOX_WRITE) = bus_address | CHANNEL_PROPERTY;
	for (n = 0; n < PATIENCE; n++) {
		if (*reg(mbox, MBOX_STATUS) & STATUS_EMPTY)
			continue;
		if (*reg(mbox, MBOX_READ) == (bus_address | CHANNEL_PROPERTY))
			return true;
	}
	return false;
}

void bcm2835_firmware_query(uint64_t pa, struct bcm2835_firmware *fw)
{
	uintptr_t mbox = io_map(pa, 0x40);
	if (!mbox)
		panic("bcm2835_firmware_query: no IO pages left\n");
	static const uint32_t words[WORDS] = {
	    [W_SIZE] = WORDS * 4, [W_CODE] = REQUEST, [W_MEM_TAG] = TAG_ARM_MEMORY,
	    [W_MEM_LEN] = 8,      [W_MEM_CODE] = 0,   [W_CLK_TAG] = TAG_CLOCK_RATE,
	    [W_CLK_LEN] = 8,      [W_CLK_CODE] = 4,   [W_CLK_ID] = CLOCK_UART,
	    [W_END] = 0,
	};
	for (uint32_t i = 0; i < WORDS; i++)
		request[i] = words[i];
	dcache_flush_range((const void *)request, sizeof(request));
	bool answered =
	    exchange(mbox, BUS_UNCACHED | (uint32_t)virt_to_phys((const void *)request));
	dcache_flush_range((const void *)request, sizeof(request));
	io_unmap(mbox); /* asked once, at boot: the mailbox is a user driver's from now on */

	*fw = (struct bcm2835_firmware){0};
	if (!answered || request[W_CODE] != RESPONSE_OK)
		return;
	if (request[W_MEM_CODE] == (TAG_RESPONSE | 8)) {
		fw->ram_base = request[W_MEM_BASE];
		fw->ram_size = request[W_MEM_SIZE];
	}
	if (request[W_CLK_CODE] == (TAG_RESPONSE | 8) && request[W_CLK_ID] == CLOCK_UART)
		fw->uart_clock = request[W_CLK_RATE];
}
