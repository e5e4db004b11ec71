/*
 * Unit tests of ram_fit: the Pi's trees as shipped and as the firmware edits
 * them, against the firmware's RAM and the /soc windows.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "ram.h"

static const struct fdt_range pi_windows[] = {{0x3f000000, 0x1000000}, {0x40000000, 0x1000}};
static const struct fdt_range no_limit = {0, 0};

/* An unedited Pi tree's 1 GiB: the devices at 0x3f000000 are cut off. */
static void test_window_cuts_the_top(void **state)
{
	(void)state;
	struct fdt_range ram = {0, 0x40000000};
	assert_int_equal(ram_fit(&ram, &no_limit, pi_windows, 2), RAM_CUT_WINDOW);
	assert_int_equal(ram.base, 0);
	assert_int_equal(ram.size, 0x3f000000);
}

/* The same tree with the firmware's answer: its 948 MiB, already clear of the windows. */
static void test_firmware_limit(void **state)
{
	(void)state;
	struct fdt_range ram = {0, 0x40000000};
	struct fdt_range firmware = {0, 0x3b400000};
	assert_int_equal(ram_fit(&ram, &firmware, pi_windows, 2), RAM_CUT_FIRMWARE);
	assert_int_equal(ram.size, 0x3b400000);
}

/* An edited tree inside the firmware's RAM and clear of the windows: unchanged. */
static void test_nothing_to_cut(void **state)
{
	(void)state;
	struct fdt_range ram = {0, 0x3b400000};
	struct fdt_range firmware = {0, 0x3b400000};
	assert_int_equal(ram_fit(&ram, &firmware, pi_windows, 2), 0);
	assert_int_equal(ram.base, 0);
	assert_int_equal(ram.size, 0x3b400000);
}

/* A window at the bottom moves the start up; a tree the firmware does not
 * overlap at all leaves nothing. */
static void test_window_below_and_disjoint_limit(void **state)
{
	(void)state;
	static const struct fdt_range low[] = {{0, 0x100000}, {0x80000000, 0}};
	struct fdt_range ram = {0, 0x10000000};
	assert_int_equal(ram_fit(&ram, &no_limit, low, 2), RAM_CUT_WINDOW);
	assert_int_equal(ram.base, 0x100000);
	assert_int_equal(ram.size, 0x10000000 - 0x100000);

	struct fdt_range firmware = {0x40000000, 0x1000000};
	ram = (struct fdt_range){0, 0x10000000};
	assert_int_equal(ram_fit(&ram, &firmware, NULL, 0), RAM_CUT_FIRMWARE);
	assert_int_equal(ram.size, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_window_cuts_the_top),
	    cmocka_unit_test(test_firmware_limit),
	    cmocka_unit_test(test_nothing_to_cut),
	    cmocka_unit_test(test_window_below_and_disjoint_limit),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
