/*
 * console_driver: types at a guest's serial console and checks its answers, for
 * ctest. It runs a command (QEMU with -serial stdio) with its stdin, stdout and
 * stderr on pipes and follows a script, one step a line:
 *
 *   expect REGEX   wait until the output since the end of the previous match
 *                  holds a match of REGEX (POSIX extended, where \n stands for
 *                  a newline and \t for a tab); the match consumes the output
 *                  up to its end. '^' matches where that output begins only if
 *                  a line begins there.
 *   send TEXT      type TEXT (the rest of the line after one space), a byte
 *                  every 2 ms; escapes \r \n \t \\ \e (ESC) \xHH, and ${NAME}
 *                  types the text remembered as NAME. Nothing is added:
 *                  "send ps\r" types ps and presses Enter.
 *   remember NAME REGEX
 *                  expect REGEX, and keep the text its first group matched
 *                  as NAME
 *   same NAME REGEX
 *                  expect REGEX, whose first group must match the text kept
 *                  as NAME (a count back where it was). A match is taken as
 *                  soon as the output has one, so REGEX should go on past the
 *                  group ("frames: ([0-9]+) "), or a number half arrived
 *                  would be kept.
 *   reject REGEX   from here to the end, output matching REGEX fails the run
 *                  (all that arrives after the previous match is judged).
 *   timeout SECS   the time limit of each later expect and send (default 20).
 *   sleep MS       wait, reading the output.
 *   # comment      and blank lines: ignored.
 *
 * The output is matched with every "\r" and NUL byte removed; it is copied to
 * stdout as it arrives. An expect or send fails when its limit passes or the
 * guest exits first; the whole run fails when TIMEOUT_SECONDS pass. At the end,
 * or on the first failure, the guest's process group is sent SIGTERM, then
 * SIGKILL after 2 s, and reaped.
 *
 *   console_driver SCRIPT TIMEOUT_SECONDS -- COMMAND ARGS...
 *
 * Exit status: 0 when every step passed; 1 when one failed (stderr says which
 * line, why, and the end of the output); 2 for a bad command line or script.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <regex.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define DEFAULT_STEP_LIMIT_MS 20000
#define TYPING_GAP_MS 2
#define KILL_GRACE_MS 2000
/* The longest poll between two looks at the guest's state. */
#define POLL_SLICE_MS 100
/* How much output one pump reads at most before the patterns are tried. */
#define PUMP_MAX_BYTES (1 << 20)
#define FAILURE_TAIL_BYTES 3000

enum step_kind {
	STEP_EXPECT,
	STEP_REMEMBER,
	STEP_SAME,
	STEP_SEND,
	STEP_REJECT,
	STEP_TIMEOUT,
	STEP_SLEEP
};

struct step {
	enum step_kind kind;
	int line_number;
	char *line;           /* as written, for messages */
	regex_t regex;        /* expect, remember, same, reject */
	char *name;           /* remember, same: what the first group's text is kept as */
	char *text;           /* send: the decoded bytes */
	size_t text_length;   /* send */
	long number;          /* timeout, sleep: milliseconds */
	bool armed;           /* reject: in force */
	size_t reject_offset; /* reject: where in the output it starts to look */
};

struct script {
	const char *file_name;
	struct step *steps;
	size_t step_count;
};

/* Everything the guest printed, "\r" and NUL removed, always NUL-terminated. */
struct output {
	char *data;
	size_t length;
	size_t capacity;
	size_t consumed; /* the end of the last expect's match */
};

struct guest {
	pid_t pid;
	int input_fd;  /* the write end of its stdin, non-blocking */
	int output_fd; /* the read end of its stdout and stderr; -1 after EOF */
	bool exited;
	int status; /* from waitpid, once exited */
};

struct run {
	struct script *script;
	struct output output;
	struct guest guest;
	long start_ms;
	long deadline_ms;   /* the whole run's */
	long run_limit_s;   /* the same, as given */
	long step_limit_ms; /* each expect's and send's */
	size_t current;     /* the step being run */
	bool failed;
	struct {
		const char *name;
		char *text;
	} kept[16]; /* by remember */
	size_t kept_count;
};

static volatile sig_atomic_t interrupting_signal;

/* Records a signal that asks the driver to stop; the main loop acts on it. */
static void on_stop_signal(int signal_number)
{
	interrupting_signal = signal_number;
}

