/*
 * fake_guest: a stand-in for a guest's serial console, for console_driver's own
 * tests (driver_test.cmake). It prints a banner and a prompt, echoes what it is
 * typed, and on Enter (\r or \n) answers the line with "got: LINE" (bytes
 * outside printable ASCII as \xHH), lines ending in "\r\n" as a UART's do, and
 * then:
 *   ping       pong
 *   slow       "slow answer", in two writes 50 ms apart
 *   flood N    N lines "flood line I", then "flood done"
 *   panic      "*** kernel panic"
 *   exit N     exits with status N
 *   quit       "bye", and exits with status 0
 * It also exits, with status 0, at the end of its input.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Answers one typed LINE as the header says. */
static void answer(const char *line)
{
	printf("\r\ngot: ");
	for (const char *c = line; *c; c++) {
		unsigned char byte = (unsigned char)*c;
		if (byte < 0x20 || byte > 0x7e)
			printf("\\x%02x", byte);
		else
			putchar(byte);
	}
	printf("\r\n");
	if (!strcmp(line, "ping")) {
		printf("pong\r\n");
	} else if (!strcmp(line, "slow")) {
		printf("sl");
		fflush(stdout);
		nanosleep(&(struct timespec){.tv_nsec = 50 * 1000000}, NULL);
		printf("ow answer\r\n");
	} else if (!strncmp(line, "flood ", 6)) {
		long lines = atol(line + 6);
		for (long i = 0; i < lines; i++)
			printf("flood line %ld\r\n", i);
		printf("flood done\r\n");
	} else if (!strcmp(line, "panic")) {
		printf("*** kernel panic\r\n");
	} else if (!strncmp(line, "exit ", 5)) {
		exit(atoi(line + 5));
	} else if (!strcmp(line, "quit")) {
		printf("bye\r\n");
		exit(0);
	}
}

int main(void)
{
	char line[256];
	size_t length = 0;
	printf("fake guest: ready\r\nfake> ");
	fflush(stdout);
	int c;
	while ((c = getchar()) != EOF) {
		if (c == '\r' || c == '\n') {
			line[length] = '\0';
			if (length > 0)
				answer(line);
			length = 0;
			printf("fake> ");
		} else if (length + 1 < sizeof(line)) {
			line[length++] = (char)c;
			putchar(c);
		}
		fflush(stdout);
	}
	return 0;
}
