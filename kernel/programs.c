/*
 * The built-in program table: every program linked into the image, with its
 * limits and privileges. This is the one place that decides them (program.h).
 */
#include "apps.h"
#include "program.h"

/* clang-format off */
const struct program programs[] = {
	/* name              main                heap  stack  prio  privileges */
	{"mem",              mem_main,            0,    4,    0,   PRIV_PAGER | PRIV_MAP},
	{"init",             init_main,           4,    4,    1,   PRIV_SPAWN | PRIV_KILL},
	{"hello",            hello_main,          0,    2,    4,   0},
	{"heap-demo",        heap_demo_main,     16,    4,    4,   0},
	{"stack-demo",       stack_demo_main,     0,    8,    4,   PRIV_SPAWN},
	{"stack-bomb",       stack_bomb_main,     0,    8,    4,   0},
	{"test-mem",         test_mem_main,       8,    8,    2,   PRIV_SPAWN | PRIV_KILL},
	{"grower",           grower_main,         4,    4,    4,   0},
	{"big-heap",         big_heap_main,    9216,    2,    4,   0},
	{"test-irq",         test_irq_main,       0,    4,    2,   PRIV_SPAWN | PRIV_DEVICE},
	{"irq-child",        irq_child_main,      0,    2,    2,   PRIV_DEVICE},
	{"test-spawn",       test_spawn_main,     4,    4,    2,   PRIV_SPAWN},
	{"test-ipc",         test_ipc_main,       4,    4,    2,   PRIV_SPAWN},
	{"test-preempt",     test_preempt_main,   0,    4,    2,   PRIV_SPAWN},
	{"test-faults",      test_faults_main,    4,    4,    2,   PRIV_SPAWN | PRIV_MAP},
	{"child",            child_main,          2,    4,    4,   0},
	{"echo-server",      echo_server_main,    0,    4,    3,   0},
	{"probe",            probe_main,          4,    8,    4,   0},
	{"spin",             spin_main,           0,    2,    4,   0},
	{"bench",            bench_main,          8,    4,    2,   PRIV_SPAWN | PRIV_KILL},
	{"stack-bench",      stack_bench_main,    0,   12,    2,   0},
	{"yielder",          yielder_main,        0,    1,    2,   0},
	{"ping-server",      ping_server_main,    0,    1,    3,   0},
	{"first",            first_main,          0,    1,    1,   0},
	{"table-bytes",      table_bytes_main,    0,    1,    4,   0},
};
/* clang-format on */

const size_t program_count = sizeof programs / sizeof programs[0];
