/*
 * The IO server's policy (policy.h).
 */
#include "policy.h"

#include <stdio.h>
#include <string.h>

static uint64_t page_of(uint64_t a)
{
	return a & ~(uint64_t)(IO_PAGE - 1);
}

/* The last byte of a range; an empty one counts as its first byte. */
static uint64_t last_of(uint64_t base, uint64_t size)
{
	return size ? base + size - 1 : base;
}

static bool overlap(uint64_t a, uint64_t a_size, uint64_t b, uint64_t b_size)
{
	return a <= last_of(b, b_size) && b <= last_of(a, a_size);
}

/* Whether two ranges lie, in part, in one page. */
static bool share_page(uint64_t a, uint64_t a_size, uint64_t b, uint64_t b_size)
{
	return page_of(a) <= page_of(last_of(b, b_size)) &&
	       page_of(b) <= page_of(last_of(a, a_size));
}

void devices_mark_kernel(struct io_state *s, const struct dev_range *k, uint32_t n, int self)
{
	for (uint32_t i = 0; i < s->count; i++) {
		struct io_entry *e = &s->dev[i];
		for (uint32_t r = 0; r < e->d->reg_count; r++)
			for (uint32_t j = 0; j < n; j++) {
				uint64_t pa = (uint64_t)k[j].pa_high << 32 | k[j].pa;
				if (overlap(e->d->reg[r].base, e->d->reg[r].size, pa, k[j].size)) {
					e->holder = IO_HOLDER_KERNEL;
					if (k[j].flags & DEV_RANGE_CONSOLE)
						e->flags |= IO_CONSOLE;
				} else if (share_page(e->d->reg[r].base, e->d->reg[r].size, pa,
						      k[j].size))
					e->flags |= IO_PROXIED;
			}
		for (uint32_t q = 0; q < e->d->irq_count; q++)
			if (e->d->irq[q] != IO_IRQ_NONE &&
			    s->ops->irq_bind(e->d->irq[q], 0, self) == -EINVAL)
				e->irq_kernel |= (uint16_t)(1u << q);
	}
}

/* Whether the NUL-separated list of list_len bytes holds name (len bytes):
 * each string's length first, as most differ in it. */
static bool has(const char *list, uint32_t list_len, const char *name, size_t len)
{
	for (uint32_t at = 0; at < list_len;) {
		uint32_t n = 0;
		while (at + n < list_len && list[at + n])
			n++;
		if (n == len && memcmp(list + at, name, len) == 0)
			return true;
		at += n + 1;
	}
	return false;
}

/* devices_match, with name's length known: the IO server looks at every
 * device of the list on every open. */
static bool match(const struct io_entry *e, const char *name, size_t len)
{
	char virtio[24];
	if (len == sizeof IO_CONSOLE_NAME - 1 && memcmp(name, IO_CONSOLE_NAME, len) == 0)
		return e->flags & IO_CONSOLE;
	if ((e->d->initials & io_initial(name[0])) &&
	    has(e->d->compatible, e->d->compatible_len, name, len))
		return true;
	if (!e->virtio || !has(e->d->compatible, e->d->compatible_len, "virtio,mmio", 11))
		return false;
	snprintf(virtio, sizeof virtio, "virtio,device%x", e->virtio);
	return strcmp(virtio, name) == 0;
}

bool devices_match(const struct io_entry *e, const char *name)
{
	return match(e, name, strlen(name));
}

/* pid's record, or NULL. */
static struct io_client *client_of(struct io_state *s, int pid)
{
	for (struct io_client *c = s->clients; c < s->clients + IO_CLIENTS; c++)
		if (c->pid == pid)
			return c;
	return NULL;
}

/* The record of pid, made when it first asks, in a free one or one whose
 * process has ended; NULL when pid is gone or IO_CLIENTS live processes have
 * records. (By pid, not by its slot: two live processes may share a slot
 * modulo any number smaller than the kernel's table.) */
static struct io_client *client(struct io_state *s, int pid)
{
	struct program_devices program;
	struct proc_layout l;
	if (pid <= 0)
		return NULL;
	struct io_client *c = client_of(s, pid);
	if (c)
		return c;
	for (c = s->clients; c < s->clients + IO_CLIENTS; c++)
		if (!c->pid || s->ops->program(c->pid, &program) == -ESRCH)
			break;
	if (c == s->clients + IO_CLIENTS || s->ops->program(pid, &program) ||
	    s->ops->layout(pid, &l))
		return NULL;
	*c = (struct io_client){
	    .pid = pid, .program = program, .next = l.dev_base, .end = l.dev_limit};
	return c;
}

static int find(const struct io_state *s, const char *name, uint32_t instance)
{
	size_t len = strlen(name);
	for (uint32_t i = 0; i < s->count; i++)
		if (match(&s->dev[i], name, len) && instance-- == 0)
			return (int)i;
	return -ENOENT;
}

/* Whether a page of e's registers is mapped by a process other than pid: two
 * devices in one page cannot go to two drivers (a virtio-mmio transport has
 * seven others in its page). Granted registers are reached by exact range. */
