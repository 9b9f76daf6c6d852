/*
 * strategy_checker: the host's arguments.  A plain boot takes them from
 * QEMU's fw_cfg file "opt/org.strategy9/args"; the format is in
 * conformance/PROTOCOL.  fw_cfg is fixed when QEMU starts, so a guest
 * that the host saves and restores (resume=1) takes the arguments of
 * each restore from the second serial port, read by polling: nobody
 * opens that port's tty, so its driver never enables its interrupts.
 */

#include <sys/param.h>
#include <sys/systm.h>

#include <sys/proc.h>

#include <machine/pio.h>

#include "sc.h"

struct sc_args sc_args = {
	.first = 1, .deadline_ms = 1000, .disks = true, .refs = true,
	.adv_us = SC_ADV_US, .onpanic = -1,
};

#define FW_CFG_SEL	0x510
#define FW_CFG_DATA	0x511
#define FW_CFG_SIG	0x0000
#define FW_CFG_DIR	0x0019
#define SC_ARGS_FILE	"opt/org.strategy9/args"
#define SC_COM2		0x2f8	/* the PC's second serial port */
#define SC_COM_LSR	5	/* line status register */
#define SC_COM_LSR_DR	0x01	/* a byte is waiting in the receiver */
/*
 * QEMU hands the line to the receiver a few bytes at a time, from its
 * main loop, a moment after the guest has emptied it.  A clock tick's
 * sleep for each of those moments made a restore take 0.56 s instead of
 * 0.2: wait for them busily, and sleep only while no byte comes (while
 * the host saves the machine).
 */
#define SC_ARGS_SPIN_US	10
#define SC_ARGS_SPINS	1000	/* 10 ms */

static void
fwcfg_read(void *buf, size_t len)
{
	uint8_t *p = buf;

	while (len-- > 0)
		*p++ = inb(FW_CFG_DATA);
}

static uint32_t
be32(const uint8_t *p)
{

	return (uint32_t)p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3];
}

/* Reads the argument file if QEMU gave one; notes whether this is QEMU. */
void
sc_read_args(void)
{
	uint8_t sig[4], ent[64];
	uint32_t n, i, size;

	outw(FW_CFG_SEL, FW_CFG_SIG);
	fwcfg_read(sig, sizeof(sig));
	if (memcmp(sig, "QEMU", 4) != 0)
		return;
	sc_args.qemu = true;
	outw(FW_CFG_SEL, FW_CFG_DIR);
	fwcfg_read(sig, sizeof(sig));
	n = be32(sig);
	for (i = 0; i < n && i < 1024; i++) {
		fwcfg_read(ent, sizeof(ent));
		ent[63] = '\0';
		if (strcmp((char *)ent + 8, SC_ARGS_FILE) != 0)
			continue;
		size = be32(ent);
		if (size >= sizeof(sc_args.raw))
			size = sizeof(sc_args.raw) - 1;
		outw(FW_CFG_SEL, (uint16_t)(ent[4] << 8 | ent[5]));
		fwcfg_read(sc_args.raw, size);
		sc_args.raw[size] = '\0';
		break;
	}
}

long
sc_atol(const char *s, const char **end)
{
	long v = 0;

	while (*s >= '0' && *s <= '9')
		v = v * 10 + (*s++ - '0');
	*end = s;
	return v;
}

static const char *
sc_copy_list(const char *p, char *buf, size_t len)
{
	size_t n;

	for (n = 0; p[n] != '\0' && p[n] != ' ' && p[n] != '\n'; n++)
		continue;
	strlcpy(buf, p, MIN(n + 1, len));
	return p + n;
}

/*
 * "first=N skip=a,b-c down=a,b deadline=MS opstrikes=N advus=US
 *  disks=0|1 refs=0|1 onpanic=0|1 devices=a,b* contexts=x,y resume=0|1
 *  bootctl=DRIVER swap=row:first:blocks:backing,..."
 */
