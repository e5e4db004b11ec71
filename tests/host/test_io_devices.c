/*
 * Unit tests of the IO server's device list (servers/io/devlist.c) built from
 * real trees: QEMU virt's dumps (tests/dtb/) and, given the directory they
 * were fetched to, the Raspberry Pi 2, 3 and 3 B+ and Orange Pi PC trees of
 * Debian's Linux package. Every device of each tree, with every register
 * range and interrupt, must be what tests/dtb/devices.py, which reads dtc's
 * text form of the tree instead, says the tree means (tests/dtb/devices/);
 * a few are checked by hand too, to show what the translation does.
 *
 * The boards' built-in trees (kernel/board/<name>/devices.dts), which the IO
 * server lists when the boot loader passes none, must list what those boards
 * are known to have, the devices their board.c drives among them.
 *
 *   test_io_devices             the committed trees and the built-in ones
 *   test_io_devices TREE_DIR    Debian's trees in TREE_DIR
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* cmocka.h needs the headers above first. */
#include <cmocka.h>

#include "devlist.h"
#include "wren/abi.h"

#define MAX_DEVICES 128

static const char *tree_dir = TEST_DATA_DIR; /* where the trees are */

struct list {
	uint8_t *blob;
	struct fdt t;
	struct io_device dev[MAX_DEVICES];
	int count;
};

static void *load(const char *path, long *size)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		fail_msg("cannot open %s", path);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	*size = ftell(f);
	rewind(f);
	void *data = malloc((size_t)*size);
	assert_non_null(data);
	assert_int_equal(fread(data, 1, (size_t)*size, f), (size_t)*size);
	fclose(f);
	return data;
}

/* The list of the tree name.dtb of dir. */
static struct list *build_in(const char *dir, const char *name)
{
	char path[512];
	long size;
	struct list *l = calloc(1, sizeof *l);
	const char *why = NULL;
	assert_non_null(l);
	snprintf(path, sizeof path, "%s/%s.dtb", dir, name);
	l->blob = load(path, &size);
	assert_int_equal(fdt_open(&l->t, l->blob, (size_t)size, &why), 0);
	l->count = io_devices_build(&l->t, l->dev, MAX_DEVICES);
	assert_true(l->count > 0);
	return l;
}

static struct list *build(const char *name)
{
	return build_in(tree_dir, name);
}

static void release(struct list *l)
{
	free(l->blob);
	free(l);
}

/* One device as devices.py prints it. */
static void describe(const struct io_device *d, char *out, size_t size)
{
	int n = snprintf(out, size, "%s | %s | ", d->name, d->compatible);
	if (d->reg_note == IO_REG_NOT_CPU)
		n += snprintf(out + n, size - n, "not-cpu");
	else if (d->reg_note == IO_REG_UNSUPPORTED)
		n += snprintf(out + n, size - n, "unsupported");
	else if (d->reg_count == 0)
		n += snprintf(out + n, size - n, "-");
	for (int i = 0; i < d->reg_count; i++)
		n += snprintf(out + n, size - n, "%s%llx+%llx", i ? " " : "",
			      (unsigned long long)d->reg[i].base,
			      (unsigned long long)d->reg[i].size);
	n += snprintf(out + n, size - n, " | ");
	if (d->irq_count == 0)
		n += snprintf(out + n, size - n, "-");
	for (int i = 0; i < d->irq_count; i++) {
		if (d->irq[i] == IO_IRQ_NONE)
			n += snprintf(out + n, size - n, "%snone", i ? " " : "");
		else
			n += snprintf(out + n, size - n, "%s%d", i ? " " : "", d->irq[i]);
	}
	assert_true(n < (int)size);
	/* Nothing was cut: no tree here has more than the list keeps. */
	assert_int_equal(d->reg_count, d->reg_total);
	assert_int_equal(d->irq_count, d->irq_total);
}

/* The whole list, line by line, against tests/dtb/devices/name.txt. */
static void check_all(const struct list *l, const char *name)
{
	char path[512], want[512], got[512];
	snprintf(path, sizeof path, "%s/devices/%s.txt", TEST_DATA_DIR, name);
	FILE *f = fopen(path, "r");
	if (!f)
		fail_msg("cannot open %s", path);
	int i = 0;
	while (fgets(want, sizeof want, f)) {
		want[strcspn(want, "\n")] = '\0';
		if (i == l->count)
			fail_msg("%s: the list ends before '%s'", name, want);
		describe(&l->dev[i++], got, sizeof got);
		assert_string_equal(got, want);
	}
	fclose(f);
	assert_int_equal(i, l->count);
}

