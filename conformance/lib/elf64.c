/*
 * elf64.c - bounds-checked access to an ELF64 x86-64 file held in memory.
 * In the library: kmod-fixrel, the runner's version and detector checks
 * and its profile rows all read a kernel or a module through it.
 */
#include "elf64.h"
#include "util.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* off + len within size, without overflow */
static int
inside(uint64_t off, uint64_t len, size_t size)
{
	return off <= size && len <= size - off;
}

int
elf64_open(struct elf64 *e, const char *path, int type, char *err,
    size_t errlen)
{
	Elf64_Ehdr *eh;
	size_t i;

	memset(e, 0, sizeof(*e));
	e->path = path;
	e->buf = (unsigned char *)read_file(path, &e->size);
	if (e->buf == NULL)
		return errfmt(err, errlen, "cannot read: %s", strerror(errno));
	if (e->size >= 2 && e->buf[0] == 0x1f && e->buf[1] == 0x8b)
		return errfmt(err, errlen,
		    "gzip-compressed file: gunzip it first");
	if (e->size < EI_NIDENT || memcmp(e->buf, ELFMAG, SELFMAG) != 0)
		return errfmt(err, errlen, "not an ELF file");
	if (e->buf[EI_CLASS] != ELFCLASS64)
		return errfmt(err, errlen, "not ELF64 (ELF class %u): need an "
		    "x86-64 (amd64) object", e->buf[EI_CLASS]);
	if (e->buf[EI_DATA] != ELFDATA2LSB)
		return errfmt(err, errlen, "not little-endian");
	if (e->size < sizeof(Elf64_Ehdr))
		return errfmt(err, errlen, "truncated ELF header (%zu bytes)",
		    e->size);
	eh = e->eh = (Elf64_Ehdr *)e->buf;
	if (eh->e_machine != EM_X86_64)
		return errfmt(err, errlen, "machine %u is not x86-64 (amd64)",
		    eh->e_machine);
	if (type != 0 && eh->e_type != type)
		return errfmt(err, errlen, "ELF type %u, expected %s", eh->e_type,
		    type == ET_REL ? "a relocatable object (ET_REL)" :
		    type == ET_EXEC ? "an executable (ET_EXEC)" : "?");
	if (type == 0 && eh->e_type != ET_REL && eh->e_type != ET_EXEC)
		return errfmt(err, errlen, "ELF type %u is neither ET_REL nor "
		    "ET_EXEC", eh->e_type);
	if (eh->e_phnum != 0) {
		if (eh->e_phentsize != sizeof(Elf64_Phdr))
			return errfmt(err, errlen, "bad e_phentsize %u",
			    eh->e_phentsize);
		if (!inside(eh->e_phoff, (uint64_t)eh->e_phnum *
		    sizeof(Elf64_Phdr), e->size))
			return errfmt(err, errlen, "program headers beyond end "
			    "of file (truncated?)");
		if (eh->e_phoff % 8 != 0)
			return errfmt(err, errlen, "misaligned program headers");
	}
	if (eh->e_shnum != 0) {
		if (eh->e_shentsize != sizeof(Elf64_Shdr))
			return errfmt(err, errlen, "bad e_shentsize %u",
			    eh->e_shentsize);
		if (!inside(eh->e_shoff, (uint64_t)eh->e_shnum *
		    sizeof(Elf64_Shdr), e->size))
			return errfmt(err, errlen, "section headers beyond end "
			    "of file (truncated?)");
		if (eh->e_shoff % 8 != 0)
			return errfmt(err, errlen, "misaligned section headers");
		e->sh = (Elf64_Shdr *)(e->buf + eh->e_shoff);
		for (i = 0; i < eh->e_shnum; i++) {
			Elf64_Shdr *s = &e->sh[i];
			if (s->sh_type == SHT_NOBITS || s->sh_type == SHT_NULL)
				continue;
			if (!inside(s->sh_offset, s->sh_size, e->size))
				return errfmt(err, errlen, "section %zu "
				    "(offset %llu size %llu) beyond end of "
				    "file (%zu bytes): truncated or corrupt",
				    i, (unsigned long long)s->sh_offset,
				    (unsigned long long)s->sh_size, e->size);
		}
		if (eh->e_shstrndx != SHN_UNDEF && eh->e_shstrndx < eh->e_shnum &&
		    e->sh[eh->e_shstrndx].sh_type == SHT_STRTAB) {
			e->shstr = (const char *)e->buf +
			    e->sh[eh->e_shstrndx].sh_offset;
			e->shstrsz = e->sh[eh->e_shstrndx].sh_size;
		}
	}
	return 0;
}

void
elf64_close(struct elf64 *e)
{
	free(e->buf);
	memset(e, 0, sizeof(*e));
}

