/*
 * Unit tests of the supervisor's policy (servers/super/policy.c): a kill is
 * restarted up to the table's limit and then given up, an exit is left
 * alone, a limit of 0 gives up at the first kill, and the line each kill
 * prints.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* cmocka.h needs the headers above first. */
#include <cmocka.h>

#include <string.h>

#include "policy.h"

static struct super_child child(unsigned limit)
{
	struct super_child c = {.pid = 33, .limit = limit};
	strcpy(c.name, "mem");
	return c;
}

static void test_restarts_up_to_the_limit(void **state)
{
	(void)state;
	struct super_child c = child(3);
	for (unsigned i = 1; i <= 3; i++) {
		assert_int_equal(super_decide(&c, KILLED | KILL_PERMISSION), SUPER_RESTART);
		assert_int_equal(c.restarts, i);
	}
	assert_int_equal(super_decide(&c, KILLED | KILL_NULL_POINTER), SUPER_GIVE_UP);
	assert_int_equal(c.restarts, 3);
}

static void test_exit_is_left_alone(void **state)
{
	(void)state;
	struct super_child c = child(3);
	assert_int_equal(super_decide(&c, 0), SUPER_LEAVE);
	assert_int_equal(super_decide(&c, ENOENT), SUPER_LEAVE);
	assert_int_equal(super_decide(&c, EXIT_STATUS_MAX), SUPER_LEAVE);
	assert_int_equal(c.restarts, 0);
}

static void test_no_restarts(void **state)
{
	(void)state;
	struct super_child c = child(0);
	assert_int_equal(super_decide(&c, KILLED | KILL_BY_REQUEST), SUPER_GIVE_UP);
	assert_int_equal(c.restarts, 0);
}

static void test_lines(void **state)
{
	(void)state;
	char line[160];
	struct super_child c = child(3);
	assert_string_equal(
	    super_describe(line, sizeof line, &c, 33, KILLED | KILL_PERMISSION, SUPER_RESTART, 67),
	    "[supervisor] mem (pid 33) killed: permission fault; restarted as pid 67\n");
	assert_string_equal(
	    super_describe(line, sizeof line, &c, 33, KILLED | KILL_BY_REQUEST, SUPER_RESTART, -12),
	    "[supervisor] mem (pid 33) killed: by request; cannot restart it: error -12\n");
	assert_string_equal(
	    super_describe(line, sizeof line, &c, 67, KILLED | KILL_NULL_POINTER, SUPER_GIVE_UP, 0),
	    "[supervisor] mem (pid 67) killed: NULL pointer; restarted 3 times "
	    "already: given up\n");
	assert_string_equal(
	    super_describe(line, sizeof line, &c, 67, KILLED | KILL_BREAKPOINT, SUPER_RESTART, 68),
	    "[supervisor] mem (pid 67) killed: breakpoint; restarted as pid 68\n");
	assert_string_equal(super_describe(line, sizeof line, &c, 5, KILLED | 99, SUPER_GIVE_UP, 0),
			    "[supervisor] mem (pid 5) killed: unknown reason; restarted 3 times "
			    "already: given up\n");
	/* cut to the buffer, and terminated */
	assert_string_equal(
	    super_describe(line, 20, &c, 33, KILLED | KILL_PERMISSION, SUPER_RESTART, 67),
	    "[supervisor] mem (p");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_restarts_up_to_the_limit),
	    cmocka_unit_test(test_exit_is_left_alone),
	    cmocka_unit_test(test_no_restarts),
	    cmocka_unit_test(test_lines),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
