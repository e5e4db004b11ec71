/*
 * The first code that runs: the image's entry point, also its exception vectors.
 *
 * The boot loader jumps to the first byte of the image, wherever it loaded it
 * (0x40010000 on QEMU virt, 0x10000 on QEMU raspi2b, 0x8000 on a real Pi), with
 * r2 = device tree (Linux ARM boot protocol). The kernel is linked at virtual
 * address 0, so until the MMU is on this code must be position-independent:
 *
 *   1. leave HYP mode if the firmware entered us in it (a real Pi does);
 *   2. park every core but core 0;
 *   3. copy the image to the next 2 MiB boundary (phys_base), so that kernel
 *      virtual and physical addresses agree modulo 2 MiB and the heap can be
 *      mapped with 2 MiB blocks;
 *   4. clear .bss, build the kernel's translation tables (boot_map.c);
 *   5. join the cores' coherency (the SMP bit), invalidate the data cache,
 *      turn on the MMU and caches, jump to virtual addresses, set the mode
 *      stacks and VBAR, remove the identity block the jump needed, and call
 *      kmain (boot_info holds phys_base and the tree).
 */
#include "memlayout.h"
#include "lpae.h"

	.syntax unified
	.fpu	vfpv3-d16				@ for FPEXC and d0-d15, below
	.arch armv7-a
	.arch_extension virt
	.arm

#define MODE_FIQ 0x11
#define MODE_IRQ 0x12
#define MODE_SVC 0x13
#define MODE_ABT 0x17
#define MODE_HYP 0x1a
#define MODE_UND 0x1b
#define PSR_IF 0xc0
#define ABORT_STACK_SIZE 2048
#define BOOT_INFO_ENTERED_HYP 16 /* offsetof(struct boot_info, entered_hyp) */
#define MIDR_PART_A53 0xd03
#define SMP_BIT (1 << 6) /* ACTLR.SMP (Cortex-A7, A15); CPUECTLR.SMPEN (A53) */

/* TTBCR: long descriptors, walks cacheable, TTBR0 covering all 4 GiB (T1SZ = 0)
 * so that the boot identity block works wherever the image is; TTBR1 walks stay
 * off (EPD1) until the first process has a user region. */
#define TTBCR_VALUE ((1 << 31) | (1 << 23) | (3 << 12) | (1 << 10) | (1 << 8))
/* SCTLR: MMU, D-cache, branch prediction, I-cache. */
#define SCTLR_ON ((1 << 0) | (1 << 2) | (1 << 11) | (1 << 12))
/* SCTLR: alignment check, high vectors, TEX remap, access flag, Thumb exceptions. */
#define SCTLR_OFF ((1 << 1) | (1 << 13) | (1 << 28) | (1 << 29) | (1 << 30))

	.section .text.vectors, "ax"
	.global _start
	.global vectors
_start:
vectors:
	b	reset
	b	vec_undef
	b	vec_svc
	b	vec_prefetch_abort
	b	vec_data_abort
	b	vec_unused
	b	vec_irq
	b	vec_fiq

	.section .text.boot, "ax"
reset:
	mov	r10, r2				@ r10: device tree, physical
	mov	r11, #0				@ r11: 1 if entered in HYP mode
	mrs	r0, cpsr
	and	r0, r0, #0x1f
	cmp	r0, #MODE_HYP
	bne	in_svc
	mov	r11, #1
	bl	smp_join
	mov	r0, #3
	mcr	p15, 4, r0, c14, c1, 0		@ CNTHCTL: PL1 may use the physical timer
	mrc	p15, 4, r0, c1, c1, 2		@ HCPTR: the floating-point unit is not
	bic	r0, r0, #(3 << 10)		@ trapped to HYP (TCP10, TCP11)
	mcr	p15, 4, r0, c1, c1, 2
	mov	r0, #0
	mov	r1, #0
	mcrr	p15, 4, r0, r1, c14		@ CNTVOFF = 0: virtual time = physical time
	mrs	r0, cpsr
	bic	r0, r0, #0x1f
	orr	r0, r0, #(MODE_SVC | PSR_IF)
	msr	spsr_cxsf, r0			@ SPSR_hyp: HYP may not name its own banked copy
	adr	r0, in_svc
	msr	elr_hyp, r0
	eret
