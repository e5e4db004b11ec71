/*
 * Unit tests of the kernel's printf: every conversion, flag and size, the
 * extremes of 32- and 64-bit values, and ksnprintf's truncation rules.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* cmocka.h needs the headers above first. */
#include <cmocka.h>

#include "printf.h"

/* Formats into a roomy buffer; checks both the text and the returned length. */
#define CHECK(expect, ...)                                                                         \
	do {                                                                                       \
		char buf_[256];                                                                    \
		assert_int_equal(ksnprintf(buf_, sizeof(buf_), __VA_ARGS__), (int)strlen(expect)); \
		assert_string_equal(buf_, expect);                                                 \
	} while (0)

static void test_plain_text(void **state)
{
	(void)state;
	CHECK("hello, world\n", "hello, world\n");
	CHECK("100%", "100%%");
	CHECK("%%", "%%%%");
}

static void test_string(void **state)
{
	(void)state;
	CHECK("abc", "%s", "abc");
	CHECK("", "%s", "");
	CHECK("[  abc]", "[%5s]", "abc");
	CHECK("[abc  ]", "[%-5s]", "abc");
	CHECK("[abcdef]", "[%3s]", "abcdef");
	CHECK("a-b-c", "%s-%s-%s", "a", "b", "c");
}

static void test_null_string(void **state)
{
	/* volatile hides the NULL from GCC's format checks, which would refuse it. */
	const char *volatile none = NULL;

	(void)state;
	CHECK("(null)", "%s", none);
	CHECK("[(null)  ]", "[%-8s]", none);
}

static void test_char(void **state)
{
	(void)state;
	CHECK("x", "%c", 'x');
	CHECK("[   x]", "[%4c]", 'x');
	CHECK("[x   ]", "[%-4c]", 'x');
	CHECK("abc", "%c%c%c", 'a', 'b', 'c');
}

static void test_decimal(void **state)
{
	(void)state;
	CHECK("0", "%d", 0);
	CHECK("42", "%d", 42);
	CHECK("-42", "%d", -42);
	CHECK("2147483647", "%d", INT32_MAX);
	CHECK("-2147483648", "%d", INT32_MIN);
	CHECK("0", "%u", 0u);
	CHECK("4294967295", "%u", UINT32_MAX);
	CHECK("4294967295", "%u", -1);
}

static void test_hex(void **state)
{
	(void)state;
	CHECK("0", "%x", 0u);
	CHECK("deadbeef", "%x", 0xdeadbeefu);
	CHECK("ffffffff", "%x", UINT32_MAX);
	CHECK("1a", "%x", 26u);
	CHECK("0000001a", "%08x", 26u);
	CHECK("[1a      ]", "[%-8x]", 26u);
}

static void test_width_and_padding(void **state)
{
	(void)state;
	CHECK("[   42]", "[%5d]", 42);
	CHECK("[00042]", "[%05d]", 42);
	CHECK("[42   ]", "[%-5d]", 42);
	CHECK("[  -42]", "[%5d]", -42);
	CHECK("[-0042]", "[%05d]", -42);
	CHECK("[-42  ]", "[%-5d]", -42);
	CHECK("[123456]", "[%3d]", 123456);
	CHECK("[-123]", "[%04d]", -123);
	CHECK("[00000]", "[%05u]", 0u);
	CHECK("[        0]", "[%9d]", 0);
	CHECK("[%]", "[%%]");
}

/* '-' wins over '0', as in C: zeros on the right would change the number. */
static void test_left_beats_zero(void **state)
{
	(void)state;
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat"
	CHECK("[42   ]", "[%-05d]", 42);
	CHECK("[42   ]", "[%0-5d]", 42);
	CHECK("[   ab]", "[%05s]", "ab");
#pragma GCC diagnostic pop
}

static void test_long(void **state)
{
	(void)state;
	CHECK("-123456", "%ld", -123456L);
	CHECK("4000000000", "%lu", 4000000000UL);
	CHECK("fedcba98", "%lx", 0xfedcba98UL);
	CHECK("[  -7]", "[%4ld]", -7L);
}

static void test_long_long(void **state)
{
	(void)state;
	CHECK("0", "%lld", 0LL);
	CHECK("0", "%llu", 0ULL);
	CHECK("0", "%llx", 0ULL);
	CHECK("18446744073709551615", "%llu", (unsigned long long)UINT64_MAX);
	CHECK("ffffffffffffffff", "%llx", (unsigned long long)UINT64_MAX);
	CHECK("9223372036854775807", "%lld", (long long)INT64_MAX);
	CHECK("-9223372036854775808", "%lld", (long long)INT64_MIN);
	CHECK("-1", "%lld", -1LL);
	CHECK("4294967296", "%llu", 4294967296ULL);
	CHECK("10000000000000000000", "%llu", 10000000000000000000ULL);
	CHECK("123456789abcdef0", "%llx", 0x123456789abcdef0ULL);
	CHECK("00000001fffff000", "%016llx", 0x1fffff000ULL);
	CHECK("[-000000000000000000001]", "[%022lld]", -1LL);
	CHECK("[18446744073709551615    ]", "[%-24llu]", (unsigned long long)UINT64_MAX);
}

