/*
 * In-kernel tests, built only into the test image (kernel-test). QEMU's
 * -append names the test; semihosting hands the command line to us and
 * carries the exit status back, so ctest sees pass or fail. Without
 * semihosting the "boot" test runs and success powers the board off.
 */
#include "selftest.h"
#include "arch.h"
#include "clock.h"
#include "console.h"
#include "irq.h"
#include "power.h"
#include "program.h"

/* Waits with IRQs masked, as the kernel always runs: wfi wakes for a pending
 * interrupt even so, and the loop dispatches it itself. Only the idle loop and
 * user mode ever take an IRQ exception. */
static void wait_ticks(uint32_t n)
{
	uint32_t until = ticks + n;
	while (ticks < until) {
		arch_wait_for_interrupt();
		irq_dispatch();
	}
}

static int test_boot(void)
{
	return 0;
}

/* A line a second while the ticks count, as a person would watch them. */
static int test_ticks(void)
{
	for (uint32_t second = 1; second <= 2; second++) {
		wait_ticks(HZ);
		kprintf("tick %u\n", second);
	}
	wait_ticks(1);
	kprintf("selftest: %u ticks counted\n", ticks);
	return 0;
}

/* Counts interrupt entries over 50 ticks: each wfi wake-up is one, the loop
 * dispatching what an IRQ exception would. About one a tick; a source that the
 * firmware left enabled and boot did not mask would make it thousands. */
static int test_irq_storm(void)
{
	uint32_t until = ticks + 50, entries = 0;
	while (ticks < until) {
		arch_wait_for_interrupt();
		irq_dispatch();
		entries++;
	}
	kprintf("selftest: %u interrupt entries in 50 ticks\n", entries);
	return entries > 55;
}

static int test_fault_write_text(void)
{
	*(volatile uint32_t *)(uintptr_t)selftest_run = 0xdeadbeef; /* .text is read-only */
	return 1;
}

static int test_fault_undefined(void)
{
	__asm__ volatile("udf #42");
	return 1;
}

static int test_fault_prefetch(void)
{
	void (*nowhere)(void) = (void (*)(void))0xA0000000u; /* unmapped kernel space */
	nowhere();
	return 1;
}

/* Every name in the tables' spawns and peers lists is a program (else panic). */
static int test_program_table(void)
{
	return program_table_check() != 0;
}

static const struct {
	const char *name;
	int (*run)(void); /* the number of failed checks */
} tests[] = {
    {"boot", test_boot},
    {"program-table", test_program_table},
    {"ticks", test_ticks},
    {"irq-storm", test_irq_storm},
    {"fault-write-text", test_fault_write_text},
    {"fault-undefined", test_fault_undefined},
    {"fault-prefetch", test_fault_prefetch},
    {"kernel-stack-overflow", selftest_kernel_stack_overflow},
    {"vm-permissions", selftest_vm_permissions},
    {"vm-shared-copy", selftest_vm_shared_copy},
    {"vm-cycles", selftest_vm_cycles},
    {"vm-memmap", selftest_vm_memmap},
    {"vm-ram", selftest_vm_ram},
};

static int same(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

const char *selftest_run(void)
{
	static char cmdline[128] = "boot";
	const char *name = cmdline;
	int len = arch_host_cmdline(cmdline, sizeof cmdline);
	if (len < 0)
		kprintf("selftest: no semihosting: running '%s'\n", name);
	for (int i = 0; i < len; i++)
		if (cmdline[i] == ' ')
			name = cmdline + i + 1;
	for (size_t i = 0; i < sizeof tests / sizeof tests[0]; i++) {
		if (!same(name, tests[i].name))
			continue;
		kprintf("selftest: %s\n", name);
		int failed = tests[i].run();
		kprintf("selftest: %s %s\n", name, failed ? "FAILED" : "passed");
		system_exit(failed ? 1 : 0);
	}
	if (program_find(name, strlen(name)))
		return name;
	kprintf("selftest: no test or program named '%s'\n", name);
	system_exit(2);
}
