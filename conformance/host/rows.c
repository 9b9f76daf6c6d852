/* rows.c - a profile's rows and the devices that answer them. */
#include "rows.h"
#include "elf64.h"
#include "unit.h"
#include "util.h"

#include <sys/types.h>

#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int
driver_in_set(const char *xname, size_t xlen, const char *set)
{
	char *x = xstrndup(xname, xlen), *d = unit_driver(x);
	const char *p = set, *e;
	size_t len = strlen(d);
	int found = 0;

	for (;;) {
		e = strchr(p, '|');
		if ((size_t)((e ? e : p + strlen(p)) - p) == len &&
		    strncmp(p, d, len) == 0) {
			found = 1;
			break;
		}
		if (e == NULL)
			break;
		p = e + 1;
	}
	free(x);
	free(d);
	return found;
}

/* Is xname ("sd0") a device of driver? */
static int
driver_is(const char *xname, const char *driver)
{
	char *d = unit_driver(xname);
	int same = strcmp(d, driver) == 0;

	free(d);
	return same;
}

/* The first ancestor in chain ("sd0<scsibus0<umass0<...") whose driver
   is in set, into buf; 0 if none. */
static int
chain_has(const char *chain, const char *set, char *buf, size_t len)
{
	char *c = xstrdup(chain), *t, *save = NULL;
	int found = 0;

	t = strtok_r(c, "<", &save);	/* the device itself */
	while ((t = strtok_r(NULL, "<", &save)) != NULL)
		if (driver_in_set(t, strlen(t), set)) {
			snprintf(buf, len, "%s", t);
			found = 1;
			break;
		}
	free(c);
	return found;
}

/*
 * The device that answers bus b's row: of the unclaimed devices of its
 * driver whose chain goes through one of its controllers, the one on
 * the lowest controller unit, then the lowest unit.  Rows that share a
 * controller driver (am53c974 and dc390 on pcscp, megasas and
 * megasas-gen2 on mfi, an NVMe controller's namespaces) take their
 * devices in profile order: QEMU places PCI devices in command-line
 * order and autoconfiguration numbers the controllers in bus order.
 * -1 if none; its controller into ctrl.
 */
static ssize_t
row_device(const struct bus *b, const struct session *s, const int *claimed,
    char *ctrl, size_t len)
{
	char c[64];
	ssize_t best = -1;
	long bc = 0, bu = 0, cu, u;
	size_t j;

	for (j = 0; j < s->ndevs; j++) {
		const struct kdevice *d = &s->devs[j];

		if (claimed[j] || d->chain == NULL ||
		    !driver_is(d->name, b->driver) ||
		    !chain_has(d->chain, b->ctrl, c, sizeof(c)))
			continue;
		cu = unit_number(c);
		u = unit_number(d->name);
		if (best >= 0 && (cu > bc || (cu == bc && u >= bu)))
			continue;
		best = (ssize_t)j;
		bc = cu;
		bu = u;
		snprintf(ctrl, len, "%s", c);
	}
	return best;
}

/* Does the kernel have an attachment of one of the drivers in set? */
static int
kernel_has(const struct elf64 *k, const char *set)
{
	static const char *const suffix[] = {
		"_ca", "_pci_ca", "_isa_ca", "_acpi_ca", NULL
	};
	char *s = xstrdup(set), *t, *save = NULL, name[64];
	Elf64_Sym sym;
	int i, found = 0;

	for (t = strtok_r(s, "|", &save); t != NULL && !found;
	    t = strtok_r(NULL, "|", &save))
		for (i = 0; suffix[i] != NULL && !found; i++) {
			snprintf(name, sizeof(name), "%s%s", t, suffix[i]);
			found = elf64_findsym(k, name, &sym) == 0;
		}
	free(s);
	return found;
}

/* Why bus b has no disk, into buf: 0 when the kernel lacks its driver
   (nothing could have attached), 1 when something should have. */
static int
absent_reason(const struct bus *b, const struct session *s,
    const struct elf64 *k, char *buf, size_t len)
{
	char seen[256] = "";
	size_t i, o = 0;

	for (i = 0; i < s->attached.n && o < sizeof(seen); i++) {
		const char *a = s->attached.v[i];
		if (driver_in_set(a, strcspn(a, " "), b->ctrl))
			o += (size_t)snprintf(seen + o, sizeof(seen) - o,
			    "%s%.*s", o ? " " : "", (int)strcspn(a, " "), a);
	}
	if (seen[0] != '\0')
		snprintf(buf, len, "the controller attached (%s) but no %s "
		    "disk appeared on it", seen, b->driver);
	else if (k != NULL && !kernel_has(k, b->ctrl)) {
		snprintf(buf, len, "the kernel lacks the driver: no %s "
		    "attachment in its symbols, %s is not driven",
		    b->ctrl, b->qemu);
		return 0;
	} else
		snprintf(buf, len, "%s did not attach to %s", b->ctrl,
		    b->qemu);
	return 1;
}

