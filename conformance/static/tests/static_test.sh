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

atf_test_case accepted
accepted_head() {
	atf_set descr "a reading names one chain; the exit status means chains no reading names"
}
accepted_body() {
	R=$(atf_get_srcdir)/../../kern/sc_refdisk.c
	lint "$R" >stdout 2>stderr
	[ $? -eq 1 ] || atf_fail "no readings, yet the exit status is not 1"
	# every direct chain is in uncovered.tsv, in accepted.tsv's format
	n=$(awk -F'\t' 'NR > 1 && $10 == "new"' out/findings.tsv | wc -l)
	[ "$n" -gt 0 ] || atf_fail "no new findings"
	[ $(grep -vc '^#' out/uncovered.tsv) -eq "$n" ] ||
	    atf_fail "uncovered.tsv does not list the $n new chains"
	# read them all: accepted, the exit status is 0, and the cache is used
	grep -v '^#' out/uncovered.tsv |
	    awk -F'\t' -v OFS='\t' '{ $6 = "real"; $9 = "planted"; print }' >all.tsv
	lint -e all.tsv "$R" >stdout 2>stderr ||
	    atf_fail "every chain read, yet the exit status is not 0"
	atf_check -s exit:0 -o ignore -e match:'1 cached, 0 to parse' \
	    "$LINT" -s "$S/include" -c cache -d "$S/../sleepers.tsv" -o out \
	    -e all.tsv "$R"
	atf_check -o match:'	expected	-	planted	[^	]+	real/chain$' cat out/findings.tsv
	[ $(grep -vc '^#' out/uncovered.tsv) -eq 0 ] || atf_fail "uncovered.tsv not empty"
	# one chain's reading does not cover the others, not even its sink's
	head -1 all.tsv >one.tsv
	lint -e one.tsv "$R" >stdout 2>stderr
	[ $? -eq 1 ] || atf_fail "unread chains did not make the exit status 1"
	[ $(grep -vc '^#' out/uncovered.tsv) -eq $((n - 1)) ] ||
	    atf_fail "one reading covered more than its chain"
	# a line that names no chain is said so
	printf 'scref\t%s\tscref_strategy\tSC-SLP-1\tscref_strategy -> nothing\treal\tchain\t-\tx\n' "$R" >>one.tsv
	lint -e one.tsv "$R" >stdout 2>stderr
	atf_check -o match:'one.tsv:2: names no chain' cat stderr
	# the signature is the chain without its file:line parts
	awk -F'\t' 'NR > 1 { c = $5; gsub(/ \([^()]*:[0-9]+\)/, "", c);
	    if (c != $13) { print "signature " $13 " of " $5; exit 1 } }' \
	    out/findings.tsv || atf_fail "a signature is not its chain's"
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
	# (the softc's field is read through fp_run's parameter: the chain
	# goes one call further up, to fpvstrategy's &fp_sc)
	grep -q '^fpvstrategy|SC-SLP-1|sleep|pool_get|pool_get: waitok ? PR_WAITOK : PR_NOWAIT has PR_WAITOK (passed down: fpvstrategy passes & fp_sc at .*; fp_run passes sc->sc_waitok' all ||
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
	atf_check -o match:'^fg	fgstrategy	.*	clean	-	-	[0-9]+	[0-9]+$' cat out/drivers.tsv
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
	atf_check -o match:'	new	-	-	' grep 'fx_submit (.*) -> mutex_enter' out/findings.tsv
	# drivers.tsv: three direct SC-SLP-1 for fxstrategy minus the via ones
	atf_check -o match:'^fx	fxstrategy	.*	1	1	1	0	3	0	new	-	-	[0-9]+	[0-9]+$' \
	    cat out/drivers.tsv
	atf_check -o match:'via generic dispatch 6' cat stdout
}