static const struct io_device *find(const struct list *l, const char *name)
{
	for (int i = 0; i < l->count; i++)
		if (strcmp(l->dev[i].name, name) == 0)
			return &l->dev[i];
	fail_msg("no device %s", name);
	return NULL;
}

static void check_device(const struct list *l, const char *name, uint64_t base, uint64_t size,
			 int irqs, const int16_t *irq)
{
	const struct io_device *d = find(l, name);
	if (size) {
		assert_true(d->reg_count >= 1);
		assert_int_equal(d->reg[0].base, base);
		assert_int_equal(d->reg[0].size, size);
	}
	assert_int_equal(d->irq_count, irqs);
	for (int i = 0; i < irqs; i++)
		assert_int_equal(d->irq[i], irq[i]);
}

#define IRQS(...)                                                                                  \
	(int)(sizeof((int16_t[]){__VA_ARGS__}) / sizeof(int16_t)), (int16_t[])                     \
	{                                                                                          \
		__VA_ARGS__                                                                        \
	}

static void test_virt(void **state)
{
	(void)state;
	struct list *l = build("virt-128m");
	check_all(l, "virt-128m");
	assert_int_equal(l->count, 46);
	/* GIC SPIs are 32 + n: the PL031's SPI 2 is 34; the timer's PPIs 13, 14,
	 * 11, 10 are 29, 30, 27, 26. */
	check_device(l, "pl031@9010000", 0x09010000, 0x1000, IRQS(34));
	check_device(l, "pl011@9000000", 0x09000000, 0x1000, IRQS(33));
	check_device(l, "timer", 0, 0, IRQS(29, 30, 27, 26));
	/* 32 virtio-mmio transports, 0x200 apart from 0x0a000000, on SPIs 16-47. */
	int transports = 0;
	for (int i = 0; i < l->count; i++)
		if (io_device_is(&l->dev[i], "virtio,mmio")) {
			const struct io_device *d = &l->dev[i];
			uint32_t n = (uint32_t)(d->reg[0].base - 0x0a000000) / 0x200;
			assert_int_equal(d->reg[0].base, 0x0a000000 + 0x200 * n);
			assert_int_equal(d->irq[0], 48 + (int)n);
			transports++;
		}
	assert_int_equal(transports, 32);
	/* The PCI host's window lies above 4 GiB; a CPU's reg is not an address. */
	check_device(l, "pcie@10000000", 0x4010000000ull, 0x10000000, 0, NULL);
	assert_int_equal(find(l, "cpu@0")->reg_note, IO_REG_NOT_CPU);
	/* Nodes without "compatible" (chosen, memory, the empty pmu) are not devices. */
	for (int i = 0; i < l->count; i++)
		assert_true(strcmp(l->dev[i].name, "pmu") && strcmp(l->dev[i].name, "chosen"));
	release(l);

	l = build("virt-512m-smp2");
	check_all(l, "virt-512m-smp2");
	release(l);
}

/* A list with too little room holds what fits and counts them all. */
static void test_too_many(void **state)
{
	(void)state;
	struct list *l = build("virt-128m");
	assert_int_equal(io_devices_build(&l->t, NULL, 0), 46);
	memset(l->dev, 0, sizeof l->dev);
	assert_int_equal(io_devices_build(&l->t, l->dev, 45), 46);
	assert_string_equal(l->dev[44].name, "timer");
	assert_null(l->dev[45].name);
	/* With their interrupts. */
	assert_int_equal(l->dev[44].irq[1], 30);
	release(l);
}

static void check_pi(const char *name)
{
	struct list *l = build(name);
	check_all(l, name);
	/* Behind /soc's ranges: the VideoCore's 0x7e...... is the CPU's 0x3f....... */
	check_device(l, "serial@7e201000", 0x3f201000, 0x200, IRQS(4 + 57)); /* GPU irq 57 */
	check_device(l, "gpio@7e200000", 0x3f200000, 0xb4, IRQS(4 + 49, 4 + 50, 4 + 51, 4 + 52));
	check_device(l, "mailbox@7e00b880", 0x3f00b880, 0x40, IRQS(68 + 1)); /* basic irq 1 */
	check_device(l, "timer@7e003000", 0x3f003000, 0x1000, IRQS(4, 5, 6, 7));
	/* The local controller's timers are 0-3; its GPU input is not a number. */
	check_device(l, "timer", 0, 0, IRQS(0, 1, 3, 2));
	check_device(l, "interrupt-controller@7e00b200", 0x3f00b200, 0x200, IRQS(IO_IRQ_NONE));
	check_device(l, "local_intc@40000000", 0x40000000, 0x100, 0, NULL);
	release(l);
}