void
sc_parse_args(void)
{
	const char *p = sc_args.raw, *e;
	int ndevlists = 0;

	sc_args.skip[0] = sc_args.down[0] = '\0';
	strlcpy(sc_args.bootctl, "piixide", sizeof(sc_args.bootctl));
	sc_args.devices[0] = sc_args.devices2[0] = '\0';
	sc_args.swap[0] = '\0';
	while (*p != '\0') {
		while (*p == ' ' || *p == '\n')
			p++;
		if (strncmp(p, "first=", 6) == 0) {
			sc_args.first = sc_atol(p + 6, &e);
			p = e;
		} else if (strncmp(p, "advus=", 6) == 0) {
			sc_args.adv_us = sc_atol(p + 6, &e);
			p = e;
		} else if (strncmp(p, "opstrikes=", 10) == 0) {
			sc_args.opstrikes = sc_atol(p + 10, &e);
			p = e;
		} else if (strncmp(p, "disks=", 6) == 0) {
			sc_args.disks = sc_atol(p + 6, &e) != 0;
			p = e;
		} else if (strncmp(p, "refs=", 5) == 0) {
			sc_args.refs = sc_atol(p + 5, &e) != 0;
			p = e;
		} else if (strncmp(p, "resume=", 7) == 0) {
			sc_args.resume = sc_atol(p + 7, &e) != 0;
			p = e;
		} else if (strncmp(p, "onpanic=", 8) == 0) {
			sc_args.onpanic = sc_atol(p + 8, &e) != 0;
			p = e;
		} else if (strncmp(p, "deadline=", 9) == 0) {
			sc_args.deadline_ms = sc_atol(p + 9, &e);
			p = e;
		} else if (strncmp(p, "skip=", 5) == 0) {
			p = sc_copy_list(p + 5, sc_args.skip,
			    sizeof(sc_args.skip));
		} else if (strncmp(p, "devices=", 8) == 0) {
			/* The host's selection, then the guest PID 1's
			   units (sc_sysctl.c): a device must be in both. */
			if (ndevlists++ == 0)
				p = sc_copy_list(p + 8, sc_args.devices,
				    sizeof(sc_args.devices));
			else
				p = sc_copy_list(p + 8, sc_args.devices2,
				    sizeof(sc_args.devices2));
		} else if (strncmp(p, "swap=", 5) == 0) {
			p = sc_copy_list(p + 5, sc_args.swap,
			    sizeof(sc_args.swap));
		} else if (strncmp(p, "contexts=", 9) == 0) {
			p = sc_copy_list(p + 9, sc_args.contexts,
			    sizeof(sc_args.contexts));
		} else if (strncmp(p, "bootctl=", 8) == 0) {
			p = sc_copy_list(p + 8, sc_args.bootctl,
			    sizeof(sc_args.bootctl));
		} else if (strncmp(p, "down=", 5) == 0) {
			p = sc_copy_list(p + 5, sc_args.down,
			    sizeof(sc_args.down));
		} else {
			while (*p != '\0' && *p != ' ')
				p++;
		}
	}
	if (sc_args.first < 1)
		sc_args.first = 1;
	if (sc_args.deadline_ms < 10)
		sc_args.deadline_ms = 10;
}

/* How many numbers of a list like "3,7-9" fall in [lo, hi]. */
int
sc_list_count(const char *p, int lo, int hi)
{
	const char *e;
	long a, b;
	int n = 0;

	while (*p != '\0') {
		a = b = sc_atol(p, &e);
		if (*e == '-')
			b = sc_atol(e + 1, &e);
		if (a < lo)
			a = lo;
		if (b > hi)
			b = hi;
		if (a <= b)
			n += b - a + 1;
		if (*e != ',')
			break;
		p = e + 1;
	}
	return n;
}


/* Shell-style '*' and '?' over a whole name. */
static bool
sc_glob(const char *pat, size_t plen, const char *s)
{

	if (plen == 0)
		return *s == '\0';
	if (*pat == '*')
		return sc_glob(pat + 1, plen - 1, s) ||
		    (*s != '\0' && sc_glob(pat, plen, s + 1));
	if (*s == '\0' || (*pat != '?' && *pat != *s))
		return false;
	return sc_glob(pat + 1, plen - 1, s + 1);
}

/* Is name in a selection list like "wd*,ref-sleep"?  An empty list
   selects everything. */
bool
sc_selected(const char *list, const char *name)
{
	const char *p = list;
	size_t len;

	if (*list == '\0')
		return true;
	for (; *p != '\0'; p += len + (p[len] == ',')) {
		len = strcspn(p, ",");
		if (len > 0 && sc_glob(p, len, name))
			return true;
	}
	return false;
}

/*
 * The arguments of this run of the cases, a line on the second serial
 * port, appended to those of fw_cfg (later words win).  The host saves
 * the machine while this waits, and restores it here for every boot
 * after the first.
 */
void
sc_read_resume_args(void)
{
	size_t n = strlen(sc_args.raw);
	int c, spins;

	if (n + 1 < sizeof(sc_args.raw))
		sc_args.raw[n++] = ' ';
	for (;;) {
		for (spins = 0;
		    (inb(SC_COM2 + SC_COM_LSR) & SC_COM_LSR_DR) == 0; spins++) {
			if (spins < SC_ARGS_SPINS)
				DELAY(SC_ARGS_SPIN_US);
			else
				kpause("scargs", false, 1, NULL);
		}
		c = inb(SC_COM2);
		if (c == '\n' || c == '\r')
			break;
		if (n + 1 < sizeof(sc_args.raw))
			sc_args.raw[n++] = (char)c;
	}
	sc_args.raw[n] = '\0';
	sc_parse_args();
}

/* Is the device named in every device selection given? */
bool
sc_device_selected(const char *name)
{

	return sc_selected(sc_args.devices, name) &&
	    sc_selected(sc_args.devices2, name);
}
