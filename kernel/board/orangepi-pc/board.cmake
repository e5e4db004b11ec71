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
	# The H3's RTC as QEMU's -rtc sets it at reset (QEMU's does not tick), as
	# a user sees it; and its devices from Debian's tree instead of the board's.
	console_test(date-2020 orangepi-pc kernel 30 date-2020.script
		QEMU_ARGS -rtc base=2020-01-01T00:00:00)
	semihost_args(io_args test-io)
	system_test(test-io-dtb orangepi-pc kernel-test 0 30 FIXTURES pi-trees
		QEMU_ARGS -dtb ${CMAKE_BINARY_DIR}/pi-trees/sun8i-h3-orangepi-pc.dtb ${io_args}
		EXPECT "io: [0-9]+ devices in the boot loader's device tree, Xunlong Orange Pi PC"
			"io: +rtc@1f00000 +allwinner,sun8i-h3-rtc +01f00000 +irq 72 73 +free"
			"test-io: [0-9]+ checks, 0 failed"
		REJECT "FAIL" "${PANIC}")
endif()
