/*
 * The supervisor's policy (policy.h).
 */
#include "policy.h"

#include <stdio.h>

static const char *const reasons[] = KILL_REASON_WORDS;

enum super_action super_decide(struct super_child *c, int status)
{
	if (!STATUS_KILLED(status))
		return SUPER_LEAVE;
	if (c->restarts >= c->limit)
		return SUPER_GIVE_UP;
	c->restarts++;
	return SUPER_RESTART;
}

char *super_describe(char *buf, size_t cap, const struct super_child *c, int old_pid, int status,
		     enum super_action action, int new_pid)
{
	unsigned reason = (unsigned)STATUS_KILL_REASON(status);
	const char *why = reason < sizeof reasons / sizeof reasons[0] && reasons[reason]
			      ? reasons[reason]
			      : "unknown reason";
	int n = snprintf(buf, cap, "[supervisor] %s (pid %d) killed: %s", c->name, old_pid, why);
	size_t at = n < 0 ? 0 : (size_t)n < cap ? (size_t)n : cap - 1;
	if (action == SUPER_GIVE_UP)
		snprintf(buf + at, cap - at, "; restarted %u times already: given up\n", c->limit);
	else if (new_pid > 0)
		snprintf(buf + at, cap - at, "; restarted as pid %d\n", new_pid);
	else
		snprintf(buf + at, cap - at, "; cannot restart it: error %d\n", new_pid);
	return buf;
}