atf_test_case dks3
dks3_head() {
	atf_set descr "SC-DKS-3: a deferring d_diskstart restarts from completion"
}
dks3_body() {
	lint "$(atf_get_srcdir)"/fixtures/dks/*.c >stdout 2>stderr
	atf_check -o match:'	finding	' grep '^ds_stuck	ds_stuck_diskstart	' out/drivers.tsv
	atf_check -o match:'	restarts: ds_ok_restart \(' grep '^ds_ok	ds_ok_diskstart	' out/drivers.tsv
	atf_check -o match:'	never defers	' grep '^ds_never	ds_never_diskstart	' out/drivers.tsv
	atf_check -o match:'^ds_stuck	ds_stuck_diskstart	SC-DKS-3	no-restart	ds_stuck_diskstart \(.*\) may return EAGAIN or ENOMEM' \
	    cat out/findings.tsv
	[ $(grep -c 'SC-DKS-3' out/findings.tsv) -eq 1 ] ||
	    atf_fail "SC-DKS-3 reported for more than ds_stuck"
}

atf_test_case matrix
matrix_head() {
	atf_set descr "the cross-check of the lint's findings with the dynamic matrix (strategy-report's, from the run directory) lists disagreements"
}
matrix_body() {
	S=$(atf_get_srcdir)
	F=$S/fixtures
	REPORT=$S/../../report/strategy-report
	[ -x "$REPORT" ] || atf_fail "$REPORT not built: run make -C conformance/report"
	# ref-sleep fails SC-SLP-1 and has its kpause chain (agreement);
	# ref-ok passes and has none (agreement); ref-spin passes SC-ADV-1
	# although its DELAY chain is there (static only); fx0 passes
	# SC-SLP-1 (static only) and fails SC-ADV-1 without... it has a
	# chain, so that agrees; ref-lost fails SC-SLP-2 with no chain
	# (dynamic only); skipped rows judge nothing.
	mkdir -p run/k run/static
	printf 'kernel\tk\nversion\t1\nchecker\t1\nprofiles\treference base\n' \
	    >run/k/run.tsv
	cat >run/k/matrix.tsv <<'MATRIX'
kernel	device	attachment	clause	context	verdict	regression	note	detail
k	reference:ref-sleep	pseudo-disk	SC-SLP-1	thread	xfail	-	-	wchan=kpause
k	reference:ref-ok	pseudo-disk	SC-SLP-1	thread	pass	-	-	-
k	reference:ref-spin	pseudo-disk	SC-ADV-1	thread	pass	-	-	-
k	reference:ref-lost	pseudo-disk	SC-SLP-2	hardintr	fail	-	-	adaptive lock
k	reference:ref-mutex	pseudo-disk	SC-SLP-2	hardintr	skip	-	-	-
k	base:fx0	fx at test	SC-SLP-1	softint	pass	-	-	-
k	base:fx0	fx at test	SC-ADV-1	softint	fail	-	-	spun
MATRIX
	# the lint writes into the run's static/, as make lint RESULTS= does
	"$S/../sc-lint" -s "$S/include" -c cache -d "$S/../sleepers.tsv" \
	    -o run/static "$S/../../kern/sc_refdisk.c" "$F/fx_disk.c" \
	    "$F/fx_hw.c" "$F/fx_alt.c" >stdout 2>stderr
	! grep -q 'disagree' stdout || atf_fail "the lint cross-checks again"
	[ ! -e run/static/disagreements.tsv ] || atf_fail "the lint wrote disagreements.tsv"
	atf_check -o ignore "$REPORT" -s "$S/../../../spec/strategy-contract.md" \
	    -o rep run
	D=rep/disagreements.tsv
	atf_check -o match:'^kernel	device	driver	clause	disagreement' head -1 $D
	[ $(sed 1d $D | wc -l) -eq 3 ] || atf_fail "want 3 disagreements: $(cat $D)"
	atf_check -o match:'^k	reference:ref-spin	scref	SC-ADV-1	static only	1 chains' cat $D
	atf_check -o match:'^k	base:fx0	fx	SC-SLP-1	static only	' cat $D
	atf_check -o match:'^k	reference:ref-lost	scref	SC-SLP-2	dynamic only	-	hardintr: adaptive lock' cat $D
	! grep -q 'ref-sleep\|ref-ok\|ref-mutex' $D || atf_fail "an agreement listed"
	# sc-lint takes no matrix any more
	atf_check -s exit:2 -e match:usage "$S/../sc-lint" -s "$S/include" \
	    -o out2 -m run/k/matrix.tsv "$F/fx_disk.c"
}

atf_test_case chain
chain_head() {
	atf_set descr "objects, flags and constants carried down a chain, its guards judged (A, B, C)"
}
chain_body() {
	lint "$(atf_get_srcdir)/fixtures/chain/fc_disk.c" >stdout 2>stderr
	findings >all
	# A: fc_plain is not FC_PSER, fc_pser is
	! grep -q '^fcastrategy|SC-SLP-1|sleep|kpause|' all ||
	    atf_fail "A: the plain pool's free sleeps: $(grep fcastrategy all)"
	grep -q '^fcpstrategy|SC-SLP-1|sleep|kpause|' all ||
	    atf_fail "A: the FC_PSER pool's sleep is lost"
	# C: fc_plain's lock is at IPL_BIO (spin), fc_pser's at IPL_NONE
	! grep -q '^fcastrategy|SC-SLP-2|' all ||
	    atf_fail "C: the IPL_BIO pool's lock reported adaptive"
	grep -q '^fcpstrategy|SC-SLP-2|adaptive-lock|mutex_enter|' all ||
	    atf_fail "C: the IPL_NONE pool's lock is lost"
	# A and C for an object a function creates and returns
	! grep -q '^fcmstrategy|' all || atf_fail "A/C returned: $(grep fcmstrategy all)"
	! grep -q '^fcsstrategy|' all || atf_fail "A/C given back: $(grep fcsstrategy all)"
	# B: fc_getpage(NULL) and fc_check(FC_NOWAIT) through fc_enter
	! grep -q '^fcbstrategy|' all || atf_fail "B: $(grep fcbstrategy all)"
	atf_check -o match:'fcwstrategy \(.*\) -> fc_lookup \(.*\) -> fc_check \(.*\) -> tsleep' \
	    cat out/findings.tsv
	! grep -q 'fcwstrategy (.*) -> fc_enter' out/findings.tsv ||
	    atf_fail "B: the chain through fc_enter (FC_NOWAIT) is shown"
	# B: two guards that no one chain meets together
	! grep -q '^fcxstrategy|' all || atf_fail "B: $(grep fcxstrategy all)"
}

atf_test_case identity
identity_head() {
	atf_set descr "a parameter compared with the global object the chain passes (pmap == pmap_kernel())"
}
identity_body() {
	lint "$(atf_get_srcdir)/fixtures/identity/fi_disk.c" >stdout 2>stderr
	findings >all
	! grep -q '^fikstrategy|' all ||
	    atf_fail "the kernel map's guards not judged: $(grep fikstrategy all | tr "\n" " ")"
	grep -q '^fiustrategy|SC-SLP-1|sleep|kpause|' all ||
	    atf_fail "another map's sleep is lost"
	grep -q '^fiustrategy|SC-SLP-2|adaptive-lock|mutex_enter|' all ||
	    atf_fail "another map's lock is lost"
}

atf_test_case objects
objects_head() {
	atf_set descr "objects created through an array element, a wrapper, a local stored into a field; a structure inside each object"
}
objects_body() {
	lint "$(atf_get_srcdir)/fixtures/objects/fo_disk.c" >stdout 2>stderr
	findings >all
	for r in foastrategy fobstrategy focstrategy fodstrategy; do
		! grep -q "^$r|" all ||
		    atf_fail "$r: the object's flag not known: $(grep "^$r|" all | tr "\n" " ")"
	done
	grep -q '^fosstrategy|SC-SLP-1|sleep|kpause|' all ||
	    atf_fail "the FO_SER object's sleep is lost"
	grep -q '^foestrategy|SC-SLP-1|sleep|kpause|' all ||
	    atf_fail "the FO_SER cache's pool's sleep is lost"
}

atf_test_case fresh
fresh_head() {
	atf_set descr "a fresh object's field (geteblk's NULL b_vp), a local structure's (xystrategy's xa.booting = 0), a small function's result (vmf_to_prf), an operator in a macro's argument (m_get)"
}
fresh_body() {
	lint "$(atf_get_srcdir)/fixtures/fresh/ff_disk.c" >stdout 2>stderr
	findings >all
	for r in ffastrategy ffnstrategy ffdstrategy; do
		! grep -q "^$r|" all ||
		    atf_fail "$r: $(grep "^$r|" all | tr "\n" " ")"
	done
	grep -q '^ffbstrategy|SC-SLP-1|sleep|kpause|' all ||
	    atf_fail "a kept buf's journal sleep is lost"
	grep -q '^ffbstrategy|SC-SLP-2|adaptive-lock|mutex_enter|' all ||
	    atf_fail "a kept buf's vnode lock is lost"
	grep -q '^ffsstrategy|SC-SLP-1|sleep|pool_get|' all ||
	    atf_fail "FF_SLEEP's pool_get is lost"
	grep -q '^ffwstrategy|SC-SLP-1|sleep|pool_get|' all ||
	    atf_fail "FF_WAIT's pool_get is lost"
	rm -rf out cache
	lint "$(atf_get_srcdir)/fixtures/fresh/ff_set.c" >stdout 2>stderr
	findings >all
	grep -q '^ffvstrategy|SC-SLP-2|adaptive-lock|mutex_enter|' all ||
	    atf_fail "a fresh buf its function gives a vnode: the lock is lost"
	grep -q '^ffgstrategy|SC-SLP-2|adaptive-lock|mutex_enter|' all ||
	    atf_fail "a fresh buf a callee gives a vnode: the lock is lost"
	! grep -q '^ffnstrategy|' all ||
	    atf_fail "another function's store counted: $(grep ffnstrategy all)"
	rm -rf out cache
	lint "$(atf_get_srcdir)/fixtures/fresh/ff_local.c" >stdout 2>stderr
	findings >all
	! grep -q '^fflstrategy|' all ||
	    atf_fail "a local structure's booting = 0: $(grep fflstrategy all)"
	grep -q '^ffkstrategy|SC-SLP-1|sleep|kmem_alloc|' all ||
	    atf_fail "a local structure's unknown booting: the sleep is lost"
}

atf_test_case judge
judge_head() {
	atf_set descr "a guard too long to keep drops alone; a sink the callers decide keeps the search's direct chain"
}
judge_body() {
	F=$(atf_get_srcdir)/fixtures/judge
	lint "$F/fj_guard.c" >stdout 2>stderr
	findings >all
	! grep -q '^fjnstrategy|' all ||
	    atf_fail "the short guard went with the long one: $(grep fjnstrategy all)"
	grep -q '^fjwstrategy|SC-SLP-1|sleep|kpause|' all ||
	    atf_fail "wait = 1: the sleep is lost"
	rm -rf out cache
	lint "$F/fj_disk.c" "$F/fj_hba.c" >stdout 2>stderr
	atf_check -o match:'fjdstrategy \(.*\) -> fj_exec \(.*\) -> fj_complete \(.*\) -> kpause	.*	new	-	' \
	    grep fjdstrategy out/findings.tsv
}

atf_test_case ports
ports_head() {
	atf_set descr "one port's code per driver, from files.*; a file no port builds is no driver (D); config(1)'s headers (E); option alternatives (F)"
}
ports_body() {
	S=$(atf_get_srcdir)
	T=$S/fixtures/ports/sys
	"$S/../sc-lint" -s "$T" -c cache -d "$S/../sleepers.tsv" -o out \
	    -I "$S/include" $(find "$T" -name '*.c' | sort) >stdout 2>stderr
	[ $? -eq 1 ] || atf_fail "exit status is not 1 (pd's new chain): $(cat stderr)"
	atf_check -o match:'^pd	pdstrategy	dev/pd/pd.c	.*	new	-	alpha	3	3$' \
	    cat out/drivers.tsv
	! grep -q 'pd_dma_load' out/findings.tsv ||
	    atf_fail "pd reaches x86's pd_dma_load: $(cat out/findings.tsv)"
	atf_check -o match:'^old	oldstrategy	arch/dc/dev/old.c	.*	not-built	' \
	    cat out/drivers.tsv
	! grep -q '^old	' out/findings.tsv || atf_fail "an unbuilt file has findings"
	# E: config(1)'s headers: NPD (needs-flag) and PD_SLOW (amd64's
	# GENERIC, opt_pd.h) compile pdstrategy's tsleep in
	atf_check -o match:'^pd	pdstrategy	SC-SLP-1	sleep	pdstrategy \(dev/pd/pd.c:[0-9]+\) -> tsleep	' \
	    cat out/findings.tsv
	# F: of two files that are alternatives by an option, the one
	# amd64's GENERIC selects (pd_pol_a.c): pd_pol_b.c's kpause is out
	! grep -q 'kpause' out/findings.tsv ||
	    atf_fail "F: the unselected alternative is read: $(grep kpause out/findings.tsv)"
	atf_check -o inline:'#define NPD 1\n' cat cache/config/pd.h
	atf_check -o match:'^#define PD_SLOW 1$' cat cache/config/opt_pd.h
	atf_check -o match:'^extern struct cfdriver pd_cd;$' cat cache/config/ioconf.h
}

atf_test_case halftree
halftree_head() {
	atf_set descr "a sys/ tree without ../common/include is refused in one line"
}
halftree_body() {
	S=$(atf_get_srcdir)
	"$S/../sc-lint" -s "$S/fixtures/half/sys" -c cache \
	    -d "$S/../sleepers.tsv" -o out >stdout 2>stderr
	[ $? -eq 2 ] || atf_fail "exit status is not 2"
	[ ! -s stdout ] || atf_fail "output on stdout: $(cat stdout)"
	[ $(wc -l <stderr) -eq 1 ] || atf_fail "not one line: $(cat stderr)"
	grep -q 'half tree: put the NetBSD source.s common/include .* at .*/half/sys/../common/include$' stderr ||
	    atf_fail "the line does not say what to put where: $(cat stderr)"
}

