# QEMU's "virt" machine with a Cortex-A15: what builds, boots and tests it.
set(BOARD_SOURCES board.c)
set(BOARD_DRIVERS pl011 gicv2 gic_timer psci)
# Compiled for the Cortex-A7 all the same: tuned for the A15, GCC 12 makes the
# kernel 2,400 bytes bigger and its system calls and IPC 5-15 % more instructions.
set(BOARD_CPU cortex-a7)
# Without -nic none QEMU fails looking for efi-virtio.rom.
set(BOARD_QEMU -M virt -cpu cortex-a15 -m 128M -nic none)

set(BOARD_TITLE "QEMU virt")
set(BOARD_BOOT_EXPECT "cpu: ARM Cortex-A15" "ram: 128 MiB at 0x40000000"
	"console: PL011 at 0x09000000" "device tree: [0-9]+ bytes")

if(NOT CMAKE_CROSSCOMPILING)
	# A real Pi's firmware enters in HYP mode; QEMU virt does too with virtualization=on.
	system_test(boot-from-hyp virt kernel-test 0 30
		QEMU_ARGS -machine virtualization=on -semihosting -append boot
		EXPECT "${BANNER}QEMU virt" "selftest: boot passed"
		REJECT "${PANIC}")
	# 3 GiB of RAM at 1 GiB (a later -m overrides the board's): the heap's blocks
	# cross into the second and third GiB of virtual space and stop at IO_BASE.
	system_test(vm-ram-3g virt kernel-test 0 30
		QEMU_ARGS -m 3G -semihosting -append vm-ram
		EXPECT "ram: 3072 MiB at 0x40000000"
			"heap blocks from 0x00200000 to 0xb0000000 map 0x40400000 to 0xf0200000"
			"selftest: vm-ram passed"
		REJECT "FAIL" "${PANIC}")
	# Without semihosting the test image runs "boot" and powers off through PSCI,
	# by hvc normally and by smc when QEMU emulates HYP mode.
	system_test(poweroff-psci-hvc virt kernel-test 0 30
		QEMU_ARGS -append boot
		EXPECT "selftest: no semihosting: running 'boot'" "selftest: boot passed")
	system_test(poweroff-psci-smc virt kernel-test 0 30
		QEMU_ARGS -machine virtualization=on
		EXPECT "selftest: no semihosting: running 'boot'" "selftest: boot passed")
	# The IO server looks behind QEMU virt's 32 virtio-mmio transports, which
	# are there whatever the command line plugs in: the list says what it did
	# (the first -device takes the highest transport).
	semihost_args(io_args test-io)
	system_test(virtio-rng virt kernel-test 0 30
		QEMU_ARGS -device virtio-rng-device ${io_args}
		EXPECT "io: +virtio_mmio@a003e00 +virtio,mmio +0a003e00 +irq 79 +free: virtio entropy source \\(4\\)"
			"io: +31 virtio-mmio transports with nothing plugged in" "test-io: [0-9]+ checks, 0 failed"
		REJECT "${PANIC}" "FAIL")
	system_test(virtio-none virt kernel-test 0 30 QEMU_ARGS ${io_args}
		EXPECT "io: +32 virtio-mmio transports with nothing plugged in"
			"test-io: [0-9]+ checks, 0 failed"
		REJECT "${PANIC}" "FAIL" "free: virtio")
endif()

if(NOT CMAKE_CROSSCOMPILING)
	# The PL031: the time of day as QEMU's -rtc sets it, as a user sees it
	# (date, at kernel.bin's shell), and its alarm, which is its interrupt.
	console_test(date-2020 virt kernel 30 date-2020.script
		QEMU_ARGS -rtc base=2020-01-01T00:00:00)
	system_test(drivers-pl031 virt kernel-test 0 30
		QEMU_ARGS -rtc base=2020-01-01T00:00:00 -semihosting-config enable=on,arg=wren,arg=test-drivers
		EXPECT "rtc: the time is 157783[0-9]+ seconds since 1970"
			"ok: the alarm rings: the RTC's interrupt reached its driver"
			"ok: its driver killed mid-use, a waiting caller hears"
			"ok: a new instance of the driver takes the device"
			"test-drivers: [0-9]+ checks, 0 failed"
		REJECT "FAIL" "${PANIC}")
endif()
