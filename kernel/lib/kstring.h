/*
 * The C library's memory and string functions the kernel uses. The kernel
 * defines them in string.c; host builds of kernel files get the host's.
 */
#ifndef KSTRING_H
#define KSTRING_H

#include <stddef.h>

void *memset(void *dst, int c, size_t n);
void *memcpy(void *dst, const void *src, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);

#endif