const char *
elf64_secname(const struct elf64 *e, size_t i)
{
	uint32_t n;

	if (e->sh == NULL || i >= e->eh->e_shnum || e->shstr == NULL)
		return "";
	n = e->sh[i].sh_name;
	if (n >= e->shstrsz || memchr(e->shstr + n, '\0', e->shstrsz - n) == NULL)
		return "";
	return e->shstr + n;
}

void *
elf64_secdata(const struct elf64 *e, size_t i)
{
	if (e->sh == NULL || i >= e->eh->e_shnum)
		return NULL;
	if (e->sh[i].sh_type == SHT_NOBITS || e->sh[i].sh_size == 0)
		return NULL;
	return e->buf + e->sh[i].sh_offset;
}

long
elf64_findsec(const struct elf64 *e, uint32_t type)
{
	size_t i;

	for (i = 0; e->sh != NULL && i < e->eh->e_shnum; i++)
		if (e->sh[i].sh_type == type)
			return (long)i;
	return -1;
}

int
elf64_findsym(const struct elf64 *e, const char *name, Elf64_Sym *out)
{
	long si = elf64_findsec(e, SHT_SYMTAB);
	const Elf64_Shdr *s, *strs;
	const Elf64_Sym *sym;
	const char *str;
	size_t i, n, len = strlen(name);

	if (si < 0)
		return -2;
	s = &e->sh[si];
	if (s->sh_link >= e->eh->e_shnum ||
	    e->sh[s->sh_link].sh_type != SHT_STRTAB)
		return -2;
	if (s->sh_offset % 8 != 0)
		return -2;
	strs = &e->sh[s->sh_link];
	str = (const char *)e->buf + strs->sh_offset;
	sym = (const Elf64_Sym *)(e->buf + s->sh_offset);
	n = s->sh_size / sizeof(Elf64_Sym);
	for (i = 0; i < n; i++) {
		uint32_t no = sym[i].st_name;
		if (no >= strs->sh_size || strs->sh_size - no < len + 1)
			continue;
		if (memcmp(str + no, name, len + 1) == 0 &&
		    sym[i].st_shndx != SHN_UNDEF) {
			*out = sym[i];
			return 0;
		}
	}
	return -1;
}

long long
elf64_vaddr2off(const struct elf64 *e, uint64_t va, uint64_t len)
{
	size_t i;

	if (e->eh->e_phnum != 0) {
		const Elf64_Phdr *ph =
		    (const Elf64_Phdr *)(e->buf + e->eh->e_phoff);
		for (i = 0; i < e->eh->e_phnum; i++) {
			if (ph[i].p_type != PT_LOAD)
				continue;
			if (va >= ph[i].p_vaddr &&
			    va - ph[i].p_vaddr < ph[i].p_filesz &&
			    len <= ph[i].p_filesz - (va - ph[i].p_vaddr)) {
				uint64_t off = ph[i].p_offset +
				    (va - ph[i].p_vaddr);
				if (inside(off, len, e->size))
					return (long long)off;
			}
		}
	}
	for (i = 0; e->sh != NULL && i < e->eh->e_shnum; i++) {
		const Elf64_Shdr *s = &e->sh[i];
		if (!(s->sh_flags & SHF_ALLOC) || s->sh_type == SHT_NOBITS)
			continue;
		if (va >= s->sh_addr && va - s->sh_addr < s->sh_size &&
		    len <= s->sh_size - (va - s->sh_addr))
			return (long long)(s->sh_offset + (va - s->sh_addr));
	}
	return -1;
}

long
elf64_fix_plt32(struct elf64 *e, int dryrun, char *err, size_t errlen)
{
	size_t i, j, n;
	long count = 0;

	for (i = 0; e->sh != NULL && i < e->eh->e_shnum; i++) {
		Elf64_Shdr *s = &e->sh[i];
		Elf64_Rela *r;

		if (s->sh_type != SHT_RELA)
			continue;
		if (s->sh_entsize != sizeof(Elf64_Rela) ||
		    s->sh_size % sizeof(Elf64_Rela) != 0) {
			errfmt(err, errlen, "relocation section %zu (%s): entry "
			    "size %llu, section size %llu: corrupt", i,
			    elf64_secname(e, i),
			    (unsigned long long)s->sh_entsize,
			    (unsigned long long)s->sh_size);
			return -1;
		}
		if (s->sh_size != 0 && s->sh_offset % 8 != 0) {
			errfmt(err, errlen, "relocation section %zu misaligned", i);
			return -1;
		}
		if ((r = elf64_secdata(e, i)) == NULL)
			continue;
		n = s->sh_size / sizeof(Elf64_Rela);
		for (j = 0; j < n; j++) {
			if (ELF64_R_TYPE(r[j].r_info) != R_X86_64_PLT32)
				continue;
			count++;
			if (!dryrun)
				r[j].r_info = ELF64_R_INFO(
				    ELF64_R_SYM(r[j].r_info), R_X86_64_PC32);
		}
	}
	return count;
}
