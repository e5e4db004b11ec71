/*
 * Raspberry Pi 2 and 3 in 32-bit mode (BCM2836/BCM2837). RAM from 0, as much as
 * the firmware gives the ARM (asked through the mailbox); the PL011 at
 * 0x3F201000 on GPIO 14/15, set up by the kernel from the clock the firmware
 * reports; the ARM local interrupt controller at 0x40000000 for the timers, and
 * the BCM2835 controller behind it for every peripheral. There is no PSCI;
 * power-off stops the CPU.
 */
#include "board.h"
#include "bcm2835_gpio.h"
#include "bcm2835_intc.h"
#include "bcm2835_mbox.h"
#include "bcm2836_local.h"
#include "cpu.h"
#include "pl011.h"

/* Without a tree or a mailbox answer: less than the ARM's share on every Pi 2
 * and 3 (948 MiB of 1 GiB, 436 MiB of the 512 MiB boards, by default). */
#define PI_RAM_DEFAULT (256u << 20)
#define PI_UART 0x3F201000u
#define PI_GPIO 0x3F200000u
#define PI_MBOX 0x3F00B880u
#define PI_INTC 0x3F00B200u
#define LOCAL_BASE 0x40000000u
#define CNTPNS_IRQ 1 /* the non-secure physical timer */
#define CNTV_IRQ 3   /* the virtual timer */
#define UART_TX_PIN 14
#define UART_RX_PIN 15
/* The Pi 3's Bluetooth module on the PL011's ALT3 pins, which the firmware
 * routes there: unrouted, so that the PL011 listens to GPIO 15 alone. */
#define BT_TX_PIN 32
#define BT_RX_PIN 33

static const struct uart_driver *const uarts[] = {&pl011_uart, NULL};

void board_defaults(struct board_config *c)
{
	struct bcm2835_firmware fw;

	c->name = "Raspberry Pi 2/3";
	c->ram_base = 0;
	c->ram_size = PI_RAM_DEFAULT;
	c->uart = &pl011_uart;
	c->uart_base = PI_UART;
	c->uarts = uarts;

	bcm2835_firmware_query(PI_MBOX, &fw);
	if (fw.ram_size) {
		c->ram_base = fw.ram_base;
		c->ram_size = fw.ram_size;
		c->ram_reported = true;
	}
	c->uart_clock = fw.uart_clock;

	bcm2835_gpio_init(PI_GPIO);
	bcm2835_gpio_setup(BT_TX_PIN, GPIO_INPUT, GPIO_PULL_NONE);
	bcm2835_gpio_setup(BT_RX_PIN, GPIO_INPUT, GPIO_PULL_NONE);
	bcm2835_gpio_setup(UART_TX_PIN, GPIO_ALT0, GPIO_PULL_NONE);
	bcm2835_gpio_setup(UART_RX_PIN, GPIO_ALT0, GPIO_PULL_UP);
	bcm2835_gpio_done();
}

void board_irq_init(void)
{
	bcm2835_intc_init(PI_INTC);
	bcm2836_local_init(LOCAL_BASE);
	board_irq_unmask(CNTV_IRQ);
}

int board_timer_irq(void)
{
	return CNTV_IRQ;
}

/* The physical timer, and every source of the BCM2835 controller. */
bool board_irq_bindable(int irq)
{
	return irq == CNTPNS_IRQ || (irq >= PI_INTC_FIRST && irq < BOARD_IRQ_COUNT);
}

void board_irq_mask(int irq)
{
	if (irq < PI_INTC_FIRST)
		bcm2836_local_mask((uint32_t)irq);
	else
		bcm2835_intc_mask((uint32_t)(irq - PI_INTC_FIRST));
}

void board_irq_unmask(int irq)
{
	if (irq < PI_INTC_FIRST)
		bcm2836_local_unmask((uint32_t)irq);
	else
		bcm2835_intc_unmask((uint32_t)(irq - PI_INTC_FIRST));
}

/* A timer first; then, when the GPU line is up, the BCM2835's lowest source. */
int board_irq_claim(void)
{
	uint32_t pending = bcm2836_local_pending();
	if (pending & ((1u << BCM2836_LOCAL_TIMERS) - 1))
		return __builtin_ctz(pending);
	if (pending & (1u << BCM2836_LOCAL_GPU)) {
		int n = bcm2835_intc_claim();
		if (n >= 0)
			return PI_INTC_FIRST + n;
	}
	return -1;
}

void board_irq_done(int irq)
{
	(void)irq; /* level-triggered at the source: the device's driver clears it */
}

void board_poweroff(void)
{
	irq_disable();
	for (;;)
		wait_for_interrupt();
}
