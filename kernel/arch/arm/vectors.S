/*
 * Exception entry and exit. Every entry saves the interrupted context as a
 * struct trap_frame (trap.h) and calls a C handler, which returns the frame to
 * resume: the same one, or another thread's.
 *
 * While a user thread runs, the SVC-mode stack pointer points just past its
 * saved context in its control block (struct thread starts with it), so an
 * entry from user mode saves the registers straight into the thread; the C
 * handler then runs on the kernel stack, which is empty between entries. The
 * restore leaves sp just past the resumed frame again. The kernel runs with
 * IRQs masked and only the idle loop takes them, with its frame at the top of
 * the kernel stack; so the kernel stack never holds more than one frame.
 *
 * A fault in kernel mode is saved on the abort stack instead and reported
 * (trap.c): that works even when the kernel stack is what broke.
 */
#include "wren/abi.h"

	.syntax unified
	.arch armv7-a
	.arm

#define MODE_USR 0x10
#define MODE_SVC 0x13
#define MODE_ABT 0x17
#define MODE_UND 0x1b
#define MODE_SYS 0x1f
#define PSR_MODE 0x1f
#define PSR_IF 0xc0
#define FRAME_SP 52   /* offsetof(struct trap_frame, sp) */
#define FRAME_SIZE 72 /* sizeof(struct trap_frame) */

/* With pc and cpsr already stored below sp (srsdb), saves the rest of the
 * frame. The interrupted mode is read from the stored cpsr, not from SPSR:
 * after srsdb to SVC mode and cps, SPSR is SVC mode's, stale. Leaves r0 =
 * frame, Z set if the interrupted mode was user mode. */
.macro save_context
	sub	sp, sp, #12			@ sp, lr, pad
	stmdb	sp!, {r0-r12}
	ldr	r1, [sp, #(FRAME_SP + 16)]	@ the cpsr srs stored: SPSR may be another mode's
	and	r2, r1, #PSR_MODE
	add	r0, sp, #FRAME_SP
	cmp	r2, #MODE_USR
	bne	1f
	stmia	r0, {sp, lr}^			@ user mode's banked sp and lr
	b	2f
1:	mrs	r3, cpsr
	and	r6, r3, #PSR_MODE
	cmp	r6, r2
	addeq	r4, sp, #FRAME_SIZE		@ same mode: its sp is just above the frame
	moveq	r5, lr
	beq	3f
	orr	r2, r2, #PSR_IF			@ visit the interrupted mode for its sp, lr
	msr	cpsr_c, r2
	mov	r4, sp
	mov	r5, lr
	msr	cpsr_c, r3
3:	stmia	r0, {r4, r5}
	cmp	r2, #0				@ clear Z: not from user mode
2:	mov	r0, sp
.endm

/* After save_context: from user mode, move to the (empty) kernel stack. */
.macro kernel_stack
	ldreq	sp, =__kstack_top - FRAME_SIZE
.endm

/* Branches to \kernel_fault if the exception came from a privileged mode. */
.macro if_privileged kernel_fault
	str	r0, [sp, #-4]			@ scratch on this mode's own stack
	mrs	r0, spsr
	tst	r0, #0xf			@ user mode is 0x10
	ldr	r0, [sp, #-4]
	bne	\kernel_fault
.endm

	.text
	.global vec_undef, vec_svc, vec_prefetch_abort, vec_data_abort
	.global vec_unused, vec_irq, vec_fiq, trap_return, idle_loop

vec_undef:
	if_privileged kernel_undef
	srsdb	sp!, #MODE_SVC
	cps	#MODE_SVC
	save_context
	kernel_stack
	mov	r1, #0				@ TRAP_UNDEF
	bl	user_fault_entry
	b	trap_return
kernel_undef:
	srsdb	sp!, #MODE_UND
	save_context
	mov	r1, #0
	b	arm_fault

vec_prefetch_abort:
	sub	lr, lr, #4
	if_privileged kernel_prefetch_abort
	srsdb	sp!, #MODE_SVC
	cps	#MODE_SVC
	save_context
	kernel_stack
	mov	r1, #1				@ TRAP_PREFETCH_ABORT
	bl	user_fault_entry
	b	trap_return
kernel_prefetch_abort:
	srsdb	sp!, #MODE_ABT
	save_context
	mov	r1, #1
	b	arm_fault

vec_data_abort:
	sub	lr, lr, #8
	if_privileged kernel_data_abort
	srsdb	sp!, #MODE_SVC
	cps	#MODE_SVC
	save_context
	kernel_stack
	mov	r1, #2				@ TRAP_DATA_ABORT
	bl	user_fault_entry
	b	trap_return
kernel_data_abort:
	srsdb	sp!, #MODE_ABT
	save_context
	mov	r1, #2
	b	arm_fault

vec_unused:
vec_fiq:
	sub	lr, lr, #4
	srsdb	sp!, #MODE_ABT
	save_context
	mov	r1, #3				@ TRAP_UNEXPECTED
	b	arm_fault

/* A system call: the common case gets the short path, every user register in
 * one stm, then straight into the number's handler in syscall_table (r7
 * clamped to SYS_COUNT, whose slot answers -ENOSYS), which returns the frame
 * to resume: no wrapper between, as in seL4, since the null call's whole cost
 * is a few dozen instructions. The kernel's own svc (semihosting) mends the
 * frame's sp and lr instead. SPSR is SVC mode's own here, set by this very
 * exception. */
vec_svc:
	srsdb	sp!, #MODE_SVC
	sub	sp, sp, #(FRAME_SIZE - 8)
	stmia	sp, {r0-r14}^			@ r0-r12, and user mode's sp and lr
	mrs	r1, spsr
	mov	r0, sp				@ the frame: the thread, whose first member it is
	tst	r1, #0xf			@ user mode is 0x10
	bne	1f
	ldr	sp, =__kstack_top - FRAME_SIZE
	cmp	r7, #SYS_COUNT
	movhi	r7, #SYS_COUNT			@ the frame keeps the caller's r7
	ldr	r12, =syscall_table
	ldr	r12, [r12, r7, lsl #2]
	blx	r12
	b	trap_return
1:	add	r2, sp, #FRAME_SIZE		@ from the kernel: its sp, lr
	add	r3, sp, #FRAME_SP
	stmia	r3, {r2, lr}
	bl	kernel_svc_entry
	b	trap_return

vec_irq:
	sub	lr, lr, #4
	srsdb	sp!, #MODE_SVC
	cps	#MODE_SVC
	save_context
	kernel_stack
	bl	irq_entry
	/* fall through */

/* Resumes the frame in r0 (in SVC mode, IRQs masked). */
trap_return:
	mov	sp, r0
	ldr	r1, [sp, #(FRAME_SP + 16)]	@ frame cpsr
	tst	r1, #0xf			@ user mode is 0x10
	bne	1f
	ldmia	sp, {r0-r14}^			@ r0-r12, and user mode's sp and lr
	add	sp, sp, #(FRAME_SIZE - 8)
	rfeia	sp!
1:	ldr	lr, [sp, #(FRAME_SP + 4)]	@ interrupted kernel code's lr
	ldmia	sp!, {r0-r12}
	add	sp, sp, #12
	rfeia	sp!

/* What runs when no thread can: in SVC mode, IRQs on, on the kernel stack. */
idle_loop:
	wfi
	b	idle_loop
