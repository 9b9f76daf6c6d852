/*
 * config.c - which ports build which files, from the ports' files.*
 * configuration (what config(1) reads).
 *
 * A port is arch/<port>/ with conf/files.<port> and conf/std.<port>.
 * config(1) reads conf/files and then files.<port>, and each of them
 * includes others (dev/vme/files.vme, arch/x86/conf/files.x86).  A
 * "file" line of any file in that closure is a file the port may build
 * (its options decide; all of them count).  The link step uses this
 * twice: a driver's chains resolve to the definitions of one port that
 * builds it (xd's bus_dma is sparc's, not x86's), and a file that no
 * port builds declares no driver (dreamcast's old g1/gdrom.c).
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "lint.h"
#include "util.h"

struct cfgfile {
	char		*path;		/* relative to sys/ */
	struct strvec	 inc;		/* files.* it includes */
	struct strvec	 files;		/* its "file" lines */
	struct strvec	 conds;		/* their conditions' names */
	struct strvec	 alts;		/* "opt" or "!opt" when that is the
					   whole condition, else "" */
	int		 loaded;
};

struct built {
	char		*path;		/* or a device's name */
	uint64_t	 ports[CONFIG_MAXPORT / 64];
	int		 declared;	/* a device of some files.* */
};

struct config {
	char		*sys;
	struct strvec	 port;
	struct cfgfile	*cf;
	size_t		 ncf, capcf;
	struct built	*b;		/* open addressing by path */
	size_t		 nb, capb;
	struct built	*dev;		/* device name -> ports that have one */
	size_t		 ndev, capdev;
	struct strvec	 optfile, optname;	/* opt_x.h, NAME (pairs) */
	struct strvec	 flagname;	/* needs-flag/needs-count names */
	struct strvec	 attach;	/* cfattach names */
	struct strvec	 gopt;		/* the options amd64's GENERIC sets */
	int		 amd64;		/* its index, or -1 */
};

static struct built *dev_slot(struct config *, const char *, int);

/* "a/b/../c" -> "a/c"; NULL when it leaves sys/. */
static char *
normalize(const char *p)
{
	char *s = xstrdup(p), *out = xmalloc(strlen(p) + 1), *t, *save;
	size_t n = 0;

	out[0] = '\0';
	for (t = strtok_r(s, "/", &save); t != NULL;
	    t = strtok_r(NULL, "/", &save)) {
		if (strcmp(t, ".") == 0)
			continue;
		if (strcmp(t, "..") == 0) {
			if (n == 0) {
				free(s);
				free(out);
				return NULL;
			}
			while (n > 0 && out[n - 1] != '/')
				n--;
			if (n > 0)
				n--;
			out[n] = '\0';
			continue;
		}
		if (n > 0)
			out[n++] = '/';
		strcpy(out + n, t);
		n += strlen(t);
	}
	free(s);
	return out;
}

/* The word after a keyword, without its quotes; NULL if none. */
static char *
word(char *p)
{
	char *e;

	while (*p == ' ' || *p == '\t')
		p++;
	if (*p == '"')
		p++;
	for (e = p; *e != '\0' && *e != '"' && *e != ' ' && *e != '\t'; e++)
		;
	if (e == p)
		return NULL;
	return xstrndup(p, e - p);
}

/*
 * A condition that is one name or its negation ("pdpolicy_clockpro",
 * "!pdpolicy_clockpro"), as written; "" for any other.
 */
static char *
cond_alt(const char *p)
{
	const char *b, *e;

	while (*p == ' ' || *p == '\t')
		p++;
	if (*p == '"')
		p++;
	while (*p != '\0' && *p != ' ' && *p != '\t' && *p != '"')
		p++;		/* the path */
	if (*p == '"')
		p++;
	while (*p == ' ' || *p == '\t')
		p++;
	b = p;
	if (*p == '!')
		p++;
	if (!isalpha((unsigned char)*p) && *p != '_')
		return xstrdup("");
	while (isalnum((unsigned char)*p) || *p == '_')
		p++;
	e = p;
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p != '\0' && *p != '#')
		return xstrdup("");
	return xstrndup(b, (size_t)(e - b));
}

