/*
 * The NetBSD ELF note: without it the kernel refuses to exec the
 * binary (netbsd_elf_signature() in kern/exec_elf.c).  The 2015 kernel
 * looks for it in a SHT_NOTE section, the 2025 one in a PT_NOTE
 * segment: an allocated note section gives both.  Written in assembler
 * so that the section gets the note type; the version is the one of
 * the <sys/param.h> the program is built against.
 */
#include <sys/param.h>

#define SC_STR(x)	#x
#define SC_XSTR(x)	SC_STR(x)

__asm__(
	"	.section .note.netbsd.ident, \"a\", @note\n"
	"	.p2align 2\n"
	"	.long 7\n"			/* namesz: "NetBSD" and NUL */
	"	.long 4\n"			/* descsz */
	"	.long 1\n"			/* ELF_NOTE_TYPE_NETBSD_TAG */
	"	.ascii \"NetBSD\\0\\0\"\n"	/* name, padded to 4 */
	"	.long " SC_XSTR(__NetBSD_Version__) "\n"
	"	.previous\n");
