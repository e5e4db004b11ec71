/*
 * The device list (devlist.h). One pass over the tree lists the devices and
 * finds the interrupt controllers; then each interrupt is translated by the
 * binding of the controller its interrupt-parent names (the node's own, or the
 * nearest ancestor's) into the number the kernel knows it by:
 *
 *   GIC (arm,gic-400, arm,cortex-a7/a9/a15-gic): <type n flags>, an SPI n
 *     is 32 + n, a PPI n is 16 + n;
 *   BCM2835 (brcm,bcm2835/bcm2836-armctrl-ic): <bank n>, bank 0 (basic) n is
 *     68 + n, bank 1 (GPU 0-31) 4 + n, bank 2 (GPU 32-63) 36 + n: behind the
 *     BCM2836 local controller, whose timers are 0-3 (kernel/board/raspi2b);
 *   BCM2836 local (brcm,bcm2836-l1-intc): <n flags>, its timers 0-3 are n;
 *   the H3's R_INTC (allwinner,sun6i-a31-r-intc): GIC cells, forwarded to
 *     the GIC as they are.
 * Anything else (a GPIO block's interrupts, a controller's own input from the
 * one above) has no number the kernel knows: IO_IRQ_NONE.
 */
#include "devlist.h"

#include <wren/abi.h>

#define CONTROLLERS 16
#define GIC_SPI_FIRST 32
#define GIC_PPI_FIRST 16
#define BCM2835_BASIC_FIRST 68
#define BCM2835_GPU_FIRST 4
#define BCM2836_LOCAL_TIMERS 4
#define FORWARDS_MAX 4 /* forwarding controllers one behind another, at most */

enum controller_kind { CTRL_GIC, CTRL_BCM2835, CTRL_BCM2836_LOCAL, CTRL_FORWARD, CTRL_OTHER };

struct controller {
	uint32_t phandle;
	uint32_t cells;  /* #interrupt-cells */
	uint32_t parent; /* its own interrupt-parent's phandle: a forwarder's target */
	enum controller_kind kind;
};

struct controllers {
	struct controller c[CONTROLLERS];
	uint32_t count;
};

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* What the list wants of a node, from one pass over its properties. */
struct props {
	struct fdt_prop compatible, status, interrupts, reg;
	bool has_compatible, has_status, has_interrupts, has_reg, controller;
	uint32_t phandle, interrupt_parent, interrupt_cells; /* 0: none */
	uint32_t address_cells, size_cells; /* its children's; the defaults, 2 and 1 */
};

static uint32_t one_cell(const struct fdt_prop *p)
{
	return p->len == 4 ? be32(p->value) : 0;
}

static bool named(const char *name, const char *want)
{
	while (*name && *name == *want)
		name++, want++;
	return *name == *want;
}

static void scan(const struct fdt *t, const struct fdt_node *node, struct props *p)
{
	uint32_t at = 0;
	const char *name;
	struct fdt_prop v;
	*p = (struct props){.address_cells = 2, .size_cells = 1};
	while (fdt_next_prop(t, node, &at, &name, &v)) {
		if (named(name, "compatible"))
			p->compatible = v, p->has_compatible = true;
		else if (named(name, "status"))
			p->status = v, p->has_status = true;
		else if (named(name, "interrupts"))
			p->interrupts = v, p->has_interrupts = true;
		else if (named(name, "interrupt-controller"))
			p->controller = true;
		else if (named(name, "phandle") || named(name, "linux,phandle"))
			p->phandle = one_cell(&v);
		else if (named(name, "interrupt-parent"))
			p->interrupt_parent = one_cell(&v);
		else if (named(name, "#interrupt-cells"))
			p->interrupt_cells = one_cell(&v);
		else if (named(name, "reg"))
			p->reg = v, p->has_reg = true;
		else if (named(name, "#address-cells"))
			p->address_cells = one_cell(&v);
		else if (named(name, "#size-cells"))
			p->size_cells = one_cell(&v);
	}
}

