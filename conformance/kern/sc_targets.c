/*
 * strategy_checker: the targets.  Every disk the kernel attached (but
 * the boot medium and the root file system's disk) and the reference
 * pseudo-disks, in an order that is the same on every boot so that a
 * case number means the same case after a reboot.
 */

#include <sys/param.h>
#include <sys/systm.h>
#include <sys/conf.h>
#include <sys/device.h>
#include <sys/disk.h>
#include <sys/disklabel.h>
#include <sys/dkio.h>
#include <sys/fcntl.h>
#include <sys/stat.h>
#include <sys/systm.h>

#include <net/zlib.h>	/* vndvar.h needs z_stream */
#include <dev/vndvar.h>
#include <sys/mount.h>	/* fssvar.h needs MNAMELEN */
#include <dev/fssvar.h>

#include "sc.h"

struct sc_dev sc_devs[SC_MAXDEVS];
int sc_ndevs;

/* "atabus0 at piixide0": the parent, and the controller above it. */
static void
sc_describe_attach(device_t dv, char *buf, size_t len)
{
	device_t p = device_parent(dv), gp;

	if (p == NULL) {
		snprintf(buf, len, "%s pseudo-device",
		    device_cfdriver(dv)->cd_name);
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

/* "sd0<scsibus0<umass0<uhub1<usb1<xhci0<pci0": every ancestor. */
static void
sc_describe_chain(device_t dv, char *buf, size_t len)
{
	device_t p;

	strlcpy(buf, device_xname(dv), len);
	for (p = device_parent(dv); p != NULL; p = device_parent(p)) {
		strlcat(buf, "<", len);
		strlcat(buf, device_xname(p), len);
	}
}

static bool
sc_below(device_t dv, const char *driver)
{
	device_t p;

	for (p = device_parent(dv); p != NULL; p = device_parent(p))
		if (device_is_a(p, driver))
			return true;
	return false;
}

/*
 * The runner boots from an ATAPI CD on the PIIX controller, or on the
 * controller bootctl= names (a q35 machine's AHCI), and puts no other
 * optical drive there (conformance/host/profile.c): that drive holds
 * the boot image.  The root file system's disk is never written.
 */
static const char *
sc_not_a_target(device_t dv)
{

	if (dv == root_device)
		return "holds the root file system";
	if (device_is_a(dv, "cd") && sc_below(dv, sc_args.bootctl))
		return "the boot medium";
	return NULL;
}

/* Media that are read-only by nature: writes are judged by rdonly. */
static bool
sc_readonly_driver(const char *drv)
{

	return strcmp(drv, "cd") == 0 || strcmp(drv, "fss") == 0;
}

/* dk(4) and fss(4) take the whole minor for the unit. */
static bool
sc_unpartitioned(const char *drv)
{

	return strcmp(drv, "dk") == 0 || strcmp(drv, "fss") == 0;
}

/* vnd has two I/O paths; the attachment says which this unit takes. */
static void
sc_describe_vnd(device_t dv, char *buf, size_t len)
{
	struct vnd_softc *vsc = device_private(dv);

	if (vsc == NULL || (vsc->sc_flags & VNF_INITED) == 0)
		strlcpy(buf, "vnd (not configured)", len);
	else if (vsc->sc_flags & VNF_USE_VN_RDWR)
		strlcpy(buf, "vnd (vn_rdwr)", len);
	else
		strlcpy(buf, "vnd (VOP_BMAP/VOP_STRATEGY)", len);
}

/*
 * A disk: dv from the device tree, or NULL for a pseudo-disk that is
 * no device (ccd), found by its disk(9) name.
 */
static void
sc_add_disk(device_t dv, const char *xname)
{
	const struct bdevsw *bdev;
	struct sc_dev *d;
	struct disk *dk;
	const char *drv, *why, *p;
	char drvbuf[16], name[16];
	int bmaj, unit, u;

	if (sc_ndevs >= SC_MAXDEVS)
		return;
	for (p = xname; *p != '\0' && (*p < '0' || *p > '9'); p++)
		continue;
	strlcpy(drvbuf, xname, MIN(sizeof(drvbuf), (size_t)(p - xname) + 1));
	drv = dv != NULL ? device_cfdriver(dv)->cd_name : drvbuf;
	/* The checker's own dksubr disk is judged as ref-dkstart. */
	if (strcmp(drv, "scdk") == 0)
		return;
	if (!sc_device_selected(xname))
		return;
	if (dv != NULL && (why = sc_not_a_target(dv)) != NULL) {
		printf("# strategy-checker: not a target: %s: %s\n",
		    device_xname(dv), why);
		return;
	}
	if ((bmaj = devsw_name2blk(xname, NULL, 0)) < 0)
		return;
	unit = dv != NULL ? device_unit(dv) : (int)sc_atol(p, &p);
	d = &sc_devs[sc_ndevs];
	memset(d, 0, sizeof(*d));
	strlcpy(d->d_name, xname, sizeof(d->d_name));
	strlcpy(d->d_xname, xname, sizeof(d->d_xname));
	strlcpy(d->d_driver, drv, sizeof(d->d_driver));
	if (dv == NULL) {
		snprintf(d->d_attach, sizeof(d->d_attach), "%s pseudo-disk",
		    drv);
		strlcpy(d->d_chain, xname, sizeof(d->d_chain));
	} else {
		if (strcmp(drv, "vnd") == 0)
			sc_describe_vnd(dv, d->d_attach, sizeof(d->d_attach));
		else
			sc_describe_attach(dv, d->d_attach,
			    sizeof(d->d_attach));
		sc_describe_chain(dv, d->d_chain, sizeof(d->d_chain));
	}
	/*
	 * fd(4) takes the medium's format from the partition bits of the
	 * minor: partition a is the drive's own format, the others fixed
	 * ones (the raw partition is a 360 KB medium).
	 */
	d->d_dev = MAKEDISKDEV(bmaj, unit, strcmp(drv, "fd") == 0 ? 0 :
	    RAW_PART);
	/* A wedge and a snapshot have no partitions: minor is unit. */
	if (sc_unpartitioned(drv))
		d->d_dev = makedev(bmaj, unit);
	d->d_readonly = sc_readonly_driver(drv);
	/*
	 * fss has no disk(9) geometry and no d_psize: its size is that of
	 * the snapshot, its clusters.
	 */
	if (strcmp(drv, "fss") == 0 && dv != NULL) {
		struct fss_softc *fsc = device_private(dv);

		d->d_secsize = DEV_BSIZE;
		d->d_nsectors = ((int64_t)fsc->sc_clcount << fsc->sc_clshift) /
		    DEV_BSIZE;
	}
	/* A read-only unit is its own read-only unit. */
	d->d_rodev = d->d_readonly ? d->d_dev : NODEV;
	/*
	 * A hardware disk has no unit that exists unconfigured.  A
	 * pseudo-disk's first free unit becomes one when opened
	 * (sc_open_targets): its softc is made, its configuration is not;
	 * the next is a unit with no softc at all.
	 */
	d->d_unconf = NODEV;
	for (u = 0; u < 64; u++) {
		snprintf(name, sizeof(name), "%s%d", drv, u);
		if (device_find_by_driver_unit(drv, u) == NULL &&
		    disk_find(name) == NULL)
			break;
	}
	if (dv == NULL || device_parent(dv) == NULL) {
		d->d_unconf = sc_unpartitioned(drv) ? makedev(bmaj, u) :
		    MAKEDISKDEV(bmaj, u, RAW_PART);
		u++;
	}
	d->d_nounit = sc_unpartitioned(drv) ? makedev(bmaj, u) :
	    MAKEDISKDEV(bmaj, u, RAW_PART);
	bdev = bdevsw_lookup(d->d_dev);
	d->d_mpsafe = bdev != NULL && (bdev->d_flag & D_MPSAFE) != 0;
	if ((dk = disk_find(d->d_name)) != NULL &&
	    dk->dk_geom.dg_secsize != 0 && dk->dk_geom.dg_secperunit != 0) {
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

/*
 * The disks named in a selection (the guest PID 1's list, or the
 * host's) that the device tree does not give as DV_DISK devices: ccd
 * is a device of class DV_DULL on some kernels and none on others.
 */
static void
sc_add_named(const char *list)
{
	const char *p, *q;
	char name[16];
	int i;

	for (p = list; *p != '\0'; p = q) {
		for (q = p; *q != '\0' && *q != ','; q++)
			continue;
		strlcpy(name, p, MIN(sizeof(name), (size_t)(q - p) + 1));
		if (*q == ',')
			q++;
		if (strchr(name, '*') != NULL || strchr(name, '?') != NULL ||
		    !sc_device_selected(name))
			continue;
		for (i = 0; i < sc_ndevs; i++)
			if (strcmp(sc_devs[i].d_name, name) == 0)
				break;
		if (i == sc_ndevs && disk_find(name) != NULL)
			sc_add_disk(device_find_by_xname(name), name);
	}
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
			sc_add_disk(dv, device_xname(dv));
	deviter_release(&di);
	/* Units named in a selection that are no DV_DISK devices. */
	if (sc_args.disks) {
		sc_add_named(sc_args.devices);
		sc_add_named(sc_args.devices2);
		/* The swap devices the PID 1 added: ranges of the drum. */
		sc_swap_targets();
	}

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
		if (sc_device_selected(sc_devs[sc_ndevs].d_name))
			sc_ndevs++;
	}
	/* The reference dksubr disks, where the kernel can have them. */
	for (i = 0; sc_args.refs && sc_ndevs < SC_MAXDEVS &&
	    sc_dkref_describe(i, &sc_devs[sc_ndevs]); i++)
		if (sc_device_selected(sc_devs[sc_ndevs].d_name))
			sc_ndevs++;
}

/* A wedge has no parent in the device tree: ask it which disk. */
static void
sc_describe_wedge(struct sc_dev *d)
{
	struct dkwedge_info dkw;

	memset(&dkw, 0, sizeof(dkw));
	if (bdev_ioctl(d->d_dev, DIOCGWEDGEINFO, &dkw, FREAD, curlwp) != 0)
		return;
	dkw.dkw_parent[sizeof(dkw.dkw_parent) - 1] = '\0';
	dkw.dkw_ptype[sizeof(dkw.dkw_ptype) - 1] = '\0';
	snprintf(d->d_attach, sizeof(d->d_attach), "wedge of %s (%s)",
	    dkw.dkw_parent, dkw.dkw_ptype);
	strlcat(d->d_chain, "<", sizeof(d->d_chain));
	strlcat(d->d_chain, dkw.dkw_parent, sizeof(d->d_chain));
}

void
sc_open_targets(void)
{
	struct sc_dev *d;
	struct disk *dk;
	int64_t size;
	int error, i;

	for (i = 0; i < sc_ndevs; i++) {
		d = &sc_devs[i];
		d->d_oflags = d->d_readonly ? FREAD : FREAD | FWRITE;
		if (d->d_noopen) {
			/* The kernel holds it open (sc_swap.c). */
			d->d_opened = true;
			continue;
		}
		error = bdev_open(d->d_dev, d->d_oflags, S_IFBLK, curlwp);
		if (error != 0) {
			d->d_open_error = error;
			printf("# device %s: open failed, error %d\n",
			    d->d_name, error);
			continue;
		}
		d->d_opened = true;
		if (strcmp(d->d_driver, "dk") == 0)
			sc_describe_wedge(d);
		if (!d->d_ref && d->d_unconf != NODEV) {
			error = bdev_open(d->d_unconf, FREAD, S_IFBLK, curlwp);
			if (error != 0) {
				printf("# device %s: no unit attached and not "
				    "configured: open %llu,%llu: error %d\n",
				    d->d_name,
				    (unsigned long long)major(d->d_unconf),
				    (unsigned long long)minor(d->d_unconf),
				    error);
				d->d_unconf = NODEV;
			} else
				d->d_unconf_open = true;
		}
		d->d_dks = sc_dks_wrap(d);
		/* The geometry of its disk(9), where that has one. */
		if (!d->d_ref && (dk = disk_find(d->d_name)) != NULL &&
		    dk->dk_geom.dg_secsize != 0 &&
		    dk->dk_geom.dg_secperunit != 0) {
			d->d_secsize = dk->dk_geom.dg_secsize;
			d->d_nsectors = dk->dk_geom.dg_secperunit;
		}
		/* No geometry at all: its size, in DEV_BSIZE. */
		if (!d->d_ref && (d->d_secsize == 0 || d->d_nsectors == 0) &&
		    (size = bdev_size(d->d_dev)) > 0) {
			d->d_secsize = DEV_BSIZE;
			d->d_nsectors = size;
		}
		if (d->d_secsize < DEV_BSIZE || d->d_nsectors < 2048) {
			printf("# device %s: unusable geometry %u x %lld\n",
			    d->d_name, d->d_secsize, (long long)d->d_nsectors);
			bdev_close(d->d_dev, d->d_oflags, S_IFBLK, curlwp);
			d->d_opened = false;
			d->d_small = true;
		}
	}
}

void
sc_close_targets(void)
{
	int i;

	sc_dks_unwrap_all();
	for (i = 0; i < sc_ndevs; i++)
		if (sc_devs[i].d_unconf_open)
			bdev_close(sc_devs[i].d_unconf, FREAD, S_IFBLK, curlwp);
	for (i = 0; i < sc_ndevs; i++)
		if (sc_devs[i].d_opened && !sc_devs[i].d_noopen)
			bdev_close(sc_devs[i].d_dev, sc_devs[i].d_oflags,
			    S_IFBLK, curlwp);
}