in_svc:
	cpsid	aif
	cmp	r11, #0
	bleq	smp_join			@ entered in SVC; from HYP it is done
	mrc	p15, 0, r0, c0, c0, 5		@ MPIDR
	ands	r0, r0, #3
	bne	park

	/* r4 = load address, r6 = phys_base = load address rounded up to 2 MiB. */
	adr	r4, reset
	ldr	r0, =reset
	sub	r4, r4, r0
	ldr	r5, =(BLOCK_SIZE - 1)
	add	r6, r4, r5
	bic	r6, r6, r5
	cmp	r4, r6
	beq	relocated
	/* Copied from the end down, since the copy is higher and may overlap
	 * the original: first the original .data_shared, then everything below
	 * .bss. What lies between (.bss, the kernel stack) is not worth copying:
	 * this is boot's longest loop. */
	ldr	r9, =__image_file_end		@ 16-byte aligned (kernel.ld)
	add	r7, r4, r9
	add	r8, r6, r9
	ldr	r9, =__shared_orig_start	@ page-aligned
	add	r9, r4, r9
copy_shared:
	ldmdb	r7!, {r0-r3}
	stmdb	r8!, {r0-r3}
	cmp	r7, r9
	bhi	copy_shared
	ldr	r9, =__bss_start		@ 32-byte aligned (kernel.ld)
	add	r7, r4, r9
	add	r8, r6, r9
copy:	.rept	4				@ 128 bytes a step: the last may start
	ldmdb	r7!, {r0-r3, r5, r9, r12, lr}	@ below the image, and so write below
	stmdb	r8!, {r0-r3, r5, r9, r12, lr}	@ the copy what the original holds there
	.endr					@ (read already: the copy goes down)
	cmp	r7, r4
	bhi	copy
	dsb					@ the copy is in memory before
	mov	r0, #0
	mcr	p15, 0, r0, c7, c5, 0		@ ICIALLU: the copy is new code
	mcr	p15, 0, r0, c7, c5, 6		@ BPIALL
	dsb
	isb
	ldr	r0, =relocated
	add	r0, r0, r6
	bx	r0

relocated:
	ldr	r0, =__bss_start		@ 32-byte aligned, both (kernel.ld)
	ldr	r1, =__bss_end
	add	r0, r0, r6
	add	r1, r1, r6
	mov	r2, #0
	mov	r3, #0
	mov	r4, #0
	mov	r5, #0
	mov	r7, #0
	mov	r8, #0
	mov	r9, #0
	mov	r12, #0
clear:	cmp	r0, r1				@ 32 bytes a store: the tables are most of .bss
	stmlo	r0!, {r2-r5, r7-r9, r12}
	blo	clear

	ldr	sp, =__kstack_top
	add	sp, sp, r6
	mov	r0, r6
	mov	r1, r10
	ldr	r2, =boot_tables
	add	r2, r2, r6
	ldr	r3, =boot_info
	add	r3, r3, r6
	bl	boot_map_kernel			@ r0 = TTBR0 (physical)
	mov	r9, r0
	bl	dcache_invalidate
	mov	r0, r9

	ldr	r1, =MAIR0_VALUE
	mcr	p15, 0, r1, c10, c2, 0		@ MAIR0
	ldr	r1, =TTBCR_VALUE
	mcr	p15, 0, r1, c2, c0, 2		@ TTBCR
	mov	r1, #0
	mcrr	p15, 0, r0, r1, c2		@ TTBR0
	mov	r0, #0
	mcrr	p15, 1, r0, r1, c2		@ TTBR1
	mcr	p15, 0, r0, c8, c7, 0		@ TLBIALL
	mcr	p15, 0, r0, c7, c5, 0		@ ICIALLU
	mcr	p15, 0, r0, c7, c5, 6		@ BPIALL
	dsb
	isb
	mrc	p15, 0, r0, c1, c0, 0
	ldr	r1, =SCTLR_OFF
	bic	r0, r0, r1
	ldr	r1, =SCTLR_ON
	orr	r0, r0, r1
	ldr	r1, =virtual_start
	/* boot_map_kernel mapped this 2 MiB block at its own physical address too,
	 * so the instructions right after the MMU turns on are still there
	 * (mmu_unmap_identity removes it once we run at virtual addresses). */
	mcr	p15, 0, r0, c1, c0, 0
	isb
	bx	r1

