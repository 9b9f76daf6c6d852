# strategy(9) contract and conformance suite.
#
#   make conformance NETBSD_KERNEL=<kernel> NETBSD_SYSDIR=<its sys/>
#   make conformance NETBSD_KERNELS="<dir> <dir>"   (each: netbsd, sys/)
#   make conformance [NETBSD=<release>|daily] [NETBSD_MIRROR=<url|dir>]
#   make test
#   make check-citations NETBSD_SRC=<sys> [NETBSD_SRC_OLD=<7.99.4 sys>]
#
# The kernel variables may also live in local.mk (not committed).  The
# NetBSD kernel is an input: nothing here builds it.  Given none, make
# conformance fetches NetBSD's own: the release's GENERIC kernel and
# sys/, checked against its SHA512 lists and cached under
# ${XDG_CACHE_HOME:-~/.cache}/strategy9/netbsd (conformance/host/
# netbsd-fetch.sh names the default release; NETBSD=daily is the newest
# NetBSD-daily HEAD build; NETBSD_MIRROR a mirror's pub/, or a copy).

-include local.mk

# On a NetBSD host the running kernel and /usr/src/sys are the default.
ifeq ($(shell uname -s),NetBSD)
ifneq ($(wildcard /netbsd),)
ifneq ($(wildcard /usr/src/sys/sys/param.h),)
NETBSD_KERNEL ?= /netbsd
NETBSD_SYSDIR ?= /usr/src/sys
endif
endif
endif
NETBSD_KERNEL ?=
NETBSD_SYSDIR ?=
NETBSD_KERNELS ?=
# Every kernel to run: the directories, and the kernel/sys pair.
KERNEL_ITEMS = $(NETBSD_KERNELS) \
	$(if $(NETBSD_KERNEL),$(NETBSD_KERNEL):$(NETBSD_SYSDIR))
# The same with absolute paths, for the tests (they run elsewhere).
KERNEL_ITEMS_ABS = $(foreach i,$(KERNEL_ITEMS),$(if $(findstring :,$(i)),$\
	$(abspath $(word 1,$(subst :, ,$(i)))):$\
	$(abspath $(word 2,$(subst :, ,$(i)))),$(abspath $(i))))
PROFILES ?= qemu-images/profiles/reference.profile \
	qemu-images/profiles/nvme.profile \
	qemu-images/profiles/base.profile \
	qemu-images/profiles/controllers.profile \
	qemu-images/profiles/q35-piix4.profile \
	qemu-images/profiles/q35-isa.profile \
	qemu-images/profiles/pseudo.profile
# Guests at a time, over both kernels at once: one per core.  make
# bench-matrix on 2 cores (2026-12-03, both lab kernels, all seven
# profiles): JOBS=2 cold 333-346 s, warm 232-238 s, every one of the
# 8757 cells the same verdict in both runs and in the JOBS=2 runs before
# them.
# JOBS=3 (before the restores and the slots' order were sped up) took
# 322-332 s cold and 251-259 s warm, but in 2 of its 4 runs the host's
# load reached into a timing verdict (7.99.4's floppy write over
# SC-ADV-1's 20 ms twice in a row, where it takes 1.3 ms alone): not the
# default while that can happen.
JOBS ?= $(shell nproc 2>/dev/null || echo 1)
EXPECTED ?= conformance/fixtures/expected.tsv
RUN ?= $(shell date -u +%Y%m%d-%H%M%S)
RESULTS ?= results/$(RUN)
# The hang timeout of every profile; unset: each profile's own hang= (120 s)
HANG_SECONDS ?=
# DEVICES=wd*,ref-sleep and CONTEXTS=thread,softint judge only those.
DEVICES ?=
CONTEXTS ?=
# Saved machines kept across runs (${XDG_CACHE_HOME:-~/.cache}/strategy9/
# machines, or STRATEGY9_MACHINES; at most STRATEGY9_MACHINES_MAX bytes,
# default 4G): a profile whose kernel, module, PID 1, boot image, QEMU and
# disks are those of an earlier run restores that run's machine instead of
# booting.  FRESH=1 restores none (this run's are still kept for the
# next); make clean-machines empties the cache.
FRESH ?=
MACHINES = $${STRATEGY9_MACHINES:-$${XDG_CACHE_HOME:-$$HOME/.cache}/strategy9/machines}
# The QEMU tier of make test: the profiles it runs on every kernel.
QEMU_TIER_PROFILES ?= reference nvme base

RUNNER = conformance/host/strategy-run
RUN_KERNELS = conformance/host/run-kernels.sh
# NetBSD's own kernels: the release NETBSD (default in the script, or
# "daily") from NETBSD_MIRROR, into the user's cache; prints its directory.
NETBSD ?=
NETBSD_MIRROR ?=
NETBSD_FETCH = NETBSD='$(NETBSD)' NETBSD_MIRROR='$(NETBSD_MIRROR)' \
	sh conformance/host/netbsd-fetch.sh
