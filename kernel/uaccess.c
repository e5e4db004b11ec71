/*
 * Checked copies between the kernel and a process's memory (uaccess.h).
 */
#include "uaccess.h"
#include "kstring.h"
#include "memlayout.h"
#include "wren/abi.h"

/* The page the last failed look-up wanted, when it was in a user region (else
 * as is NULL): what user_page_missing reports. Every failure sets it, so an
 * -EFAULT always has its own. */
static struct {
	const struct addrspace *as;
	uint32_t page;
	bool write;
} last_miss;

static void *missed(const struct addrspace *as, uint32_t page, bool write)
{
	last_miss.as = as;
	last_miss.page = page;
	last_miss.write = write;
	return NULL;
}

/* Where the kernel reaches the user page holding va, or NULL if the process may
 * not access it that way. Pages of the kernel region that user mode may read
 * (.text, .rodata: string constants) are the same address for the kernel. */
static void *user_page(const struct addrspace *as, uint32_t va, bool write)
{
	va = PAGE_ROUND_DOWN(va);
	if (va < as->base)
		return (kernel_page_flags(va) & VM_USER) && !write ? (void *)va
								   : missed(NULL, 0, 0);
	void *page = as_user_page(as, va, write);
	return page ? page : missed(as, va, write);
}

void *user_byte(const struct addrspace *as, uint32_t va, bool write)
{
	char *page = user_page(as, va, write);
	return page ? page + (va & (PAGE_SIZE - 1)) : NULL;
}

bool user_page_missing(const struct vm_space *vs, struct fault *f)
{
	const struct proc_layout *l = &vs->layout;
	if (last_miss.as != &vs->as || !layout_in_reserve(l, last_miss.page) ||
	    as_lookup(&vs->as, last_miss.page, NULL, NULL) != -ENOENT)
		return false;
	*f = (struct fault){.kind = FAULT_TRANSLATION,
			    .address = last_miss.page,
			    .access = last_miss.write ? FAULT_WRITE : FAULT_READ};
	return true;
}

bool user_range_ok(const struct addrspace *as, uint32_t va, uint32_t len, bool write)
{
	if (len == 0)
		return true;
	if (va + len - 1 < va)
		return missed(NULL, 0, 0);
	for (uint64_t page = PAGE_ROUND_DOWN(va); page < (uint64_t)va + len; page += PAGE_SIZE)
		if (!user_page(as, (uint32_t)page, write))
			return false;
	return true;
}

/* Copies between the kernel buffer k and user memory at va, one page piece at a time. */
static int copy_user(const struct addrspace *as, void *k, uint32_t va, uint32_t len, bool to_user)
{
	if (len && len <= PAGE_SIZE - (va & (PAGE_SIZE - 1))) {
		/* Within one page (most copies): one look-up checks and finds it. */
		char *u = user_page(as, va, to_user);
		if (!u)
			return -EFAULT;
		u += va & (PAGE_SIZE - 1);
		memcpy(to_user ? u : k, to_user ? k : u, len);
		return 0;
	}
	if (!user_range_ok(as, va, len, to_user))
		return -EFAULT;
	char *buf = k;
	while (len) {
		uint32_t offset = va & (PAGE_SIZE - 1);
		uint32_t n = PAGE_SIZE - offset < len ? PAGE_SIZE - offset : len;
		char *u = (char *)user_page(as, va, to_user) + offset;
		if (to_user)
			memcpy(u, buf, n);
		else
			memcpy(buf, u, n);
		buf += n;
		va += n;
		len -= n;
	}
	return 0;
}

int copy_from_user(const struct addrspace *as, void *dst, uint32_t va, uint32_t len)
{
	return copy_user(as, dst, va, len, false);
}

int copy_to_user(const struct addrspace *as, uint32_t va, const void *src, uint32_t len)
{
	return copy_user(as, (void *)src, va, len, true);
}

int copy_between(const struct addrspace *dst, uint32_t dst_va, const struct addrspace *src,
		 uint32_t src_va, uint32_t len)
{
	while (len) {
		uint32_t n = len, room;
		if ((room = PAGE_SIZE - (src_va & (PAGE_SIZE - 1))) < n)
			n = room;
		if ((room = PAGE_SIZE - (dst_va & (PAGE_SIZE - 1))) < n)
			n = room;
		char *from = user_page(src, src_va, false), *to = user_page(dst, dst_va, true);
		if (!from || !to)
			return -EFAULT;
		memcpy(to + (dst_va & (PAGE_SIZE - 1)), from + (src_va & (PAGE_SIZE - 1)), n);
		src_va += n;
		dst_va += n;
		len -= n;
	}
	return 0;
}
