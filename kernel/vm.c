/*
 * Physical memory at boot, and creating and destroying a process's memory.
 */
#include "vm.h"
#include "arch.h"
#include "kstring.h"
#include "memlayout.h"
#include "power.h"
#include "wren/abi.h"

extern char __kheap_start[], __shared_orig_start[], __shared_start[], __shared_end[];
extern char __data_shared_size[];

/* RAM less VM_RESERVED_MAX ranges is at most FRAME_RANGES pieces: more is a bug. */
static void add_frames(paddr_t start, paddr_t end)
{
	start = PAGE_ROUND_UP(start);
	end = PAGE_ROUND_DOWN(end);
	if (start < end && frame_add_range(start, end) != 0)
		panic("add_frames: cannot add RAM %08llx-%08llx\n", start, end);
}

void vm_init(paddr_t ram_start, paddr_t ram_end, const struct phys_range *reserved, uint32_t count)
{
	paddr_t heap_start = virt_to_phys(__kheap_start);
	if (ram_start < heap_start)
		ram_start = heap_start;
	if (count > VM_RESERVED_MAX)
		panic("vm_init: %u reserved ranges\n", count);
	/* From the bottom up: the free piece from at up to the nearest reserved
	 * range that starts above it, then on past every range that covers at. */
	paddr_t at = ram_start;
	while (at < ram_end) {
		paddr_t next = ram_end;
		bool covered = false;
		for (uint32_t i = 0; i < count; i++) {
			if (reserved[i].start <= at && reserved[i].end > at) {
				at = reserved[i].end;
				covered = true;
			} else if (reserved[i].start > at && reserved[i].start < next) {
				next = reserved[i].start;
			}
		}
		if (covered)
			continue;
		add_frames(at, next);
		at = next;
	}
	kheap_init(__kheap_start, (void *)PAGE_ROUND_UP((uintptr_t)__kheap_start));
}

/* Copies the original's initial values into the new process's pages; .bss_shared
 * needs nothing, the pages come zeroed. */
static void copy_shared_data(struct vm_space *vs)
{
	uint32_t size = (uint32_t)__data_shared_size;
	const char *from = __shared_orig_start;
	shared_orig_open(true);
	for (uint32_t va = (uint32_t)__shared_start, done = 0; done < size;) {
		paddr_t pa;
		if (as_lookup(&vs->as, PAGE_ROUND_DOWN(va), &pa, NULL) != 0)
			panic("copy_shared_data: page %08x not mapped\n", PAGE_ROUND_DOWN(va));
		uint32_t offset = va & (PAGE_SIZE - 1);
		uint32_t n = PAGE_SIZE - offset < size - done ? PAGE_SIZE - offset : size - done;
		memcpy((char *)phys_to_virt(pa) + offset, from + done, n);
		done += n;
		va += n;
	}
	shared_orig_open(false);
}

int vm_space_create(struct vm_space *vs, uint32_t heap_pages, uint32_t stack_pages,
		    uint32_t device_pages, uint8_t asid)
{
	int err = layout_user(&vs->layout, heap_pages, stack_pages, device_pages,
			      (uint32_t)__shared_start, (uint32_t)__shared_end);
	if (err || (err = as_create(&vs->as, vs->layout.t1sz, asid)))
		return err;
	uint32_t pages = (vs->layout.top_page - vs->layout.stack_start) / PAGE_SIZE + 1;
	for (uint32_t i = 0; i < pages; i++) {
		paddr_t pa = frame_alloc_zeroed();
		err = pa ? as_map(&vs->as, vs->layout.stack_start + i * PAGE_SIZE, pa,
				  VM_USER | VM_WRITE | VM_OWNED)
			 : -ENOMEM;
		if (err) {
			if (pa)
				frame_free(pa);
			vm_space_destroy(vs);
			return err;
		}
	}
	copy_shared_data(vs);
	return 0;
}

void vm_space_destroy(struct vm_space *vs)
{
	as_destroy(&vs->as);
}
