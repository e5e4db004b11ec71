/*
 * Unit tests of the system calls the IO server makes for drivers (kernel/
 * device.c): device pages, DMA pages and the boot loader's tree into device
 * windows, registers reached through the kernel, what a process's program
 * says, and what a driver's end gives back. Every refusal changes nothing;
 * the kernel never maps RAM or its own devices into a window, whatever the
 * IO server asks.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <string.h>

/* cmocka.h needs the headers above first. */
#include <cmocka.h>

#include "device.h"
#include "fake_kernel.h"
#include "fake_ram.h"
#include "harness.h"
#include "sched.h"
#include "wren/abi.h"

#define LAYOUT(t) (&(t)->proc->vm.layout)
#define WINDOW(t) (LAYOUT(t)->dev_base)
#define HEAP(t) (LAYOUT(t)->heap_base)
#define PL031_PAGE 0x09010u /* a device page that is neither RAM nor the kernel's */

/* The flags of p's page at va, which must be mapped; its frame in *pa. */
static uint32_t flags_at(struct thread *t, uint32_t va, paddr_t *pa)
{
	uint32_t flags;
	assert_int_equal(as_lookup(&t->proc->vm.as, va, pa, &flags), 0);
	return flags;
}

static void test_window_only_for_drivers(void **state)
{
	(void)state;
	struct thread *d = start("dev-driver", 0), *plain = start("plain", 0);
	assert_int_equal(WINDOW(d), d->proc->vm.as.base);
	assert_int_equal(LAYOUT(d)->dev_limit, WINDOW(d) + 4 * PAGE_SIZE);
	assert_true(LAYOUT(d)->dev_limit + PAGE_SIZE <= HEAP(d));
	assert_int_equal(LAYOUT(plain)->dev_limit, WINDOW(plain));
	assert_int_equal(as_count_mapped(&d->proc->vm.as, WINDOW(d), LAYOUT(d)->dev_limit), 0);
}

/* Everything the kernel refuses the IO server, and everyone else. */
static void test_map_refusals(void **state)
{
	(void)state;
	struct thread *io = start("io", 0), *d = start("dev-driver", 0), *plain = start("plain", 0);
	uint32_t w = WINDOW(d);
	run_until(plain);
	REFUSED(EPERM, plain, SYS_DEV_MAP, PID(d), w, PL031_PAGE, DEV_REGS);
	REFUSED(EPERM, plain, SYS_DEV_MAP, PID(plain), WINDOW(plain), 0, DEV_DMA);
	REFUSED(EPERM, plain, SYS_DEV_UNMAP, PID(d), w);
	REFUSED(EPERM, plain, SYS_DEV_GRANT, PID(d), FAKE_KERNEL_DEVICE_PA + 0x200, 4);
	REFUSED(EPERM, plain, SYS_IRQ_BIND, FAKE_DEVICE_IRQ, 1, PID(d));
	run_until(io);
	REFUSED(ESRCH, io, SYS_DEV_MAP, 12345, w, PL031_PAGE, DEV_REGS);
	REFUSED(ESRCH, io, SYS_IRQ_BIND, FAKE_DEVICE_IRQ, 1, 12345);
	/* Only inside the window, a page at a time. */
	const uint32_t outside[] = {w + 1,         w + 0xFFF,
				    w - PAGE_SIZE, LAYOUT(d)->dev_limit,
				    HEAP(d),       LAYOUT(d)->stack_start,
				    0xFFFFF000u,   0x10000};
	for (size_t i = 0; i < sizeof outside / sizeof *outside; i++) {
		REFUSED(EINVAL, io, SYS_DEV_MAP, PID(d), outside[i], PL031_PAGE, DEV_REGS);
		REFUSED(EINVAL, io, SYS_DEV_MAP, PID(d), outside[i], 0, DEV_DMA);
		REFUSED(EINVAL, io, SYS_DEV_UNMAP, PID(d), outside[i]);
	}
	/* A process that is not a driver has no window at all. */
	REFUSED(EINVAL, io, SYS_DEV_MAP, PID(plain), WINDOW(plain), PL031_PAGE, DEV_REGS);
	REFUSED(EINVAL, io, SYS_DEV_MAP, PID(d), w, PL031_PAGE, 4);
	/* Never RAM: its first page, the frames, its last page. */
	const uint32_t ram[] = {FAKE_RAM_PA(0) >> PAGE_SHIFT, FAKE_RAM_PA(1) >> PAGE_SHIFT,
				(FAKE_RAM_PA(FAKE_RAM_PAGES) >> PAGE_SHIFT) - 1};
	for (size_t i = 0; i < sizeof ram / sizeof *ram; i++)
		REFUSED(EACCES, io, SYS_DEV_MAP, PID(d), w, ram[i], DEV_REGS);
	/* Never a page of the kernel's own devices. */
	REFUSED(EBUSY, io, SYS_DEV_MAP, PID(d), w, FAKE_KERNEL_DEVICE_PA >> PAGE_SHIFT, DEV_REGS);
	/* Beyond what LPAE addresses. */
	REFUSED(EINVAL, io, SYS_DEV_MAP, PID(d), w, 0x10000000u, DEV_REGS);
	REFUSED(ENOENT, io, SYS_DEV_UNMAP, PID(d), w);
}

