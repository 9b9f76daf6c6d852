/* profile.c - QEMU profiles: parsing and the QEMU command line. */
#include "profile.h"
#include "util.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * The disk buses a profile may name.  driver is the NetBSD disk driver
 * the disk appears as; ctrl the controller drivers ("|" between them)
 * one of which its device chain goes through, which is how a row of
 * the profile finds its device in the guest; ctrlname the QEMU device,
 * for the messages.
 */
static const struct bus buses[] = {
	{ "ide", "wd", "piixide", "PIIX IDE", 0 },
	/* On q35, whose own IDE is AHCI: the PC machine's PIIX3 holds
	   the legacy ports these need */
	{ "piix4-ide", "wd", "piixide", "piix4-ide (q35)", BUS_LEGACY },
	{ "isa-ide", "wd", "wdc", "isa-ide at 0x1f0, IRQ 14 (q35)",
	    BUS_LEGACY },
	{ "ahci", "wd", "ahcisata", "ICH9 AHCI", 0 },
	{ "virtio-blk", "ld", "virtio", "virtio-blk-pci", 0 },
	{ "virtio-scsi", "sd", "vioscsi", "virtio-scsi-pci", 0 },
	/* virtio 1.0 only: current's modern register layout, not 7.99.4's */
	{ "virtio-blk-modern", "ld", "virtio",
	    "virtio-blk-pci-non-transitional", 0 },
	{ "virtio-scsi-modern", "sd", "vioscsi",
	    "virtio-scsi-pci-non-transitional", 0 },
	{ "lsi", "sd", "esiop|siop", "lsi53c895a", 0 },
	{ "nvme", "ld", "nvme", "nvme", 0 },
	/* a further namespace of the NVMe controller before it: ld at
	   nvme per namespace */
	{ "nvme-ns", "ld", "nvme", "nvme-ns on the nvme before it", BUS_NS },
	{ "lsi53c810", "sd", "siop", "lsi53c810", 0 },
	{ "mptsas1068", "sd", "mpt", "mptsas1068", 0 },
	{ "am53c974", "sd", "pcscp", "am53c974", 0 },
	/* Tekram DC-390: an AM53C974 with a serial EEPROM (1022:2020) */
	{ "dc390", "sd", "pcscp", "dc390", 0 },
	{ "megasas", "sd", "mfi", "megasas", 0 },
	/* SAS2108 (1000:0079): mfi's GEN2 register layout */
	{ "megasas-gen2", "sd", "mfi", "megasas-gen2", 0 },
	{ "pvscsi", "sd", "pvscsi", "pvscsi", 0 },
	{ "usb-xhci", "sd", "xhci", "qemu-xhci + usb-storage", 0 },
	{ "usb-ehci", "sd", "ehci", "usb-ehci + usb-storage", 0 },
	{ "usb-uhci", "sd", "uhci", "ich9-usb-uhci1 + usb-storage", 0 },
	{ "usb-ohci", "sd", "ohci", "pci-ohci + usb-storage", 0 },
	{ "sdhci", "ld", "sdhc", "sdhci-pci + sd-card", BUS_POW2 },
	{ "floppy", "fd", "fdc", "isa-fdc + floppy", BUS_FLOPPY },
	{ "ide-cd", "cd", "ahcisata", "ide-cd on ahci", BUS_CD },
	{ "scsi-cd", "cd", "vioscsi", "scsi-cd on virtio-scsi-pci",
	    BUS_CD },
	{ "gpt", "dk", "ld", "virtio-blk-pci, GPT from sgdisk", BUS_GPT },
	{ "ffs", "ld", "virtio", "virtio-blk-pci, FFS from makefs",
	    BUS_FFS },
	{ NULL, NULL, NULL, NULL, 0 }
};

/*
 * QEMU trace events by which an emulated controller records that it
 * refused its driver's initialisation for good.  The runner turns them
 * on for the controllers a profile has, and a boot whose QEMU reports
 * one will not end its autoconfiguration: no silence need be waited
 * out.  megasas: mfi(4) asks for one reply slot more than the
 * firmware's command count (mfi.c:648), QEMU refuses the INIT frame
 * (megasas_init_firmware in hw/scsi/megasas.c), mfi ignores the
 * refusal and its first command waits for ever (controllers:megasas in
 * conformance/fixtures/expected.tsv).
 */
