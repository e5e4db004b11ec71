# Orange Pi PC (Allwinner H3, Cortex-A7) and QEMU's orangepi-pc: what builds,
# boots and tests it. QEMU enters a -kernel image in HYP mode and passes a
# device tree only with -dtb; its RAM is 1 GiB, no more, no less.
set(BOARD_SOURCES board.c)
set(BOARD_DRIVERS ns16550 gicv2 gic_timer psci)
set(BOARD_CPU cortex-a7)
set(BOARD_QEMU -M orangepi-pc)

set(BOARD_TITLE "Orange Pi PC")
set(BOARD_BOOT_EXPECT "cpu: ARM Cortex-A7" "ram: 1024 MiB at 0x40000000"
	"console: 16550 UART at 0x01c28000"
	"device tree: r2 does not point at a device tree; using the board's defaults")

if(NOT CMAKE_CROSSCOMPILING)
	# Without semihosting the test image runs "boot" and powers off through
	# the H3's PSCI, by smc.
	system_test(poweroff-psci-smc orangepi-pc kernel-test 0 30
		QEMU_ARGS -append boot
		EXPECT "selftest: no semihosting: running 'boot'" "selftest: boot passed")
endif()
