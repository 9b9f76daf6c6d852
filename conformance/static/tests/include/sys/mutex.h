/*
 * Stand-in for <sys/mutex.h>: only what the static tier's tests parse, written
 * for them (no NetBSD text); constants have the values of NetBSD/amd64.
 */
#ifndef _SYS_MUTEX_H_
#define _SYS_MUTEX_H_
typedef enum kmutex_type_t {
	MUTEX_SPIN = 0,
	MUTEX_ADAPTIVE = 1,
	MUTEX_DEFAULT = 2,
	MUTEX_DRIVER = 3,
	MUTEX_NODEBUG = 4
} kmutex_type_t;
#define IPL_NONE 0x0
#define IPL_SOFTBIO 0x3
#define IPL_VM 0x6
#define IPL_BIO IPL_VM
#define IPL_SCHED 0x7
#define IPL_HIGH 0x8
typedef struct kmutex { volatile unsigned long mtx_opaque[2]; } kmutex_t;
void mutex_init(kmutex_t *, kmutex_type_t, int);
void mutex_destroy(kmutex_t *);
void mutex_enter(kmutex_t *);
void mutex_exit(kmutex_t *);
void mutex_spin_enter(kmutex_t *);
void mutex_spin_exit(kmutex_t *);
int mutex_tryenter(kmutex_t *);
kmutex_t *mutex_obj_alloc(kmutex_type_t, int);
#endif