static void test_pi(void **state)
{
	(void)state;
	check_pi("bcm2836-rpi-2-b");
	check_pi("bcm2837-rpi-3-b");
	check_pi("bcm2837-rpi-3-b-plus");
}

static void test_orangepi_pc(void **state)
{
	(void)state;
	struct list *l = build("sun8i-h3-orangepi-pc");
	check_all(l, "sun8i-h3-orangepi-pc");
	check_device(l, "serial@1c28000", 0x01c28000, 0x400, IRQS(32));
	check_device(l, "timer@1c20c00", 0x01c20c00, 0xa0, IRQS(32 + 18, 32 + 19));
	/* The RTC's interrupts go through the R_INTC, which forwards them as they are. */
	check_device(l, "rtc@1f00000", 0x01f00000, 0x400, IRQS(32 + 40, 32 + 41));
	check_device(l, "interrupt-controller@1c81000", 0x01c81000, 0x1000, IRQS(16 + 9));
	assert_int_equal(find(l, "interrupt-controller@1c81000")->reg_count, 4);
	/* Disabled in the tree: UART1-3 are not devices here. */
	for (int i = 0; i < l->count; i++)
		assert_true(strcmp(l->dev[i].name, "serial@1c28400"));
	release(l);
}

/* Each board's built-in tree, and in it what its board.c drives (the console,
 * the interrupt controllers) and the devices Wren's drivers use. */
static void test_builtin(void **state)
{
	(void)state;
	struct list *l = build_in(BUILTIN_DIR, "builtin-virt");
	check_all(l, "builtin-virt");
	check_device(l, "pl011@9000000", 0x09000000, 0x1000, IRQS(33));
	check_device(l, "intc@8000000", 0x08000000, 0x10000, 0, NULL);
	assert_int_equal(find(l, "intc@8000000")->reg[1].base, 0x08010000);
	check_device(l, "pl031@9010000", 0x09010000, 0x1000, IRQS(34));
	check_device(l, "virtio_mmio@a003e00", 0x0a003e00, 0x200, IRQS(79));
	release(l);

	l = build_in(BUILTIN_DIR, "builtin-raspi2b");
	check_all(l, "builtin-raspi2b");
	check_device(l, "serial@7e201000", 0x3f201000, 0x200, IRQS(61));
	check_device(l, "interrupt-controller@7e00b200", 0x3f00b200, 0x200, IRQS(IO_IRQ_NONE));
	check_device(l, "local_intc@40000000", 0x40000000, 0x100, 0, NULL);
	check_device(l, "mailbox@7e00b880", 0x3f00b880, 0x40, IRQS(69));
	check_device(l, "gpio@7e200000", 0x3f200000, 0xb4, IRQS(53, 54, 55, 56));
	check_device(l, "timer", 0, 0, IRQS(0, 1, 3, 2));
	release(l);

	l = build_in(BUILTIN_DIR, "builtin-orangepi-pc");
	check_all(l, "builtin-orangepi-pc");
	check_device(l, "serial@1c28000", 0x01c28000, 0x400, IRQS(32));
	check_device(l, "interrupt-controller@1c81000", 0x01c81000, 0x1000, IRQS(25));
	assert_int_equal(find(l, "interrupt-controller@1c81000")->reg[1].base, 0x01c82000);
	check_device(l, "rtc@1f00000", 0x01f00000, 0x400, IRQS(72, 73));
	release(l);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest committed[] = {
	    cmocka_unit_test(test_virt),
	    cmocka_unit_test(test_too_many),
	    cmocka_unit_test(test_builtin),
	};
	const struct CMUnitTest debian[] = {
	    cmocka_unit_test(test_pi),
	    cmocka_unit_test(test_orangepi_pc),
	};
	if (argc < 2)
		return cmocka_run_group_tests(committed, NULL, NULL);
	tree_dir = argv[1];
	return cmocka_run_group_tests(debian, NULL, NULL);
}
