/*
 * The few string and memory functions sc-init needs.  memset, memcpy
 * and memcmp keep their C names because gcc emits calls to them for
 * large structure copies and clears even with -ffreestanding.
 */
#include <sys/types.h>
#include <sys/errno.h>

#include "pid1_init.h"

size_t
pid1_strlen(const char *s)
{
	size_t n;

	for (n = 0; s[n] != '\0'; n++)
		continue;
	return n;
}

int
pid1_streq(const char *a, const char *b)
{
	while (*a != '\0' && *a == *b) {
		a++;
		b++;
	}
	return *a == *b;
}

size_t
pid1_strlcpy(char *dst, const char *src, size_t size)
{
	size_t n = pid1_strlen(src);

	if (size > 0) {
		size_t c = n < size - 1 ? n : size - 1;

		memcpy(dst, src, c);
		dst[c] = '\0';
	}
	return n;
}

size_t
pid1_strlcat(char *dst, const char *src, size_t size)
{
	size_t d = pid1_strlen(dst);

	if (d >= size)
		return d + pid1_strlen(src);
	return d + pid1_strlcpy(dst + d, src, size - d);
}

/* Decimal of n into buf; returns buf. */
char *
pid1_ltoa(long n, char *buf, size_t size)
{
	char tmp[24];
	unsigned long u = n < 0 ? -(unsigned long)n : (unsigned long)n;
	size_t i = 0, j;

	do {
		tmp[i++] = '0' + u % 10;
		u /= 10;
	} while (u != 0 && i < sizeof(tmp) - 1);
	if (n < 0)
		tmp[i++] = '-';
	if (size == 0)
		return buf;
	for (j = 0; j < i && j < size - 1; j++)
		buf[j] = tmp[i - 1 - j];
	buf[j] = '\0';
	return buf;
}

#define SC_E(e)	{ e, #e }

/* The symbolic names of the console's "error <n> (<ENAME>)". */
static const struct {
	int	num;
	const char *name;
} pid1_errnames[] = {
	SC_E(EPERM), SC_E(ENOENT), SC_E(ESRCH), SC_E(EINTR), SC_E(EIO),
	SC_E(ENXIO), SC_E(E2BIG), SC_E(ENOEXEC), SC_E(EBADF), SC_E(ECHILD),
	SC_E(EDEADLK), SC_E(ENOMEM), SC_E(EACCES), SC_E(EFAULT),
	SC_E(ENOTBLK), SC_E(EBUSY), SC_E(EEXIST), SC_E(EXDEV), SC_E(ENODEV),
	SC_E(ENOTDIR), SC_E(EISDIR), SC_E(EINVAL), SC_E(ENFILE),
	SC_E(EMFILE), SC_E(ENOTTY), SC_E(ETXTBSY), SC_E(EFBIG),
	SC_E(ENOSPC), SC_E(ESPIPE), SC_E(EROFS), SC_E(EMLINK), SC_E(EPIPE),
	SC_E(EDOM), SC_E(ERANGE), SC_E(EAGAIN), SC_E(EINPROGRESS),
	SC_E(EALREADY), SC_E(EOPNOTSUPP), SC_E(ETIMEDOUT), SC_E(ELOOP),
	SC_E(ENAMETOOLONG), SC_E(ENOTEMPTY), SC_E(EDQUOT), SC_E(ESTALE),
	SC_E(ENOLCK), SC_E(ENOSYS), SC_E(EFTYPE), SC_E(EOVERFLOW),
	SC_E(ENOTSUP), SC_E(ECANCELED), SC_E(ENODATA), SC_E(ENOATTR),
	SC_E(EPROTO),
};

const char *
pid1_errname(long err)
{
	size_t i;

	for (i = 0; i < sizeof(pid1_errnames) / sizeof(pid1_errnames[0]); i++)
		if (pid1_errnames[i].num == err)
			return pid1_errnames[i].name;
	return "E?";
}

void *
memset(void *dst, int c, size_t n)
{
	unsigned char *d = dst;

	while (n-- > 0)
		*d++ = (unsigned char)c;
	return dst;
}

void *
memcpy(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	while (n-- > 0)
		*d++ = *s++;
	return dst;
}

int
memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;

	for (; n > 0; n--, x++, y++)
		if (*x != *y)
			return *x - *y;
	return 0;
}
