/*
 * `mem PID`: a process's memory map drawn the way the seed draws it (../shared/
 * seed/memory-layout.md), top down, from what the kernel reports (SYS_MEMMAP):
 * each region a box with its name, how much of it is mapped when it grows,
 * what the kernel and user mode may do there (RWX/RWX, read from the
 * translation tables) and its size; at each boundary the address where the
 * region above starts, "not aligned" where that is not a page boundary.
 */
#include <stdio.h>
#include <wren/sys.h>

#include "shell.h"

#define WIDTH 70 /* inside a box */

/* "769 B", "3.2 KiB", "28 KiB", "1.1 MiB", "125 MiB": a tenth where it matters. */
static const char *size_text(unsigned long long bytes, char *out, size_t size)
{
	static const char *const units[] = {"B", "KiB", "MiB", "GiB"};
	unsigned u = 0;
	unsigned long long whole = bytes, tenths = 0;
	while (u < 3 && whole >= 1024) {
		tenths = whole % 1024 * 10 / 1024;
		whole /= 1024;
		u++;
	}
	if (whole < 10 && tenths)
		snprintf(out, size, "%llu.%llu %s", whole, tenths, units[u]);
	else
		snprintf(out, size, "%llu %s", whole, units[u]);
	return out;
}

static unsigned long long end_of(const struct mem_region *r)
{
	return r->end ? r->end : 1ull << 32;
}

static void boundary(unsigned long long at, bool top)
{
	printf("  +");
	for (int i = 0; i < WIDTH; i++)
		putchar('-');
	if (top && at == 1ull << 32)
		printf("+ ffffffff\n");
	else
		printf("+ %08llx%s\n", at, at % 4096 ? " (not aligned)" : "");
}

static void row(const struct mem_region *r)
{
	char label[80], size[24];
	if (r->pages)
		snprintf(label, sizeof label, "%s: %u of %u pages mapped", r->name, r->mapped,
			 r->pages);
	else
		snprintf(label, sizeof label, "%s", r->name);
	printf("  | %-52.52s %s %7s |\n", label, r->perm,
	       size_text(end_of(r) - r->start, size, sizeof size));
}

/* A device the kernel drives, inside the IO pages' box: where its registers
 * are mapped, and which they are. */
static void device_row(const struct mem_region *r)
{
	char label[80];
	snprintf(label, sizeof label, "at %08x: %u bytes of registers at %08x", r->start, r->size,
		 r->pa);
	printf("  |   %-50.50s %s %7s |\n", label, r->perm, "");
}

void shell_mem(int pid)
{
	struct mem_map m; /* on the stack: a global would be in every process's .bss_shared */
	struct proc_info info;
	char size[24];
	int err = sys_memmap(pid, &m);
	if (err == -ESRCH) {
		printf("mem: no process %d\n", pid);
		return;
	}
	if (err) {
		printf("mem: %d: error %d\n", pid, err);
		return;
	}
	const char *name = "?";
	for (unsigned slot = 0; sys_proc_info(slot, &info) != -EINVAL; slot++)
		if (info.pid == m.pid) {
			name = info.name;
			break;
		}
	printf("%s (pid %d): user region %08x-ffffffff (%s), asid %u, page tables %u bytes\n", name,
	       m.pid, m.region_base, size_text((1ull << 32) - m.region_base, size, sizeof size),
	       m.asid, m.table_bytes);
	unsigned long long below = 0; /* where the box drawn last starts */
	for (unsigned i = 0; i < m.count; i++) {
		const struct mem_region *r = &m.regions[i];
		if (i == m.user_count)
			printf("  ==== user space above: this process's; kernel below: every "
			       "process's, %u bytes of tables ====\n",
			       m.kernel_table_bytes);
		if (i == 0 || i == m.user_count || end_of(r) != below)
			boundary(end_of(r), true);
		row(r);
		while (i + 1 < m.count && m.regions[i + 1].size)
			device_row(&m.regions[++i]);
		boundary(r->start, false);
		below = r->start;
	}
}
