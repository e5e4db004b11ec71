/*
 * The few C library functions a freestanding kernel needs that are not worth
 * writing in assembly (memset and memcpy are: arch/arm/string.S).
 */
#include <stddef.h>

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;
	for (; n; n--, x++, y++)
		if (*x != *y)
			return *x - *y;
	return 0;
}

size_t strlen(const char *s)
{
	size_t n = 0;
	while (s[n])
		n++;
	return n;
}
