/*
 * The console's line editor (line.h). The terminal is driven with nothing but
 * printable bytes, spaces and backspaces ('\b' moves the cursor one left, and
 * every terminal and serial console understands it), so the echo needs no
 * knowledge of the terminal beyond that.
 */
#include "line.h"

#include <string.h>

#define CTRL(c) ((c)&0x1f)
#define DEL 0x7f
#define ESC 0x1b

static void echo(struct line *l, const char *s, unsigned n)
{
	if (n)
		l->echo(s, n, l->echo_arg);
}

static void echo_repeat(struct line *l, char c, unsigned n)
{
	while (n--)
		echo(l, &c, 1);
}

/* Shows text[from..length), then puts the cursor back at `to`, erasing `extra`
 * characters the line no longer has. */
static void redraw_tail(struct line *l, unsigned from, unsigned to, unsigned extra)
{
	echo(l, l->text + from, l->length - from);
	echo_repeat(l, ' ', extra);
	echo_repeat(l, '\b', l->length - to + extra);
}

/* Replaces the whole line on the terminal and in the editor with s (n bytes). */
static void replace(struct line *l, const char *s, unsigned n)
{
	unsigned old = l->length;
	echo_repeat(l, '\b', l->cursor);
	memcpy(l->text, s, n);
	l->length = l->cursor = n;
	echo(l, l->text, n);
	if (old > n) {
		echo_repeat(l, ' ', old - n);
		echo_repeat(l, '\b', old - n);
	}
}

static void insert(struct line *l, char c)
{
	if (l->length == LINE_MAX)
		return;
	memmove(l->text + l->cursor + 1, l->text + l->cursor, l->length - l->cursor);
	l->text[l->cursor] = c;
	l->length++;
	l->cursor++;
	redraw_tail(l, l->cursor - 1, l->cursor, 0);
}

static void erase_before_cursor(struct line *l)
{
	if (l->cursor == 0)
		return;
	memmove(l->text + l->cursor - 1, l->text + l->cursor, l->length - l->cursor);
	l->length--;
	l->cursor--;
	echo(l, "\b", 1);
	redraw_tail(l, l->cursor, l->cursor, 1);
}

/* Up (older) or down (newer) through the history; at the bottom, an empty line. */
static void browse(struct line *l, bool older)
{
	unsigned kept = l->history_count < LINE_HISTORY ? l->history_count : LINE_HISTORY;
	if (older ? l->browsing == kept : l->browsing == 0)
		return;
	l->browsing += older ? 1 : -1u;
	if (l->browsing == 0) {
		replace(l, "", 0);
		return;
	}
	unsigned slot = (l->history_count - l->browsing) % LINE_HISTORY;
	replace(l, l->history[slot], l->history_length[slot]);
}

static void remember(struct line *l)
{
	if (l->length == 0)
		return;
	unsigned slot = l->history_count % LINE_HISTORY;
	memcpy(l->history[slot], l->text, l->length);
	l->history_length[slot] = l->length;
	l->history_count++;
}

static void cursor_home(struct line *l)
{
	echo_repeat(l, '\b', l->cursor);
	l->cursor = 0;
}

static void cursor_end(struct line *l)
{
	echo(l, l->text + l->cursor, l->length - l->cursor);
	l->cursor = l->length;
}

/* Delete: the byte under the cursor goes, the rest of the line moves left. */
static void erase_at_cursor(struct line *l)
{
	if (l->cursor == l->length)
		return;
	memmove(l->text + l->cursor, l->text + l->cursor + 1, l->length - l->cursor - 1);
	l->length--;
	redraw_tail(l, l->cursor, l->cursor, 1);
}

/* The final byte of an escape sequence, "ESC [ n x" or "ESC O x" (n the
 * first number, 0 if none): the arrows, Home, End, Delete; what else a
 * terminal sends is dropped whole. */
static void key(struct line *l, char c, unsigned n)
{
	switch (c) {
	case 'A': browse(l, true); break;
	case 'B': browse(l, false); break;
	case 'C':
		if (l->cursor < l->length)
			echo(l, l->text + l->cursor++, 1);
		break;
	case 'D':
		if (l->cursor > 0) {
			l->cursor--;
			echo(l, "\b", 1);
		}
		break;
	case 'H': cursor_home(l); break;
	case 'F': cursor_end(l); break;
	case '~':
		if (n == 1 || n == 7)
			cursor_home(l);
		else if (n == 4 || n == 8)
			cursor_end(l);
		else if (n == 3)
			erase_at_cursor(l);
		break;
	default: break;
	}
}

/* A byte inside an escape sequence: a parameter, or its end. */
static void escape_byte(struct line *l, char c)
{
	if (l->escape == ESCAPE_SEEN) { /* c is '[' or 'O' */
		l->escape = ESCAPE_SEQUENCE;
		l->escape_number = 0;
		return;
	}
	if (c >= '0' && c <= '9') {
		if (l->escape_number < 100)
			l->escape_number = l->escape_number * 10 + (unsigned)(c - '0');
		return;
	}
	if (c >= 0x20 && c <= 0x3f)
		return; /* ';' and other parameter and intermediate bytes */
	l->escape = ESCAPE_NONE;
	key(l, c, l->escape_number);
}

void line_init(struct line *l, line_echo_fn echo_fn, void *arg)
{
	memset(l, 0, sizeof *l);
	l->echo = echo_fn;
	l->echo_arg = arg;
}

enum line_event line_feed(struct line *l, char c)
{
	if (l->ready) {
		l->ready = false;
		l->length = l->cursor = l->browsing = 0;
	}
	if (l->escape == ESCAPE_SEEN && c != '[' && c != 'O')
		l->escape = ESCAPE_NONE; /* ESC alone: c is an ordinary byte */
	if (l->escape != ESCAPE_NONE) {
		escape_byte(l, c);
		return LINE_NONE;
	}
	switch (c) {
	case '\r':
	case '\n':
		remember(l);
		l->text[l->length++] = '\n';
		echo(l, "\n", 1);
		l->ready = true;
		return LINE_READY;
	case CTRL('D'):
		if (l->length == 0)
			return LINE_EOF;
		remember(l);
		l->ready = true;
		return LINE_READY;
	case CTRL('C'):
		echo(l, "^C\n", 3);
		l->length = l->cursor = l->browsing = 0;
		return LINE_INTERRUPT;
	case CTRL('U'): replace(l, "", 0); return LINE_NONE;
	case CTRL('A'): cursor_home(l); return LINE_NONE;
	case CTRL('E'): cursor_end(l); return LINE_NONE;
	case DEL:
	case '\b': erase_before_cursor(l); return LINE_NONE;
	case ESC: l->escape = ESCAPE_SEEN; return LINE_NONE;
	default:
		if (c >= ' ' && c < DEL)
			insert(l, c);
		return LINE_NONE;
	}
}
