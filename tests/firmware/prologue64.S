/*
 * QEMU raspi3b's cores start in AArch64 at EL3, at address 0, where the Pi 3's
 * firmware would run its own stub: this prologue does what that stub does for
 * a 32-bit kernel (CNTFRQ, the lower levels' access to the implementation's
 * registers, CPUECTLR.SMPEN) and drops every core to AArch32 HYP mode, to
 * standin.S's HYP entry (A32_HYP_ENTRY, given when it is assembled).
 */
	.text
	.global _start
_start:
	ldr	x0, =19200000
	msr	cntfrq_el0, x0
	mov	x0, #0x73		/* CPUACTLR, CPUECTLR, L2CTLR, L2ECTLR, L2ACTLR */
	msr	actlr_el3, x0
	msr	actlr_el2, x0
	mrs	x0, s3_1_c15_c2_1	/* CPUECTLR_EL1 */
	orr	x0, x0, #(1 << 6)	/* SMPEN */
	msr	s3_1_c15_c2_1, x0
	mov	x0, #0x1b1		/* SCR_EL3: NS, RES1 4-5, SMD, HCE; RW = 0: EL2 is AArch32 */
	msr	scr_el3, x0
	mov	x0, #0x1da		/* SPSR_EL3: AArch32 HYP, A, I and F masked */
	msr	spsr_el3, x0
	ldr	x0, =A32_HYP_ENTRY
	msr	elr_el3, x0
	isb
	eret
	.ltorg