/*
 * A row of the guest's PID 1: a unit it was to configure ("vnd0"), or a
 * wedge on one ("dk-on-vnd0": a dk whose parent that is).  Present, or
 * absent with the PID 1's own reason ("# absent" line), or absent
 * because it said nothing of it.
 */
static void
init_row(const char *row, struct session *s, int *claimed)
{
	char want[64];
	size_t j;

	for (j = 0; j < s->ndevs; j++) {
		if (strncmp(row, "dk-on-", 6) == 0) {
			snprintf(want, sizeof(want), "wedge of %s ", row + 6);
			if (strncmp(s->devs[j].name, "dk", 2) != 0 ||
			    strncmp(s->devs[j].attach, want, strlen(want)))
				continue;
		} else if (strcmp(s->devs[j].name, row) != 0)
			continue;
		claimed[j] = 1;
		free(s->devs[j].row);
		s->devs[j].row = xstrdup(row);
		return;
	}
	/* the first reason stands: the PID 1's, if it gave one */
	session_lost(s, row, "-", "the guest's PID 1 did not configure "
	    "it and gave no reason (see the console log)");
}

/* Could a device of this row be in the selection ("wd*,ref-sleep")?
   A row outside a partial run's selection is no row of it. */
static int
selected(const char *selection, const char *name, int driver)
{
	char *sel, *t, *save = NULL, buf[64];
	int n, hit = 0;

	if (selection == NULL || *selection == '\0')
		return 1;
	sel = xstrdup(selection);
	for (t = strtok_r(sel, ",", &save); t != NULL && !hit;
	    t = strtok_r(NULL, ",", &save))
		for (n = 0; n < (driver ? 64 : 1) && !hit; n++) {
			if (driver)
				snprintf(buf, sizeof(buf), "%s%d", name, n);
			else
				snprintf(buf, sizeof(buf), "%s", name);
			hit = fnmatch(t, buf, 0) == 0;
		}
	free(sel);
	return hit;
}

/* The device named xname ("ld0"), if any, answers no row of its own. */
static void
claim_named(const struct session *s, int *claimed, const char *xname)
{
	size_t j;

	for (j = 0; j < s->ndevs; j++)
		if (strcmp(s->devs[j].name, xname) == 0)
			claimed[j] = 1;
}

void
profile_rows(const struct profile *p, struct session *s,
    const char *kernel, const char *selection)
{
	struct elf64 k, *kp = NULL;
	char err[256], why[512], ctrl[64], *attach;
	int *claimed;
	size_t i, j;
	ssize_t dev;
	int found, chains;

	if (kernel != NULL && elf64_open(&k, kernel, 0, err,
	    sizeof(err)) == 0)
		kp = &k;
	claimed = xcalloc(s->ndevs + 1, sizeof(*claimed));
	for (i = 0; i < p->rows.n; i++)
		if (selected(selection, p->rows.v[i], 0) ||
		    (strncmp(p->rows.v[i], "dk-on-", 6) == 0 &&
		    selected(selection, "dk", 1)))
			init_row(p->rows.v[i], s, claimed);
	/* A checker that names no chains (older, or a test's stand-in)
	   cannot say which device answers which row. */
	for (j = 0; j < s->ndevs; j++)
		if (s->devs[j].chain != NULL)
			break;
	chains = j < s->ndevs || s->ndevs == 0;
	for (i = 0; i < p->ndisks && !p->init && chains; i++) {
		const struct bus *b = bus_lookup(p->disks[i].bus);

		if (b == NULL || !selected(selection, b->driver, 1))
			continue;
		found = 0;
		while ((dev = row_device(b, s, claimed, ctrl,
		    sizeof(ctrl))) >= 0) {
			struct kdevice *d = &s->devs[dev];

			claimed[dev] = 1;
			found = 1;
			free(d->row);
			d->row = xstrdup(b->name);
			/* "scsibus1 at umass0" says nothing of the USB host
			   controller: name it */
			if (strstr(d->attach, ctrl) == NULL) {
				attach = xasprintf("%s on %s", d->attach, ctrl);
				free(d->attach);
				d->attach = attach;
			}
			/* a GPT disk has two wedges: both are its rows; the
			   disk they are on answers no other row (a second
			   virtio-blk of the profile) */
			if ((b->flags & BUS_GPT) == 0)
				break;
			claim_named(s, claimed, ctrl);
		}
		if (found)
			continue;
		attach = xasprintf("%s (%s)", b->qemu, b->ctrl);
		if (absent_reason(b, s, kp, why, sizeof(why)))
			session_lost(s, b->name, attach, why);
		else
			session_absent(s, b->name, attach, why);
		free(attach);
	}
	for (i = 0; i < p->absent.n; i++) {
		char *row = xstrdup(p->absent.v[i]), *sp = strchr(row, ' ');

		*sp++ = '\0';
		if (selected(selection, row, 0))
			session_absent(s, row, "-", sp);
		free(row);
	}
	free(claimed);
	if (kp != NULL)
		elf64_close(kp);
}

