/*
 * The memory server's policy (policy.h).
 */
#include "policy.h"

struct mem_client *mem_client(struct mem_state *m, int pid)
{
	if (pid <= 0) /* before the slot: a free slot's pid is 0 too */
		return 0;
	struct mem_client *c = &m->clients[(unsigned)pid % MEM_CLIENTS];
	if (c->pid == pid)
		return c;
	struct proc_layout l;
	if (m->ops->layout(pid, &l) != 0)
		return 0;
	c->pid = pid;
	c->layout = l;
	c->brk = l.heap_base;
	c->stack_pages = 0;
	return c;
}

int mem_adopt(struct mem_state *m, const struct mem_snapshot *s)
{
	struct mem_client *c = mem_client(m, s->pid);
	if (!c)
		return -ESRCH;
	const struct proc_layout *l = &c->layout;
	if (s->heap_pages > (l->heap_limit - l->heap_base) / MEM_PAGE ||
	    s->stack_pages > (l->stack_start - l->stack_limit) / MEM_PAGE) {
		c->pid = 0;
		return -EINVAL;
	}
	c->brk = l->heap_base + s->heap_pages * MEM_PAGE;
	c->stack_pages = s->stack_pages;
	return 0;
}

static uint32_t page_up(uint32_t a)
{
	return (a + MEM_PAGE - 1) & ~(MEM_PAGE - 1);
}

/* Unmaps the pages in [from, to) (page-aligned). */
static void unmap_range(struct mem_state *m, int pid, uint32_t from, uint32_t to)
{
	for (uint32_t va = from; va < to; va += MEM_PAGE)
		m->ops->unmap(pid, va);
}

int mem_sbrk(struct mem_state *m, int pid, int32_t increment, uint32_t *old_brk)
{
	struct mem_client *c = mem_client(m, pid);
	if (!c)
		return -ESRCH;
	int64_t target = (int64_t)c->brk + increment;
	if (target < c->layout.heap_base)
		return -EINVAL;
	if (target > c->layout.heap_limit)
		return -ENOMEM;
	uint32_t now = page_up(c->brk), then = page_up((uint32_t)target);
	for (uint32_t va = now; va < then; va += MEM_PAGE)
		if (m->ops->map(pid, va) != 0) {
			unmap_range(m, pid, now, va);
			return -ENOMEM;
		}
	unmap_range(m, pid, then, now);
	*old_brk = c->brk;
	c->brk = (uint32_t)target;
	return 0;
}

int mem_fault(struct mem_state *m, int pid, uint32_t address)
{
	struct mem_client *c = mem_client(m, pid);
	if (!c)
		return -ESRCH;
	if (address < c->layout.stack_limit || address >= c->layout.stack_start)
		return -EFAULT; /* the heap above the break, or no reserve at all */
	int err = m->ops->map(pid, address & ~(MEM_PAGE - 1));
	if (err == 0)
		c->stack_pages++;
	return err == -EEXIST ? 0 : err; /* counted in its snapshot (mem_adopt) */
}
