/*
 * strategy_checker: what differs between the NetBSD kernels the checker
 * builds against, in one place.  Keyed on __NetBSD_Version__ so that a
 * release kernel builds too.  Built and run: 7.99.4 (799000400) and
 * 10.99.12 (1099001200).
 */

#ifndef _SC_COMPAT_H_
#define _SC_COMPAT_H_

#include <sys/param.h>
#include <sys/lwp.h>

/*
 * Context switches of an LWP.  Up to 10.99.2 (NetBSD 10 releases
 * included) struct lwp counts all switches in l_ncsw and involuntary
 * ones in l_nivcsw; by 10.99.10 both live in l_ru as ru_nvcsw and
 * ru_nivcsw.  10.99.3 is the first version the second form is assumed
 * for; a kernel between the two that fails here tells us the exact one.
 */
#if __NetBSD_Version__ >= 1099000300
#define SC_LWP_VCSW(l)	((uint64_t)(l)->l_ru.ru_nvcsw)
#define SC_LWP_IVCSW(l)	((uint64_t)(l)->l_ru.ru_nivcsw)
#else
#define SC_LWP_VCSW(l)	((uint64_t)((l)->l_ncsw - (l)->l_nivcsw))
#define SC_LWP_IVCSW(l)	((uint64_t)(l)->l_nivcsw)
#endif

/*
 * struct dkdriver's d_diskstart, dksubr(9)'s per-buf hook, came with the
 * dksubr rework of the 7.99 series: 7.99.4 has none, NetBSD 8 has it.
 * Kernels in between are treated as not having it.
 */
#if __NetBSD_Version__ >= 800000000
#define SC_HAVE_DISKSTART	1
#endif

/*
 * How deep in hard interrupts a CPU is: x86's count, -1 in a thread or
 * a soft interrupt.  Tells a d_diskstart run inline by the case's own
 * hard interrupt from one run by a completion interrupt nested in it.
 */
#define SC_CPU_IDEPTH(ci)	((ci)->ci_idepth)

#endif /* _SC_COMPAT_H_ */
