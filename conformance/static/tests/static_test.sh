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
	atf_check -o match:'	expected	-	planted$' cat out/findings.tsv
	printf 'scref\tSC-SLP-1\tscref_strategy\tkpause\tplanted\n' >one.tsv
	lint -e one.tsv "$R" >stdout 2>stderr
	[ $? -eq 1 ] || atf_fail "unlisted findings did not make the exit status 1"
	atf_check -o match:'^scref	scref_strategy	.*	new	-$' cat out/drivers.tsv
}

atf_test_case passdown
passdown_head() {
	atf_set descr "a flag that is a parameter is followed back to the callers"
}
passdown_body() {
	lint "$(atf_get_srcdir)/fixtures/pass/fp_disk.c" >stdout 2>stderr
	findings >all
	# fpstrategy passes PR_NOWAIT and false: no pool_get finding; its
	# kmem_alloc(KM_NOSLEEP) is still unsafe in interrupt context
	! grep -q '^fpstrategy|.*|pool_get|' all ||
	    atf_fail "a caller's PR_NOWAIT did not clear pool_get"
	grep -q '^fpstrategy|SC-SLP-1|sleep|kmem_alloc|in interrupt context' all ||
	    atf_fail "kmem_alloc(KM_NOSLEEP) through fp_kmem not reported"
	# fpcstrategy: one caller passes PR_WAITOK: a sleep, unconditional
	grep -qx 'fpcstrategy|SC-SLP-1|sleep|pool_get|' all ||
	    atf_fail "PR_WAITOK from the caller is not an unconditional sleep"
	atf_check -o match:'fpcstrategy \(.*fp_disk.c:[0-9]+\) -> fp_get \(.*fp_disk.c:[0-9]+\) -> pool_get' \
	    cat out/findings.tsv
	# two parameters bound by each caller: fpcstrategy's PR_WAITOK only
	atf_check -o match:'fpcstrategy \(.*\) -> fp_two \(.*\) -> pool_get	' \
	    cat out/findings.tsv
	! grep -q 'fpstrategy (.*) -> fp_two' out/findings.tsv ||
	    atf_fail 'fp_two(0, PR_NOWAIT) reported'
	# fpvstrategy: a softc field, through fp_run and fp_xfer: conditional
	grep -q '^fpvstrategy|SC-SLP-1|sleep|pool_get|pool_get: waitok ? PR_WAITOK : PR_NOWAIT has PR_WAITOK (passed down: fp_run passes sc->sc_waitok' all ||
	    atf_fail "a run-time flag passed down is not conditional with its text"
}

atf_test_case guards
guards_head() {
	atf_set descr "a sink under a guard over parameters needs a caller that meets it"
}
guards_body() {
	lint "$(atf_get_srcdir)/fixtures/pass/fg_disk.c" >stdout 2>stderr
	findings >all
	# fgstrategy: a local that always has FG_NOSLEEP, and mode 2
	! grep -q '^fgstrategy|' all || atf_fail "fgstrategy reaches a kpause: $(cat all)"
	atf_check -o match:'^fg	fgstrategy	.*	clean	-$' cat out/drivers.tsv
	# fgwstrategy: flags 0 (the early return is not taken) and mode 1
	grep -qx 'fgwstrategy|SC-SLP-1|sleep|kpause|fg_getxs: for (;;) && !(flags & FG_NOSLEEP)' all ||
	    atf_fail "the early return's guard is not on fg_getxs's kpause"
	grep -qx 'fgwstrategy|SC-SLP-1|sleep|kpause|fg_mode: switch (mode) case 1' all ||
	    atf_fail "mode 1 does not reach fg_mode's kpause"
}

atf_test_case via
via_head() {
	atf_set descr "chains through generic dispatch are counted apart"
}
via_body() {
	F=$(atf_get_srcdir)/fixtures
	lint "$F/fx_disk.c" "$F/fx_hw.c" "$F/fx_alt.c" >stdout 2>stderr
	# op_start has two implementations in two files: generic dispatch
	atf_check -o match:'	fx_ops.op_start	' grep 'fx_hw_start' out/findings.tsv
	! awk -F'\t' 'NR > 1 && $11 != "-" && $5 !~ /fx_ops.op_start/' out/findings.tsv |
	    grep -q . || atf_fail "a via finding without its slot in the chain"
	# fx_submit's direct chains are not via
	atf_check -o match:'	-	-$' grep 'fx_submit (.*) -> mutex_enter' out/findings.tsv
	# drivers.tsv: three direct SC-SLP-1 for fxstrategy minus the via ones
	atf_check -o match:'^fx	fxstrategy	.*	1	1	1	0	3	0	new	-$' \
	    cat out/drivers.tsv
	atf_check -o match:'via generic dispatch 6' cat stdout
}

