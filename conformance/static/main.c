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

int
main(int argc, char **argv)
{
	const char *sysdir = NULL, *outdir = NULL, *cache = "build/lint-cache";
	const char *datafile = "conformance/static/sleepers.tsv";
	const char *expected = NULL;
	struct strvec rooted = { 0 }, kept = { 0 }, rootfiles = { 0 };
	struct strvec arch = { 0 };
	struct config *cfg;
	char *confdir;
	uint64_t confh;
	unsigned char homes[CONFIG_MAXPORT] = { 0 };
	char *port;
	size_t k, nskip = 0;
	int allports = 0;
	uint64_t *keptkeys;
	struct strvec args = { 0 }, extra = { 0 }, todo = { 0 };
	struct sinks sinks;
	struct extract_opts o;
	struct lintresult res;
	struct graph *g;
	char err[512], sysabs[PATH_MAX], *inc, *stubs, *p, *text, *fp;
	uint64_t h, flagh, *keys, *todokeys;
	size_t i, len, nhit = 0;
	volatile size_t *next;
	int ch, jobs = 2, j, status, rc = 0, nexclude = 0;
	pid_t pid;

	jobs = (int)sysconf(_SC_NPROCESSORS_ONLN);
	if (jobs < 1)
		jobs = 1;
	while ((ch = getopt(argc, argv, "Ac:d:e:I:j:o:s:x:")) != -1) {
		switch (ch) {
		case 'A': allports = 1; break;
		case 'c': cache = optarg; break;
		case 'd': datafile = optarg; break;
		case 'e': expected = optarg; break;
		case 'I': strvec_push(&extra, optarg); break;
		case 'j': jobs = atoi(optarg); break;
		case 'o': outdir = optarg; break;
		case 's': sysdir = optarg; break;
		case 'x': strvec_push(&excludes, optarg); nexclude++; break;
		default: usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (sysdir == NULL || outdir == NULL || jobs < 1)
		usage();
	if (realpath(sysdir, sysabs) == NULL) {
		fprintf(stderr, "sc-lint: %s: %s\n", sysdir, strerror(errno));
		return 2;
	}
	if (half_tree(sysabs))
		return 2;
	if (sinks_load(datafile, &sinks, err, sizeof(err)) != 0) {
		fprintf(stderr, "sc-lint: %s\n", err);
		return 2;
	}
	/* Boot loaders and their libraries are not the kernel. */
	if (nexclude == 0) {
		strvec_push(&excludes, "*/stand/*");
		strvec_push(&excludes, "stand/*");
		strvec_push(&excludes, "lib/libsa/*");
		/* rump is the kernel rebuilt for a userland host: its own
		 * mutex_enter, kpause, ... would join the kernel's. */
		strvec_push(&excludes, "rump/*");
	}
	/*
	 * Imported code that holds no disk driver and that no strategy
	 * path reaches (graphics, ACPI's interpreter, crypto, a wireless
	 * HAL, EFI, the BPF JIT, the packet filter): a third of the parse
	 * for no chain.  Checked on both trees against -A, which reads
	 * them: the findings are the same.
	 */
	if (nexclude == 0 && !allports) {
		strvec_push(&excludes, "external/bsd/drm2/*");
		strvec_push(&excludes, "external/bsd/drm/*");
		strvec_push(&excludes, "external/bsd/acpica/*");
		strvec_push(&excludes, "external/isc/libsodium/*");
		strvec_push(&excludes, "external/isc/atheros_hal/*");
		strvec_push(&excludes, "external/bsd/gnu-efi/*");
		strvec_push(&excludes, "external/bsd/sljit/*");
		strvec_push(&excludes, "external/bsd/ipf/*");
	}
	if (mkdirs(outdir) != 0 || mkdirs(cache) != 0) {
		fprintf(stderr, "sc-lint: %s: %s\n", outdir, strerror(errno));
		return 2;
	}
	for (i = 0; i < 256; i++) {
		p = xasprintf("%s/%02zx", cache, i);
		mkdirs(p);
		free(p);
	}

	/*
	 * As a kernel build sees the tree: machine/ and the port
	 * directories through links, generated headers as empty stubs.
	 */
	inc = xasprintf("%s/include", cache);
	stubs = xasprintf("%s/stubs", cache);
	mkdirs(inc);
	mkdirs(stubs);
	link_dir(inc, "machine", sysabs, "arch/amd64/include");
	link_dir(inc, "amd64", sysabs, "arch/amd64/include");
	link_dir(inc, "x86", sysabs, "arch/x86/include");
	link_dir(inc, "i386", sysabs, "arch/i386/include");
	/* options XEN (amd64 GENERIC's PVHVM) includes <xen/...> */
	link_dir(inc, "xen", sysabs, "arch/xen/include");
	/* The ports' files.*, and the headers config(1) would write. */
	cfg = config_load(sysabs, archdirs(sysabs, &arch));
	confdir = xasprintf("%s/config", cache);
	mkdirs(confdir);
	confh = config_headers(cfg, confdir);
	strvec_push(&args, "-target");
	strvec_push(&args, "x86_64-unknown-netbsd");
	strvec_push(&args, "-std=gnu99");
	strvec_push(&args, "-nostdinc");
	strvec_push(&args, "-ffreestanding");
	strvec_push(&args, "-fno-spell-checking");
	strvec_push(&args, "-ferror-limit=0");
	strvec_push(&args, "-Wno-everything");
	strvec_push(&args, "-D_KERNEL");
	strvec_push(&args, "-D_KERNEL_OPT");
	strvec_push(&args, "-D__x86_64__");
	for (i = 0; i < extra.n; i++)
		strvec_pushf(&args, "-I%s", extra.v[i]);
	if (cfg != NULL)
		strvec_pushf(&args, "-I%s", confdir);
	strvec_pushf(&args, "-I%s", stubs);
	strvec_pushf(&args, "-I%s", inc);
	strvec_pushf(&args, "-I%s", sysabs);
	strvec_pushf(&args, "-I%s/../common/include", sysabs);
	/* amd64's EXTRA_INCLUDES, for options XEN (GENERIC's XENPVHVM) */
	p = xasprintf("%s/external/mit/xen-include-public/dist", sysabs);
	if (access(p, F_OK) == 0)
		strvec_pushf(&args, "-I%s", p);
	free(p);

	if (argc > 0) {
		for (j = 0; j < argc; j++) {
			if (realpath(argv[j], err) == NULL) {
				fprintf(stderr, "sc-lint: %s: %s\n", argv[j],
				    strerror(errno));
				return 2;
			}
			strvec_push(&files, err);
		}
	} else {
		walk_root = sysabs;
		if (nftw(sysabs, add_c, 32, FTW_PHYS) != 0) {
			fprintf(stderr, "sc-lint: %s: %s\n", sysabs,
			    strerror(errno));
			return 2;
		}
	}
	qsort(files.v, files.n, sizeof(*files.v), cmp);

	/* The key of a TU: its text, the arguments, the data file. */
	flagh = hash_bytes(HASH_INIT, LINT_VERSION, strlen(LINT_VERSION));
	flagh = hash_bytes(flagh, &sinks.hash, sizeof(sinks.hash));
	flagh = hash_bytes(flagh, &confh, sizeof(confh));
	flagh = hash_bytes(flagh, sysabs, strlen(sysabs));
	for (i = 0; i < args.n; i++)
		flagh = hash_bytes(flagh, args.v[i], strlen(args.v[i]) + 1);
	keys = xcalloc(files.n + 1, sizeof(*keys));
	todokeys = xcalloc(files.n + 1, sizeof(*todokeys));
	for (i = 0; i < files.n; i++) {
		if ((text = read_file(files.v[i], &len)) == NULL) {
			fprintf(stderr, "sc-lint: %s: %s\n", files.v[i],
			    strerror(errno));
			return 2;
		}
		h = hash_bytes(flagh, files.v[i], strlen(files.v[i]) + 1);
		keys[i] = hash_bytes(h, text, len);
		port = strncmp(files.v[i], sysabs, strlen(sysabs)) == 0 ?
		    port_of(files.v[i] + strlen(sysabs) + 1) : NULL;
		if (port != NULL && !amd64_port(port) && declares_root(text))
			strvec_push(&rooted, port);
		if (declares_root(text) &&
		    strncmp(files.v[i], sysabs, strlen(sysabs)) == 0)
			strvec_push(&rootfiles, files.v[i] + strlen(sysabs) + 1);
		free(port);
		free(text);
	}
	/*
	 * The ports' files.*: a rooted file's port is read (config_home:
	 * the port its driver's chains resolve in), and so is every file
	 * that port builds.
	 */
	for (i = 0; cfg != NULL && i < rootfiles.n; i++)
		if ((k = (size_t)config_home(cfg, rootfiles.v[i])) !=
		    (size_t)-1 && (int)k != config_amd64(cfg))
			homes[k] = 1;
	/* Keep the files of the MI tree, amd64's ports and rooted ports. */
	keptkeys = xcalloc(files.n + 1, sizeof(*keptkeys));
	for (i = 0; i < files.n; i++) {
		port = strncmp(files.v[i], sysabs, strlen(sysabs)) == 0 ?
		    port_of(files.v[i] + strlen(sysabs) + 1) : NULL;
		for (k = 0; port != NULL && !allports && !amd64_port(port) &&
		    k < rooted.n; k++)
			if (strcmp(rooted.v[k], port) == 0)
				break;
		if (port != NULL && !allports && !amd64_port(port) &&
		    k == rooted.n && !home_builds(cfg, homes,
		    files.v[i] + strlen(sysabs) + 1)) {
			nskip++;
			free(port);
			continue;
		}
		free(port);
		keptkeys[kept.n] = keys[i];
		strvec_push(&kept, files.v[i]);
	}
	files = kept;
	keys = keptkeys;
	for (i = 0; i < files.n; i++) {
		fp = cache_path(cache, keys[i]);
		if (access(fp, F_OK) == 0)
			nhit++;
		else {
			todokeys[todo.n] = keys[i];
			strvec_push(&todo, files.v[i]);
		}
		free(fp);
	}
	fprintf(stderr, "sc-lint: %zu files (%zu of ports without a root "
	    "skipped), %zu cached, %zu to parse with %d workers\n", files.n,
	    nskip, nhit, todo.n, jobs);

	memset(&o, 0, sizeof(o));
	o.sysdir = sysabs;
	o.argv = args.v;
	o.argc = (int)args.n;
	o.stubdir = stubs;
	o.sinks = &sinks;
	next = mmap(NULL, sizeof(*next), PROT_READ | PROT_WRITE,
	    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (next == MAP_FAILED) {
		fprintf(stderr, "sc-lint: mmap: %s\n", strerror(errno));
		return 2;
	}
	*next = 0;
	fflush(NULL);
	for (j = 0; j < jobs && todo.n > 0; j++) {
		if ((pid = fork()) == -1) {
			fprintf(stderr, "sc-lint: fork: %s\n", strerror(errno));
			return 2;
		}
		if (pid == 0)
			worker(todo.v, todo.n, todokeys, next, &o, cache);
	}
	while (wait(&status) > 0)
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
			fprintf(stderr, "sc-lint: a worker failed\n");
			rc = 2;
		}
	if (rc != 0)
		return rc;

	g = graph_new();
	graph_set_config(g, cfg);
	for (i = 0; i < files.n; i++) {
		fp = cache_path(cache, keys[i]);
		if (graph_load_facts(g, fp, &sinks) != 0) {
			fprintf(stderr, "sc-lint: %s: %s\n", fp,
			    strerror(errno));
			return 2;
		}
		free(fp);
	}
	graph_link(g, &sinks, &res);
	if (expected != NULL &&
	    accept_apply(expected, &res, err, sizeof(err)) != 0) {
		fprintf(stderr, "sc-lint: %s\n", err);
		return 2;
	}
	rc = report_write(outdir, &res, stdout);
	return rc < 0 ? 2 : rc;
}
