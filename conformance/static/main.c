/*
 * sc-lint - the static tier of the strategy(9) conformance suite.
 *
 *   sc-lint -s sysdir -o outdir [-A] [-c cachedir] [-d sleepers.tsv]
 *       [-e accepted.tsv] [-j jobs] [-I dir]... [-x glob]... [file.c...]
 *
 * Reads every .c under sysdir (or the files given), and writes
 * findings.tsv, drivers.tsv and tus.tsv into outdir.  Exit status: 0
 * nothing new, 1 findings that the expectations file does not list, 2
 * the tool could not do its job.
 *
 * The parse is the slow part, so it runs in worker processes (-j) and
 * its result is cached by the content of the .c, the compiler
 * arguments, the data file and this program's version: a second run
 * over an unchanged tree only links.  A header's change is not in the
 * key; remove the cache after editing headers.
 *
 * A port other than amd64's (arch/<port>/ but amd64, x86, xen) is read
 * only when one of its files declares a bdevsw or dkdriver: a call
 * resolves to its own port's definitions, the machine-independent ones
 * or amd64's, never another port's, so the code of a port without a
 * root is reached by no root and reading it changes no finding.  -A
 * reads them all anyway, and the imported subtrees skipped below.
 */
#define _XOPEN_SOURCE 700

#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <ftw.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lint.h"
#include "util.h"

static struct strvec files, excludes;
static const char *walk_root;

/* The port of a path relative to sys/: "arch/<port>", else NULL. */
static char *
port_of(const char *rel)
{
	const char *p;

	if (strncmp(rel, "arch/", 5) != 0 || (p = strchr(rel + 5, '/')) == NULL)
		return NULL;
	return xstrndup(rel, p - rel);
}

static int
amd64_port(const char *port)
{

	return strcmp(port, "arch/amd64") == 0 ||
	    strcmp(port, "arch/x86") == 0 || strcmp(port, "arch/xen") == 0;
}

/*
 * Whether a file's text declares a bdevsw or dkdriver with an
 * initialiser ("struct bdevsw name =", "struct dkdriver name[] ="):
 * what makes a port's code reachable from a root.
 */
static int
declares_root(const char *text)
{
	static const char *const tag[] = { "struct bdevsw", "struct dkdriver" };
	const char *p, *q;
	size_t i;

	for (i = 0; i < 2; i++)
		for (p = text; (p = strstr(p, tag[i])) != NULL; p = q) {
			q = p + strlen(tag[i]);
			if (*q != ' ' && *q != '\t')
				continue;
			while (*q == ' ' || *q == '\t')
				q++;
			if (!isalpha((unsigned char)*q) && *q != '_')
				continue;
			while (isalnum((unsigned char)*q) || *q == '_')
				q++;
			while (*q == ' ' || *q == '\t' || *q == '[' ||
			    *q == ']')
				q++;
			if (*q == '=')
				return 1;
		}
	return 0;
}

static int
add_c(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	const char *rel = path + strlen(walk_root) + 1;
	size_t i, n = strlen(path);

	(void)st;
	(void)ftw;
	if (type != FTW_F || n < 3 || strcmp(path + n - 2, ".c") != 0)
		return 0;
	for (i = 0; i < excludes.n; i++)
		if (fnmatch(excludes.v[i], rel, 0) == 0)
			return 0;
	strvec_push(&files, path);
	return 0;
}

