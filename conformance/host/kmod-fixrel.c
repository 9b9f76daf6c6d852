/*
 * kmod-fixrel - rewrite R_X86_64_PLT32 relocations of an x86-64 kernel
 * module (ELF64 ET_REL) into R_X86_64_PC32.
 *
 * binutils 2.31 and later emit PLT32 for calls to external functions.
 * Kernels whose module loader predates PLT32 reject such modules
 * ("kobj_reloc: unexpected relocation type 4").  A kernel module has no
 * PLT, so PLT32 resolves to S + A - P exactly like PC32: the rewrite does
 * not change the meaning of the object.
 *
 * usage: kmod-fixrel [-n] [-o out] module.kmod
 * exit: 0 done, 1 I/O error while writing, 2 bad usage or bad input.
 */
#include "elf64.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

static void
usage(void)
{
	fputs("usage: kmod-fixrel [-n] [-o out.kmod] module.kmod\n"
	    "  -n  dry run: only count the R_X86_64_PLT32 relocations\n"
	    "  -o  write the result to out.kmod instead of in place\n",
	    stderr);
	exit(2);
}

static int
write_out(const char *path, const void *buf, size_t len)
{
	char *tmp;
	FILE *fp;
	struct stat st;
	size_t plen = strlen(path), wrote;

	/* Write a sibling temporary file, then rename: never leave a
	   half-written module behind. */
	tmp = malloc(plen + 16);
	if (tmp == NULL)
		return -1;
	snprintf(tmp, plen + 16, "%s.fixrel~", path);
	if ((fp = fopen(tmp, "wb")) == NULL) {
		free(tmp);
		return -1;
	}
	if (stat(path, &st) == 0)	/* keep the mode of a file we replace */
		(void)fchmod(fileno(fp), st.st_mode & 07777);
	wrote = fwrite(buf, 1, len, fp);
	if ((fclose(fp) != 0) | (wrote != len)) {
		int e = errno;
		unlink(tmp);
		free(tmp);
		errno = e;
		return -1;
	}
	if (rename(tmp, path) == -1) {
		int e = errno;
		unlink(tmp);
		free(tmp);
		errno = e;
		return -1;
	}
	free(tmp);
	return 0;
}

int
main(int argc, char **argv)
{
	struct elf64 e;
	char err[512];
	const char *out = NULL;
	int ch, dryrun = 0;
	long n;

	while ((ch = getopt(argc, argv, "no:h")) != -1) {
		switch (ch) {
		case 'n':
			dryrun = 1;
			break;
		case 'o':
			out = optarg;
			break;
		default:
			usage();
		}
	}
	if (argc - optind != 1 || (dryrun && out != NULL))
		usage();

	if (elf64_open(&e, argv[optind], ET_REL, err, sizeof(err)) == -1) {
		fprintf(stderr, "kmod-fixrel: %s: %s\n", argv[optind], err);
		fprintf(stderr, "kmod-fixrel: refusing: need an ELF64 "
		    "little-endian x86-64 relocatable object (a kernel "
		    "module)\n");
		elf64_close(&e);
		return 2;
	}
	n = elf64_fix_plt32(&e, dryrun, err, sizeof(err));
	if (n < 0) {
		fprintf(stderr, "kmod-fixrel: %s: %s\n", argv[optind], err);
		elf64_close(&e);
		return 2;
	}
	if (dryrun) {
		printf("%s: %ld R_X86_64_PLT32 relocation%s to rewrite "
		    "(dry run, nothing changed)\n", argv[optind], n,
		    n == 1 ? "" : "s");
		elf64_close(&e);
		return 0;
	}
	if (out == NULL)
		out = argv[optind];
	if ((n > 0 || strcmp(out, argv[optind]) != 0) &&
	    write_out(out, e.buf, e.size) == -1) {
		fprintf(stderr, "kmod-fixrel: %s: cannot write: %s\n", out,
		    strerror(errno));
		elf64_close(&e);
		return 1;
	}
	printf("%s: rewrote %ld R_X86_64_PLT32 relocation%s to "
	    "R_X86_64_PC32\n", out, n, n == 1 ? "" : "s");
	elf64_close(&e);
	return 0;
}
