/*
 * kversion.c - kernel / module version checks done before any boot.  In
 * the library: the runner (strategy-run check) and the tests call it.
 */
#include "kversion.h"
#include "elf64.h"
#include "util.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BUILT_FOR "strategy-checker built-for="

long
netbsd_version_from_release(const char *s)
{
	long part[3] = { 0, 0, 0 };
	int i;

	for (i = 0; i < 3; i++) {
		if (!isdigit((unsigned char)*s))
			return -1;
		part[i] = 0;
		while (isdigit((unsigned char)*s)) {
			part[i] = part[i] * 10 + (*s++ - '0');
			if (part[i] > 9999)
				return -1;
		}
		if (*s != '.')
			break;
		s++;
	}
	if (i == 0)		/* need at least major.minor */
		return -1;
	if (part[0] > 20 || part[1] > 99)
		return -1;
	return part[0] * 100000000L + part[1] * 1000000L + part[2] * 100L;
}

int
kernel_info_read(const char *path, struct kernel_info *ki, char *err,
    size_t errlen)
{
	struct elf64 e;
	Elf64_Sym sym;
	char why[256];
	long long off;
	size_t n, max;
	int r;

	memset(ki, 0, sizeof(*ki));
	if (elf64_open(&e, path, ET_EXEC, why, sizeof(why)) == -1) {
		elf64_close(&e);
		return errfmt(err, errlen, "kernel %s: %s (need a NetBSD/amd64 "
		    "kernel binary such as netbsd or netbsd.gdb)", path, why);
	}
	r = elf64_findsym(&e, "osrelease", &sym);
	if (r == -2) {
		elf64_close(&e);
		return errfmt(err, errlen, "kernel %s: no symbol table (.symtab):"
		    " stripped kernel? use an unstripped netbsd", path);
	}
	if (r == -1) {
		elf64_close(&e);
		return errfmt(err, errlen, "kernel %s: no symbol osrelease: not "
		    "a NetBSD kernel?", path);
	}
	max = sym.st_size ? sym.st_size : sizeof(ki->osrelease) - 1;
	if (max > sizeof(ki->osrelease) - 1)
		max = sizeof(ki->osrelease) - 1;
	off = elf64_vaddr2off(&e, sym.st_value, 1);
	if (off < 0) {
		elf64_close(&e);
		return errfmt(err, errlen, "kernel %s: osrelease at 0x%llx is "
		    "not in the file", path, (unsigned long long)sym.st_value);
	}
	for (n = 0; n < max && (size_t)off + n < e.size &&
	    e.buf[off + n] != '\0'; n++)
		ki->osrelease[n] = (char)e.buf[off + n];
	ki->osrelease[n] = '\0';
	ki->version = netbsd_version_from_release(ki->osrelease);
	if (ki->version < 0) {
		elf64_close(&e);
		return errfmt(err, errlen, "kernel %s: cannot parse osrelease "
		    "\"%s\"", path, ki->osrelease);
	}
	ki->modular = elf64_findsym(&e, "module_load", &sym) == 0;
	elf64_close(&e);
	return 0;
}

long
module_built_for(const char *path, char *err, size_t errlen)
{
	size_t len, k = strlen(BUILT_FOR);
	char *buf, *p, *end;
	long v = 0;

	buf = read_file(path, &len);
	if (buf == NULL)
		return errfmt(err, errlen, "module %s: cannot read: %s", path,
		    strerror(errno));
	end = buf + len;
	for (p = buf; p + k <= end; p++) {
		p = memchr(p, 's', (size_t)(end - p));
		if (p == NULL || p + k > end)
			break;
		if (memcmp(p, BUILT_FOR, k) != 0)
			continue;
		p += k;
		v = 0;
		while (p < end && isdigit((unsigned char)*p) && v < 100000000000L)
			v = v * 10 + (*p++ - '0');
		break;
	}
	free(buf);
	return v;
}

int
version_check(const char *kernel, const char *const *mods, size_t nmods,
    struct kernel_info *ki, char *err, size_t errlen)
{
	size_t i;
	int found = 0;

	if (kernel_info_read(kernel, ki, err, errlen) == -1)
		return -1;
	if (!ki->modular)
		return errfmt(err, errlen, "kernel %s (NetBSD %s) has no "
		    "module_load: it was built without options MODULAR and "
		    "cannot load the checker", kernel, ki->osrelease);
	for (i = 0; i < nmods; i++) {
		struct elf64 e;
		char why[256];
		long v, n;

		if (elf64_open(&e, mods[i], ET_REL, why, sizeof(why)) == -1) {
			elf64_close(&e);
			return errfmt(err, errlen, "module %s: %s (need an amd64 "
			    "kernel module, ELF64 ET_REL)", mods[i], why);
		}
		n = elf64_fix_plt32(&e, 1, why, sizeof(why));
		elf64_close(&e);
		if (n < 0)
			return errfmt(err, errlen, "module %s: %s", mods[i], why);
		ki->mod_plt32 += n;
		v = module_built_for(mods[i], err, errlen);
		if (v < 0)
			return -1;
		if (v == 0)
			continue;
		found = 1;
		if (v != ki->version)
			return errfmt(err, errlen, "module %s built for NetBSD "
			    "%ld, kernel is %ld (osrelease %s): rebuild the "
			    "module with NETBSD_SYSDIR pointing at that "
			    "kernel's sys/", mods[i], v, ki->version,
			    ki->osrelease);
	}
	if (nmods > 0 && !found)
		return errfmt(err, errlen, "no module carries \"" BUILT_FOR
		    "<version>\": is %s the strategy checker module?", mods[0]);
	return 0;
}
