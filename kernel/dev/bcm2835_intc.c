/*
 * BCM2835 interrupt controller: enable and disable registers that take a 1 for
 * each source to change (write-only in effect, so the enabled set is kept
 * here), and pending registers for the basic sources and the two banks of 32
 * GPU interrupts.
 */
#include "bcm2835_intc.h"
#include "arch.h"
#include "power.h"

#define PENDING_BASIC 0x00
#define PENDING_1 0x04
#define PENDING_2 0x08
#define FIQ_CONTROL 0x0c
#define ENABLE_1 0x10
#define ENABLE_2 0x14
#define ENABLE_BASIC 0x18
#define DISABLE_1 0x1c
#define DISABLE_2 0x20
#define DISABLE_BASIC 0x24
#define BASIC_SOURCES 0xffu /* the basic pending register's own sources, bits 0-7 */

static uintptr_t intc;
static uint32_t enabled[3]; /* GPU 0-31, GPU 32-63, basic */

static const uint32_t enable_reg[3] = {ENABLE_1, ENABLE_2, ENABLE_BASIC};
static const uint32_t disable_reg[3] = {DISABLE_1, DISABLE_2, DISABLE_BASIC};

static inline volatile uint32_t *reg(uint32_t offset)
{
	return (volatile uint32_t *)(intc + offset);
}

void bcm2835_intc_init(uint64_t pa)
{
	intc = io_map(pa, 0x100);
	if (!intc)
		panic("bcm2835_intc_init: no IO pages left\n");
	*reg(FIQ_CONTROL) = 0;
	for (int bank = 0; bank < 3; bank++) {
		*reg(disable_reg[bank]) = ~0u;
		enabled[bank] = 0;
	}
}

void bcm2835_intc_mask(uint32_t n)
{
	enabled[n / 32] &= ~(1u << n % 32);
	*reg(disable_reg[n / 32]) = 1u << n % 32;
}

void bcm2835_intc_unmask(uint32_t n)
{
	enabled[n / 32] |= 1u << n % 32;
	*reg(enable_reg[n / 32]) = 1u << n % 32;
}

/* The basic register also has summary bits (8, 9: a bank has something
 * pending) and copies of some GPU sources (10-20); reading the banks
 * themselves needs neither. */
int bcm2835_intc_claim(void)
{
	uint32_t pending[3] = {*reg(PENDING_1) & enabled[0], *reg(PENDING_2) & enabled[1],
			       *reg(PENDING_BASIC) & BASIC_SOURCES & enabled[2]};
	for (int bank = 0; bank < 3; bank++)
		if (pending[bank])
			return 32 * bank + __builtin_ctz(pending[bank]);
	return -1;
}