/* What the walk knows at each depth: the interrupt-parent in force (a node's
 * own, or the one above it's), and the cells a node gives its children's reg. */
struct parents {
	uint32_t at[FDT_MAX_DEPTH];
	uint32_t address_cells[FDT_MAX_DEPTH], size_cells[FDT_MAX_DEPTH];
};

static uint32_t parent_here(struct parents *ps, const struct fdt_node *node, const struct props *p)
{
	uint32_t above = node->depth ? ps->at[node->depth - 1] : 0;
	ps->at[node->depth] = p->interrupt_parent ? p->interrupt_parent : above;
	ps->address_cells[node->depth] = p->address_cells;
	ps->size_cells[node->depth] = p->size_cells;
	return ps->at[node->depth];
}

static enum controller_kind kind_of(const struct fdt *t, const struct fdt_node *node)
{
	static const char *const gics[] = {"arm,gic-400", "arm,cortex-a15-gic", "arm,cortex-a7-gic",
					   "arm,cortex-a9-gic"};
	for (uint32_t i = 0; i < sizeof gics / sizeof gics[0]; i++)
		if (fdt_compatible(t, node, gics[i]))
			return CTRL_GIC;
	if (fdt_compatible(t, node, "brcm,bcm2836-armctrl-ic") ||
	    fdt_compatible(t, node, "brcm,bcm2835-armctrl-ic"))
		return CTRL_BCM2835;
	if (fdt_compatible(t, node, "brcm,bcm2836-l1-intc"))
		return CTRL_BCM2836_LOCAL;
	if (fdt_compatible(t, node, "allwinner,sun6i-a31-r-intc"))
		return CTRL_FORWARD;
	return CTRL_OTHER;
}

/* Records node as an interrupt controller, if it is one with a phandle. */
static void add_controller(const struct fdt *t, const struct fdt_node *node, const struct props *p,
			   uint32_t parent, struct controllers *cs)
{
	if (!p->controller || !p->phandle || cs->count == CONTROLLERS)
		return;
	cs->c[cs->count++] = (struct controller){
	    .phandle = p->phandle,
	    .cells = p->interrupt_cells,
	    .parent = parent,
	    .kind = kind_of(t, node),
	};
}

static const struct controller *controller(const struct controllers *cs, uint32_t phandle)
{
	for (uint32_t i = 0; i < cs->count; i++)
		if (cs->c[i].phandle == phandle)
			return &cs->c[i];
	return 0;
}

/* The kernel's number for the interrupt of cells (c's #interrupt-cells of them). */
static int16_t translate(const struct controllers *cs, const struct controller *c,
			 const uint8_t *cells)
{
	for (int hops = 0; c && c->kind == CTRL_FORWARD && hops < FORWARDS_MAX; hops++) {
		const struct controller *to = controller(cs, c->parent);
		c = to && to->cells == c->cells ? to : 0;
	}
	if (!c)
		return IO_IRQ_NONE;
	uint32_t a = c->cells > 0 ? be32(cells) : 0, b = c->cells > 1 ? be32(cells + 4) : 0;
	switch (c->kind) {
	case CTRL_GIC:
		if (c->cells != 3 || b >= 988)
			return IO_IRQ_NONE;
		return a == 0             ? (int16_t)(GIC_SPI_FIRST + b)
		       : a == 1 && b < 16 ? (int16_t)(GIC_PPI_FIRST + b)
					  : IO_IRQ_NONE;
	case CTRL_BCM2835:
		if (c->cells != 2)
			return IO_IRQ_NONE;
		if (a == 0 && b < 8)
			return (int16_t)(BCM2835_BASIC_FIRST + b);
		return (a == 1 || a == 2) && b < 32
			   ? (int16_t)(BCM2835_GPU_FIRST + 32 * (a - 1) + b)
			   : IO_IRQ_NONE;
	case CTRL_BCM2836_LOCAL:
		return c->cells >= 1 && a < BCM2836_LOCAL_TIMERS ? (int16_t)a : IO_IRQ_NONE;
	default: return IO_IRQ_NONE;
	}
}