atf_test_case precision
precision_head() {
	atf_set descr "precision.sh counts real / reported on the labelled sample"
}
precision_body() {
	S=$(atf_get_srcdir)
	# two sample rows, one real and one false; the findings have the
	# false one and the real one's sink through another chain
	printf 'n\tdriver\tfile\troot\tclause\tsignature\tlabel\treason\n' >sample.tsv
	printf '1\td\tx.c\tdstrat\tSC-SLP-1\tdstrat -> a -> tsleep\treal\tr\n' >>sample.tsv
	printf '2\td\tx.c\tdstrat\tSC-SLP-1\tdstrat -> b -> kpause\tfalse\tf\n' >>sample.tsv
	printf '3\td\ty.c\tdstrat\tSC-SLP-1\tdstrat -> c -> tsleep\tfalse\tf\n' >>sample.tsv
	printf 'driver\troot\tclause\tkind\tchain\tfile\tvia\n' >f.tsv
	printf 'd\tdstrat\tSC-SLP-1\tsleep\tdstrat (x.c:1) -> b (x.c:9) -> kpause\tx.c\t-\n' >>f.tsv
	printf 'd\tdstrat\tSC-SLP-1\tsleep\tdstrat (x.c:1) -> c (x.c:5) -> tsleep\tx.c\t-\n' >>f.tsv
	# row 3 is another file's chain of the same signature: not reported
	atf_check -o match:'sample 3, reported 1 \(real 0, false 1\): precision 0/1' \
	    -o match:'row 1 d dstrat SC-SLP-1: tsleep \(moved' \
	    "$S/precision.sh" sample.tsv f.tsv
	atf_check -o match:'^sample 60, ' "$S/precision.sh" "$S/precision.tsv" f.tsv
}

atf_init_test_cases() {
	atf_add_test_case refdisks
	atf_add_test_case fields
	atf_add_test_case accepted
	atf_add_test_case passdown
	atf_add_test_case guards
	atf_add_test_case via
	atf_add_test_case dks3
	atf_add_test_case matrix
	atf_add_test_case chain
	atf_add_test_case identity
	atf_add_test_case objects
	atf_add_test_case fresh
	atf_add_test_case judge
	atf_add_test_case ports
	atf_add_test_case halftree
	atf_add_test_case precision
}
