/*
 * A program's arguments packed into one block and back (libsys/args.c), the
 * form in which SYS_SPAWN carries them: NUL-terminated strings one after
 * another, at most SPAWN_ARGS_MAX bytes and SPAWN_ARGC_MAX strings (wren/abi.h).
 * Plain C, tested on the host.
 */
#ifndef WREN_ARGS_H
#define WREN_ARGS_H

#include <wren/abi.h>

/* Packs the NULL-terminated list args into block (size bytes). Returns the
 * block's length (0 for no arguments), or -E2BIG when they do not fit in size,
 * SPAWN_ARGS_MAX or SPAWN_ARGC_MAX. */
int args_pack(char *block, unsigned size, const char *const *args);

/* Splits a block of len bytes into argv[first...], each entry pointing into the
 * block, and ends the list with NULL (argv holds max entries). Returns the
 * number of strings, or -EINVAL for a block that does not end in a NUL or has
 * more strings than argv can take. */
int args_unpack(char *block, unsigned len, char **argv, unsigned first, unsigned max);

#endif