static void test_map_registers(void **state)
{
	(void)state;
	struct thread *io = start("io", 0), *d = start("dev-driver", 0);
	uint32_t w = WINDOW(d);
	paddr_t pa;
	run_until(io);
	assert_int_equal(SYS(io, SYS_DEV_MAP, PID(d), w + PAGE_SIZE, PL031_PAGE, DEV_REGS), 0);
	assert_int_equal(flags_at(d, w + PAGE_SIZE, &pa),
			 VM_USER | VM_WRITE | VM_DEVICE | VM_NOT_RAM); /* never executable */
	assert_int_equal(pa, (paddr_t)PL031_PAGE << PAGE_SHIFT);
	REFUSED(EEXIST, io, SYS_DEV_MAP, PID(d), w + PAGE_SIZE, PL031_PAGE, DEV_REGS);
	/* Pages at and above 4 GiB are devices too (QEMU virt's PCI window). */
	assert_int_equal(SYS(io, SYS_DEV_MAP, PID(d), w, 0x4010000u, DEV_REGS), 0);
	assert_int_equal((flags_at(d, w, &pa), pa), 0x4010000000ull);
	/* The kernel never reaches device memory for a system call. */
	run_until(d);
	REFUSED(EFAULT, d, SYS_PUTS, w + PAGE_SIZE, 4);
	run_until(io);
	assert_int_equal(SYS(io, SYS_DEV_UNMAP, PID(d), w + PAGE_SIZE), 0);
	REFUSED(ENOENT, io, SYS_DEV_UNMAP, PID(d), w + PAGE_SIZE);
	assert_int_equal(as_count_mapped(&d->proc->vm.as, w, LAYOUT(d)->dev_limit), 1);
}

static void test_map_dma(void **state)
{
	(void)state;
	struct thread *io = start("io", 0);
	uint32_t before_driver = frame_free_count();
	struct thread *d = start("dev-driver", 0);
	uint32_t w = WINDOW(d), frames = frame_free_count();
	paddr_t pa;
	run_until(io);
	int page = SYS(io, SYS_DEV_MAP, PID(d), w, 0, DEV_DMA);
	assert_true(page > 0);
	assert_int_equal(flags_at(d, w, &pa), VM_USER | VM_WRITE | VM_OWNED | VM_UNCACHED);
	assert_int_equal(pa, (paddr_t)page << PAGE_SHIFT);
	assert_true(pa >= FAKE_RAM_PA(0) && pa < FAKE_RAM_PA(FAKE_RAM_PAGES));
	assert_int_equal(frame_free_count(), frames - 2); /* the page and the window's table */
	assert_int_equal(fake_dcache_flushes, 1); /* the zeros are in RAM, not in a cache line */
	page = SYS(io, SYS_DEV_MAP, PID(d), w + PAGE_SIZE, 0, DEV_DMA_DEVICE);
	assert_int_equal(flags_at(d, w + PAGE_SIZE, &pa),
			 VM_USER | VM_WRITE | VM_OWNED | VM_DEVICE);
	assert_int_equal(pa, (paddr_t)page << PAGE_SHIFT);
	/* The window is the limit: four pages, no more. */
	assert_true(SYS(io, SYS_DEV_MAP, PID(d), w + 2 * PAGE_SIZE, 0, DEV_DMA) > 0);
	assert_true(SYS(io, SYS_DEV_MAP, PID(d), w + 3 * PAGE_SIZE, 0, DEV_DMA) > 0);
	REFUSED(EINVAL, io, SYS_DEV_MAP, PID(d), w + 4 * PAGE_SIZE, 0, DEV_DMA);
	REFUSED(EEXIST, io, SYS_DEV_MAP, PID(d), w, 0, DEV_DMA);
	/* A DMA page is RAM: a system call may use it. */
	run_until(d);
	assert_int_equal(SYS(d, SYS_PUTS, w, 3), 3);
	/* Unmapped, and at the driver's end, its frames go back. */
	run_until(io);
	assert_int_equal(SYS(io, SYS_DEV_UNMAP, PID(d), w), 0);
	assert_int_equal(frame_free_count(), frames - 3 - 1);
	run_until(d);
	SYS(d, SYS_EXIT, 0);
	assert_int_equal(frame_free_count(), before_driver);
}

