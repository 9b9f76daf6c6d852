/*
 * strategy_checker: the targets.  Every disk the kernel attached (but
 * the optical drives, which hold the boot image) and the reference
 * pseudo-disks, in an order that is the same on every boot so that a
 * case number means the same case after a reboot.
 */

#include <sys/param.h>
#include <sys/systm.h>
#include <sys/conf.h>
#include <sys/device.h>
#include <sys/disk.h>
#include <sys/disklabel.h>
#include <sys/fcntl.h>
#include <sys/stat.h>

#include "sc.h"

struct sc_dev sc_devs[SC_MAXDEVS];
int sc_ndevs;

/* "atabus0 at piixide0": the parent, and the controller above it. */
static void
sc_describe_attach(device_t dv, char *buf, size_t len)
{
	device_t p = device_parent(dv), gp;

	if (p == NULL) {
		strlcpy(buf, "root", len);
		return;
	}
	gp = device_parent(p);
	if (gp == NULL || device_is_a(gp, "pci") || device_is_a(gp, "isa") ||
	    device_is_a(gp, "mainbus"))
		snprintf(buf, len, "%s at %s", device_xname(p),
		    gp != NULL ? device_xname(gp) : "root");
	else
		snprintf(buf, len, "%s at %s", device_xname(p),
		    device_xname(gp));
}

static void
sc_add_disk(device_t dv)
{
	const struct bdevsw *bdev;
	struct sc_dev *d;
	struct disk *dk;
	const char *drv;
	int bmaj, unit, u;

	if (sc_ndevs >= SC_MAXDEVS)
		return;
	drv = device_cfdriver(dv)->cd_name;
	/* The checker's own dksubr disk is judged as ref-dkstart. */
	if (strcmp(drv, "scdk") == 0)
		return;
	if (!sc_selected(sc_args.devices, device_xname(dv)))
		return;
	/* Optical drives hold the boot image; leave them alone. */
	if (strcmp(drv, "cd") == 0)
		return;
	if ((bmaj = devsw_name2blk(device_xname(dv), NULL, 0)) < 0)
		return;
	unit = device_unit(dv);
	d = &sc_devs[sc_ndevs];
	memset(d, 0, sizeof(*d));
	strlcpy(d->d_name, device_xname(dv), sizeof(d->d_name));
	strlcpy(d->d_xname, device_xname(dv), sizeof(d->d_xname));
	sc_describe_attach(dv, d->d_attach, sizeof(d->d_attach));
	d->d_dev = MAKEDISKDEV(bmaj, unit, RAW_PART);
	d->d_rodev = NODEV;
	/* A hardware disk has no unit that exists unconfigured. */
	d->d_unconf = NODEV;
	for (u = 0; u < 64; u++)
		if (device_find_by_driver_unit(drv, u) == NULL)
			break;
	d->d_nounit = MAKEDISKDEV(bmaj, u, RAW_PART);
	bdev = bdevsw_lookup(d->d_dev);
	d->d_mpsafe = bdev != NULL && (bdev->d_flag & D_MPSAFE) != 0;
	if ((dk = disk_find(d->d_name)) != NULL) {
		d->d_secsize = dk->dk_geom.dg_secsize;
		d->d_nsectors = dk->dk_geom.dg_secperunit;
	}
	sc_ndevs++;
}

static int
sc_devcmp(const struct sc_dev *a, const struct sc_dev *b)
{
	int r;

	/* Attachment first: unit numbers of parallel probes may race. */
	if ((r = strcmp(a->d_attach, b->d_attach)) != 0)
		return r;
	return strcmp(a->d_name, b->d_name);
}

void
sc_find_targets(void)
{
	deviter_t di;
	device_t dv;
	struct sc_dev tmp;
	int i, j, n;

	for (dv = deviter_first(&di, 0); dv != NULL; dv = deviter_next(&di))
		if (sc_args.disks && device_class(dv) == DV_DISK)
			sc_add_disk(dv);
	deviter_release(&di);

	/* Stable order across boots, so case numbers mean the same. */
	for (i = 1; i < sc_ndevs; i++)
		for (j = i; j > 0 &&
		    sc_devcmp(&sc_devs[j - 1], &sc_devs[j]) > 0; j--) {
			tmp = sc_devs[j];
			sc_devs[j] = sc_devs[j - 1];
			sc_devs[j - 1] = tmp;
		}

	n = sc_args.refs ? sc_ref_count() : 0;
	for (i = 0; i < n && sc_ndevs < SC_MAXDEVS; i++) {
		sc_ref_describe(i, &sc_devs[sc_ndevs]);
		if (sc_selected(sc_args.devices, sc_devs[sc_ndevs].d_name))
			sc_ndevs++;
	}
	/* The reference dksubr disk, where the kernel can have one. */
	if (sc_args.refs && sc_ndevs < SC_MAXDEVS &&
	    sc_dkref_describe(&sc_devs[sc_ndevs]) &&
	    sc_selected(sc_args.devices, sc_devs[sc_ndevs].d_name))
		sc_ndevs++;
}

void
sc_open_targets(void)
{
	struct sc_dev *d;
	struct disk *dk;
	int error, i;

	for (i = 0; i < sc_ndevs; i++) {
		d = &sc_devs[i];
		error = bdev_open(d->d_dev, FREAD | FWRITE, S_IFBLK, curlwp);
		if (error != 0) {
			printf("# device %s: open failed, error %d\n",
			    d->d_name, error);
			continue;
		}
		d->d_opened = true;
		d->d_dks = sc_dks_wrap(d);
		if (!d->d_ref && (dk = disk_find(d->d_name)) != NULL) {
			d->d_secsize = dk->dk_geom.dg_secsize;
			d->d_nsectors = dk->dk_geom.dg_secperunit;
		}
		if (d->d_secsize < DEV_BSIZE || d->d_nsectors < 2048) {
			printf("# device %s: unusable geometry %u x %lld\n",
			    d->d_name, d->d_secsize, (long long)d->d_nsectors);
			bdev_close(d->d_dev, FREAD | FWRITE, S_IFBLK, curlwp);
			d->d_opened = false;
		}
	}
}

void
sc_close_targets(void)
{
	int i;

	sc_dks_unwrap_all();
	for (i = 0; i < sc_ndevs; i++)
		if (sc_devs[i].d_opened)
			bdev_close(sc_devs[i].d_dev, FREAD | FWRITE, S_IFBLK,
			    curlwp);
}

