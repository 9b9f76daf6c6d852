#! /usr/bin/env atf-sh
# The QEMU tier: boot the configured NetBSD kernel with the checker module
# under every profile and require the reference expectations to hold.
#
# kyua configuration variables (the top-level Makefile sets them):
#   netbsd_kernel    NetBSD/amd64 kernel with options MODULAR
#   netbsd_sysdir    its sys/ tree (the module was built against it)
#   strategy_module  the built strategy_checker.kmod
# optional:
#   strategy_profiles  blank-separated profile names (default: reference base)
#   strategy_hang      hang timeout in seconds (default 120)
#   strategy_results   keep the results here (default: the test's work
#                      directory, removed by kyua)

atf_test_case reference
reference_head() {
	atf_set descr "the checker under QEMU: every result as expected (fixtures/expected.tsv)"
	atf_set timeout 3600
}
reference_body() {
	if ! atf_config_has netbsd_kernel ||
	    [ -z "$(atf_config_get netbsd_kernel)" ]; then
		atf_skip "QEMU tier: no NetBSD kernel configured (make test NETBSD_KERNEL=... NETBSD_SYSDIR=...)"
	fi
	kernel=$(atf_config_get netbsd_kernel)
	module=$(atf_config_get strategy_module "")
	sysdir=$(atf_config_get netbsd_sysdir "")
	profiles=$(atf_config_get strategy_profiles "reference base")
	hang=$(atf_config_get strategy_hang 120)
	results=$(atf_config_get strategy_results "$PWD/results")
	src=$(atf_get_srcdir)
	# A guest has two CPUs and keeps one busy watching the calls: more
	# guests than cores/2 would stretch the times SC-ADV-1 measures.
	jobs=$(( $(nproc 2>/dev/null || echo 2) / 2 ))
	[ "$jobs" -ge 1 ] || jobs=1
	run=$src/../host/strategy-run

	[ -x "$run" ] || atf_fail "$run not built: run make -C conformance/host"
	[ -f "$kernel" ] || atf_fail "netbsd_kernel=$kernel: no such file"
	[ -n "$module" ] ||
	    atf_fail "strategy_module is not set (build the module: make module NETBSD_SYSDIR=$sysdir)"
	[ -f "$module" ] ||
	    atf_fail "strategy_module=$module: no such file (make module NETBSD_SYSDIR=$sysdir)"
	command -v qemu-system-x86_64 >/dev/null 2>&1 ||
	    atf_skip "QEMU tier: qemu-system-x86_64 is not installed"
	command -v grub-mkrescue >/dev/null 2>&1 ||
	    atf_skip "QEMU tier: grub-mkrescue is not installed (grub-pc-bin)"

	set -- -k "$kernel" -m "$module" -e "$src/../fixtures/expected.tsv" \
	    -t "$hang" -o "$results" -j "$jobs"
	for p in $profiles; do
		set -- "$@" -p "$p"
	done
	echo "running: $run $*"
	"$run" "$@"
	rc=$?
	echo "results in $results"
	[ -f "$results/matrix.tsv" ] && cat "$results/matrix.tsv"
	case $rc in
	0) ;;
	1) atf_fail "strategy-run: regression, broken result or failed boot (exit 1; see stdout and $results)" ;;
	*) atf_fail "strategy-run refused to run (exit $rc; see stderr)" ;;
	esac
}

atf_init_test_cases() {
	atf_add_test_case reference
}