/* Returns the monotonic clock in milliseconds. */
static long now_ms(void)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (long)now.tv_sec * 1000 + now.tv_nsec / 1000000;
}

/* Sleeps for MS milliseconds or until a signal arrives. */
static void sleep_ms(long ms)
{
	struct timespec pause = {.tv_sec = ms / 1000, .tv_nsec = (ms % 1000) * 1000000};
	nanosleep(&pause, NULL);
}

/* Returns a copy of the LENGTH bytes at TEXT, NUL-terminated; exits 2 when out of memory. */
static char *copy_bytes(const char *text, size_t length)
{
	char *copy = malloc(length + 1);
	if (!copy) {
		fprintf(stderr, "console_driver: out of memory\n");
		exit(2);
	}
	memcpy(copy, text, length);
	copy[length] = '\0';
	return copy;
}

/* Writes all LENGTH bytes to FD, through EINTR and partial writes. Returns false
 * when a write fails otherwise (errno says why). */
static bool write_all(int fd, const char *bytes, size_t length)
{
	while (length > 0) {
		ssize_t written = write(fd, bytes, length);
		if (written < 0) {
			if (errno == EINTR)
				continue;
			return false;
		}
		bytes += written;
		length -= (size_t)written;
	}
	return true;
}

/* Prints "FILE:LINE: MESSAGE" about a bad script line to stderr. */
static void script_error(const char *file_name, int line_number, const char *format, ...)
{
	va_list args;
	fprintf(stderr, "console_driver: %s:%d: ", file_name, line_number);
	va_start(args, format);
	vfprintf(stderr, format, args);
	va_end(args);
	fputc('\n', stderr);
}

/* Returns the value 0-15 of hex digit C, or -1 when C is not one. */
static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decodes send's TEXT into STEP's bytes. Returns false, after saying why, on a
 * bad escape. */
static bool decode_send_text(const char *file_name, struct step *step, const char *text)
{
	size_t length = strlen(text);
	char *bytes = copy_bytes(text, length);
	size_t out = 0;
	for (size_t in = 0; in < length; in++) {
		if (text[in] != '\\') {
			bytes[out++] = text[in];
			continue;
		}
		char escape = text[++in];
		switch (escape) {
		case 'r': bytes[out++] = '\r'; break;
		case 'n': bytes[out++] = '\n'; break;
		case 't': bytes[out++] = '\t'; break;
		case 'e': bytes[out++] = 0x1b; break;
		case '\\': bytes[out++] = '\\'; break;
		case 'x': {
			int high = in + 1 < length ? hex_value(text[in + 1]) : -1;
			int low = in + 2 < length ? hex_value(text[in + 2]) : -1;
			if (high < 0 || low < 0) {
				script_error(file_name, step->line_number,
					     "bad escape: \\x needs two hex digits");
				free(bytes);
				return false;
			}
			bytes[out++] = (char)(high * 16 + low);
			in += 2;
			break;
		}
		case '\0':
			script_error(file_name, step->line_number,
				     "bad escape: a '\\' ends the line");
			free(bytes);
			return false;
		default:
			script_error(file_name, step->line_number,
				     "bad escape '\\%c' (known: \\r \\n \\t \\\\ \\e \\xHH)",
				     escape);
			free(bytes);
			return false;
		}
	}
	step->text = bytes;
	step->text_length = out;
	return true;
}

/* Returns PATTERN with every \n and \t made a newline and a tab (any other
 * backslash, with what it escapes, is left to regcomp). The caller frees it. */
static char *translate_pattern(const char *pattern)
{
	size_t length = strlen(pattern);
	char *translated = copy_bytes(pattern, length);
	size_t out = 0;
	for (size_t in = 0; in < length; in++) {
		if (pattern[in] == '\\' && (pattern[in + 1] == 'n' || pattern[in + 1] == 't')) {
			translated[out++] = pattern[++in] == 'n' ? '\n' : '\t';
			continue;
		}
		translated[out++] = pattern[in];
		if (pattern[in] == '\\' && pattern[in + 1] != '\0')
			translated[out++] = pattern[++in];
	}
	translated[out] = '\0';
	return translated;
}

/* Reads a whole number of at most MAX from TEXT into VALUE. Returns false when
 * TEXT is not one. */
static bool parse_number(const char *text, long max, long *value)
{
	if (*text < '0' || *text > '9')
		return false;
	char *end;
	errno = 0;
	long parsed = strtol(text, &end, 10);
	if (*end != '\0' || errno == ERANGE || parsed > max)
		return false;
	*value = parsed;
	return true;
}

