/*
 * The address-space layout, after ../shared/seed/memory-layout.md, in ARMv7-A terms.
 * Every other file takes its addresses from here or from the symbols that
 * linker/kernel.ld defines.
 *
 *   0xFFFFFFFF +--------------------------------------------+ ^ user region (TTBR1,
 *              | .data_shared/.bss_shared  (process's copy)  | | per process, ASID,
 *              +------------------------------ not aligned --+ | 32 MiB to 1 GiB:
 *              | user dynamic stack       (1 page, grows)    | | layout.h)
 *              | unmapped stack reserve                      | |
 *              | stack guard page         (never mapped)     | |
 *              | unmapped heap reserve                       | |
 *              | user heap                (0 pages, grows)   | |
 *              : (unused)                                    : |
 *              | device window  (drivers only: their devices'| |
 *              |   registers and DMA pages, user RW, XN)     | |
 *   0xFE000000 +- - - - - - - - - - - - - - - - - - - - - - -+ v smallest region
 *              : a bigger process's region reaches down to   :
 *   0xC0000000 +--------------------------------------------+ USER_REGION_LOWEST
 *              | DTB window   (boot loader's device tree, R) |
 *   0xBFE00000 +--------------------------------------------+ DTB_WINDOW
 *              | kernel device IO pages (RW, device, holes)  |
 *   0xB0000000 +--------------------------------------------+ IO_BASE
 *              : (as far as RAM goes, at most up to IO_BASE) :
 *              | kernel heap   (all RAM above the image)     | ^ kernel region
 *              +------------------------------ not aligned --+ | (TTBR0, shared,
 *              | kernel .data_shared/.bss_shared (empty)     | | global)
 *              +------------------------------ not aligned --+ |
 *              | kernel stack  (KSTACK_SIZE in kernel.ld)    | |
 *              +--------------------------------------------+ |
 *              | original .data_shared (unmapped)            | |
 *              | .data/.bss    (kernel RW)                   | |
 *              | .rodata       (R, user R)                   | |
 *   0x00001000 | .text         (X, user X)                   | |
 *   0x00000000 | .text page 0  (vectors: X, user none)       | |
 *              +--------------------------------------------+ v
 *
 * The device window is an addition to the seed: the seed's IO pages are the
 * kernel's alone, so a user driver gets its devices mapped into its own region
 * instead, by the IO server's request (layout.h has the detail).
 *
 * The kernel region maps virtual address v to physical address v + phys_base,
 * where phys_base is the 2 MiB boundary the boot code copies the image to,
 * wherever RAM lies in the 32-bit physical space; that congruence lets the heap
 * be mapped with 2 MiB blocks. Global (kernel) mappings stay below 0xC0000000,
 * so no process's user region can overlap one.
 */
#ifndef MEMLAYOUT_H
#define MEMLAYOUT_H

#define PAGE_SIZE 4096u
#define PAGE_SHIFT 12
#define BLOCK_SIZE 0x200000u /* what one level-2 entry maps */
#define BLOCK_SHIFT 21

#define IO_BASE 0xB0000000u
#define IO_END 0xBFE00000u
#define DTB_WINDOW 0xBFE00000u
#define DTB_WINDOW_SIZE (BLOCK_SIZE - PAGE_SIZE)
#define BOOT_T1SZ 7 /* TTBCR.T1SZ while no user region is active (TTBR1 walks off) */

#ifndef __ASSEMBLER__
/* Written to keep the type of x, whether a 32-bit address or a 64-bit one. */
#define PAGE_ROUND_DOWN(x) ((x) - ((x) & (PAGE_SIZE - 1)))
#define PAGE_ROUND_UP(x) PAGE_ROUND_DOWN((x) + PAGE_SIZE - 1)
#endif

#endif
