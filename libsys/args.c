/*
 * Packing a program's arguments for SYS_SPAWN, and unpacking them in the new
 * process (wren/args.h).
 */
#include <string.h>
#include <wren/args.h>

int args_pack(char *block, unsigned size, const char *const *args)
{
	unsigned len = 0, count = 0;
	if (size > SPAWN_ARGS_MAX)
		size = SPAWN_ARGS_MAX;
	for (; args && *args; args++) {
		unsigned n = (unsigned)strlen(*args) + 1;
		if (++count > SPAWN_ARGC_MAX || n > size - len)
			return -E2BIG;
		memcpy(block + len, *args, n);
		len += n;
	}
	return (int)len;
}

int args_unpack(char *block, unsigned len, char **argv, unsigned first, unsigned max)
{
	unsigned count = 0;
	if (len && block[len - 1] != '\0')
		return -EINVAL;
	for (unsigned at = 0; at < len; at += (unsigned)strlen(block + at) + 1) {
		if (first + count + 1 >= max)
			return -EINVAL;
		argv[first + count++] = block + at;
	}
	argv[first + count] = NULL;
	return (int)count;
}
