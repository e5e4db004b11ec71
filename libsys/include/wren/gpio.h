/*
 * The Raspberry Pi's GPIO driver's protocol (drivers/gpio.c): a pin's
 * function, its output and its level, pins 0-53. The driver's pid is whoever
 * holds "brcm,bcm2835-gpio" (dev_holder, wren/io.h). A pin in an alternate
 * function belongs to the device it carries (GPIO 14 and 15: the kernel's
 * console): the driver changes only inputs and outputs.
 */
#ifndef WREN_GPIO_H
#define WREN_GPIO_H

/* w[0] the pin, w[1] GPIO_INPUT or GPIO_OUTPUT. Reply w[0]: 0, -EINVAL (no
 * such pin or function), -EBUSY (the pin has an alternate function). */
#define GPIO_FUNCTION 1
/* w[0] an output pin: driven high, low. Reply w[0]: 0 or -EINVAL. */
#define GPIO_SET 2
#define GPIO_CLEAR 3
/* w[0] the pin. Reply w[0] 0 or -EINVAL, w[1] its level, 0 or 1. */
#define GPIO_LEVEL 4

#define GPIO_INPUT 0
#define GPIO_OUTPUT 1
#define GPIO_PINS 54

#endif
