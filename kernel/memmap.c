/*
 * A process's memory map (SYS_MEMMAP, memmap.h): its regions and the kernel's,
 * top to bottom the way the seed draws them, with live addresses, what the
 * kernel and user mode may do there (read from the translation table entries
 * themselves, not from what the layout meant them to be), and how much of each
 * growable region is mapped. The shell's `mem` draws it.
 */
#include "memmap.h"
#include "arch.h"
#include "ipc.h"
#include "kstring.h"
#include "memlayout.h"
#include "proc.h"
#include "uaccess.h"

extern char __text_end[], __rodata_end[], __data_end[], __shared_orig_start[], __shared_orig_end[],
    __kstack_bottom[], __kstack_top[], __kernel_shared_start[], __kernel_shared_end[],
    __kheap_start[];

/* Appends [start, end) as region name; returns it for the counts. */
static struct mem_region *add(struct mem_map *m, const struct vm_space *vs, const char *name,
			      uint32_t start, uint32_t end)
{
	struct mem_region *r = &m->regions[m->count++];
	memset(r, 0, sizeof *r);
	r->start = start;
	r->end = end;
	memcpy(r->perm, "---/---", 8);
	if (end != start)
		page_describe(vs ? &vs->as : NULL, start, r->perm);
	memcpy(r->name, name, strlen(name) + 1);
	return r;
}

static void counts(struct mem_region *r, uint32_t mapped, uint32_t pages)
{
	r->mapped = mapped;
	r->pages = pages;
}

static void describe_user(const struct vm_space *vs, struct mem_map *m)
{
	const struct proc_layout *l = &vs->layout;
	const struct addrspace *as = &vs->as;
	uint32_t stack_max = (l->stack_start - l->stack_limit) / PAGE_SIZE + 1;
	/* Counted up to stack_start inclusive: the page after it may be 2^32. */
	uint32_t stack_mapped = as_count_mapped(as, l->stack_limit, l->stack_start) +
				(as_lookup(as, l->stack_start, NULL, NULL) == 0);
	uint32_t stack_low = l->stack_start - (stack_mapped - (stack_mapped > 0)) * PAGE_SIZE;
	uint32_t heap_max = (l->heap_limit - l->heap_base) / PAGE_SIZE;
	uint32_t heap_mapped = as_count_mapped(as, l->heap_base, l->heap_limit);
	uint32_t brk = l->heap_base + heap_mapped * PAGE_SIZE;

	add(m, vs, ".data_shared/.bss_shared", l->shared_start, l->shared_end);
	counts(add(m, vs, "user dynamic stack", stack_low, l->stack_top), stack_mapped, stack_max);
	add(m, vs, "unmapped stack reserve", l->stack_limit, stack_low);
	add(m, vs, "stack guard", l->guard, l->guard + PAGE_SIZE);
	add(m, vs, "unmapped heap reserve", brk, l->heap_limit);
	counts(add(m, vs, "user heap", l->heap_base, brk), heap_mapped, heap_max);
	if (l->heap_base > l->dev_limit)
		add(m, vs, "(unused part of the region)", l->dev_limit, l->heap_base);
	if (l->dev_limit > l->dev_base)
		counts(add(m, vs, "device window", l->dev_base, l->dev_limit),
		       as_count_mapped(as, l->dev_base, l->dev_limit),
		       (l->dev_limit - l->dev_base) / PAGE_SIZE);
	m->user_count = m->count;
}

static void describe_kernel(const struct vm_space *vs, struct mem_map *m)
{
	if (boot_info.dtb_va)
		add(m, vs, "device tree window", PAGE_ROUND_DOWN(boot_info.dtb_va),
		    PAGE_ROUND_UP(boot_info.dtb_va + boot_info.dtb_size));
	counts(add(m, vs, "kernel device IO pages", IO_BASE, IO_END), io_mapped_pages(),
	       (IO_END - IO_BASE) / PAGE_SIZE);
	struct io_range io;
	for (uint32_t i = 0; io_region(i, &io) == 0 && m->count < MEM_REGIONS_MAX - 8; i++) {
		struct mem_region *r = add(m, vs, "a device the kernel drives",
					   PAGE_ROUND_DOWN(io.va), PAGE_ROUND_UP(io.va + io.size));
		r->pa = (uint32_t)io.pa;
		r->size = io.size;
	}
	add(m, vs, "kernel heap", (uint32_t)__kheap_start, kernel_heap_end());
	add(m, vs, "kernel .data_shared/.bss_shared", (uint32_t)__kernel_shared_start,
	    (uint32_t)__kernel_shared_end);
	add(m, vs, "kernel stack", (uint32_t)__kstack_bottom, (uint32_t)__kstack_top);
	add(m, vs, "original .data_shared", (uint32_t)__shared_orig_start,
	    (uint32_t)__shared_orig_end);
	add(m, vs, ".data/.bss", (uint32_t)__rodata_end, (uint32_t)__data_end);
	add(m, vs, ".rodata", (uint32_t)__text_end, (uint32_t)__rodata_end);
	add(m, vs, ".text", PAGE_SIZE, (uint32_t)__text_end);
	add(m, vs, ".text, page 0 (vectors)", 0, PAGE_SIZE);
}

void memmap_describe(const struct vm_space *vs, struct mem_map *m)
{
	memset(m, 0, sizeof *m);
	m->asid = vs->as.asid;
	m->region_base = vs->as.base;
	m->table_bytes = as_table_bytes(&vs->as);
	m->kernel_table_bytes = kernel_table_bytes();
	describe_user(vs, m);
	describe_kernel(vs, m);
}

void syscall_memmap(struct thread *t)
{
	uint32_t *w = thread_words(t);
	struct proc *caller = t->proc, *p = w[0] ? proc_find((int)w[0]) : caller;
	static struct mem_map map; /* one thread in the kernel at a time; too big for its stack */
	if (!p) {
		w[0] = (uint32_t)-ESRCH;
		return;
	}
	if (!proc_may_inspect(caller, p)) {
		w[0] = (uint32_t)-EPERM;
		return;
	}
	memmap_describe(&p->vm, &map);
	map.pid = p->pid;
	if (copy_to_user(t->as, w[1], &map, sizeof map) == 0)
		w[0] = 0;
	else if (!ipc_page_in(t))
		w[0] = (uint32_t)-EFAULT;
}
