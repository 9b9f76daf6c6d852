/*
 * Stand-in for <sys/buf.h>: only what the static tier's tests parse, written
 * for them (no NetBSD text); constants have the values of NetBSD/amd64.
 */
#ifndef _SYS_BUF_H_
#define _SYS_BUF_H_
#include <sys/types.h>
#include <sys/queue.h>
struct vnode;
struct buf {
	dev_t	 b_dev;
	int	 b_flags;
	int	 b_error;
	int	 b_bcount;
	int	 b_resid;
	daddr_t	 b_blkno;
	daddr_t	 b_rawblkno;
	void	*b_data;
	struct vnode *b_vp;
	void	(*b_iodone)(struct buf *);
	TAILQ_ENTRY(buf) b_actq;
};
typedef struct buf buf_t;
#define B_READ 0x00100000
void biodone(struct buf *);
int biowait(struct buf *);
struct vnode;
struct buf *getiobuf(struct vnode *, bool);
#endif
