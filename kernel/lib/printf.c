/*
 * The kernel's printf: parses the format and hands each character to a
 * callback, so the console, ksnprintf and the host tests share one
 * implementation.
 */
#include "printf.h"

#include <stdbool.h>
#include <stdint.h>

/* Carries the count along with the callback so every write is counted. */
struct sink {
	putc_fn out;
	void *arg;
	int n;
};

/* What a conversion asked for besides its letter. */
struct conv {
	int width;
	bool left;
	bool zero;
	int longs; /* 0 int, 1 long, 2 long long */
};

static void put(struct sink *s, char c)
{
	s->out(c, s->arg);
	s->n++;
}

static void put_str(struct sink *s, const char *str, int len)
{
	while (len-- > 0)
		put(s, *str++);
}

static void put_pad(struct sink *s, char c, int count)
{
	while (count-- > 0)
		put(s, c);
}

static int str_len(const char *str)
{
	int n = 0;

	while (str[n])
		n++;
	return n;
}

/*
 * Divides *u by 10 and returns the remainder, in 16-bit steps so that each
 * division is 32-bit: a 64-bit one would pull __aeabi_uldivmod from libgcc
 * into the ARM kernel.
 */
static unsigned div10(uint64_t *u)
{
	uint64_t q = 0;
	uint32_t r = 0;

	for (int shift = 48; shift >= 0; shift -= 16) {
		uint32_t part = r << 16 | (uint32_t)(*u >> shift & 0xffff);

		q |= (uint64_t)(part / 10) << shift;
		r = part % 10;
	}
	*u = q;
	return r;
}

/* Writes u backwards from end, at least min digits; returns the first digit. */
static char *to_digits(char *end, uint64_t u, bool hex, int min)
{
	char *p = end;

	do {
		if (hex) {
			*--p = "0123456789abcdef"[u & 0xf];
			u >>= 4;
		} else {
			*--p = (char)('0' + div10(&u));
		}
	} while (u || end - p < min);
	return p;
}

/* Zero padding goes between the prefix and the digits, as in C: "-0042". */
static void emit(struct sink *s, const struct conv *c, const char *prefix, const char *body,
		 int len)
{
	int plen = str_len(prefix);
	int pad = c->width - plen - len;

	if (!c->left && !c->zero)
		put_pad(s, ' ', pad);
	put_str(s, prefix, plen);
	if (!c->left && c->zero)
		put_pad(s, '0', pad);
	put_str(s, body, len);
	if (c->left)
		put_pad(s, ' ', pad);
}

/* Produces one conversion; returns false if the letter is not one we know. */
static bool convert(struct sink *s, struct conv *c, char letter, va_list *ap)
{
	char buf[24]; /* 2^64 - 1 has 20 decimal digits */
	char *end = buf + sizeof(buf);
	const char *prefix = "";
	const char *str;
	int64_t v;
	uint64_t u;
	int min = 1;

	switch (letter) {
	case '%': put(s, '%'); return true;
	case 's':
		str = va_arg(*ap, const char *);
		if (!str)
			str = "(null)";
		c->zero = false; /* as in glibc, strings pad with spaces */
		emit(s, c, "", str, str_len(str));
		return true;
	case 'c':
		buf[0] = (char)va_arg(*ap, int);
		c->zero = false;
		emit(s, c, "", buf, 1);
		return true;
	case 'd':
		v = c->longs == 2   ? va_arg(*ap, long long)
		    : c->longs == 1 ? va_arg(*ap, long)
				    : va_arg(*ap, int);
		if (v < 0)
			prefix = "-";
		/* Negating in unsigned keeps INT64_MIN defined. */
		u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
		break;
	case 'u':
	case 'x':
		u = c->longs == 2   ? va_arg(*ap, unsigned long long)
		    : c->longs == 1 ? va_arg(*ap, unsigned long)
				    : va_arg(*ap, unsigned);
		break;
	case 'p':
		prefix = "0x";
		u = (uintptr_t)va_arg(*ap, void *);
		min = 2 * (int)sizeof(void *);
		break;
	default: return false;
	}
	str = to_digits(end, u, letter == 'x' || letter == 'p', min);
	emit(s, c, prefix, str, (int)(end - str));
	return true;
}

int kvprintf(putc_fn out, void *arg, const char *fmt, va_list ap)
{
	struct sink s = {out, arg, 0};
	va_list args;

	/* Where va_list is an array (x86-64), &ap is no va_list *: use a copy. */
	va_copy(args, ap);
	for (; *fmt; fmt++) {
		if (*fmt != '%') {
			put(&s, *fmt);
			continue;
		}
		const char *start = fmt++;
		struct conv c = {0};

		for (; *fmt == '-' || *fmt == '0'; fmt++) {
			c.left |= *fmt == '-';
			c.zero |= *fmt == '0';
		}
		for (; *fmt >= '0' && *fmt <= '9'; fmt++)
			if (c.width < 10000) /* a silly width must not overflow */
				c.width = c.width * 10 + (*fmt - '0');
		for (; *fmt == 'l' && c.longs < 2; fmt++)
			c.longs++;
		if (convert(&s, &c, *fmt, &args))
			continue;
		/* Unknown, or cut off by the end of fmt: print it as written. */
		put_str(&s, start, (int)(fmt - start) + (*fmt != '\0'));
		if (!*fmt)
			break;
	}
	va_end(args);
	return s.n;
}

/* Where ksnprintf's characters go; room keeps the last byte for the NUL. */
struct buf_sink {
	char *p;
	size_t room;
};

static void buf_putc(char c, void *arg)
{
	struct buf_sink *b = arg;

	if (b->room) {
		*b->p++ = c;
		b->room--;
	}
}

int ksnprintf(char *buf, size_t size, const char *fmt, ...)
{
	struct buf_sink b = {buf, size ? size - 1 : 0};
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = kvprintf(buf_putc, &b, fmt, ap);
	va_end(ap);
	if (size)
		*b.p = '\0';
	return n;
}
