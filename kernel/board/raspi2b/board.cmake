# Raspberry Pi 2 and 3 in 32-bit mode: what builds, boots and tests it. The
# firmware loads the image as kernel7.img; `sdcard` (sdcard.cmake) makes a card
# with the firmware, config.txt and the trees.
set(BOARD_SOURCES board.c)
set(BOARD_DRIVERS pl011 bcm2836_local bcm2835_intc bcm2835_mbox bcm2835_gpio)
set(BOARD_CPU cortex-a7)
# ./cmake/run, debug and bench: QEMU's own loader (SVC mode, cores 1-3 in its stub).
set(BOARD_QEMU -M raspi2b)
set(BOARD_IMAGE_NAME kernel7.img)
set(BOARD_IMAGE_CMAKE ${CMAKE_CURRENT_LIST_DIR}/sdcard.cmake)
set(BOARD_TITLE "Raspberry Pi")

# The system tests boot the image as the Pi's firmware does, through the
# stand-in of tests/firmware (HYP mode, 0x8000, cores 1-3 on their mailboxes),
# on the Pi 2's Cortex-A7 and, behind a 64-bit prologue, the Pi 3's A53. The
# -storm machines' stand-in leaves an interrupt enabled (irq-storm).
set(BOARD_MACHINES raspi2b raspi3b)
set(pi_kernel -device loader,file=@IMAGE@,addr=0x8000)
foreach(variant "" -storm)
	set(BOARD_MACHINE_raspi2b${variant} ${QEMU_ARM} -M raspi2b
		-device loader,file=@FIRMWARE@/standin${variant}.bin,addr=0 ${pi_kernel})
	set(BOARD_MACHINE_raspi3b${variant} ${QEMU_AARCH64} -M raspi3b
		-device loader,file=@FIRMWARE@/prologue64.bin,addr=0
		-device loader,file=@FIRMWARE@/standin${variant}.bin,addr=0x1000 ${pi_kernel})
endforeach()
# Without a tree the RAM is what QEMU's mailbox answers: 1 GiB less its 64 MiB
# of video memory; the UART clock it answers is 3 MHz.
set(pi_boot_expect "ram: 960 MiB at 0x00000000, kernel at 0x00200000[;] from the firmware"
	"console: PL011 at 0x3f201000, 115200 8N1 from a 3000000 Hz clock\n"
	"device tree: r2 does not point at a device tree[;] using the board's defaults")
set(BOARD_BOOT_EXPECT_raspi2b "cpu: ARM Cortex-A7" ${pi_boot_expect})
set(BOARD_BOOT_EXPECT_raspi3b "cpu: ARM Cortex-A53" ${pi_boot_expect})

