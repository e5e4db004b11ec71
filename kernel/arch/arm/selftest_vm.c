/*
 * In-kernel tests of virtual memory: the seed's permission matrix asked of the
 * MMU itself, each process's own copy of the user-side globals, memory given
 * back after create/destroy cycles, the memory map SYS_MEMMAP reports, and the kernel stack
 * overflow panic.
 */
#include "console.h"
#include "kstring.h"
#include "lpae.h"
#include "memlayout.h"
#include "memmap.h"
#include "mmu.h"
#include "selftest.h"
#include "vm.h"

extern char __user_text_start[], __text_end[], __rodata_end[], __data_end[], __shared_orig_start[],
    __kstack_bottom[], __kstack_top[], __kheap_start[];
extern uint32_t selftest_shared_value, selftest_shared_zeroes[300];
extern char selftest_shared_text[];

#define TEST_HEAP_PAGES 4
#define TEST_STACK_PAGES 4
#define KR PROBE_KERNEL_READ
#define KW PROBE_KERNEL_WRITE
#define UR PROBE_USER_READ
#define UW PROBE_USER_WRITE

static int failures;

static void check(int ok, const char *what)
{
	if (!ok) {
		kprintf("FAIL: %s\n", what);
		failures++;
	}
}

static const char *probe_text(uint32_t p)
{
	static char text[6];
	text[0] = p & KR ? 'R' : '-';
	text[1] = p & KW ? 'W' : '-';
	text[2] = '/';
	text[3] = p & UR ? 'R' : '-';
	text[4] = p & UW ? 'W' : '-';
	text[5] = '\0';
	return text;
}

/* One row of the table: the descriptor's permissions ("RWX/RWX", kernel/user)
 * and what the MMU answers for reads and writes must both be what source (the
 * seed, or the design where it departs from the seed) says. */
static void expect_row(const struct vm_space *vs, const char *region, uint32_t va,
		       const char *want_perm, uint32_t want_probe, const char *source)
{
	char perm[8];
	page_describe(vs ? &vs->as : NULL, va, perm);
	uint32_t probe = mmu_probe(va);
	int ok = probe == want_probe;
	for (int i = 0; i < 8; i++)
		ok &= perm[i] == want_perm[i];
	kprintf("  %-30s %08x  %s  %s   %s%s%s\n", region, va, perm, probe_text(probe),
		ok ? "as " : "WRONG", ok ? source : "", ok ? " says" : "");
	if (!ok) {
		kprintf("FAIL: %s: %s says %s, MMU %s\n", region, source, want_perm,
			probe_text(want_probe));
		failures++;
	}
}

/* One row of the seed's table. */
static void expect_region(const struct vm_space *vs, const char *region, uint32_t va,
			  const char *seed_perm, uint32_t seed_probe)
{
	expect_row(vs, region, va, seed_perm, seed_probe, "the seed");
}

/* A test process's memory with heap_mapped heap pages; 0 or the error. */
static int make_space(struct vm_space *vs, uint8_t asid, uint32_t heap_mapped)
{
	int err = vm_space_create(vs, TEST_HEAP_PAGES, TEST_STACK_PAGES, 0, asid);
	for (uint32_t i = 0; !err && i < heap_mapped; i++) {
		paddr_t pa = frame_alloc_zeroed();
		err = pa ? as_map(&vs->as, vs->layout.heap_base + i * PAGE_SIZE, pa,
				  VM_USER | VM_WRITE | VM_OWNED)
			 : -ENOMEM;
		if (err && pa)
			frame_free(pa);
	}
	return err;
}

/* Every writable page of the kernel region is execute-never, for the kernel too. */
static uint32_t writable_executable_kernel_pages(void)
{
	uint32_t n = 0;
	const pte_t *tables[] = {boot_tables.l3_image, boot_tables.l3_io, boot_tables.l3_dtb,
				 boot_tables.l2[0],    boot_tables.l2[1], boot_tables.l2[2]};
	for (uint32_t t = 0; t < sizeof tables / sizeof tables[0]; t++)
		for (uint32_t i = 0; i < 512; i++) {
			pte_t e = tables[t][i];
			int leaf =
			    (t < 3 && (e & 3) == PTE_PAGE) || (t >= 3 && (e & 3) == PTE_BLOCK);
			uint64_t ap = e & PTE_AP_MASK;
			if (leaf && (ap == PTE_AP_KRW || ap == PTE_AP_URW) &&
			    !(e & PTE_PXN && e & PTE_XN))
				n++;
		}
	return n;
}