static bool page_taken(const struct io_state *s, const struct io_entry *e, int pid)
{
	if (e->flags & IO_PROXIED)
		return false;
	for (uint32_t i = 0; i < s->count; i++) {
		const struct io_entry *f = &s->dev[i];
		if (f == e || f->holder <= 0 || f->holder == pid || (f->flags & IO_PROXIED))
			continue;
		for (uint32_t a = 0; a < e->d->reg_count; a++)
			for (uint32_t b = 0; b < f->d->reg_count; b++)
				if (share_page(e->d->reg[a].base, e->d->reg[a].size,
					       f->d->reg[b].base, f->d->reg[b].size))
					return true;
	}
	return false;
}

static uint32_t pages_of(const struct fdt_range *r)
{
	return (uint32_t)((page_of(last_of(r->base, r->size)) - page_of(r->base)) / IO_PAGE + 1);
}

/* Undoes what an open did before it failed: pages [from, to) of pid's window
 * and the interrupts of out bound so far (bound[i]). */
static void undo(struct io_state *s, int pid, uint32_t from, uint32_t to, const struct io_open *out,
		 const bool *bound)
{
	for (uint32_t va = from; va < to; va += IO_PAGE)
		s->ops->unmap(pid, va);
	for (uint32_t i = 0; i < out->irq_count; i++)
		if (bound[i])
			s->ops->irq_bind(out->irq[i], 0, pid);
}

/* Binds e's interrupts that the kernel lets drivers have, an interrupt listed
 * twice once with both its bits; bound[i] says which of out->irq were bound. */
static int bind_interrupts(struct io_state *s, int pid, const struct io_entry *e,
			   uint32_t first_bit, struct io_open *out, bool *bound)
{
	for (uint32_t i = 0; i < e->d->irq_count; i++) {
		bool keep = e->d->irq[i] == IO_IRQ_NONE || (e->irq_kernel >> i & 1);
		out->irq[i] = keep ? IO_IRQ_NONE : e->d->irq[i];
	}
	for (uint32_t i = 0; i < e->d->irq_count; i++) {
		uint32_t bits = 0;
		bool first = true;
		for (uint32_t j = 0; j < e->d->irq_count; j++)
			if (out->irq[j] == out->irq[i] && out->irq[i] != IO_IRQ_NONE) {
				first &= j >= i;
				bits |= 1u << (first_bit + j);
			}
		if (!bits || !first)
			continue;
		int err = s->ops->irq_bind(out->irq[i], bits, pid);
		if (err)
			return err;
		bound[i] = true;
	}
	return 0;
}

/* Maps or grants e's registers from *va on; out->reg has where. */
static int give_registers(struct io_state *s, int pid, const struct io_entry *e, uint32_t *va,
			  struct io_open *out)
{
	for (uint32_t i = 0; i < e->d->reg_count; i++) {
		const struct fdt_range *r = &e->d->reg[i];
		out->reg[i] = (struct io_reg){0, (uint32_t)r->base, (uint32_t)(r->base >> 32),
					      (uint32_t)r->size};
		if (e->flags & IO_PROXIED) {
			/* A grant cannot be taken back before the driver ends; it is
			 * the last thing an open does, so only a later range's failure
			 * can leave one behind, of this device's registers alone. */
			int err = r->base >> 32
				      ? -EINVAL
				      : s->ops->grant(pid, (uint32_t)r->base, (uint32_t)r->size);
			if (err)
				return err;
			continue;
		}
		out->reg[i].va = *va + (uint32_t)(r->base % IO_PAGE);
		for (uint32_t p = 0; p < pages_of(r); p++) {
			int err = s->ops->map(pid, *va, (uint32_t)(page_of(r->base) / IO_PAGE) + p,
					      DEV_REGS);
			if (err)
				return err;
			*va += IO_PAGE;
		}
	}
	return 0;
}

int devices_open(struct io_state *s, int pid, const char *name, uint32_t instance,
		 uint32_t first_bit, struct io_open *out)
{
	struct io_client *c = client(s, pid);
	if (!c)
		return -ESRCH;
	if (!fdt_list_has(c->program.devices, c->program.devices_len, name))
		return -EPERM;
	int at = find(s, name, instance);
	if (at < 0)
		return at;
	struct io_entry *e = &s->dev[at];
	/* The console goes only by its name: to a driver of its UART it is the kernel's. */
	bool console = (e->flags & IO_CONSOLE) && strcmp(name, IO_CONSOLE_NAME) == 0;
	if (console ? e->holder != IO_HOLDER_KERNEL : e->holder || page_taken(s, e, pid))
		return -EBUSY;
	if (first_bit >= IO_BIT_LIMIT || first_bit + e->d->irq_count > IO_BIT_LIMIT)
		return -EINVAL;
	uint64_t pages = 0;
	for (uint32_t i = 0; !(e->flags & IO_PROXIED) && i < e->d->reg_count; i++)
		pages += pages_of(&e->d->reg[i]);
	if (pages > (c->end - c->next) / IO_PAGE)
		return -ENOMEM;

	bool bound[IO_IRQS] = {false};
	uint32_t va = c->next;
	memset(out, 0, sizeof *out);
	out->index = (uint32_t)at;
	out->reg_count = e->d->reg_count;
	out->irq_count = e->d->irq_count;
	int err = bind_interrupts(s, pid, e, first_bit, out, bound);
	if (!err)
		err = give_registers(s, pid, e, &va, out);
	if (err) {
		undo(s, pid, c->next, va, out, bound);
		return err;
	}
	c->next = va;
	e->holder = pid;
	return 0;
}

