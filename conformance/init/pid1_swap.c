/*
 * Swap, for the drum's rows: swap-on-part, a partition of its own disk
 * (swstrategy()'s VBLK path: VOP_STRATEGY on the disk), and
 * swap-on-file, a file on an FFS (its VREG path: VOP_BMAP and
 * sw_reg_strategy()).  uvm_swap gives each swap device a range of
 * /dev/drum's pages, which the checker must be told: swap_on() takes
 * vmem_alloc(swapmap, npages, VM_BESTFIT) of an arena that starts at
 * page 1 (uvm_swap.c:294, 1010 of the 2025 tree; 284, 984 of 2015), so
 * devices added in turn to an empty drum lie end to end from page 1,
 * npages = the device's DEV_BSIZE blocks / SC_PAGE_BLKS.  A
 * third device between the two, removed again (SWAP_OFF, vmem_free at
 * 1133 / 1104), leaves a hole after the partition, so that the end of
 * each row's range is an end of the drum: a page no device owns, which
 * swstrategy() fails with EINVAL (uvm_swap.c:1228-1234 / 1183-1190).
 *
 * What the checker writes over: sectors 64-151 of each range, where
 * swap pages would live.  None does: the guest has 512 MiB, the only
 * process is this one, and SWAP_STATS must say no block is in use
 * before the run (else the rows are absent).  The partition's label is
 * in core only (DIOCSDINFO; the disk's raw partition is kept open so
 * that ld keeps it), and the partitions start at sector 2048.
 *
 * The file is on an FFS of its own (SC_SWAPFS, pid1_disks.c), not on
 * /mnt: fss0 snapshots /mnt, and there the checker's writes through the
 * drum would run fss's copy-on-write in the caller's context (through
 * spec_strategy()'s fscow_run()), fss's doing, not swap's; and the
 * file's own writes after the snapshot would copy the clusters fss0's
 * cases read.  It is written whole and fsync'd, so that no delayed
 * write of the file system lands on what the checker writes.
 */
#include <sys/types.h>
#include <sys/param.h>
#include <sys/fcntl.h>
#include <sys/ioctl.h>
#include <sys/disklabel.h>
#include <sys/dkio.h>
#include <sys/swap.h>
#include <sys/stat.h>
#include <sys/errno.h>

#include "pid1_init.h"

#define SC_SWAP_OFF	2048		/* first sector of the partitions */
#define SC_SWAP_PART	40960		/* swap-on-part: 20 MiB */
#define SC_SWAP_HOLE	2048		/* the device removed again: 1 MiB */
#define SC_SWAP_FILE	(8 * 1024 * 1024)	/* swap-on-file, bytes */
#define SC_SWAP_PARTB	1		/* partition b */
#define SC_SWAP_PARTE	4		/* partition e, the hole */
/* uvm's PAGE_SIZE, which a userland <machine/param.h> does not give */
#define SC_PAGE_BLKS	((1 << PGSHIFT) / DEV_BSIZE)

static const char pid1_part_attach[] = "swap on a disklabel partition";
static const char pid1_file_attach[] = "swap on a file on FFS " SC_SWAPFS;
static const char pid1_swapfile[] = SC_SWAPFS "/swap.img";

static uint16_t
pid1_dkcksum(const struct disklabel *lp)
{
	const uint16_t *p = (const uint16_t *)lp;
	const uint16_t *e = (const uint16_t *)&lp->d_partitions[
	    lp->d_npartitions];
	uint16_t sum = 0;

	while (p < e)
		sum ^= *p++;
	return sum;
}