int selftest_vm_permissions(void)
{
	struct vm_space vs;
	check(make_space(&vs, 1, 2) == 0, "create a test process with 2 heap pages");
	as_activate(&vs.as);
	const struct proc_layout *l = &vs.layout;
	paddr_t heap_frame = frame_alloc();
	uint32_t heap_block_va = (uint32_t)(uintptr_t)phys_to_virt(heap_frame);

	kprintf("  %-30s %-8s  %-7s  %-5s\n", "seed region", "address", "descr.", "MMU");
	expect_region(&vs, ".data_shared/.bss_shared", l->shared_start, "RW-/RW-",
		      KR | KW | UR | UW);
	expect_region(&vs, "user dynamic stack", l->stack_start, "RW-/RW-", KR | KW | UR | UW);
	expect_region(&vs, "unmapped stack reserve", l->stack_limit, "---/---", 0);
	expect_region(&vs, "stack guard", l->guard, "---/---", 0);
	expect_region(&vs, "unmapped heap reserve", l->heap_base + 2 * PAGE_SIZE, "---/---", 0);
	expect_region(&vs, "user heap", l->heap_base, "RW-/RW-", KR | KW | UR | UW);
	expect_region(&vs, "unused part of the user region", vs.as.base, "---/---", 0);
	if (boot_info.dtb_va)
		expect_region(&vs, "device tree window", DTB_WINDOW, "R--/---", KR);
	else
		expect_region(&vs, "device tree window (no tree)", DTB_WINDOW, "---/---", 0);
	expect_region(&vs, "kernel device IO pages", IO_BASE, "RW-/---", KR | KW);
	expect_region(&vs, "IO hole after the first device", IO_BASE + PAGE_SIZE, "---/---", 0);
	expect_region(&vs, "IO hole", IO_END - PAGE_SIZE, "---/---", 0);
	expect_region(&vs, "kernel heap (block-mapped)", heap_block_va, "RW-/---", KR | KW);
	expect_region(&vs, "kernel heap (start)", (uint32_t)__kheap_start, "RW-/---", KR | KW);
	expect_region(&vs, "kernel stack", (uint32_t)__kstack_bottom, "RW-/---", KR | KW);
	expect_region(&vs, "original .data_shared", (uint32_t)__shared_orig_start, "---/---", 0);
	shared_orig_open(true);
	expect_region(&vs, "original .data_shared (copying)", (uint32_t)__shared_orig_start,
		      "R--/---", KR);
	shared_orig_open(false);
	expect_region(&vs, ".data/.bss", (uint32_t)__rodata_end, "RW-/---", KR | KW);
	expect_region(&vs, ".rodata", (uint32_t)__text_end, "R--/R--", KR | UR);
	/* Page 0 differs from the seed's .text by design: the vectors' page is the
	 * kernel's, so that user mode's NULL pointers fault. */
	expect_row(&vs, ".text, page 0 (vectors)", 0, "R-X/---", KR, "the design");
	expect_region(&vs, ".text (kmain)", (uint32_t)(uintptr_t)kprintf, "R-X/R-X", KR | UR);
	expect_region(&vs, ".text (user-side code)", (uint32_t)__user_text_start, "R-X/R-X",
		      KR | UR);

	check(((kernel_pte(IO_BASE) >> 2) & 7) == 1, "IO pages use the device memory type");
	check(writable_executable_kernel_pages() == 0, "nothing writable is executable");
	frame_free(heap_frame);
	as_activate(NULL);
	vm_space_destroy(&vs);
	return failures;
}