# One module build per sys/ tree: its version and a sum of its path.
KMOD_DIR = build/kmod/$(shell awk '\
	$$2 == "__NetBSD_Version__" { print $$3; exit }' \
	$(NETBSD_SYSDIR)/sys/param.h 2>/dev/null)-$(shell cd $(NETBSD_SYSDIR) \
	2>/dev/null && pwd -P | cksum | cut -d' ' -f1)
KMOD = $(KMOD_DIR)/strategy_checker.kmod

# Debian packages the build and the tests need.
# Every program a profile runs is in strategy-run's tools.c, which stops
# a run before its first boot when one is missing; the tests hold the
# two lists together (runner_test:deps_cover_tools).
DEB_PACKAGES = make gcc libc6-dev binutils libatf-dev atf-sh kyua mandoc \
	qemu-system-x86 qemu-utils grub-pc-bin grub-common xorriso mtools \
	gdisk makefs libclang-dev
# The report tests: a browser to render report.html (zlib to read its
# screenshot) and a JUnit consumer to read junit.xml.
DEB_PACKAGES += zlib1g-dev chromium fonts-dejavu-core python3-junitparser \
	libxml2-utils
# NetBSD's own kernels when none is given: curl fetches them; the test's
# loopback mirror is python3's http.server.
DEB_PACKAGES += curl python3

all: host checklist

# The library first: every tool below links conformance/lib's
# libstrategy9.a (each also asks for it, so that one alone builds).
host:
	$(MAKE) -C conformance/lib
	$(MAKE) -C conformance/host
	$(MAKE) -C conformance/static
	$(MAKE) -C conformance/report
	$(MAKE) -C conformance/tests

checklist:
	$(MAKE) -C spec checklist

module: host
	@if [ -z "$(NETBSD_SYSDIR)" ]; then \
	    echo "make module: set NETBSD_SYSDIR to the sys/ tree of the target kernel" >&2; \
	    exit 2; fi
	$(MAKE) -C conformance/kern NETBSD_SYSDIR=$(abspath $(NETBSD_SYSDIR)) \
	    OBJDIR=$(abspath $(KMOD_DIR))
	@echo "module: $(KMOD)"

# The guest's PID 1, sc-init, for the kernel of NETBSD_SYSDIR.
# (No "#" in the awk program: make 4.3 keeps the backslash of "\#"
# inside $(shell), and KMOD_DIR's version comes out empty there.)
INIT_DIR = build/init/$(shell awk '$$2 == "__NetBSD_Version__" && \
	$$3 ~ /^[0-9]+$$/ { print $$3; exit }' \
	$(NETBSD_SYSDIR)/sys/param.h 2>/dev/null)-$(shell cd $(NETBSD_SYSDIR) \
	2>/dev/null && pwd -P | cksum | cut -d' ' -f1)
init:
	@if [ -z "$(NETBSD_SYSDIR)" ]; then \
	    echo "make init: set NETBSD_SYSDIR to the sys/ tree of the target kernel" >&2; \
	    exit 2; fi
	$(MAKE) -C conformance/init NETBSD_SYSDIR=$(abspath $(NETBSD_SYSDIR)) \
	    OBJDIR=$(abspath $(INIT_DIR))
	@echo "init: $(INIT_DIR)/sc-init"

# Every kernel in turn (its own module build), then side by side.
# With no kernel given, a NetBSD release fetched and verified instead.
conformance: host
	@$(RUNNER) check $(PROFILES:%=-p %) >/dev/null || exit 2; \
	kernels='$(strip $(KERNEL_ITEMS))'; \
	[ -n "$$kernels" ] || kernels=$$($(NETBSD_FETCH)) || exit $$?; \
	rc=0; sh $(RUN_KERNELS) -o $(RESULTS) $(PROFILES:%=-p %) -j $(JOBS) \
	    -e $(EXPECTED) $(if $(HANG_SECONDS),-t $(HANG_SECONDS)) \
	    $(if $(DEVICES),-D $(DEVICES)) $(if $(CONTEXTS),-C $(CONTEXTS)) \
	    $(if $(filter-out 0 no,$(FRESH)),-F) -- $$kernels || rc=$$?; \
	trees=$$(sh conformance/static/lint-trees.sh -l -- $(LINT_SYSDIRS) \
	    $$kernels); \
	if [ -n "$$trees" ]; then \
	    $(MAKE) -s -C conformance/static && \
	    $(LINT) -- $$trees || { [ $$rc -ne 0 ] || rc=1; }; fi; \
	$(MAKE) -s report RESULTS=$(RESULTS) || { [ $$rc -ne 0 ] || rc=1; }; \
	exit $$rc

# The same matrix REPEAT times (RESULTS-1 ... RESULTS-N), then every
# verdict that differs between the runs, with each run's detail: a
# verdict a reviewer relies on must come out the same every time.
REPEAT ?= 3
repeat: host
	@rc=0; i=1; runs=; while [ $$i -le $(REPEAT) ]; do \
	    echo "== run $$i of $(REPEAT): $(RESULTS)-$$i" >&2; \
	    $(MAKE) -s conformance RESULTS=$(RESULTS)-$$i || rc=1; \
	    runs="$$runs $(RESULTS)-$$i"; i=$$((i + 1)); done; \
	sh conformance/host/verdict-diff.sh $$runs || rc=1; exit $$rc

