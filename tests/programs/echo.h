/*
 * The echo-server's protocol: the labels it understands.
 */
#ifndef ECHO_H
#define ECHO_H

#define ECHO_ADD 1     /* reply: each word plus one */
#define ECHO_REVERSE 2 /* reply: the long part reversed */
#define ECHO_DIE 3     /* the server ends without replying */
#define ECHO_PING 4    /* reply: the message as it came, long part too */
#define ECHO_UNKNOWN 99

#endif
