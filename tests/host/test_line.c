/*
 * Unit tests of the console's line editor (servers/console/line.c): what a
 * person typing sees echoed, and the lines, interrupts and end of input a
 * reader gets.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <string.h>

#include <cmocka.h>

#include "line.h"

static char screen[4096];
static unsigned screen_len;

static void record(const char *s, unsigned n, void *arg)
{
	(void)arg;
	assert_true(screen_len + n < sizeof screen);
	memcpy(screen + screen_len, s, n);
	screen_len += n;
	screen[screen_len] = '\0';
}

/* Feeds every byte of keys; returns the last event. */
static enum line_event type(struct line *l, const char *keys)
{
	enum line_event e = LINE_NONE;
	for (; *keys; keys++)
		e = line_feed(l, *keys);
	return e;
}

/* What a terminal shows after the echo: '\b' moves left, bytes overwrite. */
static const char *shown(void)
{
	static char line[256];
	unsigned at = 0, end = 0;
	memset(line, 0, sizeof line);
	for (unsigned i = 0; i < screen_len; i++) {
		char c = screen[i];
		if (c == '\b') {
			if (at)
				at--;
		} else if (c == '\n') {
			at = end = 0;
			memset(line, 0, sizeof line);
		} else {
			line[at++] = c;
			if (at > end)
				end = at;
		}
	}
	while (end && line[end - 1] == ' ')
		line[--end] = '\0';
	return line;
}

static int setup(void **state)
{
	static struct line l;
	screen_len = 0;
	screen[0] = '\0';
	line_init(&l, record, NULL);
	*state = &l;
	return 0;
}

static void check_line(struct line *l, const char *want)
{
	assert_int_equal(l->length, strlen(want));
	assert_memory_equal(l->text, want, strlen(want));
}

static void test_a_line_and_its_echo(void **state)
{
	struct line *l = *state;
	assert_int_equal(type(l, "ps"), LINE_NONE);
	assert_string_equal(screen, "ps");
	assert_int_equal(type(l, "\r"), LINE_READY);
	check_line(l, "ps\n");
	assert_string_equal(screen, "ps\n");
	/* The next byte starts a new line. */
	assert_int_equal(type(l, "free\n"), LINE_READY);
	check_line(l, "free\n");
}

static void test_backspace_corrects_a_mistake(void **state)
{
	struct line *l = *state;
	assert_int_equal(type(l, "kil\x7f\x7fill 7"), LINE_NONE);
	assert_string_equal(shown(), "kill 7");
	assert_int_equal(type(l, "\r"), LINE_READY);
	check_line(l, "kill 7\n");
	/* Nothing to erase at the start of a line: no echo. */
	screen_len = 0;
	assert_int_equal(type(l, "\b\b"), LINE_NONE);
	assert_int_equal(screen_len, 0);
}

static void test_arrows_move_and_insert(void **state)
{
	struct line *l = *state;
	type(l, "rn spin");
	type(l, "\x1b[D\x1b[D\x1b[D\x1b[D\x1b[D\x1b[D"); /* six left: after the r */
	type(l, "u");
	assert_string_equal(shown(), "run spin");
	type(l, "\x1b[C\x1b[C\x1b[C\x1b[C\x1b[C\x1b[C\x1b[C"); /* right past the end stops */
	type(l, " &");
	assert_string_equal(shown(), "run spin &");
	assert_int_equal(type(l, "\n"), LINE_READY);
	check_line(l, "run spin &\n");
	/* A backspace in the middle closes the gap. */
	type(l, "helpp\x1b[D\x7f");
	assert_string_equal(shown(), "help");
	check_line(l, "help");
}

