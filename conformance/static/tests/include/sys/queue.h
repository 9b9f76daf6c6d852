/*
 * Stand-in for <sys/queue.h>: only what the static tier's tests parse, written
 * for them (no NetBSD text); constants have the values of NetBSD/amd64.
 */
#ifndef _SYS_QUEUE_H_
#define _SYS_QUEUE_H_
#define TAILQ_HEAD(name, type) \
	struct name { struct type *tqh_first; struct type **tqh_last; }
#define TAILQ_ENTRY(type) \
	struct { struct type *tqe_next; struct type **tqe_prev; }
#define TAILQ_FIRST(h) ((h)->tqh_first)
#define TAILQ_EMPTY(h) ((h)->tqh_first == NULL)
#define TAILQ_INIT(h) do { \
	(h)->tqh_first = NULL; (h)->tqh_last = &(h)->tqh_first; } while (0)
#define TAILQ_INSERT_TAIL(h, e, f) do { \
	(e)->f.tqe_next = NULL; (e)->f.tqe_prev = (h)->tqh_last; \
	*(h)->tqh_last = (e); (h)->tqh_last = &(e)->f.tqe_next; } while (0)
#define TAILQ_REMOVE(h, e, f) do { \
	if ((e)->f.tqe_next != NULL) \
		(e)->f.tqe_next->f.tqe_prev = (e)->f.tqe_prev; \
	else \
		(h)->tqh_last = (e)->f.tqe_prev; \
	*(e)->f.tqe_prev = (e)->f.tqe_next; } while (0)
#endif
