/*
 * md0 in kernel memory: MD_KMEM_ALLOCATED, the type whose memory the
 * driver allocates itself (md_ioctl_kalloc()), so that no user process
 * has to serve it (MD_UMEM_SERVER would need this PID 1 to loop in
 * the driver).  A few MiB, a multiple of DEV_BSIZE as 2025 requires.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/fcntl.h>
#include <sys/ioctl.h>
#include <sys/errno.h>
#include <dev/md.h>

#include "pid1_init.h"

#define SC_MD_BYTES	(4UL * 1024 * 1024)

static const char pid1_md_attach[] = "md in kernel memory (4 MiB)";

int
pid1_md(void)
{
	struct md_conf md;
	char path[64];
	long fd, r;

	r = pid1_mkdisk("md", 0, 0, path, sizeof(path));
	if (r < 0) {
		pid1_absent("md0", pid1_md_attach, "node", r == -ENXIO ?
		    "kern.drivers md" : "mknod", r);
		return -1;
	}
	fd = pid1_open(path, O_RDWR, 0);
	if (fd < 0) {
		pid1_absent("md0", pid1_md_attach, "open", "open", fd);
		return -1;
	}
	memset(&md, 0, sizeof(md));
	md.md_size = SC_MD_BYTES;
	md.md_type = MD_KMEM_ALLOCATED;
	r = pid1_ioctl((int)fd, MD_SETCONF, &md);
	(void)pid1_close((int)fd);
	if (r < 0) {
		pid1_absent("md0", pid1_md_attach, "configure", "ioctl MD_SETCONF",
		    r);
		return -1;
	}
	pid1_msg("# init: md0: 4 MiB of kernel memory", NULL);
	return 0;
}
