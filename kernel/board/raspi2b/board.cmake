# Raspberry Pi 2 and 3 in 32-bit mode, and QEMU's raspi2b (Cortex-A7): what
# builds, boots and tests it. The firmware loads the image as kernel7.img.
set(BOARD_SOURCES board.c)
set(BOARD_DRIVERS pl011 bcm2836_local bcm2835_intc bcm2835_mbox bcm2835_gpio)
set(BOARD_CPU cortex-a7)
set(BOARD_QEMU -M raspi2b)
set(BOARD_IMAGE_NAME kernel7.img)

# With -kernel QEMU passes ATAGS, not a device tree, unless given -dtb.
set(BOARD_TITLE "Raspberry Pi")
set(BOARD_BOOT_EXPECT "cpu: ARM Cortex-A7" "ram: 960 MiB" "console: PL011 at 0x3f201000"
	"device tree: r2 does not point at a device tree; using the board's defaults")
