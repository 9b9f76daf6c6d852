# strategy(9) contract and conformance suite.
#
#   make conformance NETBSD_KERNEL=<kernel> NETBSD_SYSDIR=<its sys/>
#   make test
#
# NETBSD_KERNEL and NETBSD_SYSDIR may also live in local.mk (not
# committed).  The NetBSD kernel is an input: nothing here builds it.

-include local.mk

NETBSD_KERNEL ?=
NETBSD_SYSDIR ?=
PROFILES ?= qemu-images/profiles/reference.profile \
	qemu-images/profiles/base.profile
# A guest has two CPUs and keeps one busy watching the calls: more guests
# than cores/2 at once would stretch the times SC-ADV-1 measures.
JOBS ?= $(shell n=$$(( $$(nproc) / 2 )); [ $$n -ge 1 ] || n=1; echo $$n)
EXPECTED ?= conformance/fixtures/expected.tsv
RUN ?= $(shell date -u +%Y%m%d-%H%M%S)
RESULTS ?= results/$(RUN)
HANG_SECONDS ?= 120

KMOD = build/kmod/strategy_checker.kmod
RUNNER = conformance/host/strategy-run

# Debian packages the build and the tests need.
DEB_PACKAGES = make gcc libc6-dev binutils libatf-dev atf-sh kyua mandoc \
	qemu-system-x86 qemu-utils grub-pc-bin grub-common xorriso mtools
# The report tests: a browser to render report.html (zlib to read its
# screenshot) and a JUnit consumer to read junit.xml.
DEB_PACKAGES += zlib1g-dev chromium fonts-dejavu-core python3-junitparser \
	libxml2-utils

all: host checklist

host:
	$(MAKE) -C conformance/host
	$(MAKE) -C conformance/report
	$(MAKE) -C conformance/tests

checklist:
	$(MAKE) -C spec checklist

module: host
	@if [ -z "$(NETBSD_SYSDIR)" ]; then \
	    echo "make module: set NETBSD_SYSDIR to the sys/ tree of the target kernel" >&2; \
	    exit 2; fi
	$(MAKE) -C conformance/kern NETBSD_SYSDIR=$(abspath $(NETBSD_SYSDIR)) \
	    OBJDIR=$(abspath build/kmod)

conformance: module
	@if [ -z "$(NETBSD_KERNEL)" ]; then \
	    echo "make conformance: set NETBSD_KERNEL to a NetBSD/amd64 kernel with options MODULAR" >&2; \
	    exit 2; fi
	$(RUNNER) -k $(NETBSD_KERNEL) -m $(KMOD) $(PROFILES:%=-p %) \
	    -j $(JOBS) -e $(EXPECTED) -t $(HANG_SECONDS) -o $(RESULTS)

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
	@if [ -n "$(NETBSD_SYSDIR)" ]; then $(MAKE) module; fi
	@sh conformance/tests/kyua-summary.sh \
	    $(if $(NETBSD_KERNEL),-v test_suites.strategy9.netbsd_kernel=$(abspath $(NETBSD_KERNEL))) \
	    $(if $(NETBSD_SYSDIR),-v test_suites.strategy9.netbsd_sysdir=$(abspath $(NETBSD_SYSDIR)) \
	        -v test_suites.strategy9.strategy_module=$(abspath $(KMOD))) \
	    $(if $(NETBSD_KERNEL),-v test_suites.strategy9.strategy_results=$(abspath build/qemu-tier))

deps:
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $(DEB_PACKAGES)

clean:
	$(MAKE) -C conformance/host clean
	$(MAKE) -C conformance/report clean
	$(MAKE) -C conformance/tests clean
	rm -rf build

.PHONY: all host checklist module conformance test deps clean report
