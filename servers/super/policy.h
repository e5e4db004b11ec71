/*
 * The supervisor's decisions, apart from its loop so that they are tested on
 * the host: whether a server or driver that ended is started again, by the
 * program table's restart limit, and the line that says what happened.
 */
#ifndef SUPER_POLICY_H
#define SUPER_POLICY_H

#include <stddef.h>
#include <wren/abi.h>

/* A process the supervisor watches: one of its program's instances. */
struct super_child {
	char name[PROC_NAME_MAX + 1];
	int pid;           /* 0: not running */
	unsigned restarts; /* so far */
	unsigned limit;    /* the program table's restarts */
};

enum super_action {
	SUPER_LEAVE,   /* it ended on its own (an exit): its own business */
	SUPER_RESTART, /* it was killed and has restarts left: start it again */
	SUPER_GIVE_UP, /* it was killed once more than its limit allows */
};

/* What to do now that c has ended with status (wren/abi.h); a restart is
 * counted in c. */
enum super_action super_decide(struct super_child *c, int status);

/* The line for c's kill at old_pid with status, and action, SUPER_RESTART
 * (new_pid: the new instance's pid, or the error that prevented it) or
 * SUPER_GIVE_UP; an exit is the program's own business, and has none.
 * Written into buf (cap bytes, always terminated); returns buf. */
char *super_describe(char *buf, size_t cap, const struct super_child *c, int old_pid, int status,
		     enum super_action action, int new_pid);

#endif
