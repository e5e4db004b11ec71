/*
 * The memory-map dump: one process's address space printed top to bottom the way
 * the seed draws it, with live addresses, sizes, what the kernel and user mode
 * may do there (read from the descriptors themselves), how much of each growable
 * region is mapped, and what the translation tables cost.
 */
#include "arch.h"
#include "console.h"
#include "memlayout.h"
#include "vm.h"

extern char __text_end[], __rodata_end[], __data_end[], __shared_orig_start[], __shared_orig_end[],
    __kstack_bottom[], __kstack_top[], __kernel_shared_start[], __kernel_shared_end[],
    __kheap_start[];

static const char *size_text(uint64_t bytes)
{
	static char text[16];
	if (bytes < 1024)
		ksnprintf(text, sizeof text, "%u B", (uint32_t)bytes);
	else if (bytes < (10u << 20))
		ksnprintf(text, sizeof text, "%u KiB", (uint32_t)(bytes >> 10));
	else
		ksnprintf(text, sizeof text, "%u MiB", (uint32_t)(bytes >> 20));
	return text;
}

static void row(const struct vm_space *vs, const char *name, uint64_t start, uint64_t end,
		const char *note)
{
	char perm[8] = "-------";
	if (end > start)
		page_describe(vs ? &vs->as : NULL, (uint32_t)start, perm);
	kprintf("  %08x-%08x %9s  %s  %-30s %s\n", (uint32_t)start, (uint32_t)(end - (end > start)),
		size_text(end - start), perm, name, note);
}

static const char *pages_text(uint32_t mapped, uint32_t max)
{
	static char text[40];
	ksnprintf(text, sizeof text, "%u of %u pages mapped", mapped, max);
	return text;
}

static void print_user_region(const struct vm_space *vs, const char *name)
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

	kprintf("memory map of %s: asid %u, user region %s at %08x, page tables %u bytes\n", name,
		as->asid, size_text((1ull << 32) - as->base), as->base, as_table_bytes(as));
	kprintf("  %-17s %9s  %s  %s\n", "range", "size", "kern/usr", "region");
	row(vs, ".data_shared/.bss_shared", l->shared_start, l->shared_end, "the process's copy");
	row(vs, "user dynamic stack", stack_low, l->stack_top, pages_text(stack_mapped, stack_max));
	row(vs, "unmapped stack reserve", l->stack_limit, stack_low, "");
	row(vs, "stack guard", l->guard, l->guard + PAGE_SIZE, "never mapped");
	row(vs, "unmapped heap reserve", brk, l->heap_limit, "");
	row(vs, "user heap", l->heap_base, brk, pages_text(heap_mapped, heap_max));
	if (l->heap_base > l->dev_limit)
		row(vs, "(unused part of the region)", l->dev_limit, l->heap_base, "");
	if (l->dev_limit > l->dev_base)
		row(vs, "device window", l->dev_base, l->dev_limit,
		    pages_text(as_count_mapped(as, l->dev_base, l->dev_limit),
			       (l->dev_limit - l->dev_base) / PAGE_SIZE));
}

static void print_kernel_region(const struct vm_space *vs)
{
	static char note[64];
	kprintf("kernel region (shared by every process), page tables %u bytes\n",
		kernel_table_bytes());
	if (boot_info.dtb_va)
		row(vs, "(device tree window)", PAGE_ROUND_DOWN(boot_info.dtb_va),
		    PAGE_ROUND_UP(boot_info.dtb_va + boot_info.dtb_size), "boot loader's tree");
	ksnprintf(note, sizeof note, "%u pages mapped, the rest holes", io_mapped_pages());
	row(vs, "kernel device IO pages", IO_BASE, IO_END, note);
	struct io_range r;
	for (uint32_t i = 0; io_region(i, &r) == 0; i++) {
		ksnprintf(note, sizeof note, "%u bytes of registers at %08llx", r.size, r.pa);
		row(vs, "  a device the kernel drives", PAGE_ROUND_DOWN(r.va),
		    PAGE_ROUND_UP(r.va + r.size), note);
	}
	ksnprintf(note, sizeof note, "frames %u free of %u; objects %u B in %u frames",
		  frame_free_count(), frame_total_count(), (uint32_t)kheap_bytes_used(),
		  kheap_frames());
	row(vs, "kernel heap", (uint32_t)__kheap_start, kernel_heap_end(), note);
	row(vs, "kernel .data_shared/.bss_shared", (uint32_t)__kernel_shared_start,
	    (uint32_t)__kernel_shared_end, "empty: no user-side code in the kernel");
	row(vs, "kernel stack", (uint32_t)__kstack_bottom, (uint32_t)__kstack_top, "");
	row(vs, "original .data_shared", (uint32_t)__shared_orig_start, (uint32_t)__shared_orig_end,
	    "read only while a process is made");
	row(vs, ".data/.bss", (uint32_t)__rodata_end, (uint32_t)__data_end, "");
	row(vs, ".rodata", (uint32_t)__text_end, (uint32_t)__rodata_end, "");
	row(vs, ".text", PAGE_SIZE, (uint32_t)__text_end, "");
	row(vs, ".text, page 0", 0, PAGE_SIZE, "the vectors: kernel only, so NULL faults");
}

void memmap_print(const struct vm_space *vs, const char *name)
{
	print_user_region(vs, name);
	print_kernel_region(vs);
}