static void test_map_tree(void **state)
{
	(void)state;
	struct thread *io = start("io", 0), *d = start("dev-driver", 0);
	uint32_t w = WINDOW(io);
	paddr_t pa;
	run_until(io);
	REFUSED(ENOENT, io, SYS_DEV_MAP, PID(io), w, 0, DEV_TREE);
	/* A tree of 0x2100 bytes 0x100 into its first page: three pages. */
	boot_info.dtb_pa = 0x48000100u;
	boot_info.dtb_va = DTB_WINDOW + 0x100;
	boot_info.dtb_size = 0x2100;
	REFUSED(EPERM, io, SYS_DEV_MAP, PID(d), WINDOW(d), 0, DEV_TREE); /* only into its own */
	REFUSED(EINVAL, io, SYS_DEV_MAP, PID(io), w + 6 * PAGE_SIZE, 0, DEV_TREE);
	assert_int_equal(SYS(io, SYS_DEV_MAP, PID(io), w + 5 * PAGE_SIZE, 0, DEV_TREE), 0x100);
	for (uint32_t i = 0; i < 3; i++) {
		assert_int_equal(flags_at(io, w + (5 + i) * PAGE_SIZE, &pa), VM_USER | VM_NOT_RAM);
		assert_int_equal(pa, 0x48000000u + i * PAGE_SIZE);
	}
	/* Where a page is taken, nothing of the tree stays mapped. */
	assert_int_equal(SYS(io, SYS_DEV_MAP, PID(io), w + PAGE_SIZE, PL031_PAGE, DEV_REGS), 0);
	REFUSED(EEXIST, io, SYS_DEV_MAP, PID(io), w, 0, DEV_TREE);
	assert_int_equal(as_count_mapped(&io->proc->vm.as, w, LAYOUT(io)->dev_limit), 4);
}

/* What a restarted IO server asks (SYS_DEV_HOLDER): who has a device page in
 * its window, or a grant in it, and where that window's mapped part ends;
 * nobody for a page no driver has; never the caller itself; PRIV_IO only. */
static void test_holder(void **state)
{
	(void)state;
	struct thread *io = start("io", 0), *d = start("dev-driver", 0), *plain = start("plain", 0);
	const uint32_t kernel_page = FAKE_KERNEL_DEVICE_PA >> PAGE_SHIFT;
	uint32_t w = WINDOW(d);
	run_until(io);
	assert_int_equal(SYS(io, SYS_DEV_HOLDER, PL031_PAGE), 0);
	assert_int_equal(SYS(io, SYS_DEV_MAP, PID(d), w + PAGE_SIZE, PL031_PAGE, DEV_REGS), 0);
	assert_int_equal(SYS(io, SYS_DEV_MAP, PID(io), WINDOW(io), PL031_PAGE, DEV_REGS), 0);
	assert_int_equal(SYS(io, SYS_DEV_HOLDER, PL031_PAGE), (int)PID(d));
	assert_int_equal(io->ctx.r[1], w + 2 * PAGE_SIZE);
	assert_int_equal(SYS(io, SYS_DEV_HOLDER, kernel_page), 0);
	assert_int_equal(SYS(io, SYS_DEV_GRANT, PID(d), FAKE_KERNEL_DEVICE_PA + 0x880, 0x40), 0);
	assert_int_equal(SYS(io, SYS_DEV_HOLDER, kernel_page), (int)PID(d));
	run_until(plain);
	REFUSED(EPERM, plain, SYS_DEV_HOLDER, PL031_PAGE);
}