# Restores against cold boots, side by side on this machine.
bench: host
	@if [ -z "$(strip $(KERNEL_ITEMS))" ]; then \
	    echo "make bench: set NETBSD_KERNEL and NETBSD_SYSDIR, or NETBSD_KERNELS" >&2; \
	    exit 2; fi
	sh conformance/host/bench.sh -o $(RESULTS)-bench $(PROFILES:%=-p %) \
	    -- $(KERNEL_ITEMS)

# The whole matrix twice: cold (an empty cache of saved machines, its own
# under RESULTS-matrix/, the user's untouched), then warm (the machines
# the cold run kept); per profile and in total boots, restores, cases,
# waiting and wall for each, into RESULTS-matrix/bench.tsv too; and the
# two runs' verdicts, which must be the same.
bench-matrix: host
	@kernels='$(strip $(KERNEL_ITEMS))'; \
	if [ -z "$$kernels" ]; then \
	    echo "make bench-matrix: set NETBSD_KERNELS (both lab kernels)" >&2; \
	    exit 2; fi; \
	sh conformance/host/bench-matrix.sh -o $(RESULTS)-matrix \
	    $(PROFILES:%=-p %) -j $(JOBS) -e $(EXPECTED) -- $$kernels

# The reports of a run, or of the shards of one made on several machines
# (one results/<run>/ each), from the result files alone:
#   make report RESULTS="dir1 dir2 ..." [REPORT=dir]
# REPORT defaults to the run's own directory, or results/merged-<time> for
# several.  Shards that disagree are refused (exit 2).
REPORT ?= $(if $(word 2,$(RESULTS)),results/merged-$(RUN),$(RESULTS))

report:
	@$(MAKE) -s -C conformance/report
	conformance/report/strategy-report -s spec/strategy-contract.md \
	    -o $(REPORT) $(RESULTS)

# The host tier always runs; the QEMU tier runs where a kernel is given
# and reports itself skipped, with the reason, where none is.
test: host
	@sh conformance/tests/kyua-summary.sh \
	    $(if $(strip $(KERNEL_ITEMS)),-v "test_suites.strategy9.netbsd_kernels=$(strip $(KERNEL_ITEMS_ABS))" \
	        -v "test_suites.strategy9.strategy_profiles=$(QEMU_TIER_PROFILES)" \
	        -v test_suites.strategy9.strategy_results=$(abspath build/qemu-tier))

# The static tier: every strategy path of the tree's drivers, by libclang,
# into the run's directory, RESULTS/static/<release of the tree>/, where
# strategy-report reads it beside the dynamic tier's results of the
# kernel of that release.
#   make lint LINT_SYSDIRS="<sys> ..." [RESULTS=results/<run>]
# LINT_SYSDIRS defaults to NETBSD_SYSDIR.  make conformance runs it too,
# on LINT_SYSDIRS and on every kernel's sys/ that holds the sources.
LINT_JOBS ?= $(shell nproc 2>/dev/null || echo 2)
LINT_SYSDIRS ?= $(NETBSD_SYSDIR)
LINT_ACCEPTED ?= conformance/static/accepted.tsv
LINT = sh conformance/static/lint-trees.sh -j $(LINT_JOBS) \
	-c build/lint-cache -d conformance/static/sleepers.tsv \
	-e $(LINT_ACCEPTED) -o $(RESULTS)/static
lint:
	@if [ -z "$(strip $(LINT_SYSDIRS))" ]; then \
	    echo "make lint: set LINT_SYSDIRS (or NETBSD_SYSDIR) to sys/ trees with their .c files" >&2; \
	    exit 2; fi
	$(MAKE) -C conformance/static
	$(LINT) -- $(LINT_SYSDIRS)

# Every file:line citation of spec/ and man9/ against a sys/ tree with
# sources; [7.99.4] ones against NETBSD_SRC_OLD (skipped without it).
check-citations:
	@if [ -z "$(NETBSD_SRC)" ]; then \
	    echo "make check-citations: set NETBSD_SRC to a sys/ tree with its .c files" >&2; \
	    exit 2; \
	fi
	sh spec/check-citations $(if $(NETBSD_SRC_OLD),-o $(NETBSD_SRC_OLD)) $(NETBSD_SRC)

deps:
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $(DEB_PACKAGES)

clean:
	$(MAKE) -C conformance/lib clean
	$(MAKE) -C conformance/host clean
	$(MAKE) -C conformance/report clean
	$(MAKE) -C conformance/tests clean
	$(MAKE) -C conformance/static clean
	$(MAKE) -C conformance/kern clean
	rm -rf build

# The saved machines kept across runs (make clean leaves them).
clean-machines:
	rm -rf "$(MACHINES)"

.PHONY: all host checklist module init conformance repeat bench test lint \
	deps clean clean-machines bench-matrix report \
	check-citations