virtual_start:
	ldr	sp, =__kstack_top
	cps	#MODE_ABT
	ldr	sp, =abort_stack + ABORT_STACK_SIZE
	cps	#MODE_UND
	ldr	sp, =abort_stack + ABORT_STACK_SIZE
	cps	#MODE_IRQ
	ldr	sp, =irq_stack + 16
	cps	#MODE_FIQ
	ldr	sp, =irq_stack + 16
	cps	#MODE_SVC
	ldr	r0, =vectors
	mcr	p15, 0, r0, c12, c0, 0		@ VBAR
	isb
	ldr	r0, =boot_info
	str	r11, [r0, #BOOT_INFO_ENTERED_HYP]
	/* The floating-point unit, for page_zero alone (string.S): PL1 access
	 * only (CPACR cp10, cp11 = 01), on, and d0-d15 zero from now on. */
	mrc	p15, 0, r0, c1, c0, 2
	orr	r0, r0, #(5 << 20)
	mcr	p15, 0, r0, c1, c0, 2
	isb
	mov	r0, #(1 << 30)
	vmsr	fpexc, r0			@ FPEXC.EN
	mov	r0, #0
	mov	r1, #0
	.irp	d, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
	vmov	d\d, r0, r1
	.endr
	bl	mmu_unmap_identity
	bl	kmain
park:	wfe
	b	park

/* Sets the SMP bit, which a Cortex-A7, A15 or A53 needs before its caches are
 * on, to take part in coherency (the Pi's firmware sets it, QEMU ignores it;
 * set it all the same). The A7 and A15 keep it in ACTLR. The A53 keeps it in
 * CPUECTLR, which HYP may reach once the firmware let it (its stub does, on
 * the Pi 3) and SVC may not: entered in SVC (r11 = 0), the A53's is left as
 * the boot loader set it. Uses r0-r1. */
smp_join:
	mrc	p15, 0, r0, c0, c0, 0		@ MIDR
	ubfx	r0, r0, #4, #12			@ part number
	ldr	r1, =MIDR_PART_A53
	cmp	r0, r1
	beq	1f
	mrc	p15, 0, r0, c1, c0, 1		@ ACTLR
	orr	r0, r0, #SMP_BIT
	mcr	p15, 0, r0, c1, c0, 1
	isb
	bx	lr
1:	cmp	r11, #1
	bxne	lr
	mrrc	p15, 1, r0, r1, c15		@ CPUECTLR
	orr	r0, r0, #SMP_BIT
	mcrr	p15, 1, r0, r1, c15
	isb
	bx	lr

/* Invalidates the data caches by set/way, as the architecture requires before
 * they are first enabled (their contents are UNKNOWN): every level up to the
 * Level of Unification Inner Shareable (CLIDR.LoUIS), the caches private to
 * this core. Outer, shared levels (the L2 of the A7, A15, A53) are not this
 * core's to wipe by set/way while others may use them; the cores invalidate
 * them at reset, and a boot loader that used them must clean them (Linux's
 * boot protocol), as Linux's v7_invalidate_l1 assumes too. Uses r0-r8, r12. */
dcache_invalidate:
	mrc	p15, 1, r0, c0, c0, 1		@ CLIDR
	ubfx	r3, r0, #21, #3			@ LoUIS
	mov	r12, #0				@ level
next_level:
	cmp	r12, r3
	bhs	caches_done
	add	r1, r12, r12, lsl #1
	lsr	r1, r0, r1
	and	r1, r1, #7			@ this level's cache type
	cmp	r1, #2				@ 2 and up: data or unified
	blo	level_done
	lsl	r1, r12, #1
	mcr	p15, 2, r1, c0, c0, 0		@ CSSELR: this level, data
	isb
	mrc	p15, 1, r1, c0, c0, 0		@ CCSIDR
	and	r2, r1, #7
	add	r2, r2, #4			@ log2(line size)
	ubfx	r5, r1, #3, #10			@ ways - 1
	ubfx	r7, r1, #13, #15		@ sets - 1
	clz	r8, r5				@ where the way goes in DCISW
	mov	r4, r5				@ way
next_way:
	mov	r6, r7				@ set
next_set:
	lsl	r1, r4, r8			@ way (0 when one way: lsl #32)
	orr	r1, r1, r6, lsl r2
	orr	r1, r1, r12, lsl #1
	mcr	p15, 0, r1, c7, c6, 2		@ DCISW
	subs	r6, r6, #1
	bge	next_set
	subs	r4, r4, #1
	bge	next_way
level_done:
	add	r12, r12, #1
	b	next_level
caches_done:
	dsb
	isb
	bx	lr

/* Undefined-instruction and abort handlers both run on this stack: a kernel
 * fault is reported from here, even when the kernel stack itself overflowed.
 * IRQ and FIQ move to the kernel stack at once (vectors.S) and need no stack. */
	.section .bss
	.balign 8
abort_stack:
	.space	ABORT_STACK_SIZE
irq_stack:
	.space	16
