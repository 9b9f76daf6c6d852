/*
 * Stand-in for <sys/conf.h>: only what the static tier's tests parse, written
 * for them (no NetBSD text); constants have the values of NetBSD/amd64.
 */
#ifndef _SYS_CONF_H_
#define _SYS_CONF_H_
#include <sys/types.h>
struct buf;
struct lwp;
#define dev_type_open(n) int n(dev_t, int, int, struct lwp *)
#define dev_type_close(n) int n(dev_t, int, int, struct lwp *)
#define dev_type_strategy(n) void n(struct buf *)
#define dev_type_ioctl(n) int n(dev_t, u_long, void *, int, struct lwp *)
#define dev_type_dump(n) int n(dev_t, daddr_t, void *, size_t)
#define dev_type_size(n) int n(dev_t)
#define dev_type_discard(n) int n(dev_t, int64_t, int64_t)
#define dev_type_read(n) int n(dev_t, void *, int)
#define dev_type_stop(n) void n(void *, int)
struct bdevsw {
	dev_type_open((*d_open));
	dev_type_close((*d_close));
	dev_type_strategy((*d_strategy));
	dev_type_ioctl((*d_ioctl));
	dev_type_dump((*d_dump));
	dev_type_size((*d_psize));
	dev_type_discard((*d_discard));
	int (*d_devtounit)(dev_t);
	void *d_cfdriver;
	int d_flag;
};
struct cdevsw {
	dev_type_open((*d_open));
	dev_type_close((*d_close));
	dev_type_read((*d_read));
	dev_type_read((*d_write));
	dev_type_ioctl((*d_ioctl));
	dev_type_stop((*d_stop));
	void *(*d_tty)(dev_t);
	int (*d_poll)(dev_t, int, struct lwp *);
	long (*d_mmap)(dev_t, long, int);
	int (*d_kqfilter)(dev_t, void *);
	dev_type_discard((*d_discard));
	int (*d_devtounit)(dev_t);
	void *d_cfdriver;
	int d_flag;
};
#define D_DISK 0x0002
#define D_MPSAFE 0x0100
dev_type_open(noopen);
dev_type_close(noclose);
dev_type_read(noread);
dev_type_read(nowrite);
dev_type_ioctl(noioctl);
dev_type_stop(nostop);
dev_type_dump(nodump);
dev_type_size(nosize);
dev_type_discard(nodiscard);
void *notty(dev_t);
int nopoll(dev_t, int, struct lwp *);
long nommap(dev_t, long, int);
int nokqfilter(dev_t, void *);
int devsw_attach(const char *, const struct bdevsw *, int *,
    const struct cdevsw *, int *);
int devsw_detach(const struct bdevsw *, const struct cdevsw *);
void bdev_strategy(struct buf *);
#endif
