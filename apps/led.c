/*
 * led: a Raspberry Pi's activity LED, through the GPIO driver (gpio), reading
 * each level back: GPIO 47 on a Pi 2, GPIO 29 on a Pi 3 B+; the board's
 * revision, from the mailbox driver (mbox), says which. `led on` and `led off`
 * set it; with no argument it blinks once.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <wren/gpio.h>
#include <wren/mbox.h>

#include "apps.h"
#include "driver.h"
#include "pi.h"

/* The GPIO driver's answer to label for pin (arg: GPIO_FUNCTION's function). */
static int gpio_call(int gpio, unsigned label, int pin, unsigned arg, struct ipc_msg *msg)
{
	*msg = (struct ipc_msg){.label = label, .w = {(unsigned)pin, arg}};
	int err = ipc_call(gpio, msg, 0);
	return err ? err : (int)msg->w[0];
}

/* Drives pin with label (GPIO_SET, GPIO_CLEAR) and reads its level into *level. */
static int drive(int gpio, unsigned label, int pin, unsigned *level)
{
	struct ipc_msg msg;
	int err = gpio_call(gpio, label, pin, 0, &msg);
	if (!err)
		err = gpio_call(gpio, GPIO_LEVEL, pin, 0, &msg);
	*level = msg.w[1];
	return err;
}

int led_main(int argc, char **argv)
{
	static const char *const block[] = {"brcm,bcm2835-gpio"};
	static const char *const mailbox[] = {"brcm,bcm2835-mbox"};
	struct ipc_msg msg;
	unsigned on = 0, off = 0;
	int gpio = driver_of(block, 1), mbox = driver_of(mailbox, 1);
	if (gpio == -ENOENT) {
		printf("led: no BCM2835 GPIO here (not a Raspberry Pi)\n");
		return 0;
	}
	if (gpio <= 0 || mbox <= 0 || driver_call(mbox, MBOX_BOARD_REVISION, 0, &msg)) {
		printf("led: no GPIO or mailbox driver answers\n");
		return 1;
	}
	unsigned rev = msg.w[1];
	int pin = pi_led_pin(rev);
	if (pin < 0) {
		printf("led: the activity LED of %s is not on a GPIO the ARM drives\n",
		       pi_model(rev));
		return 0;
	}
	bool set = argc < 2 || strcmp(argv[1], "on") == 0;
	bool clear = argc < 2 || strcmp(argv[1], "off") == 0;
	if (argc > 2 || (!set && !clear)) {
		printf("led: usage: led [on|off]\n");
		return 2;
	}
	int err = gpio_call(gpio, GPIO_FUNCTION, pin, GPIO_OUTPUT, &msg);
	if (!err && set)
		err = drive(gpio, GPIO_SET, pin, &on);
	if (!err && clear)
		err = drive(gpio, GPIO_CLEAR, pin, &off);
	if (err) {
		printf("led: GPIO %d: error %d\n", pin, err);
		return 1;
	}
	if (set && clear)
		printf("led: GPIO %d, the activity LED of %s: set, reads %u; cleared, reads %u\n",
		       pin, pi_model(rev), on, off);
	else
		printf("led: GPIO %d, the activity LED of %s: %s, reads %u\n", pin, pi_model(rev),
		       set ? "on" : "off", set ? on : off);
	return (!set || on == 1) && (!clear || off == 0) ? 0 : 1;
}
