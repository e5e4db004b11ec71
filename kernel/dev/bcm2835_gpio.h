/*
 * The BCM2835 GPIO block (Raspberry Pi 1-3): a pin's function and pull, for
 * routing a device's signals to the pins the board wires them to.
 */
#ifndef BCM2835_GPIO_H
#define BCM2835_GPIO_H

#include <stdint.h>

#define GPIO_INPUT 0u
#define GPIO_ALT0 4u /* GPIO 14/15: the PL011's TXD0/RXD0 */
#define GPIO_PULL_NONE 0u
#define GPIO_PULL_UP 2u

/* Maps the block at pa. Panics if the IO pages are full. */
void bcm2835_gpio_init(uint64_t pa);
/* Gives pin (0-53) function (GPIO_INPUT, GPIO_ALT0, ...) and pull, between
 * bcm2835_gpio_init and bcm2835_gpio_done. Never fails. */
void bcm2835_gpio_setup(uint32_t pin, uint32_t function, uint32_t pull);
/* Unmaps the block again: the pins are set for good, and the block is a user
 * driver's from now on. */
void bcm2835_gpio_done(void);

#endif
