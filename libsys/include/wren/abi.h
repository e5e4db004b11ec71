/*
 * The system-call interface between user programs and the kernel: numbers,
 * registers, message labels and error codes. Both sides include this file;
 * docs/syscalls.md describes every call.
 *
 * A call is `svc #0` with its number in r7 and its arguments in r0-r6. The
 * result comes back in r0: a value >= 0, or a negated error code (-EINVAL).
 * The IPC calls also return a message in r1-r6.
 */
#ifndef WREN_ABI_H
#define WREN_ABI_H

#define SYS_EXIT 0
#define SYS_YIELD 1
#define SYS_GETPID 2
#define SYS_PUTS 3
#define SYS_SPAWN 4
#define SYS_WAIT 5
#define SYS_KILL 6
#define SYS_CALL 7
#define SYS_SEND 8
#define SYS_RECV 9
#define SYS_REPLY_RECV 10
#define SYS_NOTIFY 11
#define SYS_MAP 12
#define SYS_UNMAP 13
#define SYS_NULL 14 /* does nothing: the cost of a system call itself */
#define SYS_INFO 15
#define SYS_LAYOUT 16
#define SYS_IRQ_BIND 17
#define SYS_IRQ_ACK 18
#define SYS_PROC_INFO 19    /* one slot of the process table, for ps */
#define SYS_PROGRAM_INFO 20 /* one program of the tables, for the shell */
#define SYS_ARGS 21         /* the caller's arguments, as SYS_SPAWN passed them */
#define SYS_DEV_MAP 22
#define SYS_DEV_UNMAP 23
#define SYS_DEV_GRANT 24
#define SYS_DEV_RW 25
#define SYS_DEV_KERNEL 26
#define SYS_PROGRAM 27    /* the devices a process's program may have, for the IO server */
#define SYS_MEMMAP 28     /* a process's regions and the kernel's, for the shell's mem */
#define SYS_POWEROFF 29   /* ends the run (PRIV_POWER) */
#define SYS_ADOPT 30      /* a supervisor takes a boot server as its child (PRIV_SUPERVISE) */
#define SYS_DEV_HOLDER 31 /* who has a device page, for a restarted IO server (PRIV_IO) */
#define SYS_COUNT 32

/* The exception entry (kernel/arch/arm/vectors.S) reads only the numbers above. */
#ifndef __ASSEMBLER__

/* What a program may do beyond running and talking over IPC: the program
 * table's privileges (kernel/program.h), which SYS_PROGRAM_INFO reports. */
#define PRIV_SPAWN (1u << 0) /* start other programs */
#define PRIV_MAP (1u << 1)   /* map fresh memory into other processes (a pager) */
/* Have the kernel map devices into drivers' device windows and bind interrupts
 * to them (SYS_DEV_*, SYS_IRQ_BIND): the IO server. */
#define PRIV_IO (1u << 2)
#define PRIV_KILL (1u << 3) /* kill processes that are not its children */
/* The system pager: the pager of every process that names no other (needs
 * PRIV_MAP to be of use). */
#define PRIV_PAGER (1u << 4)
/* The performance counters, for every process of the run, when the kernel
 * starts the program as the first process: a benchmark's clock. */
#define PRIV_COUNTERS (1u << 5)
#define PRIV_INSPECT (1u << 6) /* read any process's layout and memory map (the shell) */
#define PRIV_POWER (1u << 7)   /* end the run (SYS_POWEROFF) */
/* Supervise the servers (docs/architecture.md, "The supervisor"): adopt the
 * boot servers (SYS_ADOPT), and a PRIV_PAGER or PRIV_IO child it starts once
 * the last one has ended takes over as the system pager or the IO server. */
#define PRIV_SUPERVISE (1u << 8)

/* SYS_SPAWN's flags (r5). SPAWN_BELOW: the child runs at least one priority
 * below the caller (a shell's programs, which it must always be able to stop). */
#define SPAWN_BELOW 1u
/* SPAWN_RESTART: the child replaces a process of its program that ended (a
 * supervisor's restart); the kernel counts them per program, for ps. */
