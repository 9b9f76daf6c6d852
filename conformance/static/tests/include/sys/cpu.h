/*
 * Stand-in for <sys/cpu.h>: only what the static tier's tests parse, written
 * for them (no NetBSD text); constants have the values of NetBSD/amd64.
 */
#ifndef _SYS_CPU_H_
#define _SYS_CPU_H_
#include <sys/types.h>
struct cpu_info;
struct cpu_info *cpu_lookup(unsigned int);
bool cpu_intr_p(void);
bool cpu_softintr_p(void);
#endif