static void test_grants(void **state)
{
	(void)state;
	struct thread *io = start("io", 0), *d = start("dev-driver", 0), *plain = start("plain", 0);
	const uint32_t page = FAKE_KERNEL_DEVICE_PA; /* the kernel's device: 0x000-0x0ff */
	run_until(io);
	REFUSED(EBUSY, io, SYS_DEV_GRANT, PID(d), page + 0xF0, 0x20);
	REFUSED(EBUSY, io, SYS_DEV_GRANT, PID(d), page, 4);
	REFUSED(EINVAL, io, SYS_DEV_GRANT, PID(d), page + 0x102, 4);
	REFUSED(EINVAL, io, SYS_DEV_GRANT, PID(d), page + 0x100, 6);
	REFUSED(EINVAL, io, SYS_DEV_GRANT, PID(d), page + 0x100, 0);
	REFUSED(EINVAL, io, SYS_DEV_GRANT, PID(d), page + 0x100, PAGE_SIZE);
	/* A page the kernel does not map: its device is mapped, not reached this way. */
	REFUSED(EINVAL, io, SYS_DEV_GRANT, PID(d), PL031_PAGE << PAGE_SHIFT, 4);
	assert_int_equal(SYS(io, SYS_DEV_GRANT, PID(d), page + 0x880, 0x40), 0);

	run_until(d);
	assert_int_equal(SYS(d, SYS_DEV_RW, page + 0x8a0, 0x1234, DEV_WRITE), 0);
	assert_int_equal(fake_io_page[0x8a0 / 4], 0x1234);
	fake_io_page[0x8bc / 4] = 0xC0FFEE;
	assert_int_equal(SYS(d, SYS_DEV_RW, page + 0x8bc, 0, DEV_READ), 0);
	assert_int_equal(d->ctx.r[1], 0xC0FFEE);
	/* Nothing outside the grant, nothing unaligned, no other operation. */
	const uint32_t not_granted[] = {page + 0x87c, page + 0x8c0, page, page + 0x10};
	for (size_t i = 0; i < sizeof not_granted / sizeof *not_granted; i++) {
		REFUSED(EPERM, d, SYS_DEV_RW, not_granted[i], 1, DEV_WRITE);
		REFUSED(EPERM, d, SYS_DEV_RW, not_granted[i], 0, DEV_READ);
	}
	REFUSED(EINVAL, d, SYS_DEV_RW, page + 0x8a2, 1, DEV_WRITE);
	REFUSED(EINVAL, d, SYS_DEV_RW, page + 0x8a0, 1, 2);
	assert_int_equal(fake_io_page[0], 0);
	run_until(plain);
	REFUSED(EPERM, plain, SYS_DEV_RW, page + 0x8a0, 1, DEV_WRITE);
	/* The grant ends with its driver: a new one has none. */
	run_until(d);
	SYS(d, SYS_EXIT, 0);
	struct thread *d2 = start("dev-driver", 0);
	run_until(d2);
	REFUSED(EPERM, d2, SYS_DEV_RW, page + 0x8a0, 1, DEV_WRITE);
}

/* A driver's end: its window goes, its interrupts go, and its server hears. */
static void test_end_tells_the_server(void **state)
{
	(void)state;
	struct thread *io = start("io", 0), *d = start("dev-driver", 0),
		      *d2 = start("dev-driver", 0), *other = start("dev-driver", 0);
	run_until(io);
	assert_int_equal(SYS(io, SYS_DEV_MAP, PID(d), WINDOW(d), PL031_PAGE, DEV_REGS), 0);
	assert_int_equal(SYS(io, SYS_IRQ_BIND, FAKE_DEVICE_IRQ, 0x10, PID(d2)), 0);
	assert_false(fake_irq_masked[FAKE_DEVICE_IRQ]);
	SYS(io, SYS_RECV);
	/* A process the server never served ends unheard. */
	run_until(other);
	SYS(other, SYS_EXIT, 0);
	assert_int_equal(io->state, THREAD_RECEIVING);
	run_until(d);
	SYS(d, SYS_EXIT, 0);
	assert_int_equal(io->state, THREAD_RUNNABLE);
	assert_int_equal(io->ctx.r[1], IPC_LABEL_NOTIFY);
	assert_int_equal(io->ctx.r[2], NOTIFY_DEVICES);
	run_until(io);
	SYS(io, SYS_RECV);
	/* Killed, a driver's interrupt is masked and free again. */
	run_until(d2);
	SYS(d2, SYS_KILL, PID(d2));
	assert_int_equal(io->ctx.r[2], NOTIFY_DEVICES);
	assert_true(fake_irq_masked[FAKE_DEVICE_IRQ]);
	run_until(io);
	struct thread *d3 = start("dev-driver", 0);
	assert_int_equal(SYS(io, SYS_IRQ_BIND, FAKE_DEVICE_IRQ, 0x10, PID(d3)), 0);
	/* The kernel's bits are its own. */
	REFUSED(EINVAL, io, SYS_IRQ_BIND, FAKE_DEVICE_IRQ, NOTIFY_DEVICES, PID(d3));
}

