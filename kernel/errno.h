/*
 * Error codes the kernel returns, negated (as in Linux): -EINVAL and so on.
 * docs/syscalls.md lists which call returns which.
 */
#ifndef ERRNO_H
#define ERRNO_H

#define EPERM 1   /* not allowed to the caller */
#define ENOENT 2  /* nothing there */
#define ENOMEM 12 /* out of frames or heap */
#define EFAULT 14 /* a bad address */
#define EEXIST 17 /* already there */
#define EINVAL 22 /* a bad argument */

#endif
