/*
 * board: what a Raspberry Pi's firmware says about the board, through the
 * mailbox driver (mbox): its model and revision, the firmware's revision, how
 * RAM is split between the ARM and the VideoCore, the SoC's temperature and
 * its clocks.
 */
#include <stdio.h>
#include <wren/mbox.h>

#include "apps.h"
#include "driver.h"
#include "pi.h"

/* The firmware's answer to label (w0 its argument) in msg, or 0 on an error. */
static unsigned ask(int mbox, unsigned label, unsigned w0, struct ipc_msg *msg)
{
	return driver_call(mbox, label, w0, msg) == 0 ? msg->w[1] : 0;
}

static unsigned mhz(int mbox, unsigned clock)
{
	struct ipc_msg msg;
	return ask(mbox, MBOX_CLOCK_RATE, clock, &msg) / 1000000;
}

int board_main(int argc, char **argv)
{
	static const char *const mailbox[] = {"brcm,bcm2835-mbox"};
	struct ipc_msg msg;
	int mbox = driver_of(mailbox, 1);
	if (mbox == -ENOENT) {
		printf("board: no firmware mailbox here (not a Raspberry Pi)\n");
		return 0;
	}
	unsigned rev = mbox > 0 ? ask(mbox, MBOX_BOARD_REVISION, 0, &msg) : 0;
	if (!rev) {
		printf("board: the mailbox driver does not answer\n");
		return 1;
	}
	printf("board: %s, revision 0x%x; firmware revision %u\n", pi_model(rev), rev,
	       ask(mbox, MBOX_FIRMWARE_REVISION, 0, &msg));
	ask(mbox, MBOX_ARM_MEMORY, 0, &msg);
	unsigned arm_base = msg.w[1], arm_size = msg.w[2];
	ask(mbox, MBOX_VC_MEMORY, 0, &msg);
	printf("board: RAM: the ARM's %u MiB at 0x%08x, the VideoCore's %u MiB at 0x%08x\n",
	       arm_size >> 20, arm_base, msg.w[2] >> 20, msg.w[1]);
	unsigned temperature = ask(mbox, MBOX_TEMPERATURE, 0, &msg);
	printf("board: SoC at %u.%u degrees C; clocks: ARM %u MHz, core %u MHz, UART %u MHz, "
	       "EMMC %u MHz\n",
	       temperature / 1000, temperature % 1000 / 100, mhz(mbox, MBOX_CLOCK_ARM),
	       mhz(mbox, MBOX_CLOCK_CORE), mhz(mbox, MBOX_CLOCK_UART), mhz(mbox, MBOX_CLOCK_EMMC));
	return 0;
}
