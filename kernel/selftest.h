/*
 * The in-kernel tests of the test image, by subject; selftest.c runs one by name.
 */
#ifndef SELFTEST_H
#define SELFTEST_H

/* Runs the kernel test that the host's command line names (QEMU -append) and
 * ends the run with its result; returns the name of the program to start
 * first when the command line names a program instead. */
const char *selftest_run(void);

/* Each returns the number of failed checks (0: passed), or does not return. */
int selftest_vm_permissions(void);
int selftest_vm_shared_copy(void);
int selftest_vm_cycles(void);
int selftest_vm_memmap(void);
/* The kernel heap's linear map of all RAM above the image, wherever RAM lies. */
int selftest_vm_ram(void);
int selftest_kernel_stack_overflow(void);

#endif