static void test_program_info(void **state)
{
	(void)state;
	struct thread *d = start("dev-driver", 0), *plain = start("plain", 0);
	struct program_devices info;
	run_until(plain);
	uint32_t at = HEAP(plain) + PAGE_SIZE - sizeof info; /* ends on the page's last byte */
	map_page(plain->proc, HEAP(plain));
	assert_int_equal(SYS(plain, SYS_PROGRAM, PID(d), at), 0);
	peek(plain->proc, at, &info, sizeof info);
	assert_string_equal(info.name, "dev-driver");
	assert_int_equal(info.devices_len, sizeof "arm,pl031" + sizeof "acme,widget");
	assert_memory_equal(info.devices, "arm,pl031\0acme,widget", info.devices_len);
	assert_int_equal(SYS(plain, SYS_PROGRAM, 0, at), 0);
	peek(plain->proc, at, &info, sizeof info);
	assert_string_equal(info.name, "plain");
	assert_int_equal(info.devices_len, 0);
	REFUSED(ESRCH, plain, SYS_PROGRAM, 12345, at);
	REFUSED(EFAULT, plain, SYS_PROGRAM, PID(d), at + 1);
	REFUSED(EFAULT, plain, SYS_PROGRAM, PID(d), FAKE_DATA);
}

/* The IO server reads any process's layout, for its window; others may not. */
static void test_layout_and_info(void **state)
{
	(void)state;
	struct thread *io = start("io", 0), *d = start("dev-driver", 0), *plain = start("plain", 0);
	run_until(io);
	uint32_t at = map_page(io->proc, HEAP(io));
	assert_int_equal(SYS(io, SYS_LAYOUT, PID(d), at), 0);
	struct proc_layout l;
	peek(io->proc, at, &l, sizeof l);
	assert_int_equal(l.dev_base, WINDOW(d));
	assert_int_equal(l.dev_limit, WINDOW(d) + 4 * PAGE_SIZE);
	run_until(plain);
	map_page(plain->proc, HEAP(plain));
	REFUSED(EPERM, plain, SYS_LAYOUT, PID(d), HEAP(plain));
	assert_int_equal(SYS(plain, SYS_INFO, INFO_IO_SERVER), 0);
	io_server = (int)PID(io);
	assert_int_equal(SYS(plain, SYS_INFO, INFO_IO_SERVER), (int)PID(io));
	run_until(io);
	SYS(io, SYS_EXIT, 0);
	run_until(plain);
	assert_int_equal(SYS(plain, SYS_INFO, INFO_IO_SERVER), 0);
	io_server = 0;
}

/* The kernel's own devices, as the IO server lists them. */
static void test_kernel_devices(void **state)
{
	(void)state;
	struct thread *t = start("plain", 0);
	uint32_t at = map_page(t->proc, HEAP(t));
	struct dev_range r;
	run_until(t);
	assert_int_equal(SYS(t, SYS_DEV_KERNEL, 0, at), 0);
	peek(t->proc, at, &r, sizeof r);
	assert_int_equal(r.pa, FAKE_KERNEL_DEVICE_PA);
	assert_int_equal(r.pa_high, 0);
	assert_int_equal(r.size, FAKE_KERNEL_DEVICE_SIZE);
	REFUSED(ENOENT, t, SYS_DEV_KERNEL, 1, at);
	REFUSED(EFAULT, t, SYS_DEV_KERNEL, 0, FAKE_DATA);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, harness_setup, harness_teardown)
	const struct CMUnitTest tests[] = {
	    T(test_window_only_for_drivers),
	    T(test_map_refusals),
	    T(test_map_registers),
	    T(test_map_dma),
	    T(test_map_tree),
	    T(test_holder),
	    T(test_grants),
	    T(test_end_tells_the_server),
	    T(test_program_info),
	    T(test_layout_and_info),
	    T(test_kernel_devices),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
