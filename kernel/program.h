/*
 * The built-in programs: every program linked into the image is declared once,
 * in kernel/programs.c, with everything the system decides about it. Nothing
 * about a program is decided anywhere else.
 */
#ifndef PROGRAM_H
#define PROGRAM_H

#include <stddef.h>
#include <stdint.h>

/* What a program may do beyond running and talking over IPC. */
#define PRIV_SPAWN (1u << 0)  /* start other programs */
#define PRIV_MAP (1u << 1)    /* map fresh memory into other processes (a pager) */
#define PRIV_DEVICE (1u << 2) /* map device registers */
#define PRIV_KILL (1u << 3)   /* kill processes that are not its children */
#define PRIV_PAGER                                                                                 \
	(1u << 4) /* the system pager: started at boot, before the first                           \
		   * process, and the pager of every process that names no                         \
		   * other (needs PRIV_MAP to be of use) */

#define PRIORITIES 8 /* 0 is the highest */

struct program {
	const char *name;
	int (*main)(void);
	uint16_t heap_pages;  /* N: the heap grows from 0 to at most this many pages */
	uint16_t stack_pages; /* the stack's maximum, counting the page it starts with */
	uint8_t priority;
	uint8_t privileges;
};

extern const struct program programs[];
extern const size_t program_count;

/* The program called name (len bytes, not NUL-terminated), or NULL. */
const struct program *program_find(const char *name, size_t len);

#endif