void
profile_rows_unrun(const struct profile *p, struct session *s,
    const char *why)
{
	size_t i;

	for (i = 0; i < p->rows.n; i++)
		session_absent(s, p->rows.v[i], "-", why);
	for (i = 0; i < p->ndisks && !p->init; i++) {
		const struct bus *b = bus_lookup(p->disks[i].bus);
		char *attach;

		if (b == NULL)
			continue;
		attach = xasprintf("%s (%s)", b->qemu, b->ctrl);
		session_absent(s, b->name, attach, why);
		free(attach);
	}
}

/* The parent of xname in the boot's "x at y" lines, into buf; 0 if none. */
static int
parent_of(const struct session *s, const char *xname, char *buf, size_t len)
{
	size_t i, n = strlen(xname);

	for (i = 0; i < s->attached.n; i++)
		if (strncmp(s->attached.v[i], xname, n) == 0 &&
		    s->attached.v[i][n] == ' ') {
			snprintf(buf, len, "%s", s->attached.v[i] + n + 1);
			return buf[0] != '\0';
		}
	return 0;
}

/*
 * Is disk i of p on controller unit u of its driver?  Disks whose buses
 * share a controller driver are its units in profile order (as
 * row_device takes them): the stuck mfi0 blocks megasas, not the
 * megasas-gen2 on mfi1, which the next machine then tries.  When the
 * profile has fewer such disks than u, the numbering is not the
 * profile's (another device's unit of that driver), and every disk of
 * the driver is blocked.
 */
static int
same_instance(const struct profile *p, size_t i, long u)
{
	const struct bus *b = bus_lookup(p->disks[i].bus), *o;
	long k = 0, n = 0;
	size_t j;

	for (j = 0; j < p->ndisks; j++) {
		o = bus_lookup(p->disks[j].bus);
		/* a namespace is on the controller before it */
		if (o == NULL || strcmp(o->ctrl, b->ctrl) != 0 ||
		    (o->flags & BUS_NS))
			continue;
		if (j <= i)
			k++;
		n++;
	}
	return u >= n || u == k - 1;
}

int
profile_rows_blocked(const struct profile *p, const struct session *s,
    int *blocked, char *why, size_t whylen)
{
	char cur[64], chain[256], next[64];
	size_t i, o;
	int n = 0;

	if (s->blocker[0] == '\0')
		return 0;
	/* "scsibus3<mfi0<pci0" */
	snprintf(cur, sizeof(cur), "%s", s->blocker);
	o = (size_t)snprintf(chain, sizeof(chain), "%s", cur);
	while (parent_of(s, cur, next, sizeof(next)) && o < sizeof(chain)) {
		o += (size_t)snprintf(chain + o, sizeof(chain) - o, "<%s",
		    next);
		snprintf(cur, sizeof(cur), "%s", next);
	}
	for (i = 0; i < p->ndisks; i++) {
		const struct bus *b = bus_lookup(p->disks[i].bus);
		char ctrl[64];

		blocked[i] = b != NULL && chain_has(chain, b->ctrl, ctrl,
		    sizeof(ctrl)) && same_instance(p, i, unit_number(ctrl));
		n += blocked[i];
	}
	snprintf(why, whylen, "the boot never reached the checker: "
	    "autoconfiguration waited for %s for ever (device chain %s)",
	    s->blocker, chain);
	return n;
}

int
profile_selectable(const struct profile *p, const char *selection)
{
	const char *a;
	size_t i;

	if (selection == NULL || *selection == '\0')
		return 1;
	for (i = 0; i < p->ndisks; i++) {
		const struct bus *b = bus_lookup(p->disks[i].bus);
		if (b != NULL && !p->init && selected(selection, b->driver, 1))
			return 1;
	}
	for (i = 0; i < p->rows.n; i++)
		if (selected(selection, p->rows.v[i], 0) ||
		    (strncmp(p->rows.v[i], "dk-on-", 6) == 0 &&
		    selected(selection, "dk", 1)))
			return 1;
	for (i = 0; i < p->absent.n; i++) {
		char row[64];
		snprintf(row, sizeof(row), "%.*s",
		    (int)strcspn(p->absent.v[i], " "), p->absent.v[i]);
		if (selected(selection, row, 0))
			return 1;
	}
	/* the reference disks, unless the profile turns them off */
	a = strstr(p->args, "refs=0");
	return a == NULL && (strncmp(selection, "ref", 3) == 0 ||
	    strstr(selection, ",ref") != NULL || selection[0] == '*');
}
