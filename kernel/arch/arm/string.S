/*
 * memset and memcpy for the whole image (the kernel's, and user code's too,
 * since the image has one symbol table). Zeroing a fresh page is on the path
 * of every page fault, so whole 32-byte blocks go with one stm each, four to a
 * loop iteration; the odd bytes at either end go one at a time. A whole page
 * has page_zero, four times as wide and unrolled.
 */
	.syntax unified
	.arch armv7-a
	.arm
	.text

/* void *memset(void *dst, int c, size_t n) */
	.global memset
	.type memset, %function
memset:
	mov	r12, r0				@ the result is dst
	and	r1, r1, #0xff
	orr	r1, r1, r1, lsl #8
	orr	r1, r1, r1, lsl #16
1:	tst	r12, #3				@ bytes until dst is word-aligned
	cmpne	r2, #0
	strbne	r1, [r12], #1
	subne	r2, r2, #1
	bne	1b
	cmp	r2, #32
	blo	3f
	push	{r4-r9}
	mov	r3, r1
	mov	r4, r1
	mov	r5, r1
	mov	r6, r1
	mov	r7, r1
	mov	r8, r1
	mov	r9, r1
	subs	r2, r2, #128
	blo	5f
4:	stmia	r12!, {r1, r3-r9}		@ 128 bytes an iteration: a page in 32
	stmia	r12!, {r1, r3-r9}
	stmia	r12!, {r1, r3-r9}
	stmia	r12!, {r1, r3-r9}
	subs	r2, r2, #128
	bhs	4b
5:	add	r2, r2, #128
	cmp	r2, #32
	blo	6f
2:	stmia	r12!, {r1, r3-r9}		@ 32 bytes
	sub	r2, r2, #32
	cmp	r2, #32
	bhs	2b
6:	pop	{r4-r9}
3:	subs	r2, r2, #1			@ the tail
	strbhs	r1, [r12], #1
	bhi	3b
	bx	lr
	.size memset, . - memset

/* void page_zero(void *page): 4096 bytes from a page-aligned address, 128 a
 * store: d0-d15 of the floating-point unit, which boot.S zeroes and nothing
 * else touches (the kernel is built soft-float, user mode has no access to
 * the unit), so they need no setting here. */
	.fpu	vfpv3-d16
	.global page_zero
	.type page_zero, %function
page_zero:
	.rept	32				@ no loop: its counting would be a third as much again
	vstmia	r0!, {d0-d15}
	.endr
	bx	lr
	.size page_zero, . - page_zero

/* void *memcpy(void *dst, const void *src, size_t n) */
	.global memcpy
	.type memcpy, %function
memcpy:
	mov	r12, r0
	orr	r3, r0, r1
	tst	r3, #3				@ both word-aligned: blocks of 32 bytes
	bne	3f
	cmp	r2, #32
	blo	4f
	push	{r4-r10}
2:	ldmia	r1!, {r3-r10}
	stmia	r12!, {r3-r10}
	sub	r2, r2, #32
	cmp	r2, #32
	bhs	2b
	pop	{r4-r10}
4:	cmp	r2, #4				@ aligned words
	ldrhs	r3, [r1], #4
	strhs	r3, [r12], #4
	subhs	r2, r2, #4
	bhs	4b
3:	subs	r2, r2, #1			@ the rest, a byte at a time
	ldrbhs	r3, [r1], #1
	strbhs	r3, [r12], #1
	bhi	3b
	bx	lr
	.size memcpy, . - memcpy
