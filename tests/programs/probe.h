/*
 * The probe's protocol: it asks its parent (label PROBE_ASK) what to do and gets
 * an address in w[0] and one of these accesses in w[1] (the frames need no
 * address).
 */
#ifndef PROBE_H
#define PROBE_H

#define PROBE_ASK 1

#define PROBE_READ 1
#define PROBE_WRITE 2          /* a store of zero */
#define PROBE_REWRITE 3        /* a word read and stored back, harmless where it succeeds */
#define PROBE_EXEC 4           /* a call to the address (in Thumb state) */
#define PROBE_UNDEF 5          /* an undefined instruction */
#define PROBE_RECURSE 6        /* recursion without end */
#define PROBE_EXEC_PREPARED 7  /* a "bx lr" stored at the address, then called */
#define PROBE_FRAME 8          /* a call to a function with a 64 KiB local array */
#define PROBE_FRAME_UNPROBED 9 /* the same frame as code without stack probing makes it */
#define PROBE_CALL 10          /* a call through the address as a function pointer */
#define PROBE_PMU_READ 11      /* a read of the PMU's cycle counter */
#define PROBE_PMU_WRITE 12     /* a write that stops the PMU's cycle counter */
#define PROBE_BREAKPOINT 13    /* a bkpt instruction */

/* The probe's exit status when it came back from PROBE_FRAME having written
 * its heap: the frame jumped the guard page. */
#define PROBE_WROTE_HEAP 3

#define PROBE_PAGE 4096 /* the unit of the heap growth a probe is told (its w[2]) */

#endif
