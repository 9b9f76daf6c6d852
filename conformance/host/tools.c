/* tools.c - the host programs a run needs: see tools.h. */
#include "tools.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* When a program is needed. */
#define NEED_ALWAYS	0x01	/* every boot: the GRUB image, QEMU */
#define NEED_SAVED	0x02	/* a machine that is saved and restored */
#define NEED_GPT	0x04	/* a disk of bus BUS_GPT */
#define NEED_FFS	0x08	/* an FFS image: BUS_FFS or the PID 1's root */

static const struct need {
	const char *program, *package, *why;
	int when;
} needs[] = {
	{ "grub-mkrescue", "grub-common", "the boot image", NEED_ALWAYS },
	{ "xorriso", "xorriso", "the boot image", NEED_ALWAYS },
	{ "mformat", "mtools", "the boot image", NEED_ALWAYS },
	{ "qemu-img", "qemu-utils", "the saved machine's disks",
	    NEED_SAVED },
	{ "sgdisk", "gdisk", "the GPT disk of the wedges", NEED_GPT },
	{ "makefs", "makefs", "the FFS image of the pseudo-disks",
	    NEED_FFS },
	{ NULL, NULL, NULL, 0 }
};

char *
tool_path(const char *program)
{
	const char *path, *p, *end;
	char *file;

	if (strchr(program, '/') != NULL)
		return access(program, X_OK) == 0 ? xstrdup(program) : NULL;
	if ((path = getenv("PATH")) == NULL)
		path = "/usr/bin:/bin";
	for (p = path; ; p = end + 1) {
		end = strchr(p, ':');
		if (end == NULL)
			end = p + strlen(p);
		file = xasprintf("%.*s/%s", (int)(end - p),
		    end == p ? "." : p, program);
		if (access(file, X_OK) == 0)
			return file;
		free(file);
		if (*end == '\0')
			return NULL;
	}
}

int
tool_in_path(const char *program)
{
	char *file = tool_path(program);

	free(file);
	return file != NULL;
}

static int
profile_needs(const struct profile *p, int cold)
{
	int when = NEED_ALWAYS;
	size_t i;

	if (!cold)
		when |= NEED_SAVED;
	if (p->init)
		when |= NEED_FFS;
	for (i = 0; i < p->ndisks; i++) {
		const struct bus *b = bus_lookup(p->disks[i].bus);

		if (b != NULL && (b->flags & BUS_GPT))
			when |= NEED_GPT;
		if (b != NULL && (b->flags & BUS_FFS))
			when |= NEED_FFS;
	}
	return when;
}

static size_t
add_once(struct strvec *missing, char *line)
{
	size_t i;

	for (i = 0; i < missing->n; i++)
		if (strcmp(missing->v[i], line) == 0) {
			free(line);
			return 0;
		}
	strvec_push(missing, line);
	free(line);
	return 1;
}

size_t
tools_missing(const struct profile *p, const char *qemu, int cold,
    struct strvec *missing)
{
	const struct need *n;
	int when = profile_needs(p, cold);
	size_t added = 0;

	if (!tool_in_path(qemu))
		added += add_once(missing, xasprintf("%s (Debian package "
		    "qemu-system-x86): the machines", qemu));
	for (n = needs; n->program != NULL; n++)
		if ((n->when & when) && !tool_in_path(n->program))
			added += add_once(missing, xasprintf("%s (Debian "
			    "package %s): %s", n->program, n->package,
			    n->why));
	return added;
}