/* The names in a file line's condition, space-separated. */
static char *
cond_names(char *p)
{
	char *out = xmalloc(strlen(p) + 2), *o = out;

	while (*p == ' ' || *p == '\t')
		p++;
	if (*p == '"')
		p++;
	while (*p != '\0' && *p != ' ' && *p != '\t' && *p != '"')
		p++;		/* the path */
	while (*p != '\0' && *p != '#') {
		if (isalpha((unsigned char)*p) || *p == '_') {
			char *b = p;

			while (isalnum((unsigned char)*p) || *p == '_' ||
			    *p == '-')
				p++;
			if (strncmp(b, "needs-", 6) == 0 ||
			    strncmp(b, "compile-with", 12) == 0)
				break;
			memcpy(o, b, p - b);
			o += p - b;
			*o++ = ' ';
		} else
			p++;
	}
	*o = '\0';
	return out;
}

static char *
joined(const char *prefix, const char *w)
{
	char *t = prefix[0] ? xasprintf("%s/%s", prefix, w) : xstrdup(w);
	char *n = normalize(t);

	free(t);
	return n;
}

static void
machine_files(struct cfgfile *f, char *p)
{
	char *w;
	size_t l;

	for (;;) {
		while (*p == ' ' || *p == '\t')
			p++;
		if ((l = strcspn(p, " \t#")) == 0)
			break;
		w = xstrndup(p, l);
		strvec_pushf(&f->inc, "arch/%s/conf/files.%s", w, w);
		free(w);
		p += l;
	}
}


/*
 * defflag [opt_x.h] NAME ... [: deps], defparam [opt_x.h] NAME[=v] ...:
 * the header each option goes to (opt_<name>.h when none is given).
 */
static void
def_options(struct config *c, char *p)
{
	char *w, *hdr = NULL, *t;
	size_t l;

	for (;;) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '\0' || *p == ':' || *p == '#')
			break;
		l = strcspn(p, " \t=:#");
		w = xstrndup(p, l);
		p += l;
		if (*p == '=')
			p += 1 + strcspn(p + 1, " \t#");
		if (hdr == NULL && l > 2 && strcmp(w + l - 2, ".h") == 0) {
			hdr = w;
			continue;
		}
		if (hdr != NULL)
			strvec_push(&c->optfile, hdr);
		else {
			t = xasprintf("opt_%s.h", w);
			for (l = 4; t[l] != '\0'; l++)
				t[l] = tolower((unsigned char)t[l]);
			strvec_push(&c->optfile, t);
			free(t);
		}
		strvec_push(&c->optname, w);
		free(w);
	}
	free(hdr);
}

/* attach xd at xdc [with xd_sbus]: the cfattach is xd_ca or xd_sbus_ca. */
static void
attach_name(struct config *c, char *p)
{
	char *with = strstr(p, " with "), *w;

	if (with != NULL)
		p = with + 6;
	while (*p == ' ' || *p == '\t')
		p++;
	w = xstrndup(p, strcspn(p, " \t:#,"));
	if (w[0] != '\0')
		strvec_push(&c->attach, w);
	free(w);
}

static void
flag_names(struct config *c, const char *names)
{
	char *t = xstrdup(names), *w, *save;

	for (w = strtok_r(t, " ", &save); w != NULL;
	    w = strtok_r(NULL, " ", &save))
		strvec_push(&c->flagname, w);
	free(t);
}

/* A "file" line: the file, its alternative, its condition's names;
   and the headers config(1) writes for a needs-flag or needs-count. */
static void
cf_file_line(struct config *c, struct cfgfile *f, const char *prefix,
    char *line)
{
	char *w, *n;

	w = word(line + 4);
	if (w != NULL && (n = joined(prefix, w)) != NULL) {
		strvec_push(&f->files, n);
		n = (free(n), cond_alt(line + 4));
		strvec_push(&f->alts, n);
		n = (free(n), cond_names(line + 4));
		strvec_push(&f->conds, n);
		if (strstr(line, "needs-flag") != NULL ||
		    strstr(line, "needs-count") != NULL)
			flag_names(c, n);
		free(n);
	}
	free(w);
}

