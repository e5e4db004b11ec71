/*
 * The protocol between test-hostile and the hostile programs it starts
 * (intruder.c, hostile.c): each asks its parent what to do (a call with label
 * HOSTILE_ASK) and gets a command in w[0] and its arguments in w[1]-w[3].
 * What it found comes back as its exit status (the number of its own checks
 * that failed) or, for a command that must kill it, as the reason it died.
 */
#ifndef HOSTILE_H
#define HOSTILE_H

#include <wren/sys.h>

#define HOSTILE_ASK 1

/* intruder's commands (no privilege at all) */
#define INTRUDE_BAD_INPUTS                                                                         \
	1                 /* every bad argument it can think of; w[1] a stranger's pid,            \
			     w[2] a pid that has ended */
#define INTRUDE_WAIT 2    /* asks again and waits: a live bystander */
#define INTRUDE_EXIT_AS 3 /* SYS_EXIT with w[1] as the status */
#define INTRUDE_FORGE 4   /* answers its parent's call with the kernel's labels */
#define INTRUDE_INSN 5    /* runs instruction w[1] (below) */
/* mapper's (PRIV_MAP): w[1] a stranger's pid, w[2] a process it pages */
#define MAPPER_RIGHTS 6
/* spawner's (PRIV_SPAWN): w[1] a stranger's pid */
#define SPAWNER_RIGHTS 7

/* INTRUDE_INSN: what user mode may not do. Those that are undefined kill; the
 * rest are ignored in user mode, which the intruder shows by going on. */
#define INSN_SCTLR_READ 1  /* mrc p15 SCTLR */
#define INSN_SCTLR_WRITE 2 /* mcr p15 SCTLR: the MMU off */
#define INSN_TTBR0_WRITE 3 /* mcr p15 TTBR0: a translation table of its own */
#define INSN_VBAR_WRITE 4  /* mcr p15 VBAR: vectors of its own */
#define INSN_TLBIALL 5     /* mcr p15 TLBIALL */
#define INSN_TPIDRURO 6    /* mcr p15 TPIDRURO: the thread pointer is read-only */
#define INSN_PMCR_WRITE 7  /* mcr p15 PMCR: reset every counter */
#define INSN_SMC 8         /* smc #0: the secure monitor */
#define INSN_HVC 9         /* hvc #0: the hypervisor */
#define INSN_HLT 10        /* hlt #0xf000: semihosting's A32 trap */
#define INSN_BKPT 11       /* bkpt: a debug event */
#define INSN_MSR_SVC 12    /* msr cpsr_c to SVC mode, then mrc SCTLR */
#define INSN_CPS_SVC 13    /* cps to SVC mode, then mrc SCTLR */
#define INSN_CPSID_SPIN 14 /* cpsid if, tell the parent, then compute forever */
#define INSN_WFI_LOOP 15   /* tell the parent, then wfi forever */
#define INSN_LDRD_ODD 16   /* ldrd from an odd address */

/* The notification bit a hostile program sets in its parent when it is about
 * to compute forever, or to receive the parent's call; the parent's own, to
 * find the end of what is pending, is HOSTILE_SELF_BIT. */
#define HOSTILE_READY_BIT 1
#define HOSTILE_SELF_BIT 2

/* Asks the parent for a command; returns it with its arguments in *msg. */
static inline int hostile_ask(struct ipc_msg *msg)
{
	*msg = (struct ipc_msg){.label = HOSTILE_ASK};
	return ipc_call(sys_info(INFO_PARENT), msg, 0) == 0 ? (int)msg->w[0] : -1;
}

#endif
