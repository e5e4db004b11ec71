/*
 * The kernel heap: kernel objects and small page tables, in power-of-two size
 * classes from 16 to 2048 bytes. Each class keeps slabs: a page frame (or, for
 * the very first slab, the partial page where the heap region starts right
 * after the kernel stack) with a header at its start and equal objects after
 * it. A slab that empties goes back to the frame allocator, so the heap holds
 * only what is in use.
 */
#include "kstring.h"
#include "mem.h"
#include "memlayout.h"

#define MIN_SHIFT 4
#define CLASSES 8 /* 16 ... 2048 */

struct slab {
	struct slab *prev, *next; /* slabs of this class with a free object */
	void *free;               /* free objects, each holding the next */
	uint16_t class, used, capacity;
};

static struct slab *partial[CLASSES];
static uintptr_t arena_start, arena_end; /* the heap's unaligned start, until a slab takes it */
static struct slab *first_slab;          /* the slab made there: not a frame, never freed */
static size_t bytes_used;
static uint32_t frames;

void kheap_init(void *start, void *end)
{
	arena_start = ((uintptr_t)start + 15) & ~(uintptr_t)15;
	arena_end =
	    (uintptr_t)end; /* at most the next page boundary: slab_of finds slabs by page */
	if (arena_end > PAGE_ROUND_UP((uintptr_t)start))
		arena_end = PAGE_ROUND_UP((uintptr_t)start);
	first_slab = NULL;
	for (int c = 0; c < CLASSES; c++)
		partial[c] = NULL;
	bytes_used = 0;
	frames = 0;
}

static int class_of(size_t size)
{
	int c = 0;
	while (((size_t)1 << (c + MIN_SHIFT)) < size)
		c++;
	return c;
}

static size_t class_size(int c)
{
	return (size_t)1 << (c + MIN_SHIFT);
}

static void list_remove(struct slab *s)
{
	if (s->prev)
		s->prev->next = s->next;
	else
		partial[s->class] = s->next;
	if (s->next)
		s->next->prev = s->prev;
}

static void list_push(struct slab *s)
{
	s->prev = NULL;
	s->next = partial[s->class];
	if (s->next)
		s->next->prev = s;
	partial[s->class] = s;
}

/* Lays out a new slab of class c over [base, end); NULL if not one object fits. */
static struct slab *slab_make(uintptr_t base, uintptr_t end, int c)
{
	size_t size = class_size(c);
	uintptr_t first = (base + sizeof(struct slab) + size - 1) & ~(uintptr_t)(size - 1);
	if (first + size > end)
		return NULL;
	struct slab *s = (struct slab *)base;
	s->class = (uint16_t)c;
	s->used = 0;
	s->capacity = (uint16_t)((end - first) / size);
	void **link = &s->free;
	for (uint16_t i = 0; i < s->capacity; i++) {
		*link = (void *)(first + i * size);
		link = (void **)*link;
	}
	*link = NULL;
	list_push(s);
	return s;
}

static struct slab *slab_grow(int c)
{
	if (!first_slab && (first_slab = slab_make(arena_start, arena_end, c)))
		return first_slab;
	paddr_t pa = frame_alloc();
	if (!pa)
		return NULL;
	frames++;
	uintptr_t base = (uintptr_t)phys_to_virt(pa);
	return slab_make(base, base + PAGE_SIZE, c);
}

static struct slab *slab_of(void *p)
{
	uintptr_t page = PAGE_ROUND_DOWN((uintptr_t)p);
	if (first_slab && page == PAGE_ROUND_DOWN((uintptr_t)first_slab))
		return first_slab;
	return (struct slab *)page;
}

void *kmalloc(size_t size)
{
	if (size == 0 || size > KHEAP_MAX_OBJECT)
		return NULL;
	int c = class_of(size);
	struct slab *s = partial[c];
	if (!s && !(s = slab_grow(c)))
		return NULL;
	void *p = s->free;
	s->free = *(void **)p;
	if (++s->used == s->capacity)
		list_remove(s);
	bytes_used += class_size(c);
	return p;
}

void *kzalloc(size_t size)
{
	void *p = kmalloc(size);
	if (p)
		memset(p, 0, size);
	return p;
}

void kfree(void *p)
{
	if (!p)
		return;
	struct slab *s = slab_of(p);
	if (s->used == s->capacity)
		list_push(s);
	*(void **)p = s->free;
	s->free = p;
	s->used--;
	bytes_used -= class_size(s->class);
	if (s->used == 0 && s != first_slab) {
		list_remove(s);
		frame_free(virt_to_phys(s));
		frames--;
	}
}

size_t kheap_bytes_used(void)
{
	return bytes_used;
}

uint32_t kheap_frames(void)
{
	return frames;
}
