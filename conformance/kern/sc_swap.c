/*
 * strategy_checker: the swap device's targets.  swstrategy() is the
 * strategy routine of /dev/drum (swap_bdevsw, uvm/uvm_swap.c), one
 * address space in which uvm_swap gives each swap device a range of
 * pages; a buf's b_blkno picks the device, and with it the path: a
 * block device's buf goes on to its disk through VOP_STRATEGY, a
 * regular file's through VOP_BMAP and sw_reg_strategy().  The guest's
 * PID 1 adds the swap devices and says where each one lies in the drum
 * ("swap=<row>:<first block>:<blocks>:<backing>,...", in DEV_BSIZE
 * blocks, conformance/init/pid1_swap.c); each is a target of its own,
 * named by its row, whose block 0 is the first block of its range.
 *
 * The drum is never opened here: the kernel opens it once for itself
 * (uvm_swap_init()), and 10.99.12's swopen() refuses every later open
 * (uvm_swap.c:1196-1206 of the 2025 tree); uvm_swap_io(), the drum's
 * own caller, never opens it either.
 */

#include <sys/param.h>
#include <sys/systm.h>
#include <sys/conf.h>
#include <sys/device.h>

#include "sc.h"

/* The next entry of the swap= list: its four fields, or false. */
static bool
sc_swap_entry(const char **pp, char *row, size_t rowlen, int64_t *first,
    int64_t *n, char *backing, size_t blen)
{
	const char *p = *pp, *e;

	if (*p == '\0')
		return false;
	e = p + strcspn(p, ":,");
	strlcpy(row, p, MIN(rowlen, (size_t)(e - p) + 1));
	*first = *n = -1;
	backing[0] = '\0';
	if (*e == ':') {
		*first = sc_atol(e + 1, &e);
		if (*e == ':')
			*n = sc_atol(e + 1, &e);
		if (*e == ':') {
			p = e + 1;
			e = p + strcspn(p, ",");
			strlcpy(backing, p, MIN(blen, (size_t)(e - p) + 1));
		}
	}
	e += strcspn(e, ",");
	*pp = *e == ',' ? e + 1 : e;
	return true;
}

/* "drum<ld6<virtio6<pci0<...": the partition's disk and its ancestors. */
static void
sc_swap_chain(struct sc_dev *d, const char *backing)
{
	char xname[16];
	size_t n = strlen(backing);
	device_t dv;

	snprintf(d->d_chain, sizeof(d->d_chain), "drum<%s", backing);
	if (backing[0] == '/' || n < 2 || n >= sizeof(xname))
		return;
	strlcpy(xname, backing, n);	/* without the partition letter */
	if ((dv = device_find_by_xname(xname)) == NULL)
		return;
	strlcpy(d->d_chain, "drum", sizeof(d->d_chain));
	for (; dv != NULL; dv = device_parent(dv)) {
		strlcat(d->d_chain, "<", sizeof(d->d_chain));
		strlcat(d->d_chain, device_xname(dv), sizeof(d->d_chain));
	}
}

static void
sc_swap_add(const char *row, int64_t first, int64_t n, const char *backing,
    int bmaj)
{
	struct sc_dev *d;

	if (sc_ndevs >= SC_MAXDEVS || !sc_device_selected(row))
		return;
	if (first <= 0 || n <= 0) {
		printf("# strategy-checker: swap: %s: no range in the drum\n",
		    row);
		return;
	}
	d = &sc_devs[sc_ndevs++];
	memset(d, 0, sizeof(*d));
	strlcpy(d->d_name, row, sizeof(d->d_name));
	strlcpy(d->d_xname, "drum", sizeof(d->d_xname));
	strlcpy(d->d_driver, "swap", sizeof(d->d_driver));
	/* The path is the backing's kind: a disk's device or a file. */
	if (strncmp(backing, "/", 1) == 0)
		snprintf(d->d_attach, sizeof(d->d_attach),
		    "drum: file %s (VOP_BMAP)", backing);
	else
		snprintf(d->d_attach, sizeof(d->d_attach),
		    "drum: block device %s (VOP_STRATEGY)", backing);
	sc_swap_chain(d, backing);
	/* swstrategy() ignores the minor: the drum has one unit. */
	d->d_dev = makedev(bmaj, 0);
	d->d_nounit = NODEV;
	d->d_unconf = NODEV;
	d->d_rodev = NODEV;
	d->d_base = first;
	d->d_secsize = DEV_BSIZE;
	d->d_nsectors = n;
	d->d_noopen = true;
}

/* The swap devices the PID 1 named, as targets (sc_find_targets()). */
void
sc_swap_targets(void)
{
	const char *p = sc_args.swap;
	char row[16], backing[48];
	int64_t first, n;
	int bmaj;

	if (*p == '\0')
		return;
	if ((bmaj = devsw_name2blk("swap", NULL, 0)) < 0) {
		printf("# strategy-checker: swap: no block device "
		    "\"swap\"\n");
		return;
	}
	while (sc_swap_entry(&p, row, sizeof(row), &first, &n, backing,
	    sizeof(backing)))
		sc_swap_add(row, first, n, backing, bmaj);
}
