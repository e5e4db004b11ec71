/*
 * The console's line editor: what the console server does with each byte typed
 * before a program reads a line. Echo, backspace, Ctrl-U (erase the line),
 * Ctrl-C (interrupt the foreground program), Ctrl-D (end of input), left and
 * right arrows within the line, Home and End (and Ctrl-A, Ctrl-E), Delete, up
 * and down through the lines entered before.
 * Plain C with no system calls, so that it is tested on the host; the echo
 * goes out through a callback.
 */
#ifndef LINE_H
#define LINE_H

#include <stdbool.h>
#include <wren/console.h>

#define LINE_MAX CONSOLE_LINE_MAX /* bytes of a line, its newline not counted */
#define LINE_HISTORY 16           /* lines kept for up and down */

/* Where the editor writes what the terminal should show. */
typedef void (*line_echo_fn)(const char *s, unsigned n, void *arg);

enum line_event {
	LINE_NONE,      /* nothing for the reader yet */
	LINE_READY,     /* a line is complete: line_text, line_length (with its '\n') */
	LINE_EOF,       /* Ctrl-D on an empty line: end of input */
	LINE_INTERRUPT, /* Ctrl-C: the line is dropped; the foreground program is to stop */
};

struct line {
	char text[LINE_MAX + 1]; /* the line being edited; when READY, with '\n' */
	unsigned length, cursor;
	char history[LINE_HISTORY][LINE_MAX];
	unsigned history_length[LINE_HISTORY];
	unsigned history_count; /* lines entered, the last LINE_HISTORY of them kept */
	unsigned browsing;      /* how far up the history the line shown is (0: a new one) */
	enum { ESCAPE_NONE, ESCAPE_SEEN, ESCAPE_SEQUENCE } escape; /* ESC, then '[' or 'O' */
	unsigned escape_number; /* the sequence's first number so far ("ESC [ 3 ~": 3) */
	bool ready;             /* the last event was READY: the next byte starts anew */
	line_echo_fn echo;
	void *echo_arg;
};

/* An empty editor that echoes through echo(s, n, arg). */
void line_init(struct line *l, line_echo_fn echo, void *arg);

/* Takes one byte from the terminal, echoes what it changes, and returns what
 * it means for the reader. A byte the editor does not know is ignored; a line
 * that is full takes no more. */
enum line_event line_feed(struct line *l, char c);

#endif