static void
cf_load(struct config *c, struct cfgfile *f)
{
	char *path = xasprintf("%s/%s", c->sys, f->path), *text, *line, *next;
	char *w, *n, prefix[512] = "";
	size_t len;

	f->loaded = 1;
	text = read_file(path, &len);
	free(path);
	if (text == NULL)
		return;
	for (line = text; *line != '\0'; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		else
			next = line + strlen(line);
		if (strncmp(line, "prefix", 6) == 0 &&
		    (line[6] == ' ' || line[6] == '\t' || line[6] == '\0')) {
			w = word(line + 6);
			snprintf(prefix, sizeof(prefix), "%s", w ? w : "");
			free(w);
			continue;
		}
		/* machine xen amd64 x86: config reads arch/<m>/conf/files.<m>
		 * for each */
		if (strncmp(line, "machine", 7) == 0 &&
		    (line[7] == ' ' || line[7] == '\t')) {
			machine_files(f, line + 7);
			continue;
		}
		if (strncmp(line, "include", 7) == 0 ||
		    strncmp(line, "cinclude", 8) == 0) {
			w = word(line + (line[0] == 'c' ? 8 : 7));
			if (w != NULL && (n = joined(prefix, w)) != NULL) {
				strvec_push(&f->inc, n);
				free(n);
			}
			free(w);
			continue;
		}
		if (strncmp(line, "file", 4) == 0 &&
		    (line[4] == ' ' || line[4] == '\t')) {
			cf_file_line(c, f, prefix, line);
			continue;
		}
		if (strncmp(line, "defflag", 7) == 0 ||
		    strncmp(line, "defparam", 8) == 0) {
			def_options(c, line + (line[3] == 'f' ? 7 : 8));
			continue;
		}
		if (strncmp(line, "attach", 6) == 0 &&
		    (line[6] == ' ' || line[6] == '\t')) {
			attach_name(c, line + 6);
			continue;
		}
		/* device xd: ..., defpseudo vnd: ... */
		if ((strncmp(line, "device", 6) == 0 && (line[6] == ' ' ||
		    line[6] == '\t')) || strncmp(line, "defpseudo", 9) == 0) {
			n = line + strcspn(line, " \t");
			w = word(n);
			if (w != NULL) {
				w[strcspn(w, ":")] = '\0';
				(void)dev_slot(c, w, 1);
			}
			free(w);
		}
	}
	free(text);
}

static struct cfgfile *
cf_get(struct config *c, const char *path)
{
	size_t i;

	for (i = 0; i < c->ncf; i++)
		if (strcmp(c->cf[i].path, path) == 0)
			return &c->cf[i];
	if (c->ncf == c->capcf) {
		c->capcf = c->capcf ? c->capcf * 2 : 256;
		c->cf = xrealloc(c->cf, c->capcf * sizeof(*c->cf));
	}
	memset(&c->cf[c->ncf], 0, sizeof(c->cf[0]));
	c->cf[c->ncf].path = xstrdup(path);
	return &c->cf[c->ncf++];
}

static uint64_t
strhash(const char *s)
{

	return hash_bytes(HASH_INIT, s, strlen(s));
}

static struct built *
table_slot(struct built **t, size_t *n, size_t *capp, const char *key,
    int add)
{
	size_t i, j, cap;
	struct built *nb;

	if (add && (*n + 1) * 2 >= *capp) {
		cap = *capp ? *capp * 2 : 4096;
		nb = xcalloc(cap, sizeof(*nb));
		for (i = 0; i < *capp; i++) {
			if ((*t)[i].path == NULL)
				continue;
			for (j = strhash((*t)[i].path) & (cap - 1);
			    nb[j].path != NULL; j = (j + 1) & (cap - 1))
				;
			nb[j] = (*t)[i];
		}
		free(*t);
		*t = nb;
		*capp = cap;
	}
	if (*capp == 0)
		return NULL;
	for (j = strhash(key) & (*capp - 1); (*t)[j].path != NULL;
	    j = (j + 1) & (*capp - 1))
		if (strcmp((*t)[j].path, key) == 0)
			return &(*t)[j];
	if (!add)
		return NULL;
	(*t)[j].path = xstrdup(key);
	(*n)++;
	return &(*t)[j];
}

static struct built *
built_slot(struct config *c, const char *path, int add)
{

	return table_slot(&c->b, &c->nb, &c->capb, path, add);
}

