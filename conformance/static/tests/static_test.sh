#! /usr/bin/env atf-sh
# The static tier (sc-lint) on the project's own code: the reference
# pseudo-disks of the checker module must each get exactly the finding
# their behaviour plants, and the fixtures must show the function-pointer
# and cross-file resolution.  No kernel and no NetBSD tree: the sources
# are parsed against the stand-in headers in include/, because without
# declarations of struct bdevsw, the mutex types and KM_SLEEP the front
# end could find neither the root nor the flag values.

lint() {
	S=$(atf_get_srcdir)
	LINT=$S/../sc-lint
	[ -x "$LINT" ] || atf_fail "$LINT not built: run make -C conformance/static"
	"$LINT" -s "$S/include" -c cache -d "$S/../sleepers.tsv" -o out "$@"
}

# The non-unresolved findings of out/findings.tsv as
# "root|clause|kind|sink|condition".
findings() {
	awk -F'\t' 'NR > 1 && $4 != "unresolved" {
		print $2 "|" $3 "|" $4 "|" $7 "|" $6 }' out/findings.tsv
}

atf_test_case refdisks
refdisks_head() {
	atf_set descr "each reference disk gets exactly its planted finding"
}
refdisks_body() {
	lint "$(atf_get_srcdir)/../../kern/sc_refdisk.c" >stdout 2>stderr
	[ $? -eq 1 ] || atf_fail "exit status is not 1 (new findings)"
	findings >all
	# ref-<name>: the mode constant that selects it, and its finding.
	# Every other disk (ok, twice, lost, resid, panic, and any added
	# since) must get none: a finding no mode selects would apply to
	# all of them, ref-ok included; one another mode selects is wrong.
	cat >planted <<'PLANTED'
SCREF_SLEEP|SC-SLP-1|sleep|kpause
SCREF_QFULL|SC-SLP-1|sleep|cv_wait
SCREF_MUTEX|SC-SLP-2|adaptive-lock|mutex_enter
SCREF_SPIN|SC-ADV-1|busy-wait|DELAY
PLANTED
	while IFS='|' read -r root clause kind sink cond; do
		mode=$(printf '%s\n' "$cond" |
		    grep -oE '(case |== )SCREF_[A-Z]+' | sed 's/.* //' | sort -u)
		[ -n "$mode" ] || atf_fail "ref-ok and every disk get $clause $sink ($cond)"
		[ $(printf '%s\n' "$mode" | wc -l) -eq 1 ] ||
		    atf_fail "$sink selected by several modes: $cond"
		grep -qx "$mode|$clause|$kind|$sink" planted ||
		    atf_fail "unexpected finding for $mode: $clause $kind $sink ($cond)"
	done <all
	while IFS='|' read -r mode clause kind sink; do
		n=$(awk -F'|' -v m="$mode" -v c="$clause" -v s="$sink" \
		    '$2 == c && $4 == s && $5 ~ m "([^A-Z_]|$)"' all | wc -l)
		[ "$n" -eq 1 ] || atf_fail "$mode: $n findings $clause $sink, want 1"
	done <planted
	# ref-qfull sleeps only when the queue is full: the chain says so.
	grep 'SCREF_QFULL' all | grep -q 'r_npending >= SCREF_QMAX' ||
	    atf_fail "ref-qfull's cv_wait is not conditional on a full queue"
	# ref-sleep's kpause has no condition other than its mode.
	grep '|kpause|' all | grep -qx '.*|scref_strategy: switch (mode) case SCREF_SLEEP' ||
	    atf_fail "ref-sleep's kpause is not unconditional"
	grep -q 'mutex_enter(scref.r_contended)' out/findings.tsv ||
	    atf_fail "the adaptive lock is not traced to r_contended"
	atf_check -o match:'^driver	root	clause	kind	chain	condition' \
	    head -1 out/findings.tsv
	atf_check -o match:'^scref	scref_strategy	' grep scref out/drivers.tsv
}

atf_test_case fields
fields_head() {
	atf_set descr "calls through struct fields and across files resolve"
}
fields_body() {
	F=$(atf_get_srcdir)/fixtures
	lint "$F/fx_disk.c" "$F/fx_hw.c" "$F/fx_alt.c" >stdout 2>stderr
	findings | grep '^fxstrategy|' >fx
	# positional initialiser in fx_hw.c, assignment in fx_alt.c
	grep -q '|kmem_alloc|$' fx || atf_fail "fx_hw_start (positional) not reached"
	grep -q '|tsleep|$' fx || atf_fail "fx_alt_start (assignment) not reached"
	atf_check -o match:'\[fx_ops.op_start\] fx_hw_start' cat out/findings.tsv
	atf_check -o match:'\[fx_ops.op_start\] fx_alt_start' cat out/findings.tsv
	# across files: fx_submit is in fx_hw.c
	atf_check -o match:'fxstrategy \(.*fx_disk.c:[0-9]+\) -> fx_submit \(.*fx_hw.c:[0-9]+\) -> mutex_enter\(fx_softc.sc_alock\)' \
	    cat out/findings.tsv
	# the run-time flag: conditional, with its text
	grep -q '|kmem_zalloc|kmem_zalloc: sc->sc_waitok ? KM_SLEEP : KM_NOSLEEP' fx ||
	    atf_fail "kmem_zalloc with a run-time flag is not conditional"
	grep -q '|SC-ADV-1|busy-wait|DELAY|fx_submit: for' fx ||
	    atf_fail "DELAY in a loop not found"
	# what must not be there: op_stop's kpause, PR_NOWAIT, the spin
	# mutex, the short DELAY outside the loop
	for s in kpause pool_get 'mutex_enter(fx_softc.sc_lock)'; do
		! grep -qF "$s" out/findings.tsv || atf_fail "$s reported"
	done
	[ $(grep -c '|DELAY|' fx) -eq 1 ] || atf_fail "DELAY(2) reported"
	# the positional dkdriver is a root of the file's bdevsw driver
	atf_check -o match:'^fx	fxdkstrategy	' cat out/drivers.tsv
	findings | grep -q '^fxdkstrategy|SC-SLP-1|sleep|cv_wait|fx_dk_wait: while' ||
	    atf_fail "fxdkstrategy's cv_wait not found"
}

atf_test_case expectations
expectations_head() {
	atf_set descr "the exit status means new findings; the cache is used"
}
expectations_body() {
	R=$(atf_get_srcdir)/../../kern/sc_refdisk.c
	printf '# accepted\nscref\t*\tscref_strategy\t*\tplanted\n' >all.tsv
	lint -e all.tsv "$R" >stdout 2>stderr ||
	    atf_fail "findings all listed, yet the exit status is not 0"
	atf_check -s exit:0 -o ignore -e match:'1 cached, 0 to parse' \
	    "$LINT" -s "$S/include" -c cache -d "$S/../sleepers.tsv" -o out \
	    -e all.tsv "$R"
	atf_check -o match:'	expected$' cat out/findings.tsv
	printf 'scref\tSC-SLP-1\tscref_strategy\tkpause\tplanted\n' >one.tsv
	lint -e one.tsv "$R" >stdout 2>stderr
	[ $? -eq 1 ] || atf_fail "unlisted findings did not make the exit status 1"
	atf_check -o match:'^scref	scref_strategy	.*	new$' cat out/drivers.tsv
}

atf_init_test_cases() {
	atf_add_test_case refdisks
	atf_add_test_case fields
	atf_add_test_case expectations
}
