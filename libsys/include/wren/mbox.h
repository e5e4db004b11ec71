/*
 * The Raspberry Pi's firmware mailbox driver's protocol (drivers/mbox.c): the
 * property interface of the VideoCore firmware, one tag a call. The driver's
 * pid is whoever holds "brcm,bcm2835-mbox" (dev_holder, wren/io.h). Every
 * reply has w[0] 0, or -EIO when the firmware did not answer the tag, -EAGAIN
 * when too many callers wait.
 */
#ifndef WREN_MBOX_H
#define WREN_MBOX_H

#define MBOX_BOARD_REVISION 1    /* w[1] the board's revision code (0xa21041: a Pi 2 B) */
#define MBOX_FIRMWARE_REVISION 2 /* w[1] the firmware's */
#define MBOX_ARM_MEMORY 3        /* w[1] the ARM's RAM's base, w[2] its size */
#define MBOX_VC_MEMORY 4         /* w[1] the VideoCore's RAM's base, w[2] its size */
#define MBOX_TEMPERATURE 5       /* w[1] the SoC's, in thousandths of a degree Celsius */
#define MBOX_CLOCK_RATE 6        /* w[0] a clock (MBOX_CLOCK_*); w[1] its rate in Hz */

/* The firmware's clock ids. */
#define MBOX_CLOCK_EMMC 1
#define MBOX_CLOCK_UART 2
#define MBOX_CLOCK_ARM 3
#define MBOX_CLOCK_CORE 4

#endif