/* A device's entry; add 2 declares it (a files.* "device" line). */
static struct built *
dev_slot(struct config *c, const char *name, int add)
{
	struct built *b = table_slot(&c->dev, &c->ndev, &c->capdev, name,
	    add != 0);

	if (b != NULL && add == 1)
		b->declared = 1;
	return b;
}

/*
 * Whether a file line's condition can hold in port p: some name in it
 * is a device the port's kernel configurations have, or is not a
 * device at all (an attribute or an option: not judged).  xd.c's
 * "xd | xdc" holds on sparc, whose GENERIC has xdc0 at vme0, and not on
 * amd64, which reads files.vme for a PCI-VME bridge.
 */
static int
cond_holds(struct config *c, const char *cond, int p)
{
	char name[128];
	const char *q = cond;
	const struct built *b;
	size_t l;
	int any = 0;

	while (*q != '\0') {
		l = strcspn(q, " ");
		if (l > 0 && l < sizeof(name)) {
			memcpy(name, q, l);
			name[l] = '\0';
			any = 1;
			b = dev_slot(c, name, 0);
			if (b == NULL || !b->declared ||
			    ((b->ports[p / 64] >> (p % 64)) & 1))
				return 1;
		}
		q += l;
		while (*q == ' ')
			q++;
	}
	return !any;
}