static int
cmp(const void *a, const void *b)
{

	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
link_dir(const char *inc, const char *name, const char *sys, const char *sub)
{
	char *to = xasprintf("%s/%s", sys, sub), *at;
	struct stat st;

	if (stat(to, &st) == 0) {
		at = xasprintf("%s/%s", inc, name);
		unlink(at);
		if (symlink(to, at) != 0)
			fprintf(stderr, "sc-lint: %s: %s\n", at,
			    strerror(errno));
		free(at);
	}
	free(to);
}

static char *
cache_path(const char *cache, uint64_t h)
{

	return xasprintf("%s/%02x/%016llx.facts", cache,
	    (unsigned)(h & 0xff), (unsigned long long)h);
}

/* A worker: takes the next file off the shared counter until none. */
static void
worker(char **todo, size_t n, uint64_t *keys, volatile size_t *next,
    const struct extract_opts *o, const char *cache)
{
	size_t i;
	char *final, *tmp;
	FILE *out;

	for (;;) {
		i = __atomic_fetch_add(next, 1, __ATOMIC_SEQ_CST);
		if (i >= n)
			break;
		final = cache_path(cache, keys[i]);
		tmp = xasprintf("%s.%ld", final, (long)getpid());
		if ((out = fopen(tmp, "w")) == NULL) {
			fprintf(stderr, "sc-lint: %s: %s\n", tmp,
			    strerror(errno));
			_exit(2);
		}
		extract_tu(todo[i], o, out);
		if (fclose(out) != 0 || rename(tmp, final) != 0) {
			fprintf(stderr, "sc-lint: %s: %s\n", final,
			    strerror(errno));
			_exit(2);
		}
		free(final);
		free(tmp);
	}
	_exit(0);
}

/*
 * A NetBSD sys/ tree (it has conf/files) is parsed against
 * ../common/include beside it (proplib, ppath): without it, 95 % of
 * the TUs fail to parse and the call graph is a fraction of the
 * kernel's.  Refuse in one line rather than report on a half tree.
 * A tree without conf/files (the tests' stand-in headers) is taken
 * as it is.
 */
static int
half_tree(const char *sys)
{
	char *conf = xasprintf("%s/conf/files", sys);
	char *common = xasprintf("%s/../common/include", sys);
	struct stat st;
	int half;

	half = stat(conf, &st) == 0 &&
	    (stat(common, &st) != 0 || !S_ISDIR(st.st_mode));
	if (half)
		fprintf(stderr, "sc-lint: %s is a half tree: put the "
		    "NetBSD source's common/include (src/common/include) at "
		    "%s\n", sys, common);
	free(conf);
	free(common);
	return half;
}

/* The directories under arch/: the candidate ports. */
static const struct strvec *
archdirs(const char *sys, struct strvec *v)
{
	char *p = xasprintf("%s/arch", sys);
	DIR *d = opendir(p);
	struct dirent *e;

	free(p);
	if (d == NULL)
		return v;
	while ((e = readdir(d)) != NULL)
		if (e->d_name[0] != '.')
			strvec_push(v, e->d_name);
	closedir(d);
	return v;
}

/* Whether a port some root is read with builds the file. */
static int
home_builds(const struct config *cfg, const unsigned char *homes,
    const char *rel)
{
	size_t p;

	for (p = 0; cfg != NULL && p < config_nports(cfg); p++)
		if (homes[p] && config_builds(cfg, rel, (int)p))
			return 1;
	return 0;
}

static void
usage(void)
{

	fprintf(stderr, "usage: sc-lint -s sysdir -o outdir [-A] [-c cachedir] "
	    "[-d sleepers.tsv] [-e accepted.tsv]\n"
	    "               [-j jobs] [-I dir]... [-x glob]... [file.c...]\n");
	exit(2);
}

/* What the options ask for. */
struct opts {
	const char *sysdir, *outdir, *cache, *datafile, *expected;
	struct strvec extra;	/* -I */
	int allports, jobs, nexclude;
};

/* The state of one run, from the tree's files to their facts. */
struct run {
	char sysabs[PATH_MAX];
	size_t syslen;
	struct config *cfg;
	struct strvec args;	/* the compiler's arguments */
	char *stubs;
	uint64_t confh;
	uint64_t *keys;		/* the cache key of each of files */
	struct strvec rooted;	/* ports other than amd64's with a root */
	struct strvec rootfiles; /* files with a root, relative to sys/ */
	size_t nskip;
};

static void
parse_options(int argc, char **argv, struct opts *op)
{
	int ch;

	memset(op, 0, sizeof(*op));
	op->cache = "build/lint-cache";
	op->datafile = "conformance/static/sleepers.tsv";
	op->jobs = (int)sysconf(_SC_NPROCESSORS_ONLN);
	if (op->jobs < 1)
		op->jobs = 1;
	while ((ch = getopt(argc, argv, "Ac:d:e:I:j:o:s:x:")) != -1) {
		switch (ch) {
		case 'A': op->allports = 1; break;
		case 'c': op->cache = optarg; break;
		case 'd': op->datafile = optarg; break;
		case 'e': op->expected = optarg; break;
		case 'I': strvec_push(&op->extra, optarg); break;
		case 'j': op->jobs = atoi(optarg); break;
		case 'o': op->outdir = optarg; break;
		case 's': op->sysdir = optarg; break;
		case 'x': strvec_push(&excludes, optarg); op->nexclude++; break;
		default: usage();
		}
	}
	if (op->sysdir == NULL || op->outdir == NULL || op->jobs < 1)
		usage();
}

/* The excludes that hold when no -x is given. */
static void
default_excludes(const struct opts *op)
{

	if (op->nexclude != 0)
		return;
	/* Boot loaders and their libraries are not the kernel. */
	strvec_push(&excludes, "*/stand/*");
	strvec_push(&excludes, "stand/*");
	strvec_push(&excludes, "lib/libsa/*");
	/* rump is the kernel rebuilt for a userland host: its own
	 * mutex_enter, kpause, ... would join the kernel's. */
	strvec_push(&excludes, "rump/*");
	/*
	 * Imported code that holds no disk driver and that no strategy
	 * path reaches (graphics, ACPI's interpreter, crypto, a wireless
	 * HAL, EFI, the BPF JIT, the packet filter): a third of the parse
	 * for no chain.  Checked on both trees against -A, which reads
	 * them: the findings are the same.
	 */
	if (op->allports)
		return;
	strvec_push(&excludes, "external/bsd/drm2/*");
	strvec_push(&excludes, "external/bsd/drm/*");
	strvec_push(&excludes, "external/bsd/acpica/*");
	strvec_push(&excludes, "external/isc/libsodium/*");
	strvec_push(&excludes, "external/isc/atheros_hal/*");
	strvec_push(&excludes, "external/bsd/gnu-efi/*");
	strvec_push(&excludes, "external/bsd/sljit/*");
	strvec_push(&excludes, "external/bsd/ipf/*");
}

/* The output directory, and the cache's 256 buckets. */
static int
make_dirs(const struct opts *op)
{
	char *p;
	size_t i;

	if (mkdirs(op->outdir) != 0 || mkdirs(op->cache) != 0) {
		fprintf(stderr, "sc-lint: %s: %s\n", op->outdir,
		    strerror(errno));
		return -1;
	}
	for (i = 0; i < 256; i++) {
		p = xasprintf("%s/%02zx", op->cache, i);
		mkdirs(p);
		free(p);
	}
	return 0;
}

/* The compiler's arguments for every TU: a kernel build's. */
static void
compiler_args(const struct opts *op, struct run *r, const char *confdir,
    const char *inc)
{
	struct strvec *a = &r->args;
	char *p;
	size_t i;

	strvec_push(a, "-target");
	strvec_push(a, "x86_64-unknown-netbsd");
	strvec_push(a, "-std=gnu99");
	strvec_push(a, "-nostdinc");
	strvec_push(a, "-ffreestanding");
	strvec_push(a, "-fno-spell-checking");
	strvec_push(a, "-ferror-limit=0");
	strvec_push(a, "-Wno-everything");
	strvec_push(a, "-D_KERNEL");
	strvec_push(a, "-D_KERNEL_OPT");
	strvec_push(a, "-D__x86_64__");
	for (i = 0; i < op->extra.n; i++)
		strvec_pushf(a, "-I%s", op->extra.v[i]);
	if (r->cfg != NULL)
		strvec_pushf(a, "-I%s", confdir);
	strvec_pushf(a, "-I%s", r->stubs);
	strvec_pushf(a, "-I%s", inc);
	strvec_pushf(a, "-I%s", r->sysabs);
	strvec_pushf(a, "-I%s/../common/include", r->sysabs);
	/* amd64's EXTRA_INCLUDES, for options XEN (GENERIC's XENPVHVM) */
	p = xasprintf("%s/external/mit/xen-include-public/dist", r->sysabs);
	if (access(p, F_OK) == 0)
		strvec_pushf(a, "-I%s", p);
	free(p);
}

/*
 * As a kernel build sees the tree: machine/ and the port directories
 * through links, generated headers as empty stubs, and the headers
 * config(1) would write from the ports' files.*.
 */
static void
kernel_view(const struct opts *op, struct run *r)
{
	struct strvec arch = { 0 };
	char *inc = xasprintf("%s/include", op->cache);
	char *confdir;

	r->stubs = xasprintf("%s/stubs", op->cache);
	mkdirs(inc);
	mkdirs(r->stubs);
	link_dir(inc, "machine", r->sysabs, "arch/amd64/include");
	link_dir(inc, "amd64", r->sysabs, "arch/amd64/include");
	link_dir(inc, "x86", r->sysabs, "arch/x86/include");
	link_dir(inc, "i386", r->sysabs, "arch/i386/include");
	/* options XEN (amd64 GENERIC's PVHVM) includes <xen/...> */
	link_dir(inc, "xen", r->sysabs, "arch/xen/include");
	r->cfg = config_load(r->sysabs, archdirs(r->sysabs, &arch));
	confdir = xasprintf("%s/config", op->cache);
	mkdirs(confdir);
	r->confh = config_headers(r->cfg, confdir);
	compiler_args(op, r, confdir, inc);
}

/* The .c files: those given, else every one under the tree, sorted. */
static int
collect_files(int argc, char **argv, struct run *r)
{
	char path[PATH_MAX];
	int j;

	if (argc > 0) {
		for (j = 0; j < argc; j++) {
			if (realpath(argv[j], path) == NULL) {
				fprintf(stderr, "sc-lint: %s: %s\n", argv[j],
				    strerror(errno));
				return -1;
			}
			strvec_push(&files, path);
		}
	} else {
		walk_root = r->sysabs;
		if (nftw(r->sysabs, add_c, 32, FTW_PHYS) != 0) {
			fprintf(stderr, "sc-lint: %s: %s\n", r->sysabs,
			    strerror(errno));
			return -1;
		}
	}
	qsort(files.v, files.n, sizeof(*files.v), cmp);
	return 0;
}

/* A file's path relative to sys/, or NULL for one outside it. */
static const char *
sys_rel(const struct run *r, const char *path)
{

	return strncmp(path, r->sysabs, r->syslen) == 0 ?
	    path + r->syslen + 1 : NULL;
}

/*
 * The key of a TU: its text, the arguments, the data file.  Reading
 * the text also tells which files declare a root, and so which ports
 * must be read.
 */
static int
key_files(const struct sinks *sinks, struct run *r)
{
	uint64_t flagh, h;
	const char *rel;
	char *text, *port;
	size_t i, len;

	flagh = hash_bytes(HASH_INIT, LINT_VERSION, strlen(LINT_VERSION));
	flagh = hash_bytes(flagh, &sinks->hash, sizeof(sinks->hash));
	flagh = hash_bytes(flagh, &r->confh, sizeof(r->confh));
	flagh = hash_bytes(flagh, r->sysabs, strlen(r->sysabs));
	for (i = 0; i < r->args.n; i++)
		flagh = hash_bytes(flagh, r->args.v[i],
		    strlen(r->args.v[i]) + 1);
	r->keys = xcalloc(files.n + 1, sizeof(*r->keys));
	for (i = 0; i < files.n; i++) {
		if ((text = read_file(files.v[i], &len)) == NULL) {
			fprintf(stderr, "sc-lint: %s: %s\n", files.v[i],
			    strerror(errno));
			return -1;
		}
		h = hash_bytes(flagh, files.v[i], strlen(files.v[i]) + 1);
		r->keys[i] = hash_bytes(h, text, len);
		rel = sys_rel(r, files.v[i]);
		port = rel != NULL ? port_of(rel) : NULL;
		if (port != NULL && !amd64_port(port) && declares_root(text))
			strvec_push(&r->rooted, port);
		if (declares_root(text) && rel != NULL)
			strvec_push(&r->rootfiles, rel);
		free(port);
		free(text);
	}
	return 0;
}

/* Whether a file is read: the MI tree, amd64's ports, rooted ports. */
static int
keep_file(const struct opts *op, const struct run *r,
    const unsigned char *homes, const char *path)
{
	const char *rel = sys_rel(r, path);
	char *port = rel != NULL ? port_of(rel) : NULL;
	size_t k;
	int keep = 1;

	for (k = 0; port != NULL && !op->allports && !amd64_port(port) &&
	    k < r->rooted.n; k++)
		if (strcmp(r->rooted.v[k], port) == 0)
			break;
	if (port != NULL && !op->allports && !amd64_port(port) &&
	    k == r->rooted.n && !home_builds(r->cfg, homes, rel))
		keep = 0;
	free(port);
	return keep;
}

/*
 * The ports' files.*: a rooted file's port is read (config_home: the
 * port its driver's chains resolve in), and so is every file that
 * port builds.  The files (and their keys) become the kept ones.
 */
static void
keep_files(const struct opts *op, struct run *r)
{
	unsigned char homes[CONFIG_MAXPORT] = { 0 };
	struct strvec kept = { 0 };
	uint64_t *keptkeys;
	size_t i, k;

	for (i = 0; r->cfg != NULL && i < r->rootfiles.n; i++)
		if ((k = (size_t)config_home(r->cfg, r->rootfiles.v[i])) !=
		    (size_t)-1 && (int)k != config_amd64(r->cfg))
			homes[k] = 1;
	keptkeys = xcalloc(files.n + 1, sizeof(*keptkeys));
	for (i = 0; i < files.n; i++) {
		if (!keep_file(op, r, homes, files.v[i])) {
			r->nskip++;
			continue;
		}
		keptkeys[kept.n] = r->keys[i];
		strvec_push(&kept, files.v[i]);
	}
	files = kept;
	r->keys = keptkeys;
}

/*
 * Parse the files the cache does not hold, in jobs worker processes
 * that share one counter of the next file.
 */
static int
parse_files(const struct opts *op, struct run *r, const struct sinks *sinks)
{
	struct strvec todo = { 0 };
	struct extract_opts o;
	uint64_t *todokeys = xcalloc(files.n + 1, sizeof(*todokeys));
	volatile size_t *next;
	size_t i, nhit = 0;
	char *fp;
	int j, status, rc = 0;
	pid_t pid;

	for (i = 0; i < files.n; i++) {
		fp = cache_path(op->cache, r->keys[i]);
		if (access(fp, F_OK) == 0)
			nhit++;
		else {
			todokeys[todo.n] = r->keys[i];
			strvec_push(&todo, files.v[i]);
		}
		free(fp);
	}
	fprintf(stderr, "sc-lint: %zu files (%zu of ports without a root "
	    "skipped), %zu cached, %zu to parse with %d workers\n", files.n,
	    r->nskip, nhit, todo.n, op->jobs);

	memset(&o, 0, sizeof(o));
	o.sysdir = r->sysabs;
	o.argv = r->args.v;
	o.argc = (int)r->args.n;
	o.stubdir = r->stubs;
	o.sinks = sinks;
	next = mmap(NULL, sizeof(*next), PROT_READ | PROT_WRITE,
	    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (next == MAP_FAILED) {
		fprintf(stderr, "sc-lint: mmap: %s\n", strerror(errno));
		return 2;
	}
	*next = 0;
	fflush(NULL);
	for (j = 0; j < op->jobs && todo.n > 0; j++) {
		if ((pid = fork()) == -1) {
			fprintf(stderr, "sc-lint: fork: %s\n", strerror(errno));
			return 2;
		}
		if (pid == 0)
			worker(todo.v, todo.n, todokeys, next, &o, op->cache);
	}
	while (wait(&status) > 0)
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
			fprintf(stderr, "sc-lint: a worker failed\n");
			rc = 2;
		}
	return rc;
}

/* Every file's facts -> the call graph -> findings.tsv and the rest. */
static int
link_and_report(const struct opts *op, const struct run *r,
    const struct sinks *sinks)
{
	struct lintresult res;
	struct graph *g;
	char err[512], *fp;
	size_t i;
	int rc;

	g = graph_new();
	graph_set_config(g, r->cfg);
	for (i = 0; i < files.n; i++) {
		fp = cache_path(op->cache, r->keys[i]);
		if (graph_load_facts(g, fp, sinks) != 0) {
			fprintf(stderr, "sc-lint: %s: %s\n", fp,
			    strerror(errno));
			return 2;
		}
		free(fp);
	}
	graph_link(g, sinks, &res);
	if (op->expected != NULL &&
	    accept_apply(op->expected, &res, err, sizeof(err)) != 0) {
		fprintf(stderr, "sc-lint: %s\n", err);
		return 2;
	}
	rc = report_write(op->outdir, &res, stdout);
	return rc < 0 ? 2 : rc;
}

int
main(int argc, char **argv)
{
	static struct run r;
	struct opts op;
	struct sinks sinks;
	char err[512];
	int rc;

	parse_options(argc, argv, &op);
	argc -= optind;
	argv += optind;
	if (realpath(op.sysdir, r.sysabs) == NULL) {
		fprintf(stderr, "sc-lint: %s: %s\n", op.sysdir,
		    strerror(errno));
		return 2;
	}
	r.syslen = strlen(r.sysabs);
	if (half_tree(r.sysabs))
		return 2;
	if (sinks_load(op.datafile, &sinks, err, sizeof(err)) != 0) {
		fprintf(stderr, "sc-lint: %s\n", err);
		return 2;
	}
	default_excludes(&op);
	if (make_dirs(&op) != 0)
		return 2;
	kernel_view(&op, &r);
	if (collect_files(argc, argv, &r) != 0 || key_files(&sinks, &r) != 0)
		return 2;
	keep_files(&op, &r);
	if ((rc = parse_files(&op, &r, &sinks)) != 0)
		return rc;
	return link_and_report(&op, &r, &sinks);
}