static const struct refusal {
	const char *bus, *event, *what;
} refusals[] = {
	{ "megasas", "megasas_initq_mismatch", "QEMU's megasas refused "
	    "mfi's INIT frame (more reply slots than the firmware has "
	    "commands)" },
	{ "megasas-gen2", "megasas_initq_mismatch", "QEMU's megasas-gen2 "
	    "refused mfi's INIT frame (more reply slots than the firmware "
	    "has commands)" },
	{ NULL, NULL, NULL }
};

static int
profile_has_bus(const struct profile *p, const char *bus)
{
	size_t i;

	for (i = 0; i < p->ndisks; i++)
		if (strcmp(p->disks[i].bus, bus) == 0)
			return 1;
	return 0;
}

const char *
profile_refusal(const struct profile *p, const char *qemu_stderr,
    const char **ctrl)
{
	const struct refusal *r;

	if (qemu_stderr == NULL)
		return NULL;
	for (r = refusals; r->bus != NULL; r++)
		if (profile_has_bus(p, r->bus) &&
		    strstr(qemu_stderr, r->event) != NULL) {
			*ctrl = bus_lookup(r->bus)->ctrl;
			return r->what;
		}
	return NULL;
}

const struct bus *
bus_lookup(const char *name)
{
	const struct bus *b;

	for (b = buses; b->name != NULL; b++)
		if (strcmp(b->name, name) == 0)
			return b;
	return NULL;
}

static int
parse_int(const char *s, int min, int max, int *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end != '\0' || v < min || v > max)
		return -1;
	*out = (int)v;
	return 0;
}

static int
parse_size(const char *s, unsigned long long *out)
{
	char *end;
	unsigned long long v;

	if (!isdigit((unsigned char)*s))
		return -1;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno)
		return -1;
	switch (*end) {
	case 'G': case 'g': v <<= 10; /* FALLTHROUGH */
	case 'M': case 'm': v <<= 10; /* FALLTHROUGH */
	case 'K': case 'k': v <<= 10; end++; break;
	case '\0': break;
	default: return -1;
	}
	if (*end != '\0' || v == 0 || v % 512 != 0 || v > (1ULL << 40))
		return -1;
	*out = v;
	return 0;
}

static void
setstr(char **dst, const char *v)
{
	free(*dst);
	*dst = xstrdup(v);
}

/* A profile's defaults; its name from its file's ("x.profile": x). */
static void
profile_defaults(struct profile *p, const char *path)
{
	const char *base;
	char *v;

	memset(p, 0, sizeof(*p));
	p->path = xstrdup(path);
	p->memory = 512;
	p->smp = 2;
	p->machine = xstrdup("pc");
	p->accel = xstrdup("tcg");
	p->args = xstrdup("");
	p->description = xstrdup("");
	base = strrchr(path, '/');
	base = base ? base + 1 : path;
	p->name = xstrdup(base);
	if ((v = strstr(p->name, ".profile")) != NULL && v[8] == '\0')
		*v = '\0';
}

/* The keys whose value is a number: its field, its range and what the
   error says; NULL for any other key. */
static int *
int_key(struct profile *p, const char *key, int *min, int *max,
    const char **what)
{
	static const struct {
		const char *key;
		int min, max;
		const char *what;
	} keys[] = {
		{ "memory", 16, 65536, "memory: MiB, 16..65536" },
		{ "smp", 1, 64, "smp: 1..64" },
		{ "quiet", 1, 86400, "quiet: seconds" },
		{ "hang", 1, 86400, "hang: seconds" },
		{ "init", 0, 1, "init: 0 or 1" },
	};
	int *field[] = { &p->memory, &p->smp, &p->quiet, &p->hang, &p->init };
	size_t i;

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (strcmp(key, keys[i].key) == 0) {
			*min = keys[i].min;
			*max = keys[i].max;
			*what = keys[i].what;
			return field[i];
		}
	return NULL;
}

