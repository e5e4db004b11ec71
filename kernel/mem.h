/*
 * Physical memory: page frames, and the kernel heap they feed. Every frame is
 * addressable by the kernel at phys_to_virt(pa), since the kernel heap region
 * maps all of RAM.
 */
#ifndef MEM_H
#define MEM_H

#include <stddef.h>
#include <stdint.h>

typedef uint64_t paddr_t;

#ifdef HOST_TEST
void *phys_to_virt(paddr_t pa);
paddr_t virt_to_phys(const void *va);
#else
/* The kernel maps RAM at one offset, the image's physical base (arch/arm/mmu.c
 * sets it before kmain): inline, since every page-table walk and every frame
 * taken or given back goes through it. */
extern uint32_t kernel_phys_base;
static inline void *phys_to_virt(paddr_t pa)
{
	return (void *)(uintptr_t)(pa - kernel_phys_base);
}
static inline paddr_t virt_to_phys(const void *va)
{
	return (uintptr_t)va + (paddr_t)kernel_phys_base;
}
#endif

/* Frames. frame_add_range takes page-aligned [start, end), not at 0 (0 means
 * "no frame"); returns 0, -EINVAL for a range that is not that, -ENOMEM when
 * FRAME_RANGES ranges are there already. */
#define FRAME_RANGES 12
int frame_add_range(paddr_t start, paddr_t end);
paddr_t frame_alloc(void);        /* a page frame, contents undefined; 0 when none is left */
paddr_t frame_alloc_zeroed(void); /* the same, zeroed (page_zero) */
void frame_free(paddr_t pa);
uint32_t frame_free_count(void);
uint32_t frame_total_count(void);
#ifdef HOST_TEST
void frame_reset(void); /* forget everything: built for the host tests only */
#define page_zero(va) memset((va), 0, 4096)
#else
/* Zeroes the page-aligned page at va with the architecture's widest stores
 * (arch/arm/string.S): on the way of every page a pager maps. */
void page_zero(void *va);
#endif

/* Kernel heap: objects up to KHEAP_MAX_OBJECT bytes, aligned to their size
 * rounded up to a power of two (at least 16). */
#define KHEAP_MAX_OBJECT 2048
void kheap_init(void *start, void *end);
void *kmalloc(size_t size); /* NULL when out of memory */
void *kzalloc(size_t size);
void kfree(void *p);
size_t kheap_bytes_used(void); /* bytes of objects handed out and not freed */
uint32_t kheap_frames(void);   /* frames the heap holds */

#endif
