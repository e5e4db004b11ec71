/*
 * Exception entry and exit. Every entry saves the interrupted context as a
 * struct trap_frame (trap.h) and passes it to a C handler:
 *
 *   undefined instruction, prefetch and data abort: on the abort stack, so a
 *       fault is reported even if the kernel stack is what broke;
 *   SVC and IRQ: on the single kernel stack, and back through trap_return.
 *
 * The kernel runs with IRQs masked, so an IRQ interrupts the kernel only in its
 * idle wait, and the kernel stack is never nested deeper than one frame.
 */
	.syntax unified
	.arch armv7-a
	.arm

#define MODE_USR 0x10
#define MODE_SVC 0x13
#define MODE_SYS 0x1f
#define PSR_MODE 0x1f
#define PSR_IF 0xc0
#define FRAME_SP 52 /* offsetof(struct trap_frame, sp) */
#define FRAME_SIZE 72 /* sizeof(struct trap_frame) */

/* Saves r0-r12 and the interrupted sp and lr below the pc and cpsr already on
 * the stack; the caller's mode is in SPSR. Leaves r0 = frame. */
.macro save_context
	sub	sp, sp, #12			@ sp, lr, pad
	stmdb	sp!, {r0-r12}
	mrs	r1, spsr
	and	r2, r1, #PSR_MODE
	cmp	r2, #MODE_USR
	cmpne	r2, #MODE_SYS
	add	r0, sp, #FRAME_SP
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
2:	mov	r0, sp
.endm

	.text
	.global vec_undef, vec_svc, vec_prefetch_abort, vec_data_abort
	.global vec_unused, vec_irq, vec_fiq

vec_undef:
	srsdb	sp!, #0x1b
	save_context
	mov	r1, #0
	b	arm_fault

vec_prefetch_abort:
	sub	lr, lr, #4
	srsdb	sp!, #0x17
	save_context
	mov	r1, #1
	b	arm_fault

vec_data_abort:
	sub	lr, lr, #8
	srsdb	sp!, #0x17
	save_context
	mov	r1, #2
	b	arm_fault

vec_unused:
vec_fiq:
	sub	lr, lr, #4
	srsdb	sp!, #0x17
	save_context
	mov	r1, #3
	b	arm_fault

vec_svc:
	srsdb	sp!, #MODE_SVC
	save_context
	bl	svc_handler
	b	trap_return

vec_irq:
	sub	lr, lr, #4
	srsdb	sp!, #MODE_SVC
	cps	#MODE_SVC
	save_context
	bl	irq_handler
	b	trap_return

/* Restores the frame at sp (in SVC mode) and returns to where it came from. */
trap_return:
	ldr	r1, [sp, #(FRAME_SP + 16)]	@ frame cpsr
	and	r2, r1, #PSR_MODE
	cmp	r2, #MODE_USR
	cmpne	r2, #MODE_SYS
	add	r0, sp, #FRAME_SP
	ldmiaeq	r0, {sp, lr}^
	ldrne	lr, [r0, #4]			@ interrupted SVC code's lr
	ldmia	sp!, {r0-r12}
	add	sp, sp, #12
	rfeia	sp!