/* Fills STEP from one script line, COMMAND and its ARGUMENT (NULL when the line
 * has no space). Returns false, after saying why, when the line is bad. */
static bool parse_step(const char *file_name, struct step *step, const char *command,
		       const char *argument)
{
	static const struct {
		const char *name;
		enum step_kind kind;
	} commands[] = {{"expect", STEP_EXPECT}, {"remember", STEP_REMEMBER},
			{"same", STEP_SAME},     {"send", STEP_SEND},
			{"reject", STEP_REJECT}, {"timeout", STEP_TIMEOUT},
			{"sleep", STEP_SLEEP}};
	size_t i = 0;
	while (i < sizeof(commands) / sizeof(commands[0]) && strcmp(commands[i].name, command))
		i++;
	if (i == sizeof(commands) / sizeof(commands[0])) {
		script_error(file_name, step->line_number,
			     "unknown command '%s' (known: expect, remember, same, send, reject, "
			     "timeout, sleep)",
			     command);
		return false;
	}
	step->kind = commands[i].kind;
	if (!argument || !*argument) {
		script_error(file_name, step->line_number, "'%s' needs an argument", command);
		return false;
	}
	if (step->kind == STEP_REMEMBER || step->kind == STEP_SAME) {
		const char *space = strchr(argument, ' ');
		if (!space || space == argument || !space[1]) {
			script_error(file_name, step->line_number, "'%s' needs a NAME and a REGEX",
				     command);
			return false;
		}
		step->name = copy_bytes(argument, (size_t)(space - argument));
		argument = space + 1;
	}
	switch (step->kind) {
	case STEP_EXPECT:
	case STEP_REMEMBER:
	case STEP_SAME:
	case STEP_REJECT: {
		char *pattern = translate_pattern(argument);
		int error = regcomp(&step->regex, pattern, REG_EXTENDED);
		free(pattern);
		if (error) {
			char message[256];
			regerror(error, &step->regex, message, sizeof(message));
			script_error(file_name, step->line_number, "bad regex '%s': %s", argument,
				     message);
			return false;
		}
		return true;
	}
	case STEP_SEND: return decode_send_text(file_name, step, argument);
	case STEP_TIMEOUT:
		if (!parse_number(argument, INT_MAX / 1000, &step->number) || step->number == 0) {
			script_error(file_name, step->line_number,
				     "timeout needs a whole number of seconds above 0");
			return false;
		}
		step->number *= 1000;
		return true;
	case STEP_SLEEP:
		if (!parse_number(argument, INT_MAX, &step->number)) {
			script_error(file_name, step->line_number,
				     "sleep needs a whole number of milliseconds");
			return false;
		}
		return true;
	}
	return false;
}

/* Reads and checks the whole script at FILE_NAME into SCRIPT. Returns false,
 * after saying what is wrong with every bad line, when it cannot be read or
 * any line is bad. */
static bool load_script(const char *file_name, struct script *script)
{
	FILE *file = fopen(file_name, "r");
	if (!file) {
		fprintf(stderr, "console_driver: cannot read %s: %s\n", file_name, strerror(errno));
		return false;
	}
	script->file_name = file_name;
	script->steps = NULL;
	script->step_count = 0;
	size_t capacity = 0;
	bool good = true;
	char *line = NULL;
	size_t line_capacity = 0;
	ssize_t length;
	int line_number = 0;
	while ((length = getline(&line, &line_capacity, file)) >= 0) {
		line_number++;
		while (length > 0 && (line[length - 1] == '\n' || line[length - 1] == '\r'))
			line[--length] = '\0';
		const char *start = line + strspn(line, " \t");
		if (*start == '\0' || *start == '#')
			continue;
		if (script->step_count == capacity) {
			capacity = capacity ? capacity * 2 : 16;
			script->steps = realloc(script->steps, capacity * sizeof(*script->steps));
			if (!script->steps) {
				fprintf(stderr, "console_driver: out of memory\n");
				exit(2);
			}
		}
		struct step *step = &script->steps[script->step_count];
		memset(step, 0, sizeof(*step));
		step->line_number = line_number;
		step->line = copy_bytes(start, strlen(start));
		char *command = copy_bytes(start, strlen(start));
		char *space = strchr(command, ' ');
		const char *argument = NULL;
		if (space) {
			*space = '\0';
			argument = space + 1;
		}
		if (parse_step(file_name, step, command, argument))
			script->step_count++;
		else
			good = false;
		free(command);
	}
	bool read_error = ferror(file);
	free(line);
	fclose(file);
	if (read_error) {
		fprintf(stderr, "console_driver: error reading %s\n", file_name);
		return false;
	}
	return good;
}

