/*
 * gpio: the Raspberry Pi's GPIO driver (protocol: wren/gpio.h). It asks the
 * IO server for the BCM2835 GPIO block and works its registers in its device
 * window: a pin's function (three bits a pin, ten pins a register), its
 * output (set and clear registers, a bit a pin) and its level. A pin in an
 * alternate function is left alone: it carries another device's signal (the
 * kernel's console on GPIO 14 and 15). Where there is no such block it ends
 * at once, status ENOENT.
 */
#include <stdio.h>
#include <wren/gpio.h>
#include <wren/io.h>
#include <wren/sys.h>

#include "apps.h"

#define GPFSEL0 0x00
#define GPSET0 0x1c
#define GPCLR0 0x28
#define GPLEV0 0x34
#define FSEL_INPUT 0u
#define FSEL_OUTPUT 1u

static unsigned function_of(const struct io_reg *r, unsigned pin)
{
	return dev_read32(r, GPFSEL0 + 4 * (pin / 10)) >> 3 * (pin % 10) & 7;
}

static int set_function(const struct io_reg *r, unsigned pin, unsigned function)
{
	if (pin >= GPIO_PINS || (function != GPIO_INPUT && function != GPIO_OUTPUT))
		return -EINVAL;
	unsigned now = function_of(r, pin);
	if (now != FSEL_INPUT && now != FSEL_OUTPUT)
		return -EBUSY;
	unsigned offset = GPFSEL0 + 4 * (pin / 10), shift = 3 * (pin % 10);
	unsigned fsel = function == GPIO_OUTPUT ? FSEL_OUTPUT : FSEL_INPUT;
	dev_write32(r, offset, (dev_read32(r, offset) & ~(7u << shift)) | fsel << shift);
	return 0;
}

/* Drives an output pin through the set or clear register (base). */
static int drive(const struct io_reg *r, unsigned pin, unsigned base)
{
	if (pin >= GPIO_PINS || function_of(r, pin) != FSEL_OUTPUT)
		return -EINVAL;
	dev_write32(r, base + 4 * (pin / 32), 1u << pin % 32);
	return 0;
}

static void serve(const struct io_reg *r, struct ipc_msg *msg)
{
	unsigned pin = msg->w[0];
	int err = -EINVAL;
	switch (msg->label) {
	case GPIO_FUNCTION: err = set_function(r, pin, msg->w[1]); break;
	case GPIO_SET: err = drive(r, pin, GPSET0); break;
	case GPIO_CLEAR: err = drive(r, pin, GPCLR0); break;
	case GPIO_LEVEL:
		if (pin < GPIO_PINS) {
			msg->w[1] = dev_read32(r, GPLEV0 + 4 * (pin / 32)) >> pin % 32 & 1;
			err = 0;
		}
		break;
	}
	msg->label = 0;
	msg->w[0] = (unsigned)err;
}

int gpio_main(int argc, char **argv)
{
	struct io_open dev;
	int err = dev_open("brcm,bcm2835-gpio", 0, 0, &dev);
	if (err)
		return -err;
	printf("gpio: BCM2835 GPIO at 0x%08x: %d pins\n", dev.reg[0].pa, GPIO_PINS);
	struct ipc_msg msg;
	int from = ipc_recv(&msg, 0);
	for (;;) {
		if (from <= 0) { /* its interrupts: edges, which it does not watch */
			from = ipc_recv(&msg, 0);
			continue;
		}
		serve(&dev.reg[0], &msg);
		from = ipc_reply_recv(from, &msg, 0);
	}
}
