/*
 * Stand-in for <sys/disk.h>: only what the static tier's tests parse, written
 * for them (no NetBSD text); constants have the values of NetBSD/amd64.
 */
#ifndef _SYS_DISK_H_
#define _SYS_DISK_H_
#include <sys/types.h>
struct buf;
struct lwp;
#include <sys/device.h>
struct dkdriver {
	void	(*d_strategy)(struct buf *);
	void	(*d_minphys)(struct buf *);
	int	(*d_open)(dev_t, int, int, struct lwp *);
	int	(*d_close)(dev_t, int, int, struct lwp *);
	int	(*d_diskstart)(device_t, struct buf *);
	void	(*d_iosize)(device_t, int *);
	int	(*d_dumpblocks)(device_t, void *, daddr_t, int);
	int	(*d_lastclose)(device_t);
	int	(*d_discard)(device_t, int64_t, int64_t);
	int	(*d_firstopen)(device_t, dev_t, int, int);
	void	(*d_label)(device_t, void *);
};
struct disk {
	const char	*dk_name;
	const struct dkdriver *dk_driver;
};
void disk_init(struct disk *, const char *, const struct dkdriver *);
#endif
