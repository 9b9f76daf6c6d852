# strategy(9) contract and conformance suite.
#
#   make conformance NETBSD_KERNEL=<kernel> NETBSD_SYSDIR=<its sys/>
#   make conformance NETBSD_KERNELS="<dir> <dir>"   (each: netbsd, sys/)
#   make test
#
# The kernel variables may also live in local.mk (not committed).  The
# NetBSD kernel is an input: nothing here builds it.

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
	qemu-images/profiles/pseudo.profile
# A guest has two CPUs and keeps one busy watching the calls: more guests
# than cores/2 at once would stretch the times SC-ADV-1 measures.
JOBS ?= $(shell n=$$(( $$(nproc) / 2 )); [ $$n -ge 1 ] || n=1; echo $$n)
EXPECTED ?= conformance/fixtures/expected.tsv
RUN ?= $(shell date -u +%Y%m%d-%H%M%S)
RESULTS ?= results/$(RUN)
# The hang timeout of every profile; unset: each profile's own hang= (120 s)
HANG_SECONDS ?=
# DEVICES=wd*,ref-sleep and CONTEXTS=thread,softint judge only those.
DEVICES ?=
CONTEXTS ?=
# The QEMU tier of make test: the profiles it runs on every kernel.
QEMU_TIER_PROFILES ?= reference nvme base

RUNNER = conformance/host/strategy-run
RUN_KERNELS = conformance/host/run-kernels.sh
# One module build per sys/ tree: its version and a sum of its path.
KMOD_DIR = build/kmod/$(shell awk '\
	$$2 == "__NetBSD_Version__" { print $$3; exit }' \
	$(NETBSD_SYSDIR)/sys/param.h 2>/dev/null)-$(shell cd $(NETBSD_SYSDIR) \
	2>/dev/null && pwd -P | cksum | cut -d' ' -f1)
KMOD = $(KMOD_DIR)/strategy_checker.kmod

# Debian packages the build and the tests need.
DEB_PACKAGES = make gcc libc6-dev binutils libatf-dev atf-sh kyua mandoc \
	qemu-system-x86 qemu-utils grub-pc-bin grub-common xorriso mtools \
	libclang-dev
# The report tests: a browser to render report.html (zlib to read its
# screenshot) and a JUnit consumer to read junit.xml.
DEB_PACKAGES += zlib1g-dev chromium fonts-dejavu-core python3-junitparser \
	libxml2-utils

all: host checklist

host:
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
conformance: host
	@if [ -z "$(strip $(KERNEL_ITEMS))" ]; then \
	    echo "make conformance: set NETBSD_KERNEL and NETBSD_SYSDIR (a NetBSD/amd64 kernel with options MODULAR and its sys/), or NETBSD_KERNELS" >&2; \
	    exit 2; fi
	@rc=0; sh $(RUN_KERNELS) -o $(RESULTS) $(PROFILES:%=-p %) -j $(JOBS) \
	    -e $(EXPECTED) $(if $(HANG_SECONDS),-t $(HANG_SECONDS)) \
	    $(if $(DEVICES),-D $(DEVICES)) $(if $(CONTEXTS),-C $(CONTEXTS)) \
	    -- $(KERNEL_ITEMS) || rc=$$?; \
	$(MAKE) -s report RESULTS=$(RESULTS) || { [ $$rc -ne 0 ] || rc=1; }; \
	exit $$rc

# Restores against cold boots, side by side on this machine.
bench: host
	@if [ -z "$(strip $(KERNEL_ITEMS))" ]; then \
	    echo "make bench: set NETBSD_KERNEL and NETBSD_SYSDIR, or NETBSD_KERNELS" >&2; \
	    exit 2; fi
	sh conformance/host/bench.sh -o $(RESULTS)-bench $(PROFILES:%=-p %) \
	    -- $(KERNEL_ITEMS)

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

# The static tier: every strategy path of the tree's drivers, by libclang.
# LINT_MATRIX: a dynamic run's matrix.tsv to cross-check (disagreements.tsv).
LINT_JOBS ?= $(shell nproc 2>/dev/null || echo 2)
lint:
	@if [ -z "$(NETBSD_SYSDIR)" ]; then \
	    echo "make lint: set NETBSD_SYSDIR to a sys/ tree with its .c files" >&2; \
	    exit 2; fi
	$(MAKE) -C conformance/static
	conformance/static/sc-lint -s $(NETBSD_SYSDIR) -j $(LINT_JOBS) \
	    -c build/lint-cache -d conformance/static/sleepers.tsv \
	    -e conformance/static/accepted.tsv -o results/lint-$(RUN) \
	    $(if $(LINT_MATRIX),-m $(LINT_MATRIX))

deps:
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $(DEB_PACKAGES)

clean:
	$(MAKE) -C conformance/host clean
	$(MAKE) -C conformance/report clean
	$(MAKE) -C conformance/tests clean
	$(MAKE) -C conformance/static clean
	rm -rf build

.PHONY: all host checklist module init conformance bench test lint deps clean report