/* Partitions b and e on the raw partition's fd, in core; 0 or -errno. */
static long
pid1_swap_label(int fd)
{
	struct disklabel lab;
	long r;

	r = pid1_ioctl(fd, DIOCGDINFO, &lab);
	if (r < 0)
		return r;
	if (lab.d_secsize != DEV_BSIZE ||
	    lab.d_secperunit < SC_SWAP_OFF + SC_SWAP_PART + SC_SWAP_HOLE)
		return -ENOSPC;
	if (lab.d_npartitions < SC_SWAP_PARTE + 1)
		lab.d_npartitions = SC_SWAP_PARTE + 1;
	lab.d_partitions[SC_SWAP_PARTB].p_offset = SC_SWAP_OFF;
	lab.d_partitions[SC_SWAP_PARTB].p_size = SC_SWAP_PART;
	lab.d_partitions[SC_SWAP_PARTB].p_fstype = FS_SWAP;
	lab.d_partitions[SC_SWAP_PARTE].p_offset = SC_SWAP_OFF + SC_SWAP_PART;
	lab.d_partitions[SC_SWAP_PARTE].p_size = SC_SWAP_HOLE;
	lab.d_partitions[SC_SWAP_PARTE].p_fstype = FS_SWAP;
	lab.d_checksum = 0;
	lab.d_checksum = pid1_dkcksum(&lab);
	return pid1_ioctl(fd, DIOCSDINFO, &lab);
}

/* A block node of partition part of the disk's unit. */
static long
pid1_swap_node(const char *disk, int part, char *path, size_t size)
{
	char pc[2] = { (char)('a' + part), '\0' };
	long maj, r;
	int unit = 0;
	const char *p;

	for (p = disk + 2; *p >= '0' && *p <= '9'; p++)
		unit = unit * 10 + (*p - '0');
	if ((maj = pid1_major("ld", 1)) < 0)
		return -ENXIO;
	pid1_strlcpy(path, "/dev/", size);
	pid1_strlcat(path, disk, size);
	pid1_strlcat(path, pc, size);
	r = pid1_mknod(path, S_IFBLK | 0600, MAKEDISKDEV(maj, unit, part));
	return r == -EEXIST ? 0 : r;
}

/* The swap file, written whole and on disk; 0 or -errno. */
static long
pid1_swap_mkfile(void)
{
	static char zero[65536];
	long fd, r = 0;
	int i;

	fd = pid1_open(pid1_swapfile, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0)
		return fd;
	for (i = 0; i < SC_SWAP_FILE / (int)sizeof(zero) && r >= 0; i++)
		r = pid1_write((int)fd, zero, sizeof(zero));
	if (r >= 0)
		r = pid1_fsync((int)fd);
	(void)pid1_close((int)fd);
	return r < 0 ? r : 0;
}

/* SWAP_ON (on != 0) or SWAP_OFF of path; 0 or -errno. */
static long
pid1_swapon(const char *path, int on)
{
	return pid1_swapctl(on ? SWAP_ON : SWAP_OFF, (void *)(uintptr_t)path,
	    0);
}

/* ",<row>:<first block>:<blocks>:<backing>" onto the swap= argument. */
static void
pid1_swap_arg(char *arg, size_t len, const char *row, long page, long blocks,
    const char *backing)
{
	char num[24];

	if (arg[0] != '\0')
		pid1_strlcat(arg, ",", len);
	pid1_strlcat(arg, row, len);
	pid1_strlcat(arg, ":", len);
	pid1_strlcat(arg, pid1_ltoa(page * SC_PAGE_BLKS, num,
	    sizeof(num)), len);
	pid1_strlcat(arg, ":", len);
	pid1_strlcat(arg, pid1_ltoa(blocks, num, sizeof(num)), len);
	pid1_strlcat(arg, ":", len);
	pid1_strlcat(arg, backing, len);
}

/*
 * swap-on-part: b on, then the hole e.  2: both on; 1: b alone (the
 * row is absent, said); 0: neither (said).
 */
