/*
 * Unit tests of the argument packing that SYS_SPAWN carries (libsys/args.c):
 * a list into a block and back, and every limit refused whole.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <string.h>

#include <cmocka.h>

#include <wren/args.h>

static void test_round_trip(void **state)
{
	(void)state;
	const char *const args[] = {"7", "", "hello world", NULL};
	char block[SPAWN_ARGS_MAX];
	int len = args_pack(block, sizeof block, args);
	assert_int_equal(len, 2 + 1 + 12);
	assert_memory_equal(block, "7\0\0hello world", 15);
	char *argv[SPAWN_ARGC_MAX + 2];
	argv[0] = "kill";
	assert_int_equal(args_unpack(block, (unsigned)len, argv, 1, SPAWN_ARGC_MAX + 2), 3);
	assert_string_equal(argv[0], "kill");
	assert_string_equal(argv[1], "7");
	assert_string_equal(argv[2], "");
	assert_string_equal(argv[3], "hello world");
	assert_null(argv[4]);
}

static void test_no_arguments(void **state)
{
	(void)state;
	char block[8], *argv[4];
	assert_int_equal(args_pack(block, sizeof block, NULL), 0);
	const char *const none[] = {NULL};
	assert_int_equal(args_pack(block, sizeof block, none), 0);
	argv[0] = "ps";
	assert_int_equal(args_unpack(block, 0, argv, 1, 4), 0);
	assert_null(argv[1]);
}

static void test_limits(void **state)
{
	(void)state;
	char block[SPAWN_ARGS_MAX + 64];
	const char *many[SPAWN_ARGC_MAX + 2];
	for (int i = 0; i <= SPAWN_ARGC_MAX; i++)
		many[i] = "x";
	many[SPAWN_ARGC_MAX + 1] = NULL;
	assert_int_equal(args_pack(block, sizeof block, many), -E2BIG);
	many[SPAWN_ARGC_MAX] = NULL;
	assert_int_equal(args_pack(block, sizeof block, many), 2 * SPAWN_ARGC_MAX);
	/* Bytes: SPAWN_ARGS_MAX exactly fits, one more does not, whatever size says. */
	char big[SPAWN_ARGS_MAX + 1];
	memset(big, 'a', sizeof big);
	big[SPAWN_ARGS_MAX - 1] = '\0';
	const char *one[] = {big, NULL};
	assert_int_equal(args_pack(block, sizeof block, one), SPAWN_ARGS_MAX);
	big[SPAWN_ARGS_MAX - 1] = 'a';
	big[SPAWN_ARGS_MAX] = '\0';
	assert_int_equal(args_pack(block, sizeof block, one), -E2BIG);
	const char *small[] = {"abc", NULL};
	assert_int_equal(args_pack(block, 3, small), -E2BIG);
	assert_int_equal(args_pack(block, 4, small), 4);
}

static void test_malformed_blocks(void **state)
{
	(void)state;
	char *argv[4];
	char open_ended[] = {'a', 'b'};
	assert_int_equal(args_unpack(open_ended, 2, argv, 1, 4), -EINVAL);
	char three[] = "a\0b\0c"; /* with its final NUL: three strings */
	assert_int_equal(args_unpack(three, sizeof three, argv, 1, 4), -EINVAL); /* 1+3+NULL > 4 */
	assert_int_equal(args_unpack(three, sizeof three, argv, 0, 4), 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_round_trip),
	    cmocka_unit_test(test_no_arguments),
	    cmocka_unit_test(test_limits),
	    cmocka_unit_test(test_malformed_blocks),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
