/* elf64.h - bounds-checked access to an ELF64 x86-64 file held in memory. */
#ifndef STRATEGY9_ELF64_H
#define STRATEGY9_ELF64_H

#include <elf.h>
#include <stddef.h>
#include <stdint.h>

struct elf64 {
	const char *path;
	unsigned char *buf;	/* whole file */
	size_t size;
	Elf64_Ehdr *eh;
	Elf64_Shdr *sh;		/* section headers (NULL if none) */
	const char *shstr;	/* section name string table or NULL */
	size_t shstrsz;
};

/*
 * Read path and check it is an ELF64 little-endian x86-64 file of type
 * `type' (ET_REL, ET_EXEC; 0 = any of both) whose header, section headers
 * and section contents lie inside the file.  On failure returns -1 and
 * writes a one-line reason into err.
 */
int elf64_open(struct elf64 *, const char *path, int type,
    char *err, size_t errlen);
void elf64_close(struct elf64 *);
/* Name of section i ("" if unknown). */
const char *elf64_secname(const struct elf64 *, size_t i);
/* File contents of section i, or NULL for SHT_NOBITS / empty. */
void *elf64_secdata(const struct elf64 *, size_t i);
/* First section of the given type (index), or -1. */
long elf64_findsec(const struct elf64 *, uint32_t type);
/* Find symbol `name' in .symtab; returns 0 and fills *sym, -1 if absent,
   -2 if there is no symbol table. */
int elf64_findsym(const struct elf64 *, const char *name, Elf64_Sym *sym);
/* Map a virtual address to a file offset via the program headers (then
   the allocated section headers); -1 if not backed by file contents. */
long long elf64_vaddr2off(const struct elf64 *, uint64_t vaddr, uint64_t len);

/* Count or rewrite R_X86_64_PLT32 relocations into R_X86_64_PC32 in every
   SHT_RELA section.  Returns the number found (rewritten unless dryrun),
   -1 on a malformed relocation section (reason in err). */
long elf64_fix_plt32(struct elf64 *, int dryrun, char *err, size_t errlen);

#endif
