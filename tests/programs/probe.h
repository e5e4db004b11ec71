/*
 * The probe's protocol: it asks its parent (label PROBE_ASK) what to do and gets
 * an address in w[0] and one of these accesses in w[1].
 */
#ifndef PROBE_H
#define PROBE_H

#define PROBE_ASK 1

#define PROBE_READ 1
#define PROBE_WRITE 2         /* a store of zero */
#define PROBE_REWRITE 3       /* a word read and stored back, harmless where it succeeds */
#define PROBE_EXEC 4          /* a call to the address (in Thumb state) */
#define PROBE_UNDEF 5         /* an undefined instruction */
#define PROBE_RECURSE 6       /* recursion without end */
#define PROBE_EXEC_PREPARED 7 /* a "bx lr" stored at the address, then called */

#define PROBE_PAGE 4096 /* what a probe told to grow its heap asks sbrk for */

#endif