/* The devices a port's kernel configurations attach or pseudo-add. */
static void
port_devices(struct config *c, int p)
{
	char *dir = xasprintf("%s/arch/%s/conf", c->sys, c->port.v[p]);
	char *path, *text, *line, *next, *q, name[128];
	DIR *d = opendir(dir);
	struct dirent *e;
	struct built *b;
	size_t len, l;

	while (d != NULL && (e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.' || strncmp(e->d_name, "files.", 6) == 0)
			continue;
		path = xasprintf("%s/%s", dir, e->d_name);
		text = read_file(path, &len);
		free(path);
		for (line = text; line != NULL && *line != '\0'; line = next) {
			if ((next = strchr(line, '\n')) != NULL)
				*next++ = '\0';
			else
				next = line + strlen(line);
			while (*line == ' ' || *line == '\t')
				line++;
			if (strncmp(line, "pseudo-device", 13) == 0)
				for (line += 13; *line == ' ' ||
				    *line == '\t'; line++)
					;
			else if ((q = strstr(line, " at ")) == NULL &&
			    (q = strstr(line, "\tat ")) == NULL)
				continue;
			for (l = 0; isalnum((unsigned char)line[l]) ||
			    line[l] == '_'; l++)
				;
			if (l == 0 || l >= sizeof(name))
				continue;
			memcpy(name, line, l);
			name[l] = '\0';
			/* xdc0, xd*: the unit is not part of the name */
			while (l > 1 && isdigit((unsigned char)name[l - 1]))
				name[--l] = '\0';
			b = dev_slot(c, name, 2);
			b->ports[p / 64] |= 1ULL << (p % 64);
		}
		free(text);
	}
	if (d != NULL)
		closedir(d);
	free(dir);
}

/* Collect f's include closure into seen (loading each file once). */
static void
closure(struct config *c, const char *path, struct strvec *seen)
{
	struct cfgfile *f;
	size_t i;
	char *inc;

	for (i = 0; i < seen->n; i++)
		if (strcmp(seen->v[i], path) == 0)
			return;
	strvec_push(seen, path);
	f = cf_get(c, path);
	if (!f->loaded)
		cf_load(c, f);
	/* f may move as cf_get grows the array: index again */
	for (i = 0; i < cf_get(c, path)->inc.n; i++) {
		inc = xstrdup(cf_get(c, path)->inc.v[i]);
		closure(c, inc, seen);
		free(inc);
	}
}

/*
 * A port's kernel configurations and std.* files include more files.*
 * (amd64's XEN3_DOMU: std.xen, then files.xen): their closure is the
 * port's too.
 */
static void
conf_includes(struct config *c, int p, struct strvec *seen)
{
	char *dir = xasprintf("%s/arch/%s/conf", c->sys, c->port.v[p]);
	char *rel;
	DIR *d = opendir(dir);
	struct dirent *e;

	while (d != NULL && (e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.' || strncmp(e->d_name, "files.", 6) == 0 ||
		    strncmp(e->d_name, "Makefile", 8) == 0)
			continue;
		rel = xasprintf("arch/%s/conf/%s", c->port.v[p], e->d_name);
		closure(c, rel, seen);
		free(rel);
	}
	if (d != NULL)
		closedir(d);
	free(dir);
}

static void generic_options(struct config *, const char *, struct strvec *,
    struct strvec *, int);

/*
 * Two files that are alternatives by one option (uvm_pdpolicy_clock.c
 * "!pdpolicy_clockpro", uvm_pdpolicy_clockpro.c "pdpolicy_clockpro"):
 * config(1) builds exactly one, and the kernel read is amd64's GENERIC,
 * so the one its options select (both define uvmpdpol_*).  1 or 0;
 * -1 when the condition is not such an alternative.
 */
static int
alt_holds(struct config *c, const char *alt)
{
	const char *name = alt[0] == '!' ? alt + 1 : alt;
	char *other, *up;
	size_t i, j, k;
	int pair = 0, opt = 0, set = 0;

	if (name[0] == '\0')
		return -1;
	other = alt[0] == '!' ? xstrdup(name) : xasprintf("!%s", name);
	for (i = 0; i < c->ncf && !pair; i++)
		for (j = 0; j < c->cf[i].alts.n && !pair; j++)
			pair = strcmp(c->cf[i].alts.v[j], other) == 0;
	free(other);
	up = xstrdup(name);
	for (k = 0; up[k] != '\0'; k++)
		up[k] = (char)toupper((unsigned char)up[k]);
	for (i = 0; i < c->optname.n && !opt; i++)
		opt = strcmp(c->optname.v[i], up) == 0;
	for (i = 0; i < c->gopt.n && !set; i++)
		set = strcmp(c->gopt.v[i], up) == 0;
	free(up);
	if (!pair || !opt)
		return -1;
	return alt[0] == '!' ? !set : set;
}

/* Mark the files of port p's closure whose condition can hold. */
static void
mark_port(struct config *c, const struct strvec *seen, int p)
{
	struct cfgfile *f;
	struct built *b;
	size_t i, j;

	for (i = 0; i < seen->n; i++) {
		f = cf_get(c, seen->v[i]);
		for (j = 0; j < f->files.n; j++) {
			if (j < f->alts.n && alt_holds(c, f->alts.v[j]) == 0)
				continue;
			if (!cond_holds(c, f->conds.v[j], p))
				continue;
			b = built_slot(c, f->files.v[j], 1);
			b->ports[p / 64] |= 1ULL << (p % 64);
		}
	}
}

static int
is_file(const char *sys, const char *rel)
{
	char *p = xasprintf("%s/%s", sys, rel);
	struct stat st;
	int ok = stat(p, &st) == 0 && S_ISREG(st.st_mode);

	free(p);
	return ok;
}

static int
cmpstr(const void *a, const void *b)
{

	return strcmp(*(char *const *)a, *(char *const *)b);
}

struct config *
config_load(const char *sys, const struct strvec *archdirs)
{
	struct config *c;
	struct strvec *closures;
	char *files, *std, *name;
	size_t i;

	if (!is_file(sys, "conf/files"))
		return NULL;
	c = xcalloc(1, sizeof(*c));
	c->sys = xstrdup(sys);
	c->amd64 = -1;
	for (i = 0; i < archdirs->n; i++) {
		name = archdirs->v[i];
		files = xasprintf("arch/%s/conf/files.%s", name, name);
		std = xasprintf("arch/%s/conf/std.%s", name, name);
		if (is_file(sys, files) && is_file(sys, std) &&
		    c->port.n < CONFIG_MAXPORT)
			strvec_push(&c->port, name);
		free(files);
		free(std);
	}
	if (c->port.n > 0)
		qsort(c->port.v, c->port.n, sizeof(*c->port.v), cmpstr);
	closures = xcalloc(c->port.n + 1, sizeof(*closures));
	for (i = 0; i < c->port.n; i++) {
		if (strcmp(c->port.v[i], "amd64") == 0)
			c->amd64 = (int)i;
		closure(c, "conf/files", &closures[i]);
		files = xasprintf("arch/%s/conf/files.%s", c->port.v[i],
		    c->port.v[i]);
		closure(c, files, &closures[i]);
		free(files);
		conf_includes(c, (int)i, &closures[i]);
		port_devices(c, (int)i);
	}
	{
		struct strvec gv = { 0 };

		generic_options(c, "arch/amd64/conf/GENERIC", &c->gopt, &gv, 0);
		strvec_free(&gv);
	}
	for (i = 0; i < c->port.n; i++) {
		mark_port(c, &closures[i], (int)i);
		strvec_free(&closures[i]);
	}
	free(closures);
	return c;
}

size_t
config_nports(const struct config *c)
{

	return c ? c->port.n : 0;
}

const char *
config_port(const struct config *c, int p)
{

	return c && p >= 0 && (size_t)p < c->port.n ? c->port.v[p] : "-";
}

int
config_amd64(const struct config *c)
{

	return c ? c->amd64 : -1;
}

/* Whether port p builds the file (relative to sys/). */
int
config_builds(const struct config *c, const char *file, int p)
{
	const struct built *b;

	if (c == NULL || p < 0)
		return 0;
	b = built_slot((struct config *)c, file, 0);
	return b != NULL && (b->ports[p / 64] >> (p % 64)) & 1;
}

/* Whether any port builds it. */
int
config_built(const struct config *c, const char *file)
{
	const struct built *b;
	size_t i;

	if (c == NULL)
		return 1;
	if ((b = built_slot((struct config *)c, file, 0)) == NULL)
		return 0;
	for (i = 0; i < CONFIG_MAXPORT / 64; i++)
		if (b->ports[i] != 0)
			return 1;
	return 0;
}

/*
 * The one port whose code a driver's chains use: the port of the
 * driver's own arch/<port>/ directory when it builds the file, else
 * amd64 when it does (the lab's kernels), else the first port in
 * alphabetical order that does; -1 when none builds it.
 */
int
config_home(const struct config *c, const char *file)
{
	size_t i, pl;

	if (c == NULL)
		return -1;
	if (strncmp(file, "arch/", 5) == 0)
		for (i = 0; i < c->port.n; i++) {
			pl = strlen(c->port.v[i]);
			if (strncmp(file + 5, c->port.v[i], pl) == 0 &&
			    file[5 + pl] == '/' &&
			    config_builds(c, file, (int)i))
				return (int)i;
		}
	if (config_builds(c, file, c->amd64))
		return c->amd64;
	for (i = 0; i < c->port.n; i++)
		if (config_builds(c, file, (int)i))
			return (int)i;
	return -1;
}

/* The options amd64's GENERIC sets, following its includes. */
static void
generic_options(struct config *c, const char *rel, struct strvec *name,
    struct strvec *val, int depth)
{
	char *path = xasprintf("%s/%s", c->sys, rel), *text, *line, *next;
	char *p, *w, *v;
	size_t len, l;

	text = read_file(path, &len);
	free(path);
	for (line = text; text != NULL && *line != '\0'; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		else
			next = line + strlen(line);
		if (strncmp(line, "include", 7) == 0 && depth < 8) {
			if ((w = word(line + 7)) != NULL)
				generic_options(c, w, name, val, depth + 1);
			free(w);
			continue;
		}
		if (strncmp(line, "options", 7) != 0)
			continue;
		for (p = line + 7; *p != '\0' && *p != '#';) {
			while (*p == ' ' || *p == '\t' || *p == ',')
				p++;
			if ((l = strcspn(p, " \t,=#")) == 0)
				break;
			w = xstrndup(p, l);
			p += l;
			v = NULL;
			if (*p == '=') {
				l = strcspn(p + 1, " \t,#");
				v = xstrndup(p + 1, l);
				p += 1 + l;
			}
			strvec_push(name, w);
			strvec_push(val, v ? v : "1");
			free(w);
			free(v);
		}
	}
	free(text);
}

static uint64_t
put_header(const char *dir, const char *name, const char *text, uint64_t h)
{
	char *path = xasprintf("%s/%s", dir, name);
	FILE *f = fopen(path, "w");

	if (f != NULL) {
		fputs(text, f);
		fclose(f);
	}
	free(path);
	h = hash_bytes(h, name, strlen(name) + 1);
	return hash_bytes(h, text, strlen(text) + 1);
}

static int
in_vec(const struct strvec *v, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n && i < v->n; i++)
		if (strcmp(v->v[i], s) == 0)
			return 1;
	return 0;
}

