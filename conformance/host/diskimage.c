/* diskimage.c - a profile's disk images, with their contents. */
#include "diskimage.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char *disk_mkffs;

static int
fail(const char *path, const char *what)
{

	fprintf(stderr, "strategy-run: %s: %s: %s\n", path, what,
	    strerror(errno));
	return -1;
}

static int
zeroed(const char *path, unsigned long long size)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0666);

	if (fd == -1 || ftruncate(fd, (off_t)size) == -1) {
		if (fd != -1)
			close(fd);
		return fail(path, "cannot make the image");
	}
	close(fd);
	return 0;
}

/*
 * A data medium: every 2048-byte sector holds its number, so that a
 * read that returns the wrong sector, or nothing, shows.
 */
static int
patterned(const char *path, unsigned long long size)
{
	uint32_t sec[512];
	unsigned long long n;
	FILE *fp = fopen(path, "w");
	size_t k;

	if (fp == NULL)
		return fail(path, "cannot make the image");
	for (n = 0; n < size / sizeof(sec); n++) {
		for (k = 0; k < 512; k++)
			sec[k] = (uint32_t)(n * 0x9e3779b1u) ^ (uint32_t)k;
		if (fwrite(sec, sizeof(sec), 1, fp) != 1) {
			fclose(fp);
			return fail(path, "write");
		}
	}
	if (fclose(fp) == EOF)
		return fail(path, "write");
	return 0;
}

/* Two NetBSD FFS partitions (GPT type a902): two wedges, dk.  -o: a
   new GPT; no -q: sgdisk 1.0.9 -q on a blank disk writes no partition
   (and says nothing). */
static int
gpt(const char *path, unsigned long long size)
{
	char *av[] = { "sgdisk", "-o", "-n", "1:2048:+16M", "-t", "1:a902",
	    "-c", "1:strategy9-a", "-n", "2:0:0", "-t", "2:a902", "-c",
	    "2:strategy9-b", (char *)path, NULL };

	if (zeroed(path, size) == -1)
		return -1;
	if (run_wait(av, "sgdisk (Debian package gdisk)") == -1)
		return -1;
	return 0;
}

static int
ffsimage(const char *path, unsigned long long size)
{
	char sz[32];
	char *av[] = { "sh", (char *)disk_mkffs, "-o", (char *)path, "-s", sz,
	    NULL };

	if (disk_mkffs == NULL) {
		fprintf(stderr, "strategy-run: %s: no mkffs.sh\n", path);
		return -1;
	}
	snprintf(sz, sizeof(sz), "%lluk", size / 1024);
	return run_wait(av, "mkffs.sh");
}

int
disk_qcow2_create(const char *path, unsigned long long size)
{
	struct strvec av = { 0 };
	int rv;

	strvec_push(&av, "qemu-img");
	strvec_push(&av, "create");
	strvec_push(&av, "-q");
	strvec_push(&av, "-f");
	strvec_push(&av, "qcow2");
	strvec_push(&av, path);
	strvec_pushf(&av, "%llu", size);
	rv = run_wait(av.v, "qemu-img");
	strvec_free(&av);
	return rv;
}

int
disk_image_make(const struct profile *p, const char *dir, size_t i,
    int qcow2)
{
	const struct pdisk *d = &p->disks[i];
	const struct bus *b = bus_lookup(d->bus);
	int flags = b != NULL ? b->flags : 0;
	char *path = profile_disk_path(p, dir, i), *raw;
	struct strvec av = { 0 };
	int rv;

	if (flags & BUS_CD) {
		rv = patterned(path, d->size);
		free(path);
		return rv;
	}
	if (qcow2 && (flags & (BUS_GPT | BUS_FFS)) == 0) {
		rv = disk_qcow2_create(path, d->size);
		free(path);
		return rv;
	}
	/* Contents are made raw; a saved machine gets them as qcow2. */
	raw = qcow2 ? xasprintf("%s.raw", path) : xstrdup(path);
	if (flags & BUS_GPT)
		rv = gpt(raw, d->size);
	else if (flags & BUS_FFS)
		rv = ffsimage(raw, d->size);
	else
		rv = zeroed(raw, d->size);
	if (rv == 0 && qcow2) {
		strvec_push(&av, "qemu-img");
		strvec_push(&av, "convert");
		strvec_push(&av, "-q");
		strvec_push(&av, "-f");
		strvec_push(&av, "raw");
		strvec_push(&av, "-O");
		strvec_push(&av, "qcow2");
		strvec_push(&av, raw);
		strvec_push(&av, path);
		rv = run_wait(av.v, "qemu-img convert");
		strvec_free(&av);
	}
	if (qcow2)
		unlink(raw);
	free(raw);
	free(path);
	return rv;
}
