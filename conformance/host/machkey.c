/* machkey.c - the key of a saved machine: see machkey.h. */
#include "machkey.h"
#include "diskimage.h"
#include "sha256.h"
#include "tools.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* GRUB's core, beside grub-mkrescue's binary: the boot image's loader. */
#define GRUB_CORE	"/usr/lib/grub/i386-pc/kernel.img"

/* One item: its label and its bytes, each with its length, so that no
   two different lists of items hash alike. */
static void
put(struct sha256 *c, const char *label, const char *data, size_t n)
{
	char head[256];
	int k = snprintf(head, sizeof(head), "%s %zu\n", label, n);

	sha256_update(c, head, (size_t)k);
	sha256_update(c, data, n);
	sha256_update(c, "\n", 1);
}

static void
put_str(struct sha256 *c, const char *label, const char *s)
{
	put(c, label, s != NULL ? s : "(none)", strlen(s != NULL ? s :
	    "(none)"));
}

/* A file's bytes as its hash (its path and times are not hashed).  -1
   when it cannot be read. */
static int
put_file(struct sha256 *c, const char *label, const char *path)
{
	struct sha256 f;
	char buf[65536], hex[65];
	ssize_t n;
	int fd = open(path, O_RDONLY);

	if (fd == -1)
		return -1;
	sha256_init(&f);
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		sha256_update(&f, buf, (size_t)n);
	close(fd);
	if (n == -1)
		return -1;
	sha256_hex(&f, hex);
	put_str(c, label, hex);
	return 0;
}

/* A program found in PATH, by its binary; "(none)" when absent. */
static void
put_program(struct sha256 *c, const char *label, const char *program)
{
	char *path = tool_path(program);

	if (path == NULL || put_file(c, label, path) == -1)
		put_str(c, label, NULL);
	free(path);
}

int
machine_run_key(const struct machine_run *r, char hex[65], char *why,
    size_t whylen)
{
	struct sha256 c;
	size_t i;

	sha256_init(&c);
	put_str(&c, "format", MACHINE_KEY_FORMAT);
	if (put_file(&c, "kernel", r->kernel) == -1)
		return errfmt(why, whylen, "%s: %s", r->kernel,
		    strerror(errno));
	for (i = 0; i < r->nmodules; i++)
		if (put_file(&c, "module", r->modules[i]) == -1)
			return errfmt(why, whylen, "%s: %s", r->modules[i],
			    strerror(errno));
	if (r->init != NULL && put_file(&c, "init", r->init) == -1)
		return errfmt(why, whylen, "%s: %s", r->init,
		    strerror(errno));
	if (r->init == NULL)
		put_str(&c, "init", NULL);
	if (put_file(&c, "mkimage", r->mkimage) == -1)
		return errfmt(why, whylen, "%s: %s", r->mkimage,
		    strerror(errno));
	put_program(&c, "grub-mkrescue", "grub-mkrescue");
	if (put_file(&c, "grub-core", GRUB_CORE) == -1)
		put_str(&c, "grub-core", NULL);
	put_program(&c, "xorriso", "xorriso");
	put_program(&c, "qemu-img", "qemu-img");
	put_program(&c, "qemu", r->qemu);	/* its bytes, not its name */
	sha256_hex(&c, hex);
	return 0;
}

/* The recipe of the disks' first contents (diskimage.c makes them). */
static void
put_disks(struct sha256 *c, const struct machine_run *r,
    const struct profile *p)
{
	int flags = 0;
	size_t i;

	put_str(c, "disk-contents", DISK_CONTENTS_VERSION);
	for (i = 0; i < p->ndisks; i++) {
		const struct bus *b = bus_lookup(p->disks[i].bus);
		char *d = xasprintf("%s %llu", p->disks[i].bus,
		    p->disks[i].size);

		put_str(c, "disk", d);
		free(d);
		flags |= b != NULL ? b->flags : 0;
	}
	if (flags & BUS_GPT)
		put_program(c, "sgdisk", "sgdisk");
	if (flags & BUS_FFS) {
		put_program(c, "makefs", "makefs");
		if (r->mkffs == NULL || put_file(c, "mkffs", r->mkffs) == -1)
			put_str(c, "mkffs", NULL);
	}
}

int
machine_key(const char *runkey, const struct machine_run *r,
    const struct profile *p, const char *fwargs, char hex[65], char *why,
    size_t whylen)
{
	struct strvec av = { 0 };
	struct sha256 c;
	char *cmd;

	sha256_init(&c);
	put_str(&c, "run", runkey);
	if (put_file(&c, "profile", p->path) == -1)
		return errfmt(why, whylen, "%s: %s", p->path,
		    strerror(errno));
	/* The command line as the first boot's, the paths out (QEMU's
	   own is hashed by its bytes in the run's key). */
	profile_qemu_argv(p, "@QEMU@", "@ISO@", "@DIR@", fwargs, "@DIR@",
	    &av);
	cmd = argv_shell(av.v);
	put_str(&c, "qemu-argv", cmd);
	free(cmd);
	strvec_free(&av);
	put_disks(&c, r, p);
	sha256_hex(&c, hex);
	return 0;
}