if(NOT CMAKE_CROSSCOMPILING)
	# QEMU's own loader still boots it (SVC mode, ATAGS in r2), as ./cmake/run
	# does; and with -dtb the Pi 2's tree, whose /memory QEMU rewrites to 960 MiB.
	set(BOARD_MACHINE_raspi2b-qemu ${QEMU_ARM} ${BOARD_QEMU} -kernel @IMAGE@)
	system_test(boot raspi2b-qemu kernel-test 0 30
		EXPECT "cpu: ARM Cortex-A7" ${pi_boot_expect} "selftest: boot passed"
		REJECT "${PANIC}")
	system_test(boot-dtb raspi2b-qemu kernel-test 0 30 FIXTURES pi-trees
		QEMU_ARGS -dtb ${CMAKE_BINARY_DIR}/pi-trees/bcm2836-rpi-2-b.dtb -semihosting -append boot
		EXPECT "ram: 960 MiB at 0x00000000, kernel at 0x00200000[;] from the device tree\n"
			"console: PL011 at 0x3f201000, 115200 8N1 from a 3000000 Hz clock\n"
			"device tree: [0-9]+ bytes at 0x[0-9a-f]+" "selftest: boot passed"
		REJECT "${PANIC}")

	# Debian's trees, as shipped and as the firmware edits them (pi-trees.sh).
	set(trees ${CMAKE_BINARY_DIR}/pi-trees)
	add_test(NAME system.raspi2b.pi-trees
		COMMAND sh ${PROJECT_SOURCE_DIR}/tests/system/pi-trees.sh ${DEBIAN_CACHE} ${trees})
	set_tests_properties(system.raspi2b.pi-trees PROPERTIES
		TIMEOUT 300 LABELS "system;raspi2b" FIXTURES_SETUP pi-trees)
	set(pi2_console "console: PL011 at 0x3f201000, 115200 8N1 from a 3000000 Hz clock\n")
	set(pi3_console "console: PL011 at 0x3f201000, 115200 8N1 from a 3000000 Hz clock[;] the device tree's, brcm,bcm2835-aux-uart at 0x3f215040, is not used: the kernel has no driver for it\n")
	set(shipped_ram "ram: 960 MiB at 0x00000000, kernel at 0x00200000[;] from the device tree \\(its 1024 MiB cut to the firmware's\\)")
	set(edited_ram "ram: 948 MiB at 0x00000000, kernel at 0x00200000[;] from the device tree\n")
	foreach(tree bcm2836-rpi-2-b bcm2837-rpi-3-b bcm2837-rpi-3-b-plus)
		set(console ${pi3_console})
		set(machines raspi2b raspi3b)
		if(tree STREQUAL bcm2836-rpi-2-b)
			set(console ${pi2_console})
			set(machines raspi2b)
		endif()
		foreach(machine IN LISTS machines)
			foreach(edit "" -firmware)
				set(ram ${shipped_ram})
				if(edit)
					set(ram ${edited_ram})
				endif()
				foreach(test boot vm-ram)
					semihost_args(args ${test})
					system_test(${test}-${tree}${edit} ${machine} kernel-test 0 30 FIXTURES pi-trees
						QEMU_ARGS -device loader,file=${trees}/${tree}${edit}.dtb,addr=0x2effb800,force-raw=on
							${args}
						EXPECT ${ram} ${console} "device tree: [0-9]+ bytes at 0x2effb800"
							"selftest: ${test} passed"
						REJECT "${PANIC}" "FAIL")
				endforeach()
			endforeach()
		endforeach()
	endforeach()

	# The SD card: built by the Pi's sub-build (after the trees' download,
	# which shares its cache), then its files checked.
	add_test(NAME system.raspi2b.sdcard-build
		COMMAND ${CMAKE_COMMAND} --build ${CMAKE_BINARY_DIR}/raspi2b --target sdcard)
	set_tests_properties(system.raspi2b.sdcard-build PROPERTIES TIMEOUT 300
		LABELS "system;raspi2b" FIXTURES_SETUP sdcard FIXTURES_REQUIRED pi-trees)
	add_test(NAME system.raspi2b.sdcard
		COMMAND ${CMAKE_COMMAND} -DCARD=${CMAKE_BINARY_DIR}/raspi2b/kernel/wren-sdcard.img
			-DKERNEL=${CMAKE_BINARY_DIR}/raspi2b/kernel/kernel7.img
			-DCONFIG=${CMAKE_CURRENT_LIST_DIR}/config.txt -DOUT=${CMAKE_BINARY_DIR}/sdcard-check
			-P ${PROJECT_SOURCE_DIR}/tests/system/sdcard_check.cmake)
	set_tests_properties(system.raspi2b.sdcard PROPERTIES TIMEOUT 60
		LABELS "system;raspi2b" FIXTURES_REQUIRED sdcard)

	# The firmware's mailbox (QEMU's answers, through the kernel's page of it,
	# its interrupt ending each wait) and the GPIO, on the Pi 2's and the Pi 3's
	# revision; and as a user sees them, board and led in kernel.bin's boot.
	set(pi_revision_raspi2b 0xa21041)
	set(pi_revision_raspi3b 0xa02082)
	set(pi_led_raspi2b "led: GPIO 47, the activity LED of Raspberry Pi 2 Model B: set, reads 1[;] cleared, reads 0")
	set(pi_led_raspi3b "led: the activity LED of Raspberry Pi 3 Model B is not on a GPIO the ARM drives")
	foreach(machine raspi2b raspi3b)
		system_test(drivers-pi ${machine} kernel-test 0 60
			QEMU_ARGS -icount shift=10,sleep=off -semihosting-config enable=on,arg=wren,arg=test-drivers
			EXPECT "mbox: the firmware's mailbox at 0x3f00b880, interrupt 69"
				"ok: the mailbox answers: its interrupt reached its driver"
				"mbox: board revision ${pi_revision_${machine}}"
				"mbox: the ARM's RAM: 960 MiB at 0x00000000" "mbox: the UART's clock: 3000000 Hz"
				"ok: a new instance of the driver takes the device"
				"ok: GPIO 47 is an output" "ok: reads 1" "ok: reads 0"
				"ok: the console's pin is not the GPIO driver's to change"
				"test-drivers: [0-9]+ checks, 0 failed"
			REJECT "FAIL" "${PANIC}")
		# What a user sees at the shell: the board's devices, its firmware's
		# answers and the LED (run led blinks it; led on and led off set it).
		set(script ${CMAKE_CURRENT_BINARY_DIR}/board-led-${machine}.script)
		file(WRITE ${script} "reject \\*\\*\\* kernel panic
expect io: 13 devices in the board's built-in device tree
expect io: +mailbox@7e00b880 +brcm,bcm2835-mbox +3f00b880 +irq 69 +free, through the kernel
expect wren> 
send board\\r
expect board: Raspberry Pi [23] Model B, revision ${pi_revision_${machine}}[;] firmware revision [0-9]+\\n
expect board: RAM: the ARM's 960 MiB at 0x00000000, the VideoCore's 64 MiB at 0x3c000000\\n
expect board: SoC at 25.0 degrees C[;] clocks: ARM [0-9]+ MHz, core [0-9]+ MHz, UART 3 MHz, EMMC 50 MHz\\n
expect wren> 
send run led\\r
expect ${pi_led_${machine}}\\n
expect wren> 
")
		console_test(board-led ${machine} kernel 60 ${script})
	endforeach()

	# A source of the BCM2835 controller left enabled and due by the firmware:
	# masked at boot, it costs no interrupt entry; the count is about one a tick.
	foreach(machine raspi2b raspi3b)
		system_test(irq-storm ${machine}-storm kernel-test 0 30
			EXPECT "selftest: [0-9]+ interrupt entries in 50 ticks" "selftest: irq-storm passed"
			REJECT "${PANIC}")
	endforeach()
endif()