/* Appends the LENGTH bytes at BYTES to OUTPUT without "\r" or NUL. Exits 2 when
 * out of memory. */
static void output_append(struct output *output, const char *bytes, size_t length)
{
	if (output->length + length + 1 > output->capacity) {
		size_t capacity = output->capacity ? output->capacity : 65536;
		while (output->length + length + 1 > capacity)
			capacity *= 2;
		output->data = realloc(output->data, capacity);
		if (!output->data) {
			fprintf(stderr, "console_driver: out of memory\n");
			exit(2);
		}
		output->capacity = capacity;
	}
	for (size_t i = 0; i < length; i++)
		if (bytes[i] != '\r' && bytes[i] != '\0')
			output->data[output->length++] = bytes[i];
	output->data[output->length] = '\0';
}

/* Prints to stderr where the run failed, why (FORMAT), and the end of the
 * output; marks the run failed. Returns false, so that a step can return it. */
static bool fail(struct run *run, const char *format, ...)
{
	if (run->failed)
		return false;
	run->failed = true;
	fprintf(stderr, "\nconsole_driver: FAILED at ");
	if (run->current < run->script->step_count) {
		const struct step *step = &run->script->steps[run->current];
		fprintf(stderr, "%s:%d: %s\n", run->script->file_name, step->line_number,
			step->line);
	} else {
		fprintf(stderr, "the end of %s\n", run->script->file_name);
	}
	fprintf(stderr, "console_driver: ");
	va_list args;
	va_start(args, format);
	vfprintf(stderr, format, args);
	va_end(args);
	size_t tail =
	    run->output.length < FAILURE_TAIL_BYTES ? run->output.length : FAILURE_TAIL_BYTES;
	fprintf(stderr,
		"\nconsole_driver: the last %zu bytes of output (of %zu, \"\\r\" removed):\n", tail,
		run->output.length);
	fprintf(stderr, "----\n%s\n----\n", run->output.data + run->output.length - tail);
	return false;
}

/* Fails the run if any armed reject matches the output from where it was armed.
 * Returns true when one did, after saying which. */
static bool check_rejects(struct run *run)
{
	for (size_t i = 0; i < run->script->step_count; i++) {
		struct step *step = &run->script->steps[i];
		regmatch_t match;
		if (!step->armed ||
		    regexec(&step->regex, run->output.data + step->reject_offset, 1, &match, 0))
			continue;
		int length = (int)(match.rm_eo - match.rm_so);
		fail(run, "rejected pattern matched: %s:%d: %s\n  it matched: '%.*s'",
		     run->script->file_name, step->line_number, step->line,
		     length > 200 ? 200 : length,
		     run->output.data + step->reject_offset + match.rm_so);
		return true;
	}
	return false;
}

/* Reaps the guest if it has exited, without waiting. */
static void reap_if_exited(struct guest *guest)
{
	if (guest->exited)
		return;
	pid_t pid;
	do
		pid = waitpid(guest->pid, &guest->status, WNOHANG);
	while (pid < 0 && errno == EINTR);
	if (pid == guest->pid)
		guest->exited = true;
}

/* Reads what the guest printed for up to WAIT_MS (what is there, with 0),
 * copying it to stdout and appending it to the output; with WANT_INPUT, returns
 * as soon as the guest's input can take a byte. Returns false when the run
 * failed (a signal to stop, or a system call failing). */
