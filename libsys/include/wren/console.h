/*
 * The console server's protocol (servers/console/, docs/console.md). The
 * console server drives the receive side of the kernel's console UART: it
 * edits what is typed into lines (servers/console/line.h), hands each line to
 * the program in the foreground, and writes programs' output, in order with
 * the kernel's own messages. One process, the session (the shell), decides
 * which program is in the foreground; Ctrl-C ends that program, or, when the
 * session itself is reading, interrupts its read.
 *
 * The console_* functions of libsys (libsys/console.c) make the calls; stdio's
 * stdin and stdout go through them.
 */
#ifndef WREN_CONSOLE_H
#define WREN_CONSOLE_H

#include <wren/abi.h>

#define CONSOLE_LINE_MAX 128 /* bytes of a line typed, its '\n' not counted */

/* Long part: the bytes to write ('\n' goes out as "\r\n"). Reply: w[0] how
 * many were written. */
#define CONSOLE_WRITE 1
/* w[0] the most bytes wanted. Reply, once a line is typed: w[0] its length
 * with its '\n' (long part: the line), 0 at end of input (Ctrl-D on an empty
 * line), or -EINTR (Ctrl-C, to the session). A process that is not in the
 * foreground reads end of input at once, as a background job's stdin is empty. */
#define CONSOLE_READ 2
/* w[0] a pid: it is in the foreground from now on. The first process to ask
 * becomes the session; only the session may ask again (-EPERM), until it ends.
 * When the foreground program ends, the session is in the foreground again. */
#define CONSOLE_FOREGROUND 3

/* Each returns what the reply's w[0] says, or -ESRCH when no console server
 * runs. console_read's line goes to buf, at most cap (<= IPC_LONG_MAX) bytes. */
int console_write(const char *s, unsigned n);
int console_read(char *buf, unsigned cap);
int console_foreground(int pid);

/* The console server's pid, or 0 when none runs (looked up through the IO
 * server, and remembered once found). */
int console_server(void);

/* This process writes its output straight through the kernel (SYS_PUTS) and
 * never asks the console server: for the servers that the console server
 * itself waits for (the memory and IO servers) and for it. */
void console_direct(void);

#endif
