/*
 * Devices for user drivers (device.h). The IO server decides who gets which
 * device; the kernel checks only what keeps itself and other processes safe:
 * a device page is never RAM and never one of the kernel's own IO pages, and
 * goes only into a live process's device window; register access through the
 * kernel never reaches a byte of the kernel's own devices.
 *
 * A window's pages go with its process's address space when it ends; what is
 * kept here (grants, and who served whom) goes on its PROC_ENDING, when the IO
 * server is told.
 */
#include "device.h"
#include "arch.h"
#include "console.h"
#include "ipc.h"
#include "kstring.h"
#include "memlayout.h"
#include "proc.h"
#include "proc_events.h"
#include "program.h"
#include "uaccess.h"
#include "wren/abi.h"

int io_server;

static paddr_t ram_start, ram_end;

/* Registers a driver may reach through the kernel (SYS_DEV_GRANT, SYS_DEV_RW). */
#define GRANTS 16
static struct grant {
	int pid; /* 0: free */
	paddr_t pa;
	uint32_t size;
} grants[GRANTS];

/* Per process slot: the process the IO server served, and which server. */
static struct served {
	int pid, server;
} served[MAX_PROCS];

static inline uint32_t arg(struct thread *t, int i)
{
	return thread_words(t)[i];
}

static inline void ret(struct thread *t, int value)
{
	thread_words(t)[0] = (uint32_t)value;
}

void device_served(struct proc *p, struct proc *server)
{
	if (p != server)
		served[p->pid % MAX_PROCS] = (struct served){p->pid, server->pid};
}

/* The live process argument 0 names, for a caller with PRIV_IO; NULL with the
 * error in word 0. */
static struct proc *target(struct thread *t)
{
	struct proc *p = proc_find((int)arg(t, 0));
	int err = !(t->proc->program->privileges & PRIV_IO) ? -EPERM : p ? 0 : -ESRCH;
	ret(t, err);
	return err ? NULL : p;
}

/* Whether [va, va + pages pages) is page-aligned and inside p's device window. */
static bool in_window(const struct proc *p, uint32_t va, uint32_t pages)
{
	const struct proc_layout *l = &p->vm.layout;
	return !(va & (PAGE_SIZE - 1)) && va >= l->dev_base && va < l->dev_limit &&
	       pages <= (l->dev_limit - va) / PAGE_SIZE;
}

/* Whether r is the console UART's range: the kernel only transmits through it,
 * polled, so its receive side can be a user driver's (DEV_RANGE_CONSOLE). */
static bool console_range(const struct io_range *r)
{
	return r->va && r->va == console_regs();
}

/* Whether pa's page is the console UART's, and no other kernel device's. */
static bool console_page(paddr_t pa)
{
	struct io_range r;
	bool console = false;
	for (uint32_t i = 0; io_region(i, &r) == 0; i++)
		if (PAGE_ROUND_DOWN(r.pa) <= pa && pa < PAGE_ROUND_UP(r.pa + r.size)) {
			if (!console_range(&r))
				return false;
			console = true;
		}
	return console;
}

static int map_regs(struct proc *p, uint32_t va, paddr_t pa)
{
	if (!in_window(p, va, 1))
		return -EINVAL;
	if (pa >= ram_start && pa < ram_end)
		return -EACCES;
	if (io_reach(pa) && !console_page(pa))
		return -EBUSY; /* a page of the kernel's own devices */
	return as_map(&p->vm.as, va, pa, VM_USER | VM_WRITE | VM_DEVICE | VM_NOT_RAM);
}

/* A fresh page for a device to read; returns its page number. */
static int map_dma(struct proc *p, uint32_t va, uint32_t what)
{
	if (!in_window(p, va, 1))
		return -EINVAL;
	paddr_t pa = frame_alloc_zeroed();
	if (!pa)
		return -ENOMEM;
	/* The zeros went through the cache: they must be in RAM, and no line of
	 * the page left, before it is used around the cache. */
	dcache_flush_range(phys_to_virt(pa), PAGE_SIZE);
	int err =
	    as_map(&p->vm.as, va, pa,
		   VM_USER | VM_WRITE | VM_OWNED | (what == DEV_DMA ? VM_UNCACHED : VM_DEVICE));
	if (err) {
		frame_free(pa);
		return err;
	}
	return (int)(pa >> PAGE_SHIFT);
}

