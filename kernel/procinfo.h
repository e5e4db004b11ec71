/*
 * The system calls that describe the running system, for ps and the shell
 * (procinfo.c): a slot of the process table, an entry of the program tables.
 */
#ifndef PROCINFO_H
#define PROCINFO_H

#include "thread.h"

/* SYS_PROC_INFO: argument 0 a slot (0 to MAX_PROCS - 1), 1 a struct proc_info *.
 * Word 0: 0, -ENOENT (an empty slot), -EINVAL (no such slot) or -EFAULT. */
void syscall_proc_info(struct thread *t);

/* SYS_PROGRAM_INFO: argument 0 an index into the program tables, 1 a struct
 * program_info *. Word 0: 0, -EINVAL (past the last program) or -EFAULT. */
void syscall_program_info(struct thread *t);

#endif