/* disk=<bus>:<size>, at path:lineno.  -1 with err. */
static int
disk_key(struct profile *p, char *v, const char *path, int lineno,
    char *err, size_t errlen)
{
	char *colon = strrchr(v, ':');
	const struct bus *b;
	unsigned long long sz;

	if (colon == NULL)
		return errfmt(err, errlen, "%s:%d: disk=<bus>:<size>",
		    path, lineno);
	*colon = '\0';
	if ((b = bus_lookup(v)) == NULL) {
		char names[512];
		size_t o = 0;
		names[0] = '\0';
		for (b = buses; b->name != NULL &&
		    o < sizeof(names); b++)
			o += (size_t)snprintf(names + o,
			    sizeof(names) - o, "%s%s",
			    b == buses ? "" : ", ", b->name);
		return errfmt(err, errlen, "%s:%d: unknown disk bus "
		    "\"%s\" (%s)", path, lineno, v, names);
	}
	if (parse_size(colon + 1, &sz) == -1)
		return errfmt(err, errlen, "%s:%d: disk size \"%s\": "
		    "bytes or K/M/G, a multiple of 512",
		    path, lineno, colon + 1);
	if ((b->flags & BUS_POW2) && (sz & (sz - 1)) != 0)
		return errfmt(err, errlen, "%s:%d: %s: the size must "
		    "be a power of 2 (QEMU's sd-card)", path,
		    lineno, v);
	if ((b->flags & BUS_FLOPPY) && sz != 1474560)
		return errfmt(err, errlen, "%s:%d: floppy: the size "
		    "must be 1440K", path, lineno);
	p->disks = xrealloc(p->disks, (p->ndisks + 1) *
	    sizeof(*p->disks));
	p->disks[p->ndisks].bus = xstrdup(v);
	p->disks[p->ndisks].size = sz;
	p->ndisks++;
	return 0;
}

/* The words of a value, each pushed onto vec. */
static void
words(struct strvec *vec, char *v)
{
	char *t = strtok(v, " \t");

	for (; t != NULL; t = strtok(NULL, " \t"))
		strvec_push(vec, t);
}

