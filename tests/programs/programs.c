/*
 * The test image's own program table: the in-system tests, the benchmarks and
 * the partner programs they start, with their limits and privileges. Only
 * kernel-test links it; the kernel's lookup (kernel/program.c) walks it after
 * the system's table (kernel/programs.c), so the image a user boots cannot
 * start any of these, privileged or not.
 */
#include "program.h"
#include "testprogs.h"

/* An entry leaves out what it does not need: zero (no spawns, no peers). */
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
/* clang-format off */
const struct program test_programs[] = {
	/* name          main               heap  stack prio boot privileges */
	{"test-spawn",   test_spawn_main,   4,    4,    2,   0,   PRIV_SPAWN,
		.spawns = PROGRAMS("child", "reporter")},
	{"test-ipc",     test_ipc_main,     4,    4,    2,   0,   PRIV_SPAWN,
		.spawns = PROGRAMS("echo-server")},
	{"test-preempt", test_preempt_main, 0,    4,    2,   0,   PRIV_SPAWN,
		.spawns = PROGRAMS("reporter")},
	{"test-faults",  test_faults_main,  4,    4,    2,   0,   PRIV_SPAWN | PRIV_MAP,
		.spawns = PROGRAMS("probe", "reporter", "child")},
	{"test-mem",     test_mem_main,     8,    8,    2,   0,   PRIV_SPAWN | PRIV_KILL,
		.spawns = PROGRAMS("stack-bomb", "grower", "big-heap")},
	/* Its own devices list names one that no tree has; the timer is its
	 * children's, not its own. */
	{"test-irq",     test_irq_main,     0,    4,    2,   0,   PRIV_SPAWN,
		.spawns = PROGRAMS("irq-child"), .devices = PROGRAMS("acme,not-here")},
	/* The consoles are in its list so that it can be told they are the kernel's. */
	{"test-io",      test_io_main,      0,    4,    2,   0,   PRIV_SPAWN,
		.spawns = PROGRAMS("io-driver", "io-exec", "io-stranger"),
		.devices = PROGRAMS("arm,pl011", "snps,dw-apb-uart")},
	{"test-protect", test_protect_main, 4,    4,    2,   0,   PRIV_SPAWN,
		.spawns = PROGRAMS("probe", "frame-probe", "child")},
	{"test-hostile", test_hostile_main, 0,    4,    2,   0,   PRIV_SPAWN | PRIV_MAP,
		.spawns = PROGRAMS("intruder", "imitator", "spawner", "mapper", "hog", "child")},
	{"test-fuzz",    test_fuzz_main,    0,    4,    3,   0,   PRIV_SPAWN,
		.spawns = PROGRAMS("fuzzer", "echo-server", "child")},
	/* The system's drivers are its children; a caller of theirs is too. */
	{"test-drivers", test_drivers_main, 0,    4,    2,   0,   PRIV_SPAWN,
		.spawns = PROGRAMS("rtc", "mbox", "gpio", "driver-caller")},
	{"driver-caller", driver_caller_main, 0,  2,    2,   0,   0},
	{"child",        child_main,        2,    4,    4,   0,   0},
	{"echo-server",  echo_server_main,  0,    4,    3,   0,   0},
	{"probe",        probe_main,        4,    8,    4,   0,   0},
	{"frame-probe",  probe_main,        16,   4,    4,   0,   0},
	{"reporter",        reporter_main,        0,    2,    4,   0,   0},
	{"grower",       grower_main,       4,    4,    4,   0,   0},
	{"big-heap",     big_heap_main,     9216, 2,    4,   0,   0},
	/* test-hostile's: no privilege, or one to stretch; hog outranks its parent */
	{"intruder",     intruder_main,     1,    4,    2,   0,   0},
	{"imitator",     intruder_main,     0,    2,    2,   0,   0},
	{"spawner",      spawner_main,      0,    2,    2,   0,   PRIV_SPAWN,
		.spawns = PROGRAMS("child", "mapper")},
	{"mapper",       mapper_main,       1,    2,    2,   0,   PRIV_MAP},
	{"hog",          hog_main,          0,    1,    0,   0,   0},
	/* test-fuzz's: its whole heap is the 2 pages it maps at its start */
	{"fuzzer",       fuzzer_main,       2,    4,    3,   0,   0,
		.peers = PROGRAMS("echo-server")},
	{"irq-child",    irq_child_main,    0,    2,    2,   0,   0,
		.devices = PROGRAMS("arm,armv7-timer")},
	{"io-driver",    io_child_main,     0,    2,    3,   0,   0,
		.devices = PROGRAMS("arm,pl031", "brcm,bcm2835-gpio", "allwinner,sun8i-h3-rtc"),
		.device_pages = 4},
	{"io-exec",      io_child_main,     0,    2,    3,   0,   0,
		.devices = PROGRAMS("arm,pl031", "brcm,bcm2835-gpio", "allwinner,sun8i-h3-rtc"),
		.device_pages = 2},
	{"io-stranger",  io_child_main,     0,    2,    3,   0,   0},
	/* Its heap reserve's top pages are the map row's. */
	{"bench",        bench_main,        32,   4,    2,   0,   PRIV_SPAWN | PRIV_KILL | PRIV_COUNTERS |
		PRIV_MAP,
		.spawns = PROGRAMS("yielder", "first-instruction", "stack-bench", "table-bytes",
				   "echo-server", "ping-server", "opener", "irq-bench", "bench-child")},
	/* Its roles: a sleeper of the crowd, the pager and the faulter of the
	 * fault row, the sbrk row's process. */
	{"bench-child",  bench_child_main,  16,   4,    2,   0,   PRIV_MAP},
	{"stack-bench",  stack_bench_main,  0,    12,   2,   0,   0},
	{"yielder",      yielder_main,      0,    1,    2,   0,   0},
	/* At bench's priority, as sel4bench's server is at its client's. */
	{"ping-server",  ping_server_main,  0,    1,    2,   0,   0},
	{"first-instruction", first_main,       0,    1,    2,   0,   0},
	{"table-bytes",  table_bytes_main,  0,    1,    4,   0,   0},
	{"opener",       opener_main,       0,    2,    2,   0,   0,
		.devices = PROGRAMS("arm,pl031", "brcm,bcm2835-gpio", "allwinner,sun8i-h3-rtc"),
		.device_pages = 1},
	{"irq-bench",    irq_bench_main,    0,    2,    2,   0,   0,
		.devices = PROGRAMS("arm,armv7-timer")},
	/* The supervisor's tests: each starts a supervisor of its own, which
	 * adopts the memory and IO servers and starts what its arguments name.
	 * After the benchmark's partners, whose look-up by name (program_find)
	 * the process-creation figure counts. */
	{"test-restart-mem", test_restart_mem_main, 0, 4, 2, 0, PRIV_SPAWN | PRIV_KILL |
		PRIV_SUPERVISE, .spawns = PROGRAMS("test-supervisor", "restart-helper")},
	{"test-restart-io", test_restart_io_main, 0, 4,   2,   0,   PRIV_SPAWN | PRIV_KILL |
		PRIV_SUPERVISE, .spawns = PROGRAMS("test-supervisor", "restart-driver")},
	{"test-restart-driver", test_restart_driver_main, 0, 4, 2, 0, PRIV_SPAWN | PRIV_KILL |
		PRIV_SUPERVISE, .spawns = PROGRAMS("test-supervisor", "restart-helper")},
	{"restart-bench", restart_bench_main, 0, 4,    2,   0,   PRIV_SPAWN | PRIV_KILL |
		PRIV_SUPERVISE | PRIV_COUNTERS, .spawns = PROGRAMS("test-supervisor")},
	{"test-restart-crash", test_restart_crash_main, 0, 4, 2, 0, PRIV_SPAWN | PRIV_SUPERVISE,
		.spawns = PROGRAMS("test-supervisor")},
	{"test-supervisor",   supervisor_main,   4,    4,    1,   0,   PRIV_SPAWN | PRIV_SUPERVISE,
		.spawns = PROGRAMS("mem", "io", "restart-driver", "crasher")},
	/* The grower and the driver's client. The grower kills the memory server
	 * itself once; at its parent's priority, so that it runs on before the
	 * supervisor does. */
	{"restart-helper", restart_helper_main, 16, 12, 2,   0,   PRIV_KILL},
	{"restart-driver", restart_driver_main, 0, 2,   2,   0,   0, .serves_all = true,
		.devices = PROGRAMS("arm,pl031", "brcm,bcm2835-gpio", "allwinner,sun8i-h3-rtc",
				    "arm,armv7-timer"),
		.device_pages = 1, .restarts = 2},
	{"crasher",      crasher_main,      0,    2,    2,   0,   0, .restarts = 3},
};
/* clang-format on */

const size_t test_program_count = sizeof test_programs / sizeof test_programs[0];