static bool read_output(struct run *run, long wait_ms, bool want_input)
{
	struct guest *guest = &run->guest;
	size_t read_total = 0;
	for (;;) {
		/* poll skips a negative fd: after EOF this only waits. */
		struct pollfd fds[2] = {
		    {.fd = guest->output_fd, .events = POLLIN},
		    {.fd = want_input ? guest->input_fd : -1, .events = POLLOUT}};
		int ready = poll(fds, 2, (int)wait_ms);
		if (interrupting_signal)
			return fail(run, "interrupted by signal %d", (int)interrupting_signal);
		if (ready < 0 && errno != EINTR)
			return fail(run, "poll: %s", strerror(errno));
		if (ready <= 0)
			return true;
		if (fds[0].revents) {
			char buffer[65536];
			ssize_t got = read(guest->output_fd, buffer, sizeof(buffer));
			if (got < 0 && errno != EINTR)
				return fail(run, "reading the guest's output: %s", strerror(errno));
			if (got == 0) {
				close(guest->output_fd);
				guest->output_fd = -1;
			}
			if (got > 0) {
				write_all(STDOUT_FILENO, buffer, (size_t)got);
				output_append(&run->output, buffer, (size_t)got);
				read_total += (size_t)got;
			}
		}
		if (fds[1].revents || guest->output_fd < 0 || read_total >= PUMP_MAX_BYTES)
			return true;
		/* Take whatever else is there at once, then judge it all. */
		wait_ms = 0;
	}
}

/* Reads the guest's output as read_output does, notes whether the guest has
 * exited (and then reads what it printed last), and checks the rejects against
 * what arrived. Returns false when the run failed. */
static bool pump(struct run *run, long wait_ms, bool want_input)
{
	struct guest *guest = &run->guest;
	size_t length_before = run->output.length;
	if (!read_output(run, wait_ms, want_input))
		return false;
	if (!guest->exited) {
		reap_if_exited(guest);
		if (guest->exited && guest->output_fd >= 0 && !read_output(run, 0, false))
			return false;
	}
	return run->output.length == length_before || !check_rejects(run);
}

/* Fails the run because the guest exited, with its status. Returns false. */
static bool fail_exited(struct run *run)
{
	int status = run->guest.status;
	if (WIFSIGNALED(status))
		return fail(run, "the guest exited first: killed by signal %d", WTERMSIG(status));
	return fail(run, "the guest exited first, with status %d", WEXITSTATUS(status));
}

/* Fails the run because DEADLINE_MS passed: the step's own limit, or the
 * whole run's. Returns false. */
static bool fail_timed_out(struct run *run, long deadline_ms, const char *waiting_for)
{
	if (deadline_ms == run->deadline_ms)
		return fail(run, "timed out: the whole run's limit of %ld s passed %s",
			    run->run_limit_s, waiting_for);
	return fail(run, "timed out after %ld s %s", run->step_limit_ms / 1000, waiting_for);
}

/* Returns the step's deadline: its limit from now, within the whole run's. */
static long step_deadline(const struct run *run)
{
	long deadline = now_ms() + run->step_limit_ms;
	return deadline < run->deadline_ms ? deadline : run->deadline_ms;
}

/* Returns the milliseconds to wait for at most, before DEADLINE_MS, at once. */
static long slice_until(long deadline_ms)
{
	long left = deadline_ms - now_ms();
	if (left < 0)
		return 0;
	return left < POLL_SLICE_MS ? left : POLL_SLICE_MS;
}

/* Waits for STEP's regex in the unconsumed output and consumes up to the end of
 * its match; *group is where its first group matched (-1 when it has none).
 * Returns false when the run failed first. */
static bool run_expect(struct run *run, const struct step *step, regmatch_t *group)
{
	long deadline = step_deadline(run);
	struct output *output = &run->output;
	for (;;) {
		regmatch_t match[2];
		int flags = output->consumed > 0 && output->data[output->consumed - 1] != '\n'
				? REG_NOTBOL
				: 0;
		if (!regexec(&step->regex, output->data + output->consumed, 2, match, flags)) {
			*group = match[1];
			if (group->rm_so >= 0) {
				group->rm_so += (regoff_t)output->consumed;
				group->rm_eo += (regoff_t)output->consumed;
			}
			output->consumed += (size_t)match[0].rm_eo;
			return true;
		}
		if (run->guest.exited)
			return fail_exited(run);
		if (now_ms() >= deadline)
			return fail_timed_out(run, deadline, "waiting for a match");
		if (!pump(run, slice_until(deadline), false))
			return false;
	}
}

/* The text kept as NAME, or NULL. */
static const char *remembered(const struct run *run, const char *name)
{
	for (size_t i = 0; i < run->kept_count; i++)
		if (!strcmp(run->kept[i].name, name))
			return run->kept[i].text;
	return NULL;
}

/* remember and same: an expect, then the first group's text kept as the
 * step's NAME, or compared with what was. Returns false when the run failed. */
