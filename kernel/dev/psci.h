/*
 * PSCI, the firmware interface that turns an ARM machine off. It lives one
 * exception level above the kernel, reached by hvc (a hypervisor: QEMU virt
 * entered in SVC mode) or smc (the secure monitor: QEMU virt with
 * virtualization=on, the Allwinner H3, U-Boot's PSCI on a real board).
 */
#ifndef PSCI_H
#define PSCI_H

enum psci_conduit { PSCI_HVC, PSCI_SMC };

/* SYSTEM_OFF. Does not return if the firmware turns the machine off; returns
 * if it refuses (or the conduit leads to something that is not PSCI). */
void psci_system_off(enum psci_conduit conduit);

#endif