/* Arguments of different sizes must each be taken at their own width. */
static void test_mixed_arguments(void **state)
{
	(void)state;
	CHECK("1 -9223372036854775808 c 2 ok ffffffffffffffff 3", "%d %lld %c %u %s %llx %x", 1,
	      (long long)INT64_MIN, 'c', 2u, "ok", (unsigned long long)UINT64_MAX, 3u);
	CHECK("mem=0x40000000 size=128M", "mem=0x%llx size=%lluM", 0x40000000ULL, 128ULL);
}

/* Builds "0x" and the digits zero-padded to the host's pointer width. */
static void expect_pointer(char *out, const char *digits)
{
	size_t width = 2 * sizeof(void *);
	size_t len = strlen(digits);

	strcpy(out, "0x");
	memset(out + 2, '0', width - len);
	strcpy(out + 2 + width - len, digits);
}

static void test_pointer(void **state)
{
	char expect[64];

	(void)state;
	expect_pointer(expect, "0");
	CHECK(expect, "%p", (void *)NULL);
	expect_pointer(expect, "1234abcd");
	CHECK(expect, "%p", (void *)(uintptr_t)0x1234abcd);
	expect_pointer(expect, "f");
	CHECK(expect, "%p", (void *)(uintptr_t)0xf);
}

static void test_unknown_conversion(void **state)
{
	(void)state;
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat"
	CHECK("%q", "%q");
	CHECK("a%qb", "a%qb");
	CHECK("%5q", "%5q");
	CHECK("%q 7", "%q %d", 7);
	CHECK("100%", "100%");
	CHECK("%", "%");
	CHECK("%-5", "%-5");
	CHECK("%ll", "%ll");
#pragma GCC diagnostic pop
}

static void test_snprintf_size_zero(void **state)
{
	char buf[4] = "xyz";

	(void)state;
	assert_int_equal(ksnprintf(NULL, 0, "hello %d", 42), 8);
	assert_int_equal(ksnprintf(buf, 0, "hello"), 5);
	assert_string_equal(buf, "xyz");
}

static void test_snprintf_size_one(void **state)
{
	char buf[4] = "xyz";

	(void)state;
	assert_int_equal(ksnprintf(buf, 1, "hello"), 5);
	assert_int_equal(buf[0], '\0');
	assert_int_equal(buf[1], 'y');
}

static void test_snprintf_exact_fit(void **state)
{
	char buf[8];

	(void)state;
	memset(buf, 'z', sizeof(buf));
	assert_int_equal(ksnprintf(buf, 6, "he%s", "llo"), 5);
	assert_string_equal(buf, "hello");
	assert_int_equal(buf[6], 'z');
}

static void test_snprintf_one_short(void **state)
{
	char buf[8];

	(void)state;
	memset(buf, 'z', sizeof(buf));
	assert_int_equal(ksnprintf(buf, 5, "%d", 12345), 5);
	assert_string_equal(buf, "1234");
	assert_int_equal(buf[5], 'z');
}

static void test_snprintf_truncates_padding(void **state)
{
	char buf[8];

	(void)state;
	assert_int_equal(ksnprintf(buf, sizeof(buf), "%-20s|", "ab"), 21);
	assert_string_equal(buf, "ab     ");
	assert_int_equal(ksnprintf(buf, sizeof(buf), "%llu", (unsigned long long)UINT64_MAX), 20);
	assert_string_equal(buf, "1844674");
}

/* A sink like the console's: it only sees characters, one at a time. */
struct counter {
	int calls;
	char text[64];
};

static void count_putc(char c, void *arg)
{
	struct counter *k = arg;

	if (k->calls < (int)sizeof(k->text) - 1)
		k->text[k->calls] = c;
	k->calls++;
}

static int count_printf(struct counter *k, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = kvprintf(count_putc, k, fmt, ap);
	va_end(ap);
	return n;
}

static void test_callback_sink(void **state)
{
	struct counter k = {0};

	(void)state;
	assert_int_equal(count_printf(&k, "[%5d|%-3s|%llx]", -7, "a", 0xabcULL), 15);
	assert_int_equal(k.calls, 15);
	assert_string_equal(k.text, "[   -7|a  |abc]");
}

static void test_callback_empty(void **state)
{
	struct counter k = {0};

	(void)state;
	assert_int_equal(count_printf(&k, "%s", ""), 0);
	assert_int_equal(k.calls, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_plain_text),
	    cmocka_unit_test(test_string),
	    cmocka_unit_test(test_null_string),
	    cmocka_unit_test(test_char),
	    cmocka_unit_test(test_decimal),
	    cmocka_unit_test(test_hex),
	    cmocka_unit_test(test_width_and_padding),
	    cmocka_unit_test(test_left_beats_zero),
	    cmocka_unit_test(test_long),
	    cmocka_unit_test(test_long_long),
	    cmocka_unit_test(test_mixed_arguments),
	    cmocka_unit_test(test_pointer),
	    cmocka_unit_test(test_unknown_conversion),
	    cmocka_unit_test(test_snprintf_size_zero),
	    cmocka_unit_test(test_snprintf_size_one),
	    cmocka_unit_test(test_snprintf_exact_fit),
	    cmocka_unit_test(test_snprintf_one_short),
	    cmocka_unit_test(test_snprintf_truncates_padding),
	    cmocka_unit_test(test_callback_sink),
	    cmocka_unit_test(test_callback_empty),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