int devices_dma(struct io_state *s, int pid, uint32_t what, uint32_t *va, uint64_t *pa)
{
	struct io_client *c = client(s, pid);
	if (!c)
		return -ESRCH;
	if (what != DEV_DMA && what != DEV_DMA_DEVICE)
		return -EINVAL;
	if (c->end - c->next < IO_PAGE)
		return -ENOMEM;
	int page = s->ops->map(pid, c->next, 0, what);
	if (page < 0)
		return page;
	*va = c->next;
	*pa = (uint64_t)page * IO_PAGE;
	c->next += IO_PAGE;
	return 0;
}

int devices_holder(const struct io_state *s, const char *name)
{
	int at = find(s, name, 0);
	return at < 0 ? at : s->dev[at].holder;
}

/* Copies the whole strings of the NUL-separated list that fit in cap bytes. */
static uint32_t copy_list(char *to, uint32_t cap, const char *list, uint32_t len)
{
	uint32_t n = 0;
	while (n < len) {
		uint32_t one = (uint32_t)strnlen(list + n, len - n) + 1;
		if (n + one > cap || n + one > len + 1)
			break;
		n += one;
	}
	memcpy(to, list, n > len ? len : n);
	if (n)
		to[n - 1] = '\0'; /* a last string without its NUL in the tree */
	return n;
}

int devices_info(const struct io_state *s, uint32_t index, struct io_info *out)
{
	if (index >= s->count)
		return -ENOENT;
	const struct io_entry *e = &s->dev[index];
	memset(out, 0, sizeof *out);
	strncpy(out->name, e->d->name, sizeof out->name - 1);
	out->compatible_len = copy_list(out->compatible, sizeof out->compatible, e->d->compatible,
					e->d->compatible_len);
	out->holder = e->holder;
	out->reg_count = e->d->reg_count;
	out->irq_count = e->d->irq_count;
	for (uint32_t i = 0; i < e->d->reg_count; i++) {
		out->reg[i].pa = (uint32_t)e->d->reg[i].base;
		out->reg[i].pa_high = (uint32_t)(e->d->reg[i].base >> 32);
		out->reg[i].size = (uint32_t)e->d->reg[i].size;
	}
	memcpy(out->irq, e->d->irq, sizeof out->irq);
	out->irq_kernel = e->irq_kernel;
	out->virtio = e->virtio;
	out->flags = (e->flags & IO_PROXIED ? IO_INFO_PROXIED : 0) |
		     (e->flags & IO_CONSOLE ? IO_INFO_CONSOLE : 0) |
		     (e->d->reg_note == IO_REG_NOT_CPU ? IO_INFO_NOT_CPU : 0);
	return 0;
}

/* Whether pid's program may have e: one of its devices' names matches it. */
static bool may_have(const struct io_client *c, const struct io_entry *e)
{
	const struct program_devices *p = &c->program;
	for (uint32_t at = 0; at < p->devices_len;) {
		size_t len = strnlen(p->devices + at, p->devices_len - at);
		if (len && match(e, p->devices + at, len))
			return true;
		at += (uint32_t)len + 1;
	}
	return false;
}

void devices_rebuild(struct io_state *s)
{
	for (uint32_t i = 0; i < s->count; i++) {
		struct io_entry *e = &s->dev[i];
		uint32_t end = 0;
		if (!e->d->reg_count || (e->holder == IO_HOLDER_KERNEL && !(e->flags & IO_CONSOLE)))
			continue;
		int pid = s->ops->holder((uint32_t)(e->d->reg[0].base / IO_PAGE), &end);
		struct io_client *c = pid > 0 ? client(s, pid) : 0;
		if (!c || !may_have(c, e))
			continue; /* a device that only shares the page of the one it has */
		e->holder = pid;
		if (end > c->next && end <= c->end)
			c->next = end;
	}
}

void devices_released(struct io_state *s)
{
	struct program_devices program;
	for (uint32_t i = 0; i < s->count; i++) {
		struct io_entry *e = &s->dev[i];
		if (e->holder <= 0 || s->ops->program(e->holder, &program) != -ESRCH)
			continue;
		struct io_client *c = client_of(s, e->holder);
		if (c)
			c->pid = 0;
		e->holder = e->flags & IO_CONSOLE ? IO_HOLDER_KERNEL : 0;
	}
}