/* The boot loader's tree, read-only, from va on in the caller's own window;
 * returns where in the first page it starts. */
static int map_tree(struct proc *p, uint32_t va)
{
	if (!boot_info.dtb_va)
		return -ENOENT;
	uint32_t offset = boot_info.dtb_pa % PAGE_SIZE;
	uint32_t pages = PAGE_ROUND_UP(offset + boot_info.dtb_size) / PAGE_SIZE;
	if (!in_window(p, va, pages))
		return -EINVAL;
	for (uint32_t i = 0; i < pages; i++) {
		/* Not RAM to the kernel: the boot loader may have put it below the
		 * image, where the kernel's map of RAM does not reach. */
		int err =
		    as_map(&p->vm.as, va + i * PAGE_SIZE,
			   PAGE_ROUND_DOWN(boot_info.dtb_pa) + i * PAGE_SIZE, VM_USER | VM_NOT_RAM);
		if (err) {
			while (i--)
				as_unmap(&p->vm.as, va + i * PAGE_SIZE);
			return err;
		}
	}
	return (int)offset;
}

/* Argument 0 the pid, 1 the window address, 2 a page number (DEV_REGS), 3 what. */
void syscall_dev_map(struct thread *t)
{
	struct proc *p = target(t);
	uint32_t va = arg(t, 1), what = arg(t, 3);
	int result;
	if (!p)
		return;
	if (what == DEV_REGS)
		result = map_regs(p, va, (paddr_t)arg(t, 2) << PAGE_SHIFT);
	else if (what == DEV_DMA || what == DEV_DMA_DEVICE)
		result = map_dma(p, va, what);
	else if (what == DEV_TREE)
		result = p == t->proc ? map_tree(p, va) : -EPERM;
	else
		result = -EINVAL;
	if (result >= 0)
		device_served(p, t->proc);
	ret(t, result);
}

/* Argument 0 the pid, 1 the window address. */
void syscall_dev_unmap(struct thread *t)
{
	struct proc *p = target(t);
	if (p)
		ret(t, in_window(p, arg(t, 1), 1) ? as_unmap(&p->vm.as, arg(t, 1)) : -EINVAL);
}

/* Whether [pa, pa + size) overlaps a range of the kernel's own devices. */
static bool kernel_device(paddr_t pa, uint32_t size)
{
	struct io_range r;
	for (uint32_t i = 0; io_region(i, &r) == 0; i++)
		if (pa < r.pa + r.size && r.pa < pa + size)
			return true;
	return false;
}

/* Argument 0 the pid, 1 the physical address, 2 the size in bytes: registers
 * in a page the kernel maps for its own devices, but none of theirs. */
void syscall_dev_grant(struct thread *t)
{
	struct proc *p = target(t);
	paddr_t pa = arg(t, 1);
	uint32_t size = arg(t, 2);
	struct grant *g = grants;
	if (!p)
		return;
	while (g < grants + GRANTS && g->pid)
		g++;
	if ((pa | size) & 3 || size == 0 || size > PAGE_SIZE - pa % PAGE_SIZE || !io_reach(pa))
		ret(t, -EINVAL);
	else if (kernel_device(pa, size))
		ret(t, -EBUSY);
	else if (g == grants + GRANTS)
		ret(t, -ENOMEM);
	else {
		*g = (struct grant){p->pid, pa, size};
		device_served(p, t->proc);
		ret(t, 0);
	}
}

/* Argument 0 the physical address, 1 the value to write, 2 DEV_READ or
 * DEV_WRITE; a read's value goes back in word 1. */
void syscall_dev_rw(struct thread *t)
{
	paddr_t pa = arg(t, 0);
	uint32_t op = arg(t, 2);
	const struct grant *g = grants;
	while (g < grants + GRANTS &&
	       !(g->pid == t->proc->pid && pa >= g->pa && pa < g->pa + g->size))
		g++;
	if ((pa & 3) || op > DEV_WRITE) {
		ret(t, -EINVAL);
		return;
	}
	if (g == grants + GRANTS) {
		ret(t, -EPERM);
		return;
	}
	volatile uint32_t *reg = (volatile uint32_t *)io_reach(pa);
	if (op == DEV_WRITE)
		*reg = arg(t, 1);
	else
		thread_words(t)[1] = *reg;
	ret(t, 0);
}