/* key=v, at path:lineno.  -1 with err. */
static int
profile_key(struct profile *p, const char *key, char *v, const char *path,
    int lineno, char *err, size_t errlen)
{
	const char *what;
	int *n, min, max;

	if ((n = int_key(p, key, &min, &max, &what)) != NULL) {
		if (parse_int(v, min, max, n) == -1)
			return errfmt(err, errlen, "%s:%d: %s", path, lineno,
			    what);
	} else if (strcmp(key, "name") == 0) {
		if (*v == '\0' || strspn(v, "abcdefghijklmnopqrstuvwxyz"
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") !=
		    strlen(v))
			return errfmt(err, errlen, "%s:%d: name must be "
			    "[A-Za-z0-9._-]+", path, lineno);
		setstr(&p->name, v);
	} else if (strcmp(key, "description") == 0)
		setstr(&p->description, v);
	else if (strcmp(key, "machine") == 0)
		setstr(&p->machine, v);
	else if (strcmp(key, "accel") == 0)
		setstr(&p->accel, v);
	else if (strcmp(key, "args") == 0)
		setstr(&p->args, v);
	else if (strcmp(key, "device") == 0) {
		if (*v == '\0')
			return errfmt(err, errlen, "%s:%d: empty device", path,
			    lineno);
		strvec_push(&p->devices, v);
	} else if (strcmp(key, "qemu") == 0)
		words(&p->qemu, v);
	else if (strcmp(key, "disk") == 0)
		return disk_key(p, v, path, lineno, err, errlen);
	else if (strcmp(key, "rows") == 0)
		words(&p->rows, v);
	else if (strcmp(key, "absent") == 0) {
		/* absent=<row> <reason>: a row no QEMU can give */
		char *sp = strchr(v, ' ');
		if (sp == NULL || sp == v || sp[1] == '\0')
			return errfmt(err, errlen, "%s:%d: absent=<row> "
			    "<reason>", path, lineno);
		strvec_push(&p->absent, v);
	} else
		return errfmt(err, errlen, "%s:%d: unknown key \"%s\"", path,
		    lineno, key);
	return 0;
}

/* What the PC machine has room for. */
static int
disks_fit(const struct profile *p, const char *path, char *err,
    size_t errlen)
{
	size_t k, n[5] = { 0, 0, 0, 0, 0 };
	const struct bus *b;

	for (k = 0; k < p->ndisks; k++) {
		b = bus_lookup(p->disks[k].bus);
		n[4] += b != NULL && (b->flags & BUS_LEGACY) != 0;
		/* a namespace needs its controller */
		n[3] += strcmp(p->disks[k].bus, "nvme") == 0;
		if (strcmp(p->disks[k].bus, "nvme-ns") == 0 && n[3] == 0)
			return errfmt(err, errlen, "profile %s: an nvme-ns "
			    "disk is a further namespace of an nvme disk "
			    "before it, and there is none", path);
		n[0] += strcmp(p->disks[k].bus, "ide") == 0;
		n[1] += strcmp(p->disks[k].bus, "sdhci") == 0;
		n[2] += strcmp(p->disks[k].bus, "floppy") == 0;
	}
	if (n[0] > 3)
		return errfmt(err, errlen, "profile %s: at most 3 ide "
		    "disks (the fourth IDE slot holds the boot CD)",
		    path);
	if (n[1] > 1 || n[2] > 1)
		return errfmt(err, errlen, "profile %s: at most one "
		    "sdhci and one floppy disk", path);
	if (n[4] > 1 || (n[4] > 0 && strstr(p->machine, "q35") == NULL))
		return errfmt(err, errlen, "profile %s: piix4-ide and "
		    "isa-ide take the legacy IDE ports: one of them, on a "
		    "q35 machine (the PC machine's PIIX3 IDE holds them)",
		    path);
	return 0;
}

int
profile_load(const char *path, struct profile *p, char *err, size_t errlen)
{
	char *buf, *line, *next, *eq;
	int lineno = 0;

	profile_defaults(p, path);
	if ((buf = read_file(path, NULL)) == NULL)
		return errfmt(err, errlen, "profile %s: %s", path,
		    strerror(errno));
	for (line = buf; line != NULL; line = next) {
		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		lineno++;
		rstrip(line);
		while (*line == ' ' || *line == '\t')
			line++;
		if (*line == '\0' || *line == '#')
			continue;
		if ((eq = strchr(line, '=')) == NULL) {
			errfmt(err, errlen, "%s:%d: expected key=value", path,
			    lineno);
			free(buf);
			return -1;
		}
		*eq = '\0';
		if (profile_key(p, line, eq + 1, path, lineno, err,
		    errlen) == -1) {
			free(buf);
			return -1;
		}
	}
	free(buf);
	return disks_fit(p, path, err, errlen);
}

void
profile_free(struct profile *p)
{
	size_t i;

	free(p->path);
	free(p->name);
	free(p->description);
	free(p->machine);
	free(p->accel);
	free(p->args);
	strvec_free(&p->devices);
	strvec_free(&p->qemu);
	strvec_free(&p->absent);
	strvec_free(&p->rows);
	for (i = 0; i < p->ndisks; i++)
		free(p->disks[i].bus);
	free(p->disks);
	memset(p, 0, sizeof(*p));
}

char *
profile_disk_path(const struct profile *p, const char *dir, size_t i)
{
	return xasprintf("%s/disk%zu-%s.img", dir, i, p->disks[i].bus);
}

/* QEMU option values use "," as separator: a literal comma is ",,". */
static char *
qemu_escape(const char *s)
{
	char *out = xmalloc(strlen(s) * 2 + 1), *o = out;

	for (; *s; s++) {
		*o++ = *s;
		if (*s == ',')
			*o++ = ',';
	}
	*o = '\0';
	return out;
}

/* The machine: accelerators, memory, CPUs, no display, no network. */
static void
qemu_machine(const struct profile *p, const char *qemu, struct strvec *av)
{
	char *acc = xstrdup(p->accel), *a;

	strvec_push(av, qemu);
	strvec_push(av, "-machine");
	strvec_push(av, p->machine);
	for (a = strtok(acc, ":"); a != NULL; a = strtok(NULL, ":")) {
		strvec_push(av, "-accel");
		strvec_push(av, a);
	}
	free(acc);
	strvec_push(av, "-m");
	strvec_pushf(av, "%d", p->memory);
	strvec_push(av, "-smp");
	strvec_pushf(av, "%d", p->smp);
	strvec_push(av, "-nographic");
	strvec_push(av, "-nic");	/* the checker needs no network */
	strvec_push(av, "none");
}

/* A machine that is saved (snapdir) answers QMP, takes the checker's
   arguments on a socket and keeps its state on one more drive. */
static void
qemu_snapshot(const char *snapdir, struct strvec *av)
{
	char *e;

	if (snapdir == NULL) {
		strvec_push(av, "-no-reboot");
		strvec_push(av, "-monitor");
		strvec_push(av, "none");
		return;
	}
	/* A reboot or a power-off pauses: the runner restores. */
	strvec_push(av, "-action");
	strvec_push(av, "reboot=shutdown,shutdown=pause");
	e = qemu_escape(snapdir);
	strvec_push(av, "-monitor");
	strvec_push(av, "none");
	strvec_push(av, "-qmp");
	strvec_pushf(av, "unix:%s/monitor.sock,server=on,wait=off", e);
	strvec_push(av, "-chardev");
	strvec_pushf(av, "socket,id=scargs,path=%s/args.sock,"
	    "server=on,wait=off", e);
	strvec_push(av, "-drive");
	strvec_pushf(av, "file=%s/vmstate.qcow2,format=qcow2,if=none,"
	    "id=vmstate", e);
	free(e);
}

/* What the disks before this one have placed: the IDE slots taken,
   and the NVMe controller a further namespace goes on. */
struct disk_place {
	size_t	nide;
	size_t	nvme;		/* disk index of the last nvme */
	int	nvme_nsid;	/* the namespaces it has */
};

/* A USB host controller of QEMU for bus, or NULL. */
static const char *
usb_host(const char *bus)
{
	static const char *const host[][2] = {
		{ "usb-xhci", "qemu-xhci" }, { "usb-ehci", "usb-ehci" },
		{ "usb-uhci", "ich9-usb-uhci1" }, { "usb-ohci", "pci-ohci" },
		{ NULL, NULL }
	};
	size_t i;

	for (i = 0; host[i][0] != NULL; i++)
		if (strcmp(bus, host[i][0]) == 0)
			return host[i][1];
	return NULL;
}

/* An IDE or SATA disk (the first "-device" is pushed): 1, or 0 when
   the bus is not one of them. */
static int
qemu_ide_device(const char *bus, size_t i, struct disk_place *pl,
    struct strvec *av)
{
	/* IDE slots on the PC machine; ide.1 unit 0 is the boot CD. */
	static const char *const ideslot[] = {
		"bus=ide.0,unit=0", "bus=ide.0,unit=1", "bus=ide.1,unit=1"
	};

	if (strcmp(bus, "ide") == 0)
		strvec_pushf(av, "ide-hd,drive=disk%zu,%s", i,
		    ideslot[pl->nide++]);
	else if (strcmp(bus, "piix4-ide") == 0) {
		strvec_pushf(av, "piix4-ide,id=pide%zu", i);
		strvec_push(av, "-device");
		strvec_pushf(av, "ide-hd,drive=disk%zu,bus=pide%zu.0,unit=0",
		    i, i);
	} else if (strcmp(bus, "isa-ide") == 0) {
		/* where GENERIC's wdc0 at isa looks */
		strvec_pushf(av, "isa-ide,id=iide%zu,iobase=0x1f0,"
		    "iobase2=0x3f6,irq=14", i);
		strvec_push(av, "-device");
		strvec_pushf(av, "ide-hd,drive=disk%zu,bus=iide%zu.0,unit=0",
		    i, i);
	} else if (strcmp(bus, "ahci") == 0) {
		strvec_pushf(av, "ahci,id=ahci%zu", i);
		strvec_push(av, "-device");
		strvec_pushf(av, "ide-hd,drive=disk%zu,bus=ahci%zu.0",
		    i, i);
	} else if (strcmp(bus, "ide-cd") == 0) {
		/* Not on PIIX: the checker takes the ATAPI drive
		   there for the boot medium (sc_targets.c). */
		strvec_pushf(av, "ahci,id=ahci%zu", i);
		strvec_push(av, "-device");
		strvec_pushf(av, "ide-cd,drive=disk%zu,bus=ahci%zu.0",
		    i, i);
	} else
		return 0;
	return 1;
}

/* The controller of disk i on its bus, and the disk on it (the -device
   arguments after the drive's). */
static void
qemu_disk_device(const char *bus, size_t i, struct disk_place *pl,
    struct strvec *av)
{

	strvec_push(av, "-device");
	if (qemu_ide_device(bus, i, pl, av))
		return;
	if (strcmp(bus, "virtio-blk") == 0 ||
	    strcmp(bus, "gpt") == 0 || strcmp(bus, "ffs") == 0)
		strvec_pushf(av, "virtio-blk-pci,drive=disk%zu", i);
	else if (strcmp(bus, "virtio-blk-modern") == 0)
		strvec_pushf(av, "virtio-blk-pci-non-transitional,"
		    "drive=disk%zu", i);
	else if (strcmp(bus, "virtio-scsi") == 0 ||
	    strcmp(bus, "scsi-cd") == 0 ||
	    strcmp(bus, "virtio-scsi-modern") == 0) {
		strvec_pushf(av, "%s,id=vscsi%zu", strcmp(bus,
		    "virtio-scsi-modern") == 0 ?
		    "virtio-scsi-pci-non-transitional" : "virtio-scsi-pci", i);
		strvec_push(av, "-device");
		strvec_pushf(av, "%s,drive=disk%zu,bus=vscsi%zu.0",
		    strcmp(bus, "scsi-cd") == 0 ? "scsi-cd" :
		    "scsi-hd", i, i);
	} else if (strcmp(bus, "nvme") == 0) {
		/* the drive is namespace 1 */
		strvec_pushf(av, "nvme,id=nvme%zu,serial=strategy9-%zu,"
		    "drive=disk%zu", i, i, i);
		pl->nvme = i;
		pl->nvme_nsid = 1;
	} else if (strcmp(bus, "nvme-ns") == 0) {
		strvec_pushf(av, "nvme-ns,drive=disk%zu,bus=nvme%zu,nsid=%d",
		    i, pl->nvme, ++pl->nvme_nsid);
	} else if (usb_host(bus) != NULL) {
		strvec_pushf(av, "%s,id=usb%zu", usb_host(bus), i);
		strvec_push(av, "-device");
		strvec_pushf(av, "usb-storage,drive=disk%zu,"
		    "bus=usb%zu.0", i, i);
	} else if (strcmp(bus, "sdhci") == 0) {
		strvec_push(av, "sdhci-pci");
		strvec_push(av, "-device");
		strvec_pushf(av, "sd-card,drive=disk%zu", i);
	} else if (strcmp(bus, "floppy") == 0) {
		/* The PC machine's own isa-fdc takes it. */
		strvec_pushf(av, "floppy,drive=disk%zu", i);
	} else {
		/* SCSI HBAs with a scsi-hd on their bus */
		strvec_pushf(av, "%s,id=hba%zu", strcmp(bus, "lsi") ==
		    0 ? "lsi53c895a" : bus, i);
		strvec_push(av, "-device");
		strvec_pushf(av, "scsi-hd,drive=disk%zu,bus=hba%zu.0",
		    i, i);
	}
}

/* Disk i: its drive (qcow2 for a saved machine, raw otherwise; read-only
   media raw) and its device. */
static void
qemu_disk(const struct profile *p, const char *diskdir, const char *snapdir,
    size_t i, struct disk_place *pl, struct strvec *av)
{
	const char *bus = p->disks[i].bus;
	const struct bus *b = bus_lookup(bus);
	char *path = profile_disk_path(p, diskdir, i), *e;

	e = qemu_escape(path);
	free(path);
	strvec_push(av, "-drive");
	if (b != NULL && (b->flags & BUS_CD))
		/* Read-only media stay raw: nothing to save. */
		strvec_pushf(av, "file=%s,format=raw,if=none,"
		    "id=disk%zu,media=cdrom,readonly=on", e, i);
	else
		strvec_pushf(av, "file=%s,format=%s,if=none,"
		    "id=disk%zu,cache=unsafe", e, snapdir != NULL ?
		    "qcow2" : "raw", i);
	free(e);
	qemu_disk_device(bus, i, pl, av);
}

/* The boot CD is if=ide index 2: the PC machine's PIIX IDE, or q35's
   ICH9 AHCI. */
const char *
profile_boot_ctl(const struct profile *p)
{
	return strstr(p->machine, "q35") != NULL ? "ahcisata" : NULL;
}

void
profile_qemu_argv(const struct profile *p, const char *qemu,
    const char *iso, const char *diskdir, const char *fwargs,
    const char *snapdir, struct strvec *av)
{
	struct disk_place pl = { 0, 0, 0 };
	char *e;
	size_t i, j;

	qemu_machine(p, qemu, av);
	qemu_snapshot(snapdir, av);
	strvec_push(av, "-serial");
	strvec_push(av, "stdio");
	if (snapdir != NULL) {
		strvec_push(av, "-serial");	/* COM2: the arguments */
		strvec_push(av, "chardev:scargs");
	}
	e = qemu_escape(iso);
	strvec_push(av, "-drive");
	strvec_pushf(av, "file=%s,format=raw,media=cdrom,if=ide,index=2,"
	    "readonly=on", e);
	free(e);
	strvec_push(av, "-boot");
	strvec_push(av, "order=d");
	for (i = 0; i < p->devices.n; i++) {
		strvec_push(av, "-device");
		strvec_push(av, p->devices.v[i]);
	}
	for (i = 0; refusals[i].bus != NULL; i++) {
		if (!profile_has_bus(p, refusals[i].bus))
			continue;
		/* once per event: two buses may share one */
		for (j = 0; j < i; j++)
			if (profile_has_bus(p, refusals[j].bus) &&
			    strcmp(refusals[j].event, refusals[i].event) == 0)
				break;
		if (j < i)
			continue;
		strvec_push(av, "-trace");
		strvec_push(av, refusals[i].event);
	}
	for (i = 0; i < p->ndisks; i++)
		qemu_disk(p, diskdir, snapdir, i, &pl, av);
	/*
	 * The PC's floppy controller reports a drive even with no medium
	 * in it, and fd(4) attaches fd0 for it: an empty drive is no disk
	 * to judge.  A profile without a floppy disk has no drive.
	 */
	if (!profile_has_bus(p, "floppy")) {
		strvec_push(av, "-global");
		strvec_push(av, "isa-fdc.fdtypeA=none");
	}
	e = qemu_escape(fwargs);
	strvec_push(av, "-fw_cfg");
	strvec_pushf(av, "name=opt/org.strategy9/args,string=%s", e);
	free(e);
	for (i = 0; i < p->qemu.n; i++)
		strvec_push(av, p->qemu.v[i]);
}

char *
argv_shell(char *const *argv)
{
	size_t len = 1, i;
	char *out, *o;
	const char *s;

	for (i = 0; argv[i] != NULL; i++)
		len += strlen(argv[i]) * 4 + 3;
	out = o = xmalloc(len);
	for (i = 0; argv[i] != NULL; i++) {
		if (i > 0)
			*o++ = ' ';
		if (argv[i][0] != '\0' && strspn(argv[i], "abcdefghijklmnopq"
		    "rstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_=.,/:@+%")
		    == strlen(argv[i])) {
			strcpy(o, argv[i]);
			o += strlen(o);
			continue;
		}
		*o++ = '\'';
		for (s = argv[i]; *s; s++) {
			if (*s == '\'') {
				memcpy(o, "'\\''", 4);
				o += 4;
			} else
				*o++ = *s;
		}
		*o++ = '\'';
	}
	*o = '\0';
	return out;
}