int selftest_vm_shared_copy(void)
{
	struct vm_space a, b;
	check(make_space(&a, 1, 0) == 0 && make_space(&b, 2, 0) == 0, "create two processes");
	as_activate(&a.as);
	check(selftest_shared_value == 0x5eed5eed, "initial value of a .data_shared word");
	check(selftest_shared_text[0] == 's' && selftest_shared_text[3] == 'd',
	      "initial value of a .data_shared string");
	check(selftest_shared_zeroes[0] == 0 && selftest_shared_zeroes[299] == 0,
	      ".bss_shared starts zeroed");
	selftest_shared_value = 1;
	selftest_shared_zeroes[299] = 2;
	as_activate(&b.as);
	check(selftest_shared_value == 0x5eed5eed && selftest_shared_zeroes[299] == 0,
	      "a second process does not see the first one's writes");
	selftest_shared_value = 3;
	as_activate(&a.as);
	check(selftest_shared_value == 1 && selftest_shared_zeroes[299] == 2,
	      "the first process keeps its own values");
	kprintf("  .data_shared at %08x, %u bytes with .bss_shared; process 1 reads %x, process 2 "
		"reads %x\n",
		a.layout.shared_start, a.layout.shared_end - a.layout.shared_start,
		selftest_shared_value, 3);
	as_activate(NULL);
	vm_space_destroy(&a);
	vm_space_destroy(&b);
	return failures;
}

int selftest_vm_cycles(void)
{
	uint32_t frames = frame_free_count();
	size_t heap = kheap_bytes_used();
	uint32_t heap_frames = kheap_frames();
	for (int i = 0; i < 100; i++) {
		struct vm_space vs;
		check(make_space(&vs, (uint8_t)(1 + i % 200), 2) == 0, "create a process");
		as_activate(&vs.as);
		as_activate(NULL);
		vm_space_destroy(&vs);
	}
	kprintf(
	    "  after 100 create/destroy cycles: %u free frames (before %u), heap %u bytes in %u "
	    "frames (before %u in %u)\n",
	    frame_free_count(), frames, (uint32_t)kheap_bytes_used(), kheap_frames(),
	    (uint32_t)heap, heap_frames);
	check(frame_free_count() == frames, "free frames back where they started");
	check(kheap_bytes_used() == heap && kheap_frames() == heap_frames,
	      "kernel heap back where it started");
	return failures;
}

/* The seed's regions, top down, with what each must allow (kernel/user) and
 * how much of the growable ones the test process has. */
static const struct {
	const char *name, *perm;
	uint32_t mapped, pages;
} seed_map[] = {
    {".data_shared/.bss_shared", "RW-/RW-", 0, 0},
    {"user dynamic stack", "RW-/RW-", 3, 4},
    {"unmapped stack reserve", "---/---", 0, 0},
    {"stack guard", "---/---", 0, 0},
    {"unmapped heap reserve", "---/---", 0, 0},
    {"user heap", "RW-/RW-", 2, 4},
    {"kernel device IO pages", "RW-/---", 0, 0},
    {"kernel heap", "RW-/---", 0, 0},
    {"kernel .data_shared/.bss_shared", "", 0, 0},
    {"kernel stack", "RW-/---", 0, 0},
    {"original .data_shared", "---/---", 0, 0},
    {".data/.bss", "RW-/---", 0, 0},
    {".rodata", "R--/R--", 0, 0},
    {".text", "R-X/R-X", 0, 0},
    {".text, page 0 (vectors)", "R-X/---", 0, 0},
};

static bool same(const char *a, const char *b)
{
	return memcmp(a, b, strlen(b) + 1) == 0;
}

/* Whether the map has the seed's region i at or after *at, as the seed says;
 * *at moves past it. */
static bool map_has(const struct mem_map *m, uint32_t i, uint32_t *at)
{
	while (*at < m->count && !same(m->regions[*at].name, seed_map[i].name))
		(*at)++;
	if (*at == m->count)
		return false;
	const struct mem_region *r = &m->regions[(*at)++];
	kprintf("  %08x-%08x  %s  %-32s %u of %u pages\n", r->start, r->end - 1, r->perm, r->name,
		r->mapped, r->pages);
	return (!*seed_map[i].perm || same(r->perm, seed_map[i].perm)) &&
	       (!seed_map[i].pages ||
		(r->mapped == seed_map[i].mapped && r->pages == seed_map[i].pages));
}