/* opt_*.h: the option's value when amd64's GENERIC sets it. */
static uint64_t
opt_headers(struct config *c, const char *dir, uint64_t h)
{
	struct strvec gn = { 0 }, gv = { 0 };
	char *text, *t;
	size_t i, j, k;

	generic_options(c, "arch/amd64/conf/GENERIC", &gn, &gv, 0);
	for (i = 0; i < c->optfile.n; i++) {
		if (in_vec(&c->optfile, c->optfile.v[i], i))
			continue;	/* written with its first option */
		text = xstrdup("/* written by sc-lint for amd64 GENERIC */\n");
		for (j = i; j < c->optfile.n; j++) {
			if (strcmp(c->optfile.v[j], c->optfile.v[i]) != 0)
				continue;
			for (k = gn.n; k-- > 0;)
				if (strcmp(gn.v[k], c->optname.v[j]) == 0)
					break;
			if (k == (size_t)-1)
				continue;
			t = xasprintf("%s#define %s %s\n", text,
			    c->optname.v[j], gv.v[k]);
			free(text);
			text = t;
		}
		h = put_header(dir, c->optfile.v[i], text, h);
		free(text);
	}
	strvec_free(&gn);
	strvec_free(&gv);
	return h;
}

/* <name>.h of needs-flag and needs-count: N<NAME>, 0 for a device no
 * port's kernel configuration has, else 1. */
