/* kversion.h - kernel / module version checks done before any boot. */
#ifndef STRATEGY9_KVERSION_H
#define STRATEGY9_KVERSION_H

#include <stddef.h>

struct kernel_info {
	char osrelease[64];	/* e.g. "7.99.4" */
	long version;		/* __NetBSD_Version__, e.g. 799000400 */
	int modular;		/* has module_load */
	long mod_plt32;		/* R_X86_64_PLT32 relocations in the modules
				   (filled by version_check) */
};

/* "7.99.4" -> 799000400; -1 if not of the form M.m[.p][suffix]. */
long netbsd_version_from_release(const char *);

/* Read an amd64 NetBSD kernel; -1 with a message in err on failure
   (missing, not ELF, not amd64, no symbols, no osrelease). */
int kernel_info_read(const char *path, struct kernel_info *,
    char *err, size_t errlen);

/* Find "strategy-checker built-for=<number>" in a module.  Returns the
   number, 0 if the string is absent, -1 on I/O error (message in err). */
long module_built_for(const char *path, char *err, size_t errlen);

/* Everything the runner checks before booting: kernel is ELF amd64 with
   MODULAR, every module is readable, every module that carries a
   built-for string matches the kernel and at least one does.
   Returns 0 when fine; -1 with the reason in err. */
int version_check(const char *kernel, const char *const *modules,
    size_t nmodules, struct kernel_info *, char *err, size_t errlen);

#endif