/* Argument 0 the index, 1 a struct dev_range *. */
void syscall_dev_kernel(struct thread *t)
{
	struct io_range r;
	int err = io_region(arg(t, 0), &r);
	if (err) {
		ret(t, err);
		return;
	}
	struct dev_range out = {(uint32_t)r.pa, (uint32_t)(r.pa >> 32), r.size,
				console_range(&r) ? DEV_RANGE_CONSOLE : 0};
	ret(t, copy_to_user(t->as, arg(t, 1), &out, sizeof out));
}

/* The end of the mapped part of p's device window: the address past its last
 * mapped page (dev_base if none is); *has says whether page pa is among them. */
static uint32_t window_end(const struct proc *p, paddr_t pa, bool *has)
{
	const struct proc_layout *l = &p->vm.layout;
	uint32_t end = l->dev_base, flags;
	paddr_t at;
	for (uint32_t va = l->dev_base; va < l->dev_limit; va += PAGE_SIZE)
		if (as_lookup(&p->vm.as, va, &at, &flags) == 0) {
			end = va + PAGE_SIZE;
			*has |= at == pa;
		}
	return end;
}

/* Argument 0 a page number: the live process, not the caller, whose device
 * window maps that page or that holds a grant in it (word 0; 0 if none), and
 * where the mapped part of its window ends (word 1). Needs PRIV_IO: a new IO
 * server learns from it who holds what, as the one that ended knew it. */
void syscall_dev_holder(struct thread *t)
{
	paddr_t pa = (paddr_t)arg(t, 0) << PAGE_SHIFT;
	if (!(t->proc->program->privileges & PRIV_IO)) {
		ret(t, -EPERM);
		return;
	}
	for (int i = 0; i < MAX_PROCS; i++) {
		struct proc *p = proc_slot(i);
		bool has = false;
		if (!p || p->state != PROC_ALIVE || p == t->proc)
			continue;
		for (const struct grant *g = grants; g < grants + GRANTS; g++)
			has |= g->pid == p->pid && PAGE_ROUND_DOWN(g->pa) == pa;
		uint32_t end = window_end(p, pa, &has);
		if (has) {
			thread_words(t)[1] = end;
			ret(t, p->pid);
			return;
		}
	}
	ret(t, 0);
}

/* Argument 0 the pid (0: the caller), 1 a struct program_devices *. */
void syscall_program(struct thread *t)
{
	struct proc *p = arg(t, 0) ? proc_find((int)arg(t, 0)) : t->proc;
	struct program_devices info;
	if (!p) {
		ret(t, -ESRCH);
		return;
	}
	memset(&info, 0, sizeof info);
	memcpy(info.name, p->program->name, strlen(p->program->name));
	for (const char *const *d = p->program->devices; d && *d; d++) {
		uint32_t n = strlen(*d) + 1;
		if (info.devices_len + n > sizeof info.devices)
			break; /* program_table_check refuses such a table */
		memcpy(info.devices + info.devices_len, *d, n);
		info.devices_len += n;
	}
	ret(t, copy_to_user(t->as, arg(t, 1), &info, sizeof info));
}

/* A process's end takes its grants; its server hears of it. */
static void proc_event(struct proc *p, enum proc_event event)
{
	if (event != PROC_ENDING)
		return;
	for (struct grant *g = grants; g < grants + GRANTS; g++)
		if (g->pid == p->pid)
			g->pid = 0;
	if (served[p->pid % MAX_PROCS].pid != p->pid)
		return;
	struct proc *server = proc_find(served[p->pid % MAX_PROCS].server);
	if (!server) /* the server that served p has ended: its successor rebuilt its record */
		server = proc_find(io_server);
	served[p->pid % MAX_PROCS].pid = 0;
	if (server)
		ipc_notify_proc(server, NOTIFY_DEVICES);
}

void device_init(paddr_t start, paddr_t end)
{
	ram_start = start;
	ram_end = end;
	proc_observe(proc_event);
}