static bool run_keep(struct run *run, const struct step *step)
{
	regmatch_t group;
	if (!run_expect(run, step, &group))
		return false;
	if (group.rm_so < 0)
		return fail(run, "its REGEX has no group to keep");
	char *text =
	    copy_bytes(run->output.data + group.rm_so, (size_t)(group.rm_eo - group.rm_so));
	const char *before = remembered(run, step->name);
	if (step->kind == STEP_SAME) {
		bool same = before && !strcmp(before, text);
		if (!same)
			fail(run, "%s was '%s', now '%s'", step->name,
			     before ? before : "(never kept)", text);
		free(text);
		return same;
	}
	if (run->kept_count == sizeof run->kept / sizeof run->kept[0])
		return fail(run, "more than %zu names kept", run->kept_count);
	run->kept[run->kept_count].name = step->name;
	run->kept[run->kept_count++].text = text;
	return true;
}

/* Types one BYTE at the guest, reading its output while its input is full.
 * Returns false when the run failed first. */
static bool send_byte(struct run *run, char byte, long deadline)
{
	for (;;) {
		if (run->guest.exited)
			return fail_exited(run);
		ssize_t written = write(run->guest.input_fd, &byte, 1);
		if (written == 1)
			return true;
		if (written < 0 && errno == EPIPE) {
			/* It closed its input: it is exiting, most likely. */
			long grace = now_ms() + 1000;
			while (!run->guest.exited && now_ms() < grace)
				if (!pump(run, slice_until(grace), false))
					return false;
			if (run->guest.exited)
				return fail_exited(run);
			return fail(run, "the guest closed its input");
		}
		if (written < 0 && errno != EINTR && errno != EAGAIN)
			return fail(run, "writing to the guest: %s", strerror(errno));
		if (now_ms() >= deadline)
			return fail_timed_out(run, deadline,
					      "with the guest not reading its input");
		if (!pump(run, slice_until(deadline), true))
			return false;
	}
}

/* Types STEP's text at the guest a byte at a time, TYPING_GAP_MS apart, reading
 * its output meanwhile, within the step's limit. Returns false when the run
 * failed first. */
static bool run_send(struct run *run, const struct step *step)
{
	long deadline = step_deadline(run);
	for (size_t i = 0; i < step->text_length; i++) {
		const char *kept = NULL;
		size_t kept_length = 1;
		if (!strncmp(step->text + i, "${", 2)) {
			const char *close = memchr(step->text + i, '}', step->text_length - i);
			char *name = close ? copy_bytes(step->text + i + 2,
							(size_t)(close - step->text - i - 2))
					   : NULL;
			kept = name ? remembered(run, name) : NULL;
			if (!kept) {
				fail(run, "'%s' was never remembered",
				     name ? name : step->text + i);
				free(name);
				return false;
			}
			free(name);
			kept_length = strlen(kept);
			i = (size_t)(close - step->text);
		}
		for (size_t k = 0; k < kept_length; k++) {
			if (now_ms() >= deadline)
				return fail_timed_out(run, deadline, "typing");
			if (!send_byte(run, kept ? kept[k] : step->text[i], deadline))
				return false;
			long gap_end = now_ms() + TYPING_GAP_MS;
			while (now_ms() < gap_end)
				if (!pump(run, slice_until(gap_end), false))
					return false;
		}
	}
	return true;
}

/* Waits STEP's milliseconds, reading the output (the guest may exit meanwhile).
 * Returns false when the run failed first. */
static bool run_sleep(struct run *run, const struct step *step)
{
	long end = now_ms() + step->number;
	while (now_ms() < end) {
		if (now_ms() >= run->deadline_ms)
			return fail_timed_out(run, run->deadline_ms, "in a sleep");
		long wait_until = end < run->deadline_ms ? end : run->deadline_ms;
		if (!pump(run, slice_until(wait_until), false))
			return false;
	}
	return true;
}

/* Runs the script's steps in order, then reads what output is there and checks
 * the rejects once more. Returns true when every step passed. */