#define SPAWN_RESTART 2u

/* SYS_INFO: what the kernel counts, for tests and the shell. */
#define INFO_FREE_FRAMES 0
#define INFO_HEAP_BYTES 1 /* kernel heap in use */
#define INFO_PROCS 2      /* occupied process slots */
#define INFO_TICKS 3
#define INFO_PARENT 4      /* the caller's parent pid, 0 if none */
#define INFO_TABLE_BYTES 5 /* bytes of the caller's translation tables */
#define INFO_PAGER 6       /* pid of the caller's pager (the memory server), 0 if none */
#define INFO_IO_SERVER 7   /* pid of the IO server (servers/io/), 0 if none runs */
#define INFO_TICK_HZ 8     /* ticks a second (INFO_TICKS / INFO_TICK_HZ: the uptime) */
/* The generic timer's count (low 32 bits) when the first user instruction ran:
 * boot's length, in ticks of CNTFRQ */
#define INFO_USER_START 9

/* A program's arguments as they travel (SYS_SPAWN, docs/syscalls.md): one block
 * of NUL-terminated strings, argv[1] first (argv[0] is the program's name), at
 * most SPAWN_ARGS_MAX bytes and SPAWN_ARGC_MAX strings (wren/args.h packs them). */
#define SPAWN_ARGS_MAX 256
#define SPAWN_ARGC_MAX 16

/* SYS_PROC_INFO: what the kernel knows of one process. */
#define PROC_INFO_NEXT 0x80000000u /* or-ed with the slot: the first occupied one from there */
#define PROC_NAME_MAX 32           /* the longest name a program may have, NUL not counted */
enum proc_info_state {
	PROC_INFO_RUNNING,   /* the caller itself */
	PROC_INFO_READY,     /* waiting for the CPU */
	PROC_INFO_SENDING,   /* waiting for its receiver */
	PROC_INFO_RECEIVING, /* waiting for a message */
	PROC_INFO_REPLY,     /* waiting for a reply (or its pager, after a fault) */
	PROC_INFO_WAITING,   /* waiting for a child to end */
	PROC_INFO_ZOMBIE,    /* ended; its parent has not collected its status */
};
struct proc_info {
	int pid, parent; /* parent 0: the kernel, or gone */
	unsigned state;  /* PROC_INFO_ */
	unsigned priority;
	unsigned heap_pages, stack_pages; /* mapped now (0 for a zombie) */
	unsigned table_bytes;             /* its translation tables (0 for a zombie) */
	unsigned restarts;                /* its program's restarts (SPAWN_RESTART) so far */
	char name[PROC_NAME_MAX + 1];
};

/* SYS_PROGRAM_INFO: one entry of the program tables. */
struct program_info {
	unsigned heap_pages, stack_pages; /* the limits */
	unsigned priority, privileges;    /* PRIV_ bits (kernel/program.h) */
	unsigned boot;                    /* started at boot: 1 a server, 2 the first process */
	unsigned restarts; /* how often a supervisor restarts it when it is killed, at most */
	char name[PROC_NAME_MAX + 1];
};

/* Where a process's regions lie (kernel/layout.h has the picture): the kernel's
 * own record of it, which SYS_LAYOUT copies out as it is. */
struct proc_layout {
	unsigned region_base, t1sz;        /* the user region: 2^(32 - t1sz) bytes at region_base */
	unsigned heap_base, heap_limit;    /* heap: [heap_base, heap_limit), N pages */
	unsigned guard;                    /* the stack guard page */
	unsigned stack_limit, stack_start; /* stack: grows down from stack_start's page */
	unsigned stack_top;                /* the initial sp */
	unsigned shared_start, shared_end; /* .data_shared/.bss_shared */
	unsigned top_page; /* the highest page: a process starts with stack_start..top_page */
	/* a driver's device window, [dev_base, dev_limit) at the bottom of the
	 * region (empty for any other process): what the IO server has mapped */
	unsigned dev_base, dev_limit;
};