static void test_history_up_and_down(void **state)
{
	struct line *l = *state;
	type(l, "ps\n");
	type(l, "mem 3\n");
	type(l, "\x1b[A");
	check_line(l, "mem 3");
	assert_string_equal(shown(), "mem 3");
	type(l, "\x1b[A");
	check_line(l, "ps");
	assert_string_equal(shown(), "ps"); /* the longer line is erased */
	type(l, "\x1b[A");                  /* past the oldest: stays */
	check_line(l, "ps");
	type(l, "\x1b[B\x1b[B");
	check_line(l, "");
	assert_string_equal(shown(), "");
	type(l, "\x1b[A");
	assert_int_equal(type(l, "\r"), LINE_READY);
	check_line(l, "mem 3\n");
	/* Empty lines are not remembered; more than LINE_HISTORY keep the newest. */
	for (int i = 0; i < LINE_HISTORY + 3; i++) {
		char cmd[8] = {'c', (char)('a' + i), '\n', 0};
		type(l, "\n");
		type(l, cmd);
	}
	for (int i = 0; i < LINE_HISTORY + 5; i++)
		type(l, "\x1b[A");
	check_line(l, "cd"); /* the oldest kept: LINE_HISTORY back from the newest */
}

static void test_control_keys(void **state)
{
	struct line *l = *state;
	type(l, "run spin");
	type(l, "\x15"); /* Ctrl-U */
	check_line(l, "");
	assert_string_equal(shown(), "");
	type(l, "ps");
	assert_int_equal(type(l, "\x03"), LINE_INTERRUPT); /* Ctrl-C drops the line */
	assert_int_equal(l->length, 0);
	assert_non_null(strstr(screen, "^C\n"));
	assert_int_equal(type(l, "\x04"), LINE_EOF); /* Ctrl-D on an empty line */
	type(l, "abc");
	assert_int_equal(type(l, "\x04"), LINE_READY); /* on a partial one: as it is */
	check_line(l, "abc");
	/* Bytes the editor does not know are ignored. */
	screen_len = 0;
	assert_int_equal(type(l, "\x02\x06\x7f\xff"), LINE_NONE);
	assert_int_equal(l->length, 0);
}

/* What a terminal sends for Home, End and Delete (in its two dialects), and
 * sequences the editor does not know, which go whole: none leaves a byte in
 * the line. Esc alone lets the next byte be itself. */
static void test_home_end_delete(void **state)
{
	struct line *l = *state;
	type(l, "cho hi");
	type(l, "\x1b[H"); /* Home */
	type(l, "e");
	assert_string_equal(shown(), "echo hi");
	type(l, "\x1b[F!"); /* End */
	check_line(l, "echo hi!");
	type(l, "\x01\x1b[3~"); /* Ctrl-A, Delete */
	check_line(l, "cho hi!");
	assert_string_equal(shown(), "cho hi!");
	type(l, "\x05\x1b[1~\x1b[3~\x1b[4~?"); /* Ctrl-E; Home, Delete, End as "ESC [ n ~" */
	check_line(l, "ho hi!?");
	type(l, "\x1bOH>\x1bOF"); /* the application-mode Home and End */
	check_line(l, ">ho hi!?");
	type(l, "\x1b[1;5C\x1b[15~\x1b[200~"); /* Ctrl-right, F5, bracketed paste */
	check_line(l, ">ho hi!?");
	assert_string_equal(shown(), ">ho hi!?");
	assert_int_equal(type(l, "\x1b\r"), LINE_READY); /* Esc, then Enter */
	check_line(l, ">ho hi!?\n");
}

static void test_a_full_line_takes_no_more(void **state)
{
	struct line *l = *state;
	for (int i = 0; i < LINE_MAX + 20; i++)
		line_feed(l, 'x');
	assert_int_equal(l->length, LINE_MAX);
	assert_int_equal(type(l, "\n"), LINE_READY);
	assert_int_equal(l->length, LINE_MAX + 1);
	assert_int_equal(l->text[LINE_MAX], '\n');
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(test_a_line_and_its_echo, setup),
	    cmocka_unit_test_setup(test_backspace_corrects_a_mistake, setup),
	    cmocka_unit_test_setup(test_arrows_move_and_insert, setup),
	    cmocka_unit_test_setup(test_history_up_and_down, setup),
	    cmocka_unit_test_setup(test_control_keys, setup),
	    cmocka_unit_test_setup(test_home_end_delete, setup),
	    cmocka_unit_test_setup(test_a_full_line_takes_no_more, setup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
