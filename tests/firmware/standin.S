/*
 * A stand-in for the Raspberry Pi 2/3 firmware's ARM stub, for the system tests:
 * it starts kernel7.img the way the real firmware does, which QEMU's own
 * loader (-kernel) does not. Every core enters at its first word in Secure SVC
 * (QEMU raspi2b's reset) and
 *   - sets what only Secure state may (CNTFRQ to the Pi's 19.2 MHz crystal,
 *     ACTLR.SMP, NSACR), and enters Non-secure HYP mode through the monitor;
 *   - cores 1-3 then wait, each on its ARM-local mailbox 3, for an address to
 *     jump to, as they do on a Pi;
 *   - core 0 jumps to the kernel at 0x8000 with r0 = 0, r1 = the Pi 2's machine
 *     number and r2 = the device tree QEMU's -device loader put at TREE (0 when
 *     there is none there).
 * Position-independent: QEMU raspi3b runs it at 0x1000 from its second word,
 * in HYP already, after prologue64.S has done the Secure part at EL3.
 * Built with -DSTORM, it also leaves the system timer's compare 1 interrupt
 * enabled and due, as careless firmware could: a kernel that does not mask the
 * BCM2835 controller at boot then never stops taking interrupts.
 */
	.syntax unified
	.arch armv7-a
	.arch_extension sec
	.arch_extension virt
	.arm

#define KERNEL 0x8000
#define TREE 0x2effb800 /* near the top of the ARM's RAM, as the firmware puts it */
#define FDT_MAGIC_LE 0xedfe0dd0 /* 0xd00dfeed, big-endian, read as a little-endian word */
#define MACHINE_PI2 0xc43
#define CNTFRQ_HZ 19200000
#define ACTLR_SMP (1 << 6)
#define NSACR_VALUE ((1 << 10) | (1 << 11) | (1 << 18)) /* CP10, CP11, NS_SMP */
#define SCR_VALUE ((1 << 0) | (1 << 4) | (1 << 5) | (1 << 8)) /* NS, FW, AW, HCE */
#define SPSR_HYP 0x1da /* HYP mode, A, I and F masked */
#define LOCAL_MBOX3_CLR 0x400000cc /* core n's at + 16 n */
#define SYSTIMER 0x3f003000
#define SYSTIMER_CLO 0x04
#define SYSTIMER_C1 0x10
#define INTC_ENABLE_1 0x3f00b210
#define GPU_IRQ_TIMER1 (1 << 1)

	.text
	.global _start
_start:
	b	secure_start
	b	hyp_start

secure_start:
	ldr	r0, =CNTFRQ_HZ
	mcr	p15, 0, r0, c14, c0, 0		@ CNTFRQ
	mrc	p15, 0, r0, c1, c0, 1
	orr	r0, r0, #ACTLR_SMP
	mcr	p15, 0, r0, c1, c0, 1		@ ACTLR
	ldr	r0, =NSACR_VALUE
	mcr	p15, 0, r0, c1, c1, 2		@ NSACR
	adr	r0, monitor_vectors
	mcr	p15, 0, r0, c12, c0, 1		@ MVBAR
	isb
	smc	#0				@ comes back in HYP mode, below
hyp_start:
	mrc	p15, 0, r0, c0, c0, 5		@ MPIDR
	ands	r0, r0, #3
	bne	wait_for_mailbox
#ifdef STORM
	ldr	r1, =SYSTIMER
	ldr	r2, [r1, #SYSTIMER_CLO]
	add	r2, r2, #100			@ due in 100 us
	str	r2, [r1, #SYSTIMER_C1]
	ldr	r1, =INTC_ENABLE_1
	mov	r2, #GPU_IRQ_TIMER1
	str	r2, [r1]
#endif
	ldr	r2, =TREE
	ldr	r3, [r2]
	ldr	r4, =FDT_MAGIC_LE
	cmp	r3, r4
	movne	r2, #0
	mov	r0, #0
	ldr	r1, =MACHINE_PI2
	ldr	r4, =KERNEL
	bx	r4

/* Cores 1-3: wait for an address in local mailbox 3, clear it, go there. */
wait_for_mailbox:
	ldr	r5, =LOCAL_MBOX3_CLR
	add	r5, r5, r0, lsl #4
1:	wfe
	ldr	r3, [r5]
	cmp	r3, #0
	beq	1b
	str	r3, [r5]			@ write-1-to-clear
	bx	r3

/* The monitor: the smc above lands here and returns to the next instruction in
 * Non-secure HYP mode. */
	.balign 32
monitor_vectors:
	b	.
	b	.
	b	monitor_smc
	b	.
	b	.
	b	.
	b	.
	b	.
monitor_smc:
	ldr	r0, =SCR_VALUE
	mcr	p15, 0, r0, c1, c1, 0		@ SCR
	isb
	mov	r0, #SPSR_HYP
	msr	spsr_cxsf, r0
	movs	pc, lr
	.ltorg