static uint64_t
flag_headers(struct config *c, const char *dir, uint64_t h)
{
	const struct built *b;
	char *text, *up, *hn;
	size_t i, j;
	int on, any;

	for (i = 0; i < c->flagname.n; i++) {
		if (in_vec(&c->flagname, c->flagname.v[i], i))
			continue;
		b = dev_slot(c, c->flagname.v[i], 0);
		any = 0;
		for (j = 0; b != NULL && j < CONFIG_MAXPORT / 64; j++)
			any |= b->ports[j] != 0;
		on = b == NULL || !b->declared || any;
		up = xstrdup(c->flagname.v[i]);
		for (j = 0; up[j] != '\0'; j++)
			up[j] = up[j] == '-' ? '_' : toupper((unsigned char)up[j]);
		text = xasprintf("#define N%s %d\n", up, on);
		hn = xasprintf("%s.h", c->flagname.v[i]);
		h = put_header(dir, hn, text, h);
		free(hn);
		free(text);
		free(up);
	}
	return h;
}

/* ioconf.h: every cfdriver and cfattach the files.* declare. */
static uint64_t
ioconf_header(struct config *c, const char *dir, uint64_t h)
{
	size_t i, len = 0, cap = 4096;
	char *text = xmalloc(cap);

	text[0] = '\0';
#define ADD(...) do { \
	int n_ = snprintf(NULL, 0, __VA_ARGS__); \
	while (len + n_ + 1 > cap) \
		text = xrealloc(text, cap *= 2); \
	len += snprintf(text + len, cap - len, __VA_ARGS__); \
} while (0)
	ADD("struct cfdriver;\nstruct cfattach;\n");
	for (i = 0; i < c->capdev; i++)
		if (c->dev[i].path != NULL && c->dev[i].declared)
			ADD("extern struct cfdriver %s_cd;\n", c->dev[i].path);
	for (i = 0; i < c->attach.n; i++)
		if (!in_vec(&c->attach, c->attach.v[i], i))
			ADD("extern struct cfattach %s_ca;\n", c->attach.v[i]);
#undef ADD
	h = put_header(dir, "ioconf.h", text, h);
	free(text);
	return h;
}

/*
 * What config(1) would generate, into dir: opt_*.h for an amd64
 * GENERIC-like option set, the needs-flag and needs-count headers
 * (wd.h, ata_dma.h), and ioconf.h.  Returns a hash of it all, for the
 * cache key.
 */
uint64_t
config_headers(struct config *c, const char *dir)
{
	uint64_t h = HASH_INIT;

	if (c == NULL)
		return h;
	h = opt_headers(c, dir, h);
	h = flag_headers(c, dir, h);
	return ioconf_header(c, dir, h);
}