int selftest_vm_memmap(void)
{
	static struct mem_map map;
	struct vm_space minimal, grown;
	check(make_space(&minimal, 1, 0) == 0, "create a minimal process");
	kprintf("minimal process: page tables %u bytes, %u frames\n", as_table_bytes(&minimal.as),
		as_count_mapped(&minimal.as, minimal.as.base, 0xFFFFFFFF) + 1);
	check(make_space(&grown, 2, 2) == 0, "create a process with 2 heap pages");
	for (uint32_t i = 1; i < 3; i++) {
		paddr_t pa = frame_alloc_zeroed();
		check(pa && as_map(&grown.as, grown.layout.stack_start - i * PAGE_SIZE, pa,
				   VM_USER | VM_WRITE | VM_OWNED) == 0,
		      "grow the stack by a page");
	}
	memmap_describe(&grown, &map);
	kprintf("memory map of test: asid %u, user region at %08x, page tables %u bytes\n",
		map.asid, map.region_base, map.table_bytes);
	uint32_t at = 0;
	for (uint32_t i = 0; i < sizeof seed_map / sizeof seed_map[0]; i++)
		check(map_has(&map, i, &at), seed_map[i].name);
	check(map.user_count >= 6 && map.regions[map.user_count - 1].start >= map.region_base &&
		  map.regions[map.user_count].start < map.region_base,
	      "the process's regions come first, then the kernel's");
	vm_space_destroy(&minimal);
	vm_space_destroy(&grown);
	return failures;
}

int selftest_vm_ram(void)
{
	uint32_t phys_base = boot_info.phys_base;
	uint32_t end = kernel_heap_end();
	kprintf("  kernel at 0x%08x; heap blocks from 0x%08x to 0x%08x map 0x%08llx to 0x%08llx\n",
		phys_base, BLOCK_SIZE, end, virt_to_phys((void *)BLOCK_SIZE),
		virt_to_phys((void *)end));
	check(end <= IO_BASE, "the heap ends below the IO pages");
	for (uint32_t va = BLOCK_SIZE; va < end; va += BLOCK_SIZE) {
		pte_t e = kernel_pte(va);
		if ((e & PTE_TYPE_MASK) != PTE_BLOCK || pte_addr(e) != va + (paddr_t)phys_base ||
		    mmu_probe(va) != (KR | KW)) {
			kprintf("FAIL: heap block at %08x: descriptor %08x%08x\n", va,
				(uint32_t)(e >> 32), (uint32_t)e);
			failures++;
			break;
		}
	}
	if (end < IO_BASE)
		check(kernel_pte(end) == 0 && mmu_probe(end) == 0, "nothing mapped after the heap");
	if (phys_base >= end && phys_base < IO_BASE)
		check(kernel_pte(phys_base) == 0, "the boot identity block is gone");
	/* The last word of RAM, through the heap's mapping; given back as it was,
	 * since a free frame may hold the free list's link. */
	volatile uint32_t *last = (volatile uint32_t *)(end - sizeof(uint32_t));
	uint32_t kept = *last;
	*last = 0x5a5a1234u;
	check(*last == 0x5a5a1234u, "the last word of the heap keeps what is written");
	*last = kept;
	return failures;
}

static volatile uint32_t recursion_limit = 0xffffffff;

static uint32_t use_stack(uint32_t depth)
{
	volatile uint8_t frame[256];
	frame[0] = (uint8_t)depth;
	if (depth == recursion_limit)
		return 0;
	return use_stack(depth + 1) + frame[0];
}

int selftest_kernel_stack_overflow(void)
{
	kprintf("  recursing with 256-byte frames on a %u-byte kernel stack\n",
		(uint32_t)(__kstack_top - __kstack_bottom));
	use_stack(0);
	return 1; /* unreachable when the overflow is caught */
}