/* d's interrupts, once every controller is known (one may come after d). */
static void list_interrupts(const struct controllers *cs, struct io_device *d)
{
	if (!d->interrupts)
		return;
	const struct controller *c = controller(cs, d->interrupt_parent);
	uint32_t size = c && c->cells ? 4 * c->cells : 0;
	if (!size) {
		d->irq_total = d->irq_count = 1; /* one, on a controller nobody knows */
		d->irq[0] = IO_IRQ_NONE;
		return;
	}
	for (uint32_t at = 0; at + size <= d->interrupts_len && d->irq_total < 255; at += size) {
		if (d->irq_count < IO_IRQS)
			d->irq[d->irq_count++] = translate(cs, c, d->interrupts + at);
		d->irq_total++;
	}
}

/* node's register ranges. How many there are comes from its reg's length and
 * its parent's cells, so that fdt_reg, which works them out again for each
 * range, is not asked once more to learn there are no more. */
static void list_registers(const struct fdt *t, const struct fdt_node *node, const struct props *p,
			   const struct parents *ps, struct io_device *d)
{
	struct fdt_range r;
	const char *why;
	int err = 0;
	if (!p->has_reg)
		return;
	uint32_t pair = 4 * (ps->address_cells[node->depth - 1] + ps->size_cells[node->depth - 1]);
	uint32_t ranges = pair ? p->reg.len / pair : 1; /* fdt_reg tells what is wrong */
	for (uint32_t i = 0; !err && i < ranges && i < 255; i++) {
		if ((err = fdt_reg(t, node, i, &r, &why)) != 0)
			break;
		if (d->reg_count < IO_REGS)
			d->reg[d->reg_count++] = r;
		d->reg_total++;
	}
	if (err == -EFAULT || err == -EINVAL) {
		d->reg_note = err == -EFAULT ? IO_REG_NOT_CPU : IO_REG_UNSUPPORTED;
		d->reg_count = d->reg_total = 0;
	}
}

static bool enabled(const struct props *p)
{
	const char *status = (const char *)p->status.value;
	return !p->has_status || fdt_list_has(status, p->status.len, "okay") ||
	       fdt_list_has(status, p->status.len, "ok");
}

int io_devices_build(const struct fdt *t, struct io_device *out, uint32_t max)
{
	struct controllers cs = {0};
	struct fdt_node node = fdt_root(t);
	struct parents ps = {0};
	struct props p;
	uint32_t n = 0;
	scan(t, &node, &p);
	add_controller(t, &node, &p, parent_here(&ps, &node, &p), &cs);
	while (fdt_next(t, &node)) {
		scan(t, &node, &p);
		uint32_t parent = parent_here(&ps, &node, &p);
		add_controller(t, &node, &p, parent, &cs);
		if (!p.has_compatible || !enabled(&p) || n++ >= max)
			continue; /* past max the walk goes on: it counts, and a controller may come
				   */
		struct io_device *d = &out[n - 1];
		*d = (struct io_device){
		    .name = node.name,
		    .compatible = (const char *)p.compatible.value,
		    .compatible_len = p.compatible.len,
		    .interrupts = p.has_interrupts ? p.interrupts.value : 0,
		    .interrupts_len = p.interrupts.len,
		    .interrupt_parent = parent,
		};
		for (uint32_t at = 0; at < d->compatible_len; at++)
			if (at == 0 || d->compatible[at - 1] == '\0')
				d->initials |= io_initial(d->compatible[at]);
		list_registers(t, &node, &p, &ps, d);
	}
	for (uint32_t i = 0; i < n && i < max; i++)
		list_interrupts(&cs, &out[i]);
	return (int)n;
}

bool io_device_is(const struct io_device *d, const char *s)
{
	return fdt_list_has(d->compatible, d->compatible_len, s);
}