atf_test_case dks3
dks3_head() {
	atf_set descr "SC-DKS-3: a deferring d_diskstart restarts from completion"
}
dks3_body() {
	lint "$(atf_get_srcdir)"/fixtures/dks/*.c >stdout 2>stderr
	atf_check -o match:'	finding$' grep '^ds_stuck	ds_stuck_diskstart	' out/drivers.tsv
	atf_check -o match:'	restarts: ds_ok_restart \(' grep '^ds_ok	ds_ok_diskstart	' out/drivers.tsv
	atf_check -o match:'	never defers$' grep '^ds_never	ds_never_diskstart	' out/drivers.tsv
	atf_check -o match:'^ds_stuck	ds_stuck_diskstart	SC-DKS-3	no-restart	ds_stuck_diskstart \(.*\) may return EAGAIN or ENOMEM' \
	    cat out/findings.tsv
	[ $(grep -c 'SC-DKS-3' out/findings.tsv) -eq 1 ] ||
	    atf_fail "SC-DKS-3 reported for more than ds_stuck"
}

atf_test_case matrix
matrix_head() {
	atf_set descr "the cross-check with the dynamic matrix lists disagreements"
}
matrix_body() {
	S=$(atf_get_srcdir)
	F=$S/fixtures
	# ref-sleep fails SC-SLP-1 and has its kpause chain (agreement);
	# ref-ok passes and has none (agreement); ref-spin passes SC-ADV-1
	# although its DELAY chain is there (static only); fx0 passes
	# SC-SLP-1 (static only) and fails SC-ADV-1 without... it has a
	# chain, so that agrees; ref-lost fails SC-SLP-2 with no chain
	# (dynamic only); skipped rows judge nothing.
	cat >matrix.tsv <<'MATRIX'
kernel	device	attachment	clause	context	verdict	regression	note	detail
k	reference:ref-sleep	pseudo-disk	SC-SLP-1	thread	xfail	-	-	wchan=kpause
k	reference:ref-ok	pseudo-disk	SC-SLP-1	thread	pass	-	-	-
k	reference:ref-spin	pseudo-disk	SC-ADV-1	thread	pass	-	-	-
k	reference:ref-lost	pseudo-disk	SC-SLP-2	hardintr	fail	-	-	adaptive lock
k	reference:ref-mutex	pseudo-disk	SC-SLP-2	hardintr	skip	-	-	-
k	base:fx0	fx at test	SC-SLP-1	softint	pass	-	-	-
k	base:fx0	fx at test	SC-ADV-1	softint	fail	-	-	spun
MATRIX
	lint -m matrix.tsv "$S/../../kern/sc_refdisk.c" "$F/fx_disk.c" \
	    "$F/fx_hw.c" "$F/fx_alt.c" >stdout 2>stderr
	D=out/disagreements.tsv
	atf_check -o match:'^kernel	device	driver	clause	disagreement' head -1 $D
	[ $(sed 1d $D | wc -l) -eq 3 ] || atf_fail "want 3 disagreements: $(cat $D)"
	atf_check -o match:'^k	reference:ref-spin	scref	SC-ADV-1	static only	1 chains' cat $D
	atf_check -o match:'^k	base:fx0	fx	SC-SLP-1	static only	' cat $D
	atf_check -o match:'^k	reference:ref-lost	scref	SC-SLP-2	dynamic only	-	hardintr: adaptive lock' cat $D
	! grep -q 'ref-sleep\|ref-ok\|ref-mutex' $D || atf_fail "an agreement listed"
	atf_check -o match:'3 disagreements' cat stdout
}

atf_init_test_cases() {
	atf_add_test_case refdisks
	atf_add_test_case fields
	atf_add_test_case expectations
	atf_add_test_case passdown
	atf_add_test_case guards
	atf_add_test_case via
	atf_add_test_case dks3
	atf_add_test_case matrix
}
