/*
 * BCM2835 GPIO: function select (three bits a pin, ten pins a register) and
 * the pull-up/down, which the BCM2835 latches with a clocked sequence: the
 * control value, 150 cycles, the clock for the pins, 150 cycles, both off.
 */
#include "bcm2835_gpio.h"
#include "arch.h"
#include "power.h"

#define GPFSEL0 0x00
#define GPPUD 0x94
#define GPPUDCLK0 0x98

static uintptr_t gpio;

static inline volatile uint32_t *reg(uint32_t offset)
{
	return (volatile uint32_t *)(gpio + offset);
}

/* At least n cycles: one loop iteration takes more than one. */
static void delay(uint32_t n)
{
	for (volatile uint32_t i = 0; i < n; i++)
		;
}

void bcm2835_gpio_init(uint64_t pa)
{
	gpio = io_map(pa, 0x100);
	if (!gpio)
		panic("bcm2835_gpio_init: no IO pages left\n");
}

void bcm2835_gpio_setup(uint32_t pin, uint32_t function, uint32_t pull)
{
	volatile uint32_t *fsel = reg(GPFSEL0 + 4 * (pin / 10));
	uint32_t shift = 3 * (pin % 10);

	*fsel = (*fsel & ~(7u << shift)) | function << shift;
	*reg(GPPUD) = pull;
	delay(150);
	*reg(GPPUDCLK0 + 4 * (pin / 32)) = 1u << (pin % 32);
	delay(150);
	*reg(GPPUD) = 0;
	*reg(GPPUDCLK0 + 4 * (pin / 32)) = 0;
}

void bcm2835_gpio_done(void)
{
	io_unmap(gpio);
	gpio = 0;
}
