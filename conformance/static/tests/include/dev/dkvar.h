/*
 * Stand-in for <dev/dkvar.h>: only what the static tier's tests parse, written
 * for them (no NetBSD text); constants have the values of NetBSD/amd64.
 */
#ifndef _DEV_DKVAR_H_
#define _DEV_DKVAR_H_
#include <sys/types.h>
#include <sys/disk.h>
struct dk_softc {
	device_t	 sc_dev;
	struct disk	 sc_dkdev;
	int		 sc_flags;
};
void dk_init(struct dk_softc *, device_t, int);
void dk_attach(struct dk_softc *);
void dk_detach(struct dk_softc *);
void dk_strategy(struct dk_softc *, struct buf *);
int dk_strategy_defer(struct dk_softc *, struct buf *);
void dk_start(struct dk_softc *, struct buf *);
void dk_done(struct dk_softc *, struct buf *);
#endif
