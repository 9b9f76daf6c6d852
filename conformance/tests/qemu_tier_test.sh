#! /usr/bin/env atf-sh
# The QEMU tier: boot every configured NetBSD kernel with the checker
# module under the profiles and require the expectations to hold on each
# (conformance/fixtures/expected.tsv, by kernel version).
#
# kyua configuration variables (the top-level Makefile sets them):
#   netbsd_kernels   blank-separated kernels: directories with netbsd and
#                    sys/, or kernel:sysdir pairs (absolute paths)
# optional:
#   strategy_profiles  blank-separated profile names (default: reference base)
#   strategy_hang      hang timeout in seconds (default 120)
#   strategy_results   keep the results here (default: the test's work
#                      directory, removed by kyua)

# Skips, by name and with the reason, where the tier cannot run.
need_kernels() {
	if ! atf_config_has netbsd_kernels ||
	    [ -z "$(atf_config_get netbsd_kernels)" ]; then
		atf_skip "QEMU tier: no NetBSD kernel configured (make test NETBSD_KERNEL=... NETBSD_SYSDIR=..., or NETBSD_KERNELS=...)"
	fi
	command -v qemu-system-x86_64 >/dev/null 2>&1 ||
	    atf_skip "QEMU tier: qemu-system-x86_64 is not installed"
	command -v grub-mkrescue >/dev/null 2>&1 ||
	    atf_skip "QEMU tier: grub-mkrescue is not installed (grub-pc-bin)"
}

atf_test_case reference
reference_head() {
	atf_set descr "the checker under QEMU on every kernel: every result as expected (fixtures/expected.tsv)"
	atf_set timeout 3600
}
reference_body() {
	need_kernels
	kernels=$(atf_config_get netbsd_kernels)
	profiles=$(atf_config_get strategy_profiles "reference base")
	hang=$(atf_config_get strategy_hang 120)
	results=$(atf_config_get strategy_results "$PWD/results")
	src=$(atf_get_srcdir)
	# A guest has two CPUs and keeps one busy watching the calls: more
	# guests than cores/2 would stretch the times SC-ADV-1 measures.
	jobs=$(( $(nproc 2>/dev/null || echo 2) / 2 ))
	[ "$jobs" -ge 1 ] || jobs=1

	[ -x "$src/../host/strategy-run" ] ||
	    atf_fail "strategy-run not built: run make -C conformance/host"
	# The tier judges what boots give: its own cache of saved
	# machines, empty, never the user's.
	STRATEGY9_MACHINES=$PWD/machines
	export STRATEGY9_MACHINES

	set -- -o "$results" -e "$src/../fixtures/expected.tsv" -t "$hang" \
	    -j "$jobs"
	for p in $profiles; do
		set -- "$@" -p "$p"
	done
	# shellcheck disable=SC2086
	set -- "$@" -- $kernels
	echo "running: run-kernels.sh $*"
	sh "$src/../host/run-kernels.sh" "$@"
	rc=$?
	echo "results in $results"
	case $rc in
	0) ;;
	1) atf_fail "regression, broken result or failed boot on a kernel (exit 1; see stdout and $results)" ;;
	*) atf_fail "a kernel could not be run (exit $rc; see stderr)" ;;
	esac
}

atf_test_case ddb
ddb_head() {
	atf_set descr "a kernel that enters ddb on a panic: the runner answers the prompt, the panicking case gets its verdict and the cases after it run"
	atf_set timeout 1200
}
ddb_body() {
	need_kernels
	kernels=$(atf_config_get netbsd_kernels)
	hang=$(atf_config_get strategy_hang 120)
	results=$(atf_config_get strategy_results "$PWD/results")/ddb
	src=$(atf_get_srcdir)

	# ref-panic panics on a block past the end; onpanic=1 makes the lab
	# kernels (DDB_ONPANIC=0) stop in ddb as a release GENERIC does.
	# Cold boots (-R): a restored machine is stopped as soon as the
	# panic's own backtrace is out, which current prints before it enters
	# ddb, so only a guest left to itself shows the prompt.
	# shellcheck disable=SC2086
	sh "$src/../host/run-kernels.sh" -o "$results" -p reference -R \
	    -D ref-panic -C thread,softint -A onpanic=1 -t "$hang" \
	    -e "$src/../fixtures/expected.tsv" -- $kernels >out 2>err
	rc=$?
	cat out
	[ $rc -eq 0 ] || { cat err; atf_fail "run-kernels.sh exit $rc"; }
	for d in "$results"/*/; do
		grep -q 'ddb prompt: sending "bt"' err ||
		    atf_fail "no ddb prompt answered (see $results)"
		grep -q '^partial	yes' "$d/run.tsv" ||
		    atf_fail "$d/run.tsv does not say the run was partial"
		# the panicking case's clause, from the ddb backtrace
		grep -q "ref-panic	thread	eom-past	SC-ERR-1	fail	panic: ref-panic" \
		    "$d/reference/cases.tsv" || atf_fail "$d: eom-past not judged"
		# and the case after it ran in the next boot
		grep -q "ref-panic	thread	eom-cross	SC-ERR-1	pass" \
		    "$d/reference/cases.tsv" || atf_fail "$d: eom-cross did not run"
		cat "$d"/reference/console.*.log | grep -a -q 'db{[0-9]*}> *bt' ||
		    atf_fail "$d: no bt at the ddb prompt"
	done
}

atf_init_test_cases() {
	atf_add_test_case reference
	atf_add_test_case ddb
}