static int
pid1_swap_part(const struct pid1_disks *d, char *pb, char *pe, size_t size)
{
	char raw[64];
	long fd, r;

	if (d->swap[0] == '\0') {
		pid1_absent("swap-on-part", pid1_part_attach, "disk",
		    "hw.disknames", ENODEV);
		return 0;
	}
	if ((r = pid1_swap_node(d->swap, SC_SWAP_PARTB, pb, size)) < 0 ||
	    (r = pid1_swap_node(d->swap, SC_SWAP_PARTE, pe, size)) < 0) {
		pid1_absent("swap-on-part", pid1_part_attach, "node", "mknod", r);
		return 0;
	}
	pid1_strlcpy(raw, "/dev/r", sizeof(raw));
	pid1_strlcat(raw, d->swap, sizeof(raw));
	pid1_strlcat(raw, "d", sizeof(raw));
	/* Kept open for ever: ld keeps an in-core label while open. */
	fd = pid1_open(raw, O_RDWR, 0);
	if (fd < 0) {
		pid1_absent("swap-on-part", pid1_part_attach, "open", "open", fd);
		return 0;
	}
	if ((r = pid1_swap_label((int)fd)) < 0) {
		pid1_absent("swap-on-part", pid1_part_attach, "label",
		    "ioctl DIOCGDINFO/DIOCSDINFO", r);
		return 0;
	}
	if ((r = pid1_swapon(pb, 1)) < 0) {
		pid1_absent("swap-on-part", pid1_part_attach, "swap",
		    "swapctl SWAP_ON", r);
		return 0;
	}
	if ((r = pid1_swapon(pe, 1)) < 0) {
		pid1_absent("swap-on-part", pid1_part_attach, "hole",
		    "swapctl SWAP_ON", r);
		return 1;
	}
	return 2;
}

/* Blocks of swap in use, from SWAP_STATS; or -errno. */
static long
pid1_swap_inuse(void)
{
	static struct swapent se[4];
	char num[24], num2[24];
	long n, i, used = 0;

	n = pid1_swapctl(SWAP_STATS, se, 4);
	if (n < 0)
		return n;
	for (i = 0; i < n; i++) {
		pid1_msg("# init: swap: ", se[i].se_path, " blocks ",
		    pid1_ltoa(se[i].se_nblks, num, sizeof(num)), " in use ",
		    pid1_ltoa(se[i].se_inuse, num2, sizeof(num2)), NULL);
		used += se[i].se_inuse;
	}
	return used;
}

/*
 * Adds the swap devices; the rows that hold go to units (with
 * pid1_configured's list) and their drum ranges to arg, the checker's
 * swap= argument.  Returns how many rows hold.
 */
int
pid1_swap(const struct pid1_disks *d, void (*configured)(const char *),
    char *arg, size_t arglen)
{
	char pb[64], pe[64];
	long page = 1, partpage = 0, filepage = 0, r;
	int part, n = 0;

	arg[0] = '\0';
	part = pid1_swap_part(d, pb, pe, sizeof(pb));
	if (part > 0) {
		partpage = page;
		page += SC_SWAP_PART / SC_PAGE_BLKS;
	}
	if (part > 1)
		page += SC_SWAP_HOLE / SC_PAGE_BLKS;
	if (d->swapfs[0] == '\0')
		pid1_absent("swap-on-file", pid1_file_attach, "disk",
		    "mount ffs on " SC_SWAPFS, ENODEV);
	else if ((r = pid1_swap_mkfile()) < 0)
		pid1_absent("swap-on-file", pid1_file_attach, "file",
		    "write/fsync", r);
	else if ((r = pid1_swapon(pid1_swapfile, 1)) < 0)
		pid1_absent("swap-on-file", pid1_file_attach, "swap",
		    "swapctl SWAP_ON", r);
	else
		filepage = page;
	if (part > 1 && (r = pid1_swapon(pe, 0)) < 0) {
		pid1_absent("swap-on-part", pid1_part_attach, "hole",
		    "swapctl SWAP_OFF", r);
		part = 1;
	}
	if (part < 2 && filepage == 0)
		return 0;
	if ((r = pid1_swap_inuse()) != 0) {
		if (part > 1)
			pid1_absent("swap-on-part", pid1_part_attach, "in use",
			    "swapctl SWAP_STATS", r < 0 ? r : EBUSY);
		if (filepage != 0)
			pid1_absent("swap-on-file", pid1_file_attach, "in use",
			    "swapctl SWAP_STATS", r < 0 ? r : EBUSY);
		return 0;
	}
	if (part > 1) {
		pid1_swap_arg(arg, arglen, "swap-on-part", partpage,
		    SC_SWAP_PART, pb + 5);
		configured("swap-on-part");
		n++;
	}
	if (filepage != 0) {
		pid1_swap_arg(arg, arglen, "swap-on-file", filepage,
		    SC_SWAP_FILE / DEV_BSIZE, pid1_swapfile);
		configured("swap-on-file");
		n++;
	}
	pid1_msg("# init: swap: drum ranges ", arg, NULL);
	return n;
}
