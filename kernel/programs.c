/*
 * The system's program table: every program of the image a user boots, with its
 * limits, its privileges, whether the kernel starts it at boot, what it may start
 * and whom it may talk to. This is the one place that decides them (program.h). The test image adds
 * the test programs' table (tests/programs/programs.c) after this one.
 */
#include "apps.h"
#include "program.h"
#include "wren/rtc.h"

/* An entry leaves out what it does not need: zero (no spawns, no peers). */
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
/* clang-format off */
const struct program programs[] = {
	/* name         main             heap stack prio boot         privileges */
	/* Its stack holds a record of every process (servers/mem/policy.h). */
	{"mem",         mem_main,        0,   8,    0,   BOOT_SERVER, PRIV_PAGER | PRIV_MAP,
		.serves_all = true, .restarts = 5},
	/* Its window holds the device tree (QEMU virt's is 1 MiB) and a page to
	 * look behind virtio-mmio transports. Below the first process: reading
	 * the tree and printing the list wait until init has started the drivers,
	 * the first to ask, and are not on the way to the first process. */
	{"io",          io_main,         8,   4,    1,   BOOT_SERVER, PRIV_IO,
		.serves_all = true, .device_pages = 300, .restarts = 5},
	/* The supervisor: it restarts the memory and IO servers too, with
	 * their privileges, which are not its own. */
	{"init",        init_main,       4,   4,    1,   BOOT_FIRST,  PRIV_SPAWN | PRIV_KILL |
		PRIV_INSPECT | PRIV_POWER | PRIV_SUPERVISE,
		.spawns = PROGRAMS("mem", "io", "console", "rtc", "mbox", "gpio", "shell")},
	/* The console's receive side and everyone's output; above the shell and
	 * the programs, so that Ctrl-C reaches a program that never stops. */
	{"console",     console_main,    0,   4,    2,   0,           PRIV_KILL,
		.serves_all = true, .devices = PROGRAMS("wren,console"), .device_pages = 1,
		.restarts = 5},
	/* The drivers: each takes the devices its entry names, if the board has
	 * them, and serves every process. */
	{"rtc",         rtc_main,        0,   2,    2,   0,           0,
		.serves_all = true, .devices = PROGRAMS(RTC_DEVICES), .device_pages = 1,
		.restarts = 5},
	{"mbox",        mbox_main,       0,   2,    2,   0,           0,
		.serves_all = true, .devices = PROGRAMS("brcm,bcm2835-mbox"), .device_pages = 1,
		.restarts = 5},
	{"gpio",        gpio_main,       0,   2,    2,   0,           0,
		.serves_all = true, .devices = PROGRAMS("brcm,bcm2835-gpio"), .device_pages = 1,
		.restarts = 5},
	/* The programs it starts run below it (SPAWN_BELOW). */
	{"shell",       shell_main,      2,   8,    3,   0,           PRIV_SPAWN | PRIV_KILL |
		PRIV_INSPECT | PRIV_POWER,
		.spawns = PROGRAMS("hello", "heap-demo", "stack-demo", "date", "board", "led",
				   "echo", "spin"),
		.restarts = 5},
	{"hello",       hello_main,      0,   2,    4,   0,           0},
	{"heap-demo",   heap_demo_main,  16,  4,    4,   0,           0},
	{"stack-demo",  stack_demo_main, 0,   8,    4,   0,           PRIV_SPAWN,
		.spawns = PROGRAMS("stack-bomb")},
	{"stack-bomb",  stack_bomb_main, 0,   8,    4,   0,           0},
	{"date",        date_main,       0,   2,    4,   0,           0},
	{"board",       board_main,      0,   2,    4,   0,           0},
	{"led",         led_main,        0,   2,    4,   0,           0},
	{"echo",        echo_main,       0,   2,    4,   0,           0},
	{"spin",        spin_main,       0,   2,    4,   0,           0},
};
/* clang-format on */

const size_t program_count = sizeof programs / sizeof programs[0];
