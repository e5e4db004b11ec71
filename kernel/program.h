/*
 * The built-in programs. Every program linked into an image is declared once,
 * in a program table, with everything the system decides about it: its limits,
 * its privileges, whether the kernel starts it at boot, which programs it may
 * start and which it may talk to. The kernel enforces all of it (docs/
 * syscalls.md, "Rights"); a process cannot widen any of it. The system's table
 * (kernel/programs.c) is in every image; the test programs' table
 * (tests/programs/programs.c) only in the test image. When and in what order a
 * program starts the ones it may (init its demos, a test its partners) is that
 * program's own business.
 */
#ifndef PROGRAM_H
#define PROGRAM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "wren/abi.h"

/* The privileges (PRIV_*) are in wren/abi.h, which the programs read too. */

/* Whether the kernel starts a program at boot, in table order; one it does not
 * start runs only when another program spawns it. BOOT_SERVER: before the first
 * process, so that every process finds its servers running. BOOT_FIRST: the first
 * process, once the servers run; in the test image, the program or test named on
 * QEMU's -append takes its place. */
#define BOOT_SERVER 1
#define BOOT_FIRST 2

#define PRIORITIES 8 /* 0 is the highest */

/* A NULL-terminated list of program names, for the table's spawns and peers. */
#define PROGRAMS(...) ((const char *const[]){__VA_ARGS__, NULL})

struct program {
	const char *name;
	int (*main)(int argc, char **argv);
	uint16_t heap_pages;       /* N: the heap grows from 0 to at most this many pages */
	uint16_t stack_pages;      /* the stack's maximum, counting the page it starts with */
	uint8_t priority;          /* its highest: a child never outranks its parent */
	uint8_t boot;              /* 0, BOOT_SERVER or BOOT_FIRST */
	uint16_t privileges;       /* PRIV_ bits; a child has none its parent lacks */
	bool serves_all;           /* every process may call, send to and notify it */
	const char *const *spawns; /* the programs it may start (PROGRAMS(...) or NULL) */
	const char *const *peers;  /* the programs it may call, send to and notify
				    * besides its parent, its children and serves_all ones */
	/* A driver: the devices the IO server may give it, by "compatible"
	 * (PROGRAMS(...) or NULL), and the pages of its device window, which holds
	 * their registers and the pages they read (DMA). */
	const char *const *devices;
	uint16_t device_pages;
	/* How often a supervisor restarts it when it is killed, at most; 0:
	 * never (docs/architecture.md, "The supervisor"). */
	uint8_t restarts;
};

/* Programs in an image at most: the rights below are bit masks of them. */
#define MAX_PROGRAMS 64

/* What the table's names come to, per program (program_table_init): bit i of
 * spawns and peers is the program whose program_index is i. */
struct program_rights {
	uint64_t spawns, peers;
};

/* The system's programs (kernel/programs.c). */
extern const struct program programs[];
extern const size_t program_count;

#ifdef CONFIG_SELFTEST
/* The test image's programs (tests/programs/programs.c), looked up after them. */
extern const struct program test_programs[];
extern const size_t test_program_count;
#endif

/* The program called name (len bytes, not NUL-terminated), or NULL. */
const struct program *program_find(const char *name, size_t len);

/* The program at index i of the image's tables (the system's first), or NULL
 * past the last. */
const struct program *program_at(unsigned i);

/* Where prog is in the image's tables, 0 to MAX_PROGRAMS - 1. */
unsigned program_index(const struct program *prog);
/* prog's rights, from its table entry's names. A name that is in no table is a
 * broken table: panic, naming both. */
const struct program_rights *program_rights(const struct program *prog);
/* Works out every program's rights (a test of the tables): 0, or -E2BIG when
 * the tables hold more than MAX_PROGRAMS or a devices list is longer than
 * PROGRAM_DEVICES_MAX bytes (wren/abi.h); a bad name panics, as above. */
int program_table_check(void);

#endif
