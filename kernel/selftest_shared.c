/*
 * User-side globals for the test image: linked as libuser_selftest.a, so the
 * linker script puts them in .data_shared/.bss_shared, and the memory tests can
 * check that every process gets its own copy with the initial values.
 */
#include <stdint.h>

uint32_t selftest_shared_value = 0x5eed5eed;
char selftest_shared_text[] = "seed";
uint32_t selftest_shared_zeroes[300]; /* .bss_shared, spilling onto a second page */