static bool run_script(struct run *run)
{
	for (run->current = 0; run->current < run->script->step_count; run->current++) {
		struct step *step = &run->script->steps[run->current];
		bool passed = true;
		switch (step->kind) {
		case STEP_EXPECT: {
			regmatch_t group;
			passed = run_expect(run, step, &group);
			break;
		}
		case STEP_REMEMBER:
		case STEP_SAME: passed = run_keep(run, step); break;
		case STEP_SEND: passed = run_send(run, step); break;
		case STEP_SLEEP: passed = run_sleep(run, step); break;
		case STEP_TIMEOUT: run->step_limit_ms = step->number; break;
		case STEP_REJECT:
			step->armed = true;
			step->reject_offset = run->output.consumed;
			passed = !check_rejects(run);
			break;
		}
		if (!passed)
			return false;
	}
	return pump(run, 0, false);
}

/* Starts ARGV with its stdin and stdout (stderr too) on pipes, in a process
 * group of its own, into GUEST. Returns false, after saying why, when it cannot
 * be started; a command that cannot be run exits with status 127. */
static bool start_guest(char **argv, struct guest *guest)
{
	int input[2], output[2];
	if (pipe(input) || pipe(output)) {
		fprintf(stderr, "console_driver: pipe: %s\n", strerror(errno));
		return false;
	}
	pid_t pid = fork();
	if (pid < 0) {
		fprintf(stderr, "console_driver: fork: %s\n", strerror(errno));
		return false;
	}
	if (pid == 0) {
		setpgid(0, 0);
		signal(SIGPIPE, SIG_DFL);
		dup2(input[0], STDIN_FILENO);
		dup2(output[1], STDOUT_FILENO);
		dup2(output[1], STDERR_FILENO);
		close(input[0]);
		close(input[1]);
		close(output[0]);
		close(output[1]);
		execvp(argv[0], argv);
		fprintf(stderr, "console_driver: cannot run %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	/* Both sides set the group, so that it is there before either goes on. */
	setpgid(pid, pid);
	close(input[0]);
	close(output[1]);
	fcntl(input[1], F_SETFL, fcntl(input[1], F_GETFL) | O_NONBLOCK);
	fcntl(input[1], F_SETFD, FD_CLOEXEC);
	fcntl(output[0], F_SETFD, FD_CLOEXEC);
	guest->pid = pid;
	guest->input_fd = input[1];
	guest->output_fd = output[0];
	guest->exited = false;
	return true;
}

/* Ends the guest and whatever it started: SIGTERM to its process group, SIGKILL
 * after KILL_GRACE_MS if it has not exited by then, and reaps it. */
static void stop_guest(struct guest *guest)
{
	close(guest->input_fd);
	if (guest->output_fd >= 0)
		close(guest->output_fd);
	kill(-guest->pid, SIGTERM);
	long grace_end = now_ms() + KILL_GRACE_MS;
	reap_if_exited(guest);
	while (!guest->exited && now_ms() < grace_end) {
		sleep_ms(10);
		reap_if_exited(guest);
	}
	kill(-guest->pid, SIGKILL);
	while (!guest->exited && waitpid(guest->pid, &guest->status, 0) < 0 && errno == EINTR)
		;
	guest->exited = true;
}

/* Prints how to call the driver and returns 2. */
static int usage(void)
{
	fprintf(stderr, "usage: console_driver SCRIPT TIMEOUT_SECONDS -- COMMAND ARGS...\n");
	return 2;
}

int main(int argc, char **argv)
{
	long run_limit_s;
	if (argc < 5 || strcmp(argv[3], "--") ||
	    !parse_number(argv[2], INT_MAX / 1000, &run_limit_s) || run_limit_s == 0)
		return usage();
	struct script script;
	if (!load_script(argv[1], &script))
		return 2;

	struct sigaction stop = {.sa_handler = on_stop_signal};
	sigemptyset(&stop.sa_mask);
	sigaction(SIGTERM, &stop, NULL);
	sigaction(SIGINT, &stop, NULL);
	sigaction(SIGHUP, &stop, NULL);
	signal(SIGPIPE, SIG_IGN);

	struct run run = {.script = &script, .step_limit_ms = DEFAULT_STEP_LIMIT_MS};
	output_append(&run.output, "", 0);
	run.start_ms = now_ms();
	run.run_limit_s = run_limit_s;
	run.deadline_ms = run.start_ms + run_limit_s * 1000;
	if (!start_guest(argv + 4, &run.guest))
		return 2;
	bool passed = run_script(&run);
	stop_guest(&run.guest);
	if (passed)
		fprintf(stderr, "\nconsole_driver: %s passed in %.1f s\n", script.file_name,
			(now_ms() - run.start_ms) / 1000.0);
	return passed ? 0 : 1;
}