/* Error codes: the same numbers as the C library's errno.h. */
#define EPERM 1      /* the caller lacks the privilege */
#define ENOENT 2     /* no such program, nothing mapped there */
#define E2BIG 7      /* more programs than the kernel can tell apart */
#define ESRCH 3      /* no such process, or it has ended */
#define EINTR 4      /* a console read that Ctrl-C interrupted */
#define EIO 5        /* a device did not answer */
#define ECHILD 10    /* no such child to wait for */
#define EAGAIN 11    /* no free process slot */
#define EACCES 13    /* RAM, never a device's */
#define EBUSY 16     /* a device or interrupt another process (or the kernel) has */
#define ENOMEM 12    /* out of frames or kernel heap */
#define EFAULT 14    /* a pointer into memory the caller cannot access */
#define EEXIST 17    /* already mapped */
#define EINVAL 22    /* a bad argument */
#define EPIPE 32     /* the peer ended while we waited for it */
#define EDEADLK 45   /* a call to oneself */
#define ENOSYS 88    /* no such system call */
#define EMSGSIZE 122 /* a long message over IPC_LONG_MAX */

/* IPC. A message is a label and four words in registers (r1, r2-r5); a long
 * message also copies up to IPC_LONG_MAX bytes from the sender's buffer to the
 * receiver's, both named by a struct ipc_buf whose address is in r6 (0: none). */
#define IPC_LONG_MAX 256
#define IPC_WORDS 4

/* Set in r6 with the struct ipc_buf pointer when its long part is to be sent
 * (send_len > 0). Without it the kernel ignores send and send_len: it still
 * reads the struct (once per call, when r6 is not 0) and checks the receive
 * buffer, but neither checks nor copies a send buffer. */
#define IPC_BUF_SENDS 1u

struct ipc_buf {
	const void *send;  /* the long part to send */
	unsigned send_len; /* its length, at most IPC_LONG_MAX */
	void *recv;        /* where a long part received goes */
	unsigned recv_cap; /* its capacity; a longer part is cut to it */
};

/* Labels the kernel uses for the messages it sends itself. User labels are
 * below IPC_LABEL_KERNEL: a send or call with a higher one is -EINVAL. */
#define IPC_LABEL_KERNEL 0xffff0000u
#define IPC_LABEL_NOTIFY 0xffff0001u /* from pid 0: r2 = the notification bits */
#define IPC_LABEL_FAULT 0xffff0002u  /* from the faulting pid: r2 address, r3 access, r4 pc */

/* The notification bits the kernel sets itself: in a parent when one of its
 * children ends, and in the IO server when a process it mapped devices for or
 * bound interrupts to ends. They cannot be sent by a process (SYS_NOTIFY,
 * SYS_IRQ_BIND: -EINVAL). */
#define NOTIFY_CHILD_EXIT 0x80000000u
#define NOTIFY_DEVICES 0x40000000u
#define NOTIFY_KERNEL_BITS 0xC0000000u

/* A fault message's access word. */
#define FAULT_READ 1
#define FAULT_WRITE 2
#define FAULT_EXEC 3

/* The reply a pager gives a fault message: label 0 resumes the thread, any
 * other label kills it. */

/* An exit status as a parent sees it: a program's own status, 0 to
 * EXIT_STATUS_MAX (SYS_EXIT keeps its low byte: exit(-1) is 255), or, for a
 * process the kernel ended, KILLED | reason. The two never look alike. */
#define EXIT_STATUS_MAX 0xff
#define KILLED 0x40000000
#define STATUS_KILLED(s) (((s)&KILLED) != 0)
#define STATUS_KILL_REASON(s) ((s) & ~KILLED)
#define KILL_BY_REQUEST 1
#define KILL_STACK_OVERFLOW 2
#define KILL_PAGE_FAULT 3    /* in a reserve, with no pager or a pager that refused */
#define KILL_PERMISSION 4    /* an access the page does not allow */
#define KILL_BAD_ADDRESS 5   /* outside every region the process has */
#define KILL_KERNEL_MEMORY 6 /* an access to the kernel region */
#define KILL_UNDEFINED 7     /* an undefined instruction */
#define KILL_ALIGNMENT 8
#define KILL_NULL_POINTER 9 /* an access to page 0 */
#define KILL_BREAKPOINT 10  /* a breakpoint instruction, with no debugger to take it */
/* Each reason in words, as the kernel's kill line and the supervisor say it:
 * an initializer for a table indexed by reason. */
#define KILL_REASON_WORDS                                                                          \
	{                                                                                          \
		[KILL_BY_REQUEST] = "by request", [KILL_STACK_OVERFLOW] = "stack overflow",        \
		[KILL_PAGE_FAULT] = "page fault", [KILL_PERMISSION] = "permission fault",          \
		[KILL_BAD_ADDRESS] = "bad address",                                                \
		[KILL_KERNEL_MEMORY] = "access to kernel memory",                                  \
		[KILL_UNDEFINED] = "undefined instruction", [KILL_ALIGNMENT] = "alignment fault",  \
		[KILL_NULL_POINTER] = "NULL pointer", [KILL_BREAKPOINT] = "breakpoint",            \
	}

/* SYS_MAP flags: what the new page allows the target process. */
#define MAP_WRITE 1u

/* SYS_DEV_MAP: what goes into the device window at the address given. */
#define DEV_REGS 0u /* the device page whose number (pa >> 12) is given: RW, device memory */
/* A fresh zeroed page a device may read and write (DMA), RW, normal memory the
 * caches keep out of (DEV_DMA) or device memory (DEV_DMA_DEVICE); the call
 * returns its page number. */
#define DEV_DMA 1u
#define DEV_DMA_DEVICE 2u
/* The boot loader's device tree, read-only, into the caller's own window; the
 * call returns where in the first page it starts (-ENOENT: it passed none). */
#define DEV_TREE 3u

/* SYS_DEV_RW: a read or write of a register granted with SYS_DEV_GRANT. */
#define DEV_READ 0u
#define DEV_WRITE 1u

/* SYS_DEV_KERNEL: one range of registers of a device the kernel drives itself.
 * DEV_RANGE_CONSOLE: the console UART, whose receive side is a user driver's
 * (the console server's): its page may be mapped into a device window, while
 * the kernel goes on transmitting its own messages through it. */
#define DEV_RANGE_CONSOLE 1u
struct dev_range {
	unsigned pa, pa_high; /* where it starts: pa_high:pa */
	unsigned size;        /* bytes */
	unsigned flags;       /* DEV_RANGE_ */
};

/* SYS_MEMMAP: a process's memory as the seed draws it, top down: its own
 * regions, then the kernel's, which every process shares. Each region's
 * permissions are read from the translation table entry of its first page
 * ("RW-/R--": the kernel's read, write, execute, then user mode's). */
#define MEM_REGIONS_MAX 28
#define MEM_NAME_MAX 32
struct mem_region {
	unsigned start, end; /* [start, end); end 0 is 2^32 */
	/* pages mapped, of pages: for the regions that grow or are filled in
	 * (stack, heap, device window, kernel IO pages); 0 of 0 elsewhere */
	unsigned mapped, pages;
	unsigned pa, size; /* a device the kernel drives: its registers */
	char perm[8];
	char name[MEM_NAME_MAX];
};
struct mem_map {
	int pid;
	unsigned asid, region_base; /* the user region: from region_base to 2^32 */
	unsigned table_bytes;       /* of the process's translation tables */
	unsigned kernel_table_bytes;
	unsigned user_count, count; /* regions[0, user_count) are the process's */
	struct mem_region regions[MEM_REGIONS_MAX];
};

/* SYS_PROGRAM: what the program table says about a process's program. */
#define PROGRAM_NAME_MAX 32
#define PROGRAM_DEVICES_MAX 128
struct program_devices {
	char name[PROGRAM_NAME_MAX + 1];
	/* the devices it may have, by "compatible": NUL-separated, each whole */
	char devices[PROGRAM_DEVICES_MAX];
	unsigned devices_len;
};

#endif /* __ASSEMBLER__ */
#endif
