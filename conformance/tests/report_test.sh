#! /usr/bin/env atf-sh
# strategy-report on recorded results (results/: two kernels, two
# profiles, a pass, an xfail, a panic, a skip, a broken case, an
# unexpected fail and pass; shards that merge and shards that must be
# refused): levels, review sheets, report.md, report.html (rendered in
# headless Chromium where it is installed), junit.xml (read by a JUnit
# consumer where one is installed), merging.  No kernel needed.

oneline() {
	tr '\n' '|' <"$1"
}

setup() {
	SRC=$(atf_get_srcdir)
	TOP=$SRC/../..
	TOOL=$TOP/conformance/report/strategy-report
	[ -x "$TOOL" ] || atf_fail "$TOOL not built: run make -C conformance/report"
	SPEC=$TOP/spec/strategy-contract.md
	RES=$SRC/results
}

# report DIR...: the reports of DIR... in out/, levels in levels.txt
report() {
	atf_check -s exit:0 -o save:levels.txt "$TOOL" -s "$SPEC" -o out "$@"
}

# the ids of the spec's clauses, in order, through the spec's own parser
clause_ids() {
	awk -f "$(dirname "$1")/parse-clauses.awk" "$1" |
	    awk -F '\t' '$1 == "clause" { print $3 }'
}

atf_test_case levels
levels_head() {
	atf_set descr "levels per driver and kernel: xfail is a fail, advisory never decides, a skip or a broken case leaves it not established, an unexpected fail in hardintr leaves softint-safe"
}
levels_body() {
	setup
	report "$RES/run"
	cat >want <<'EOT'
kernel 10.99.12 (1099001200):
  ld           softint-safe
  ref-ok       hardint-safe
  ref-sleep    none
  ref-spin     hardint-safe
  wd           not established (set by wd0 (wd0 at atabus0 drive 0))
                 wd0 (wd0 at atabus0 drive 0): not established
                 wd1 (wd1 at atabus0 drive 1): hardint-safe
kernel 7.99.4 (799000400):
  ld           not established
  ref-ok       hardint-safe
  ref-sleep    none
  ref-spin     hardint-safe
  wd           none (set by wd0 (wd0 at atabus0 drive 0))
                 wd0 (wd0 at atabus0 drive 0): none
                 wd1 (wd1 at atabus0 drive 1): hardint-safe
reports: out/report.html report.md junit.xml review/
EOT
	atf_check -o file:want cat levels.txt
	# the reasons, in the sheets: the broken case, the skip, the panic
	atf_check -o match:"SC-SLP-1 in softint: broken on base:wd0: eom-past: hang" \
	    -o match:"SC-CTX-1 in thread: xfail on base:wd0: nounit: panic: fatal page fault" \
	    cat out/review/wd.md
	atf_check -o match:"SC-ERR-4 in thread: skip on base:ld0: rdonly: not observed" \
	    -o match:"hardint-safe not established:|SC-SLP-2 in hardintr: fail on base:ld0" \
	    cat out/review/ld.md
}

atf_test_case review_sheets
review_sheets_head() {
	atf_set descr "review/<driver>.md answers every checklist question with its evidence: verdicts by context and kernel, details, expectation notes, static findings"
}
review_sheets_body() {
	setup
	report "$RES/run"
	clause_ids "$SPEC" >ids
	[ "$(wc -l <ids)" -ge 20 ] || atf_fail "the spec parser found $(wc -l <ids) clauses"
	for d in ld ref-ok ref-sleep ref-spin wd; do
		f=out/review/$d.md
		[ -f $f ] || atf_fail "no $f"
		while read -r id; do
			grep -q "^### $id " $f || atf_fail "$f lacks $id"
			# the question of the checklist, word for word
			q=$(awk -F '\t' -v id="$id" '$1 == "field" && $3 == id &&
			    $4 == "Checklist" { print $5 }' <<EOT
$(awk -f "$TOP/spec/parse-clauses.awk" "$SPEC")
EOT
)
			grep -qF -- "$q" $f || atf_fail "$f lacks the question of $id"
		done <ids
		[ "$(grep -c '^\*\*\(yes\|no\|not established\|does not apply\)\*\*: ' $f)" -eq "$(wc -l <ids)" ] ||
		    atf_fail "$f: not one answer per question"
	done
	# answers
	ans() {	# driver clause -> the answer line
		awk -v id="$2" '$1 == "###" { on = ($2 == id) } on && /^\*\*/ { print; exit }' out/review/$1.md
	}
	ans ref-ok SC-SLP-1 | grep -q '^\*\*yes\*\*' || atf_fail "ref-ok SC-SLP-1: $(ans ref-ok SC-SLP-1)"
	ans wd SC-ADV-2 | grep -q '^\*\*no\*\*: the checker saw a violation (7.99.4, base:wd0 in spl: xfail)' ||
	    atf_fail "wd SC-ADV-2: $(ans wd SC-ADV-2)"
	# SC-DKS-1/2: announced for ld0 on 10.99.12 only (d_diskstart)
	for id in SC-DKS-1 SC-DKS-2; do
		ans wd $id | grep -q '^\*\*does not apply\*\*: the checker announced this clause in no case of the driver' ||
		    atf_fail "wd $id: $(ans wd $id)"
		ans ld $id | grep -q '^\*\*yes\*\*: .* where it applies; the checker did not announce it for this driver on 7.99.4\.$' ||
		    atf_fail "ld $id: $(ans ld $id)"
	done
	ans ref-ok SC-ERR-5 | grep -q '^\*\*yes\*\*: every context the clause names passed on every kernel\.$' ||
	    atf_fail "ref-ok SC-ERR-5: $(ans ref-ok SC-ERR-5)"
	ans wd SC-RES-1 | grep -q '^\*\*no\*\*: the static tier found a path (sleep from wdstrategy)' ||
	    atf_fail "wd SC-RES-1: $(ans wd SC-RES-1)"
	# an unresolved chain is evidence, not a "no"; the hang leaves SLP-1 open
	ans wd SC-SLP-1 | grep -q '^\*\*not established\*\*: 10.99.12: SC-SLP-1 in softint: broken' ||
	    atf_fail "wd SC-SLP-1: $(ans wd SC-SLP-1)"
	ans ld SC-ERR-4 | grep -q '^\*\*not established\*\*: 7.99.4: SC-ERR-4 in thread: skip' ||
	    atf_fail "ld SC-ERR-4: $(ans ld SC-ERR-4)"
	ans ref-spin SC-ADV-1 | grep -q '^\*\*no\*\*' || atf_fail "ref-spin SC-ADV-1: $(ans ref-spin SC-ADV-1)"
	# evidence: verdict rows with detail and expectation note, chains
	grep -qF '| 7.99.4 | base:wd0 | thread | xfail | nounit: panic: fatal page fault in supervisor mode < wdstrategy+0x2e < bdev_strategy+0x7c < sc_call+0x9a [expected fail: wdstrategy() uses device_lookup_private() without a NULL check: an absent unit faults (no PR known)] | wdstrategy() uses device_lookup_private() without a NULL check: an absent unit faults (no PR known) |' out/review/wd.md ||
	    atf_fail "wd.md lacks the SC-ERR-5 row"
	grep -qF -- '- sleep from wdstrategy: `wdstrategy (wd.c:561) -> wdstart1 (wd.c:672) -> ata_get_xfer_ext (ata.c:1251) -> pool_get (ata.c:1268)` when flags & ATAXF_CANSLEEP' out/review/wd.md ||
	    atf_fail "wd.md lacks the static chain"
	grep -qF '| 10.99.12 | base:ld0 | hardintr | fail, unexpected-fail | read: adaptive lock taken in a hard interrupt' out/review/ld.md ||
	    atf_fail "ld.md lacks the unexpected fail"
	grep -q "wchan=kpause" out/review/ref-sleep.md || atf_fail "ref-sleep.md lacks the wait channel"
	# without findings.tsv the sheets say so
	report "$RES/run/10.99.12"
	grep -q "^Static tier: no findings.tsv in these results.$" out/review/wd.md ||
	    atf_fail "no word on the missing findings.tsv"
}

atf_test_case spec_driven
spec_driven_head() {
	atf_set descr "clauses and their levels come from the spec: a new clause appears without code changes; one the checker does not observe decides no level; a clause made advisory stops deciding"
}
spec_driven_body() {
	setup
	mkdir spec
	cp "$TOP/spec/parse-clauses.awk" spec/
	# SC-NEW-1 (checklist-only) after the last clause; SC-SLP-2 advisory
	awk '/^## History/ {
		print "### SC-NEW-1: A question only a reader answers"
		print "- Rule: The routine does a new thing."
		print "- Contexts: thread"
		print "- Level: softint-safe"
		print "- Why: Because."
		print "- Observed: Not by the checker."
		print "- Instead: Nothing."
		print "- Test: checklist-only"
		print "- Checklist: Does the strategy routine do the new thing?"
		print ""
	}
	/^### SC-SLP-2:/ { slp2 = 1 }
	slp2 && /^- Level:/ { print "- Level: advisory"; slp2 = 0; next }
	{ print }' "$SPEC" >spec/strategy-contract.md
	atf_check -s exit:0 -o save:levels.txt "$TOOL" -s spec/strategy-contract.md -o out "$RES/run"
	# SC-SLP-2 no longer decides: ld reaches hardint-safe on 10.99.12
	grep -q "^  ld           hardint-safe$" levels.txt || atf_fail "$(oneline levels.txt)"
	grep -q "^  ref-ok       hardint-safe$" levels.txt || atf_fail "$(oneline levels.txt)"
	grep -q "^### SC-NEW-1 A question only a reader answers$" out/review/ref-ok.md ||
	    atf_fail "no SC-NEW-1 in the sheet"
	grep -q "^\*\*not established\*\*: the checker does not observe this clause" out/review/ref-ok.md ||
	    atf_fail "SC-NEW-1 not answered as not established"
	grep -q "do not decide the level, which is the dynamic one: SC-DKS-3, SC-LAY-1, SC-LAY-2, SC-BUF-2, SC-NEW-1\.$" out/report.md ||
	    atf_fail "report.md does not say SC-NEW-1 decides no level"
	grep -q "never decide a level: SC-SLP-2, SC-BUF-1, SC-ADV-1, SC-ADV-2, SC-ADV-3\.$" out/report.md ||
	    atf_fail "report.md: $(grep 'never decide' out/report.md)"
	grep -q "| NEW1 |" out/report.md || atf_fail "no NEW1 column"
	grep -q ">NEW1</th>" out/report.html || atf_fail "no NEW1 column in the page"
	# a clause the checker does observe, without results, opens every level
	sed 's/^- Test: checklist-only$/- Test: checker:SC-NEW-1@read/' \
	    spec/strategy-contract.md >spec/s2.md
	atf_check -s exit:0 -o save:l2 "$TOOL" -s spec/s2.md -o out2 "$RES/run"
	grep -q "^  ref-ok       not established$" l2 || atf_fail "$(oneline l2)"
	grep -q "SC-NEW-1 in thread: no result" out2/review/ref-ok.md || atf_fail "no reason"
}

atf_test_case applies
applies_head() {
	atf_set descr "a clause the checker never announced for a driver (SC-DKS-1/2 without d_diskstart) does not apply and decides no level; one announced and then skipped or missing in a context, or whose every case was skipped whole, leaves the level not established"
}
applies_body() {
	setup
	# variant NAME AWK: run/ with ld0's rows of 10.99.12 edited by AWK
	variant() {
		mkdir -p $1
		cp -R "$RES/run/7.99.4" "$RES/run/10.99.12" $1/
		awk -F '\t' -v OFS='\t' "$2" "$RES/run/10.99.12/matrix.tsv" >$1/10.99.12/matrix.tsv
		atf_check -s exit:0 -o save:$1.txt "$TOOL" -s "$SPEC" -o $1/out $1
	}
	lv() {	# file driver -> the level on 10.99.12
		awk -v d=$2 '/^kernel 10/ { on = 1 } /^kernel 7/ { on = 0 } on && $1 == d { $1 = ""; sub(/^ /, ""); print }' $1
	}
	# the recorded run: ld0 has SC-DKS rows on 10.99.12 and none on
	# 7.99.4, wd none at all; neither keeps a level from being reached
	report "$RES/run"
	[ "$(lv levels.txt ld)" = softint-safe ] || atf_fail "ld: $(lv levels.txt ld)"
	grep -q 'SC-DKS' out/review/ld.md || atf_fail "no SC-DKS in ld.md"
	awk '/^- 7\.99\.4: /, /^$/' out/review/ld.md | grep -q 'SC-DKS' &&
	    atf_fail "7.99.4 has no d_diskstart, yet ld's level there names SC-DKS"
	# the same run without ld0's SC-DKS rows: not announced, no change
	variant none '!($2 == "base:ld0" && $4 ~ /^SC-DKS-/)'
	[ "$(lv none.txt ld)" = softint-safe ] || atf_fail "no SC-DKS rows: ld $(lv none.txt ld)"
	# announced, then skipped in callout (the guest went down)
	variant skipped '$2 == "base:ld0" && $4 == "SC-DKS-1" && $5 == "callout" { $6 = "skip"; $9 = "read: not observed: the guest went down" } { print }'
	[ "$(lv skipped.txt ld)" = "not established" ] || atf_fail "skipped: ld $(lv skipped.txt ld)"
	grep -q "SC-DKS-1 in callout: skip on base:ld0: read: not observed: the guest went down" skipped/out/review/ld.md ||
	    atf_fail "no reason for the skipped SC-DKS-1"
	# announced elsewhere, but no row in callout, where SC-SLP-1's
	# cases ran: no result there
	variant missing '!($2 == "base:ld0" && $4 ~ /^SC-DKS-/ && $5 == "callout")'
	[ "$(lv missing.txt ld)" = "not established" ] || atf_fail "missing: ld $(lv missing.txt ld)"
	grep -q "SC-DKS-1 in callout: no result" missing/out/review/ld.md || atf_fail "no reason for the missing SC-DKS-1"
	# every rdonly case skipped whole (a row with clause "-" per
	# context): no case that would have named SC-ERR-4 ran, so it
	# still applies and is unjudged
	variant whole '$2 == "base:ld0" && $4 == "SC-ERR-4" { $4 = "-"; $6 = "skip"; $7 = "-"; $8 = "-"; $9 = "rdonly: two earlier cases of this device and context took the guest down" } { print }'
	[ "$(lv whole.txt ld)" = "not established" ] || atf_fail "skipped whole: ld $(lv whole.txt ld)"
	grep -q "SC-ERR-4 in thread: no result" whole/out/review/ld.md || atf_fail "no reason for the unjudged SC-ERR-4"
	# the checker of 2026-11 plans rdonly only where a read-only unit
	# is: no SC-ERR-4 row, and the base profile's cases.tsv shows no
	# rdonly case of ld: the clause does not apply
	variant planless '!($2 == "base:ld0" && $4 == "SC-ERR-4")'
	mkdir -p planless/10.99.12/base
	printf 'kernel\tdevice\tcontext\top\tclause\tverdict\tdetail\n' >planless/10.99.12/base/cases.tsv
	for x in thread spl softint callout hardintr hardintr-klock; do
		printf '10.99.12\tld0\t%s\tread\tSC-SLP-1\tpass\tvcsw=0\n' $x
	done >>planless/10.99.12/base/cases.tsv
	atf_check -s exit:0 -o save:planless2.txt "$TOOL" -s "$SPEC" -o planless/out2 planless
	[ "$(lv planless2.txt ld)" = softint-safe ] || atf_fail "no rdonly case: ld $(lv planless2.txt ld)"
	grep -q "SC-ERR-4 in thread: no result" planless/out2/review/ld.md &&
	    atf_fail "SC-ERR-4 judged although no rdonly case ran"
	# ... but a row with no case at all (no device) decides nothing
	awk -F '\t' -v OFS='\t' 'NR > 1 && $2 == "base:ld0" && !seen[$5]++ { $2 = "base:xbd"; $3 = "-"; $4 = "-"; $6 = "skip"; $7 = "-"; $8 = "-"; $9 = "-: no Xen"; print }' \
	    planless/10.99.12/matrix.tsv >planless/10.99.12/matrix.tsv.x
	cat planless/10.99.12/matrix.tsv.x >>planless/10.99.12/matrix.tsv
	atf_check -s exit:0 -o save:planless3.txt "$TOOL" -s "$SPEC" -o planless/out3 planless
	[ "$(lv planless3.txt xbd)" = "not established" ] || atf_fail "no case at all: xbd $(lv planless3.txt xbd)"
	# the tables: n where the clause does not apply
	grep -q "n does not apply" out/report.md || atf_fail "no legend for n"
}

atf_test_case unattributed
unattributed_head() {
	atf_set descr "cases the runner could not name (device \"?\", after a truncated log) are no driver: every report says so, junit.xml has them as errors"
}
unattributed_body() {
	setup
	mkdir -p t
	cp -R "$RES/run/7.99.4" "$RES/run/10.99.12" t/
	printf '10.99.12\tbase:?\t\t-\t?\tbroken\t-\t-\t?: not run: QEMU exited without "done" (truncated log, boot 47)\n' >>t/10.99.12/matrix.tsv
	report t
	grep -q '^  ?' levels.txt && atf_fail "\"?\" listed as a driver"
	[ ! -e "out/review/?.md" ] || atf_fail "a review sheet for \"?\""
	want='10.99.12 (base): broken ?: not run: QEMU exited without "done" (truncated log, boot 47)'
	grep -qF "**Cases without a device**: $want." out/report.md || atf_fail "report.md says nothing"
	grep -qF "**Cases without a device**: $want." out/review/ld.md || atf_fail "ld.md says nothing"
	grep -qF "<b>Cases without a device</b>: 10.99.12 (base): broken ?: not run: QEMU exited without &quot;done&quot;" out/report.html ||
	    atf_fail "report.html says nothing"
	grep -q '<tr><th>?</th>' out/report.html && atf_fail "a table row for \"?\""
	grep -q 'not run: QEMU exited without' out/junit.xml || atf_fail "junit.xml lost the row"
	# the levels are those of the run without the row
	mv levels.txt with.txt
	report "$RES/run"
	atf_check -o file:levels.txt cat with.txt
}

atf_test_case markdown
markdown_head() {
	atf_set descr "report.md: one row per driver, a column per clause, kernels side by side in each cell"
}
markdown_body() {
	setup
	report "$RES/run"
	n=$(clause_ids "$SPEC" | wc -l)
	atf_check -o match:"^\| driver \| level \| CTX1 \| CTX2 \|" cat out/report.md
	atf_check -o match:"^\| wd \| not established \(set by wd0 \(wd0 at atabus0 drive 0\)\) / none \(set by wd0 \(wd0 at atabus0 drive 0\)\) \| P/X \| P/X \| B/P \|" \
	    -o match:"^\| ref-spin \| hardint-safe / hardint-safe \|.* !/X \| P/P \| \./\. \|$" \
	    -o match:"^\| ld \| softint-safe / not established \|.* P/n \| P/n \| \./\. \|" \
	    -o match:"^\| wd \| .* n/n \| n/n \| \./\. \|" \
	    cat out/report.md
	# every table row of the verdicts has driver, level and n clauses
	awk -v want=$((n + 2)) '/^\| (driver|ld|ref-ok|ref-sleep|ref-spin|wd) \|/ {
		k = gsub(/ \| /, "&"); if (k + 1 != want) { print "row has " k + 1 " cells: " $0; bad = 1 } }
	    END { exit bad }' out/report.md || atf_fail "ragged table"
}

atf_test_case html_page
html_page_head() {
	atf_set descr "report.html is self-contained (no script, nothing fetched) and every cell links to an anchor on the same page"
}
html_page_body() {
	setup
	report "$RES/run"
	f=out/report.html
	grep -qi "<script" $f && atf_fail "the page has a script"
	grep -qiE "(src|href)=\"(https?:|//|file:)" $f && atf_fail "the page fetches something"
	grep -qi "<link" $f && atf_fail "the page links a stylesheet"
	grep -o 'href="#[^"]*"' $f | sed 's/href="#//; s/"$//' | sort -u >hrefs
	grep -o ' id="[^"]*"' $f | sed 's/ id="//; s/"$//' | sort -u >ids
	[ -s hrefs ] || atf_fail "no links"
	comm -23 hrefs ids >dangling
	[ ! -s dangling ] || atf_fail "links without anchors: $(oneline dangling)"
	# 5 drivers x 2 kernels x (level + clauses)
	n=$(clause_ids "$SPEC" | wc -l)
	[ "$(wc -l <hrefs)" -eq $((5 * 2 * (n + 1))) ] ||
	    atf_fail "$(wc -l <hrefs) distinct links, want $((5 * 2 * (n + 1)))"
	grep -q 'id="10.99.12--wd--SC-SLP-1"' $f || atf_fail "no anchor for wd SC-SLP-1"
	grep -q "eom-past: hang: no console output for 120 s" $f || atf_fail "no detail text"
}

atf_test_case html_render
html_render_head() {
	atf_set descr "report.html rendered in headless Chromium: the screenshot has the table's colours and the rendered DOM the rows (skipped where chromium is not installed)"
	atf_set timeout 120
}
html_render_body() {
	setup
	command -v chromium >/dev/null ||
	    atf_skip "chromium is not installed (Debian package chromium)"
	PNG=$SRC/png_colours
	[ -x "$PNG" ] || atf_fail "$PNG not built: run make -C conformance/tests"
	report "$RES/run"
	chrome() {
		chromium --headless --no-sandbox --disable-gpu --disable-quic \
		    --no-first-run --disable-background-networking \
		    --disable-component-update --disable-sync \
		    --force-color-profile=srgb --hide-scrollbars \
		    --user-data-dir="$PWD/profile" --window-size=1400,900 \
		    "$@" "file://$PWD/out/report.html" 2>>chromium.err
	}
	chrome --screenshot="$PWD/shot.png" >/dev/null ||
	    atf_fail "chromium failed: $(tail -3 chromium.err | oneline /dev/stdin)"
	[ -s shot.png ] || atf_fail "no screenshot"
	# pass, xfail, fail, broken, skip, unexpected pass; hardint-safe,
	# softint-safe, none, not established: every one is in the fixture
	atf_check -o save:colours "$PNG" shot.png a5d6a7 ffcc80 e53935 \
	    7e57c2 e0e0e0 f48fb1 43a047 c5e1a5 bdbdbd
	cat colours
	awk '$1 != "nonwhite" && $2 < 100 { print "colour " $1 ": " $2 " pixels"; bad = 1 }
	    $1 == "nonwhite" && $2 < 100000 { print "nearly blank"; bad = 1 }
	    END { exit bad }' colours >why || atf_fail "$(oneline why)"
	# pass cells outnumber the rest, as in the fixture
	awk '$1 == "a5d6a7" { p = $2 } $1 == "ffcc80" { x = $2 } END { exit !(p > 5 * x) }' colours ||
	    atf_fail "the colours are not where the table puts them: $(oneline colours)"
	chrome --dump-dom >dom.html || atf_fail "chromium --dump-dom failed"
	[ "$(grep -o '<tr><th>[a-z-]*</th><td class="lv ' dom.html | wc -l)" -eq 5 ] ||
	    atf_fail "the rendered table has not 5 driver rows"
}

atf_test_case junit
junit_head() {
	atf_set descr "junit.xml read by a JUnit consumer (python3-junitparser): one suite per kernel and profile, counts equal to matrix.tsv's; xfail skipped as expected failure, broken an error, fail a failure"
}
junit_body() {
	setup
	report "$RES/run"
	if command -v xmllint >/dev/null; then
		atf_check xmllint --noout out/junit.xml
	fi
	/usr/bin/python3 -c 'import junitparser' 2>/dev/null ||
	    atf_skip "python3-junitparser is not installed (Debian package python3-junitparser)"
	# what the consumer reads, one line per suite:
	# name tests failures errors skipped, then the xfail and broken cases
	cat >read.py <<'EOT'
import sys
from junitparser import JUnitXml, Failure, Error, Skipped
xml = JUnitXml.fromfile(sys.argv[1])
for s in xml:
    f = e = k = n = 0
    for c in s:
        n += 1
        for r in c.result:
            if isinstance(r, Failure): f += 1
            elif isinstance(r, Error): e += 1
            elif isinstance(r, Skipped): k += 1
            if isinstance(r, Skipped) and r.message.startswith("expected failure: "):
                print("xfail", s.name, c.classname, c.name)
            if isinstance(r, Error):
                print("error", s.name, c.classname, c.name, r.message)
    assert (n, f, e, k) == (s.tests, s.failures, s.errors, s.skipped), s.name
    print("suite", s.name, n, f, e, k)
EOT
	atf_check -o save:read.txt /usr/bin/python3 read.py out/junit.xml
	# the same counts from the matrices: fail and regressions are
	# failures, broken errors, skip and xfail skipped
	for k in 10.99.12 7.99.4; do
		awk -F '\t' -v k=$k 'NR > 1 { p = substr($2, 1, index($2, ":") - 1)
		    n[p]++
		    if ($6 == "fail" || $7 != "-") f[p]++
		    else if ($6 == "broken") e[p]++
		    else if ($6 == "skip" || $6 == "xfail") s[p]++ }
		    END { for (p in n) printf "suite %s/%s %d %d %d %d\n", k, p, n[p], f[p], e[p], s[p] }' \
		    "$RES/run/$k/matrix.tsv"
	done | sort >want
	grep '^suite ' read.txt | sort >got
	[ "$(wc -l <got)" -eq 4 ] || atf_fail "not 4 suites: $(oneline got)"
	atf_check -o file:want cat got
	# the expected fails, one per xfail line of the matrices
	[ "$(grep -c '^xfail ' read.txt)" -eq "$(cat "$RES"/run/*/matrix.tsv | awk -F '\t' '$6 == "xfail"' | wc -l)" ] ||
	    atf_fail "xfail count"
	grep -q "^error 10.99.12/base base.wd0 softint SC-SLP-1 eom-past: hang" read.txt ||
	    atf_fail "the broken case is not an error: $(oneline read.txt)"
}

atf_test_case merge
merge_head() {
	atf_set descr "shards made on different machines (one kernel and profile each, a retried job, the static tier's) merge into the reports of the whole run"
}
merge_body() {
	setup
	report "$RES/run"
	mv out whole
	mv levels.txt whole.txt
	S=$RES/shards
	report "$S/a" "$S/b" "$S/d" "$RES/run/10.99.12" "$S/lint"
	sed 's/^reports: .*//' whole.txt >w
	sed 's/^reports: .*//' levels.txt >m
	atf_check -o file:w cat m
	atf_check -o file:whole/junit.xml cat out/junit.xml
	# the same pages but for the line naming the inputs
	for f in report.md report.html review/wd.md review/ref-ok.md; do
		grep -v "Generated by strategy-report from" whole/$f >w
		grep -v "Generated by strategy-report from" out/$f >m
		cmp -s w m || atf_fail "$f differs: $(diff w m | head -5 | oneline /dev/stdin)"
	done
	# the retried job (d) said partial=yes for its selection
	grep -q "Partial run" out/report.md && atf_fail "a complete run reported as partial"
	report "$S/d"
	grep -q "^\*\*Partial run\*\*: 7.99.4 (devices ref-ok, contexts \*)" out/report.md ||
	    atf_fail "a partial run not said to be partial"
	grep -q "^kernel 7.99.4 (799000400), partial run (devices ref-ok, contexts \*):$" levels.txt ||
	    atf_fail "the terminal does not say the run was partial: $(oneline levels.txt)"
	grep -q "^\*\*Partial run\*\*: 7.99.4 (devices ref-ok, contexts \*)" out/review/ref-ok.md ||
	    atf_fail "the review sheet does not say the run was partial"
}

atf_test_case refuse
refuse_head() {
	atf_set descr "shards that disagree are refused with a clear message and exit 2, and nothing is written"
}
refuse_body() {
	setup
	S=$RES/shards
	atf_check -s exit:2 -e match:"shards disagree: 7.99.4 reference:ref-ok thread SC-SLP-1 is pass \(-\) at .*shards/a/7.99.4/matrix.tsv:[0-9]+ but fail \(unexpected-fail\) at .*shards/conflict/7.99.4/matrix.tsv:[0-9]+" \
	    "$TOOL" -s "$SPEC" -o out "$S/a" "$S/conflict"
	atf_check -s exit:2 -e match:"shards disagree: checker version 2 in .*shards/a/7.99.4/run.tsv but 3 in .*shards/checker3/7.99.4/run.tsv" \
	    "$TOOL" -s "$SPEC" -o out "$S/a" "$S/checker3"
	[ ! -e out ] || atf_fail "a refused merge wrote reports"
	# the same release built otherwise
	cp -R "$S/b" other
	sed -i 's/^version\t799000400$/version\t799000500/' other/7.99.4/run.tsv
	atf_check -s exit:2 -e match:"shards disagree: kernel 7.99.4 is __NetBSD_Version__ 799000400 in .* but 799000500 in other/7.99.4/run.tsv" \
	    "$TOOL" -s "$SPEC" -o out "$S/a" other
	# not the result format
	mkdir -p old/7.99.4
	cp "$S/a/7.99.4/run.tsv" old/7.99.4/
	printf 'device\tattachment\tclause\tcontext\tverdict\tdetail\n' >old/7.99.4/matrix.tsv
	atf_check -s exit:2 -e match:"old/7.99.4/matrix.tsv:1: not the result format" \
	    "$TOOL" -s "$SPEC" -o out old
	mkdir empty
	atf_check -s exit:2 -e match:"empty: neither <kernel>/run.tsv nor static/findings.tsv" \
	    "$TOOL" -s "$SPEC" -o out empty
}

atf_test_case make_report
make_report_head() {
	atf_set descr "make report RESULTS=\"dir1 dir2\" in the top Makefile merges and writes the reports; a refused merge exits 2"
	atf_set require.progs "make"
}
make_report_body() {
	setup
	S=$RES/shards
	atf_check -s exit:0 -o match:"  wd           none" -e ignore \
	    make -C "$TOP" report RESULTS="$S/a $S/b" REPORT="$PWD/rep"
	for f in report.html report.md junit.xml review/wd.md review/ref-ok.md; do
		[ -s rep/$f ] || atf_fail "make report wrote no $f"
	done
	atf_check -s exit:2 -o ignore -e match:"shards disagree" \
	    make -C "$TOP" report RESULTS="$S/a $S/conflict" REPORT="$PWD/rep2"
}

# A copy of the recorded run in ./run, with sc-lint's findings on the
# given sources (its test headers and sleepers) in its static/10.99.12,
# as make lint writes them; skipped where sc-lint is not built.
lint_into_run()
{
	LINT=$TOP/conformance/static/sc-lint
	[ -x "$LINT" ] || atf_skip "sc-lint not built (libclang-dev)"
	L=$TOP/conformance/static/tests
	cp -R "$RES/run" run
	atf_check -s exit:1 -o ignore -e ignore "$LINT" -s "$L/include" \
	    -c cache -d "$L/../sleepers.tsv" -o run/static/10.99.12 "$@"
}

atf_test_case static_joined
static_joined_head() {
	atf_set descr "sc-lint's own findings.tsv, written by sc-lint on its" \
	    "fixtures into a run's static/<release>/, reach the review" \
	    "sheets: chains with the tree, the reading or its absence; a" \
	    "driver no case reached gets a sheet from the static tier alone"
}
static_joined_body() {
	setup
	L=$TOP/conformance/static/tests
	lint_into_run "$L/fixtures/fx_disk.c" "$L/fixtures/fx_hw.c"
	# a chain of the 7.99.4 tree no reading covers, of a driver that
	# passed everything there: its level may not stand high silently
	mkdir -p run/static/7.99.4
	printf 'driver\troot\tclause\tkind\tchain\tcondition\tstatus\treading\n' \
	    >run/static/7.99.4/findings.tsv
	printf 'ref-ok\tscref_strategy\tSC-SLP-1\tsleep\tscref_strategy (sc_refdisk.c:1) -> pool_get (subr_pool.c:2)\t\tnew\t-\n' \
	    >>run/static/7.99.4/findings.tsv
	report run
	atf_check -o match:"^  ref-ok +hardint-safe; 1 static chain not ruled out$" cat levels.txt
	[ "$(grep -c '^  ref-ok .*not ruled out' levels.txt)" -eq 1 ] ||
	    atf_fail "the 7.99.4 tree's chain counted on 10.99.12 too: $(oneline levels.txt)"
	atf_check -o match:"static, no reading: SC-SLP-1 sleep from scref_strategy" \
	    cat out/review/ref-ok.md
	# a reading that rules the chain out (false or cannot) lifts it; one
	# that says it is real keeps it beside the level
	printf 'driver\troot\tclause\tkind\tchain\tcondition\tstatus\treading\tverdict\n' \
	    >run/static/7.99.4/findings.tsv
	printf 'ref-ok\tscref_strategy\tSC-SLP-1\tsleep\ta -> pool_get\t\texpected\tPR_NOWAIT on this path\tfalse/chain\n' \
	    >>run/static/7.99.4/findings.tsv
	report run
	atf_check -o match:"^  ref-ok +hardint-safe$" cat levels.txt
	printf 'ref-ok\tscref_strategy\tSC-SLP-2\tadaptive-lock\tb -> mutex_enter\t\texpected\tIPL_NONE lock\treal/chain\n' \
	    >>run/static/7.99.4/findings.tsv
	report run
	atf_check -o match:"^  ref-ok +hardint-safe; 1 static chain not ruled out$" cat levels.txt
	atf_check -o match:"static, read as real: SC-SLP-2 adaptive-lock from scref_strategy" \
	    -o match:"reading \(real/chain\): IPL_NONE lock" cat out/review/ref-ok.md
	[ -f out/review/fx.md ] || atf_fail "no sheet for fx: $(ls out/review | tr '\n' ' ')"
	atf_check -o match:"from the static tier alone" cat out/review/fx.md
	atf_check -o match:"^- \[10.99.12 tree\] sleep from fxstrategy: \`fxstrategy \([^)]*fx_disk.c:[0-9]+\)" \
	    -o match:"no reading covers this chain yet" cat out/review/fx.md
	# the hand-written shard's chains are still read (six columns)
	atf_check -o match:"ref_sleep_strategy" cat out/review/ref-sleep.md
}

atf_test_case tiers_disagree
tiers_disagree_head() {
	atf_set descr "where the tiers disagree (disagreements.tsv) is in" \
	    "report.md, with its count and rows, and in each driver's review" \
	    "sheet beside its clause; sc-lint's own findings, from the" \
	    "reference module's source"
}
tiers_disagree_body() {
	setup
	L=$TOP/conformance/static/tests
	lint_into_run "$TOP/conformance/kern/sc_refdisk.c"
	# the recorded verdicts agree with the chains: none to show
	report run
	atf_check -o match:"^0 disagreements between" cat out/report.md
	atf_check -s exit:1 -o empty grep "tiers disagree:" out/review/ref-spin.md
	# ref-spin passes its busy-wait (static only); ref-ok fails
	# SC-SLP-2 in hardintr, which no chain of its mode explains
	# (dynamic only)
	awk -F'\t' 'BEGIN { OFS = "\t" }
	    $1 == "10.99.12" && $2 == "reference:ref-spin" &&
	    $4 == "SC-ADV-1" { $6 = "pass" }
	    $1 == "10.99.12" && $2 == "reference:ref-ok" &&
	    $4 == "SC-SLP-2" && $5 == "hardintr" { $6 = "fail"; $9 = "slept" }
	    { print }' "$RES/run/10.99.12/matrix.tsv" >run/10.99.12/matrix.tsv
	report run
	[ $(sed 1d out/disagreements.tsv | wc -l) -eq 2 ] ||
	    atf_fail "want 2 disagreements: $(oneline out/disagreements.tsv)"
	atf_check -o match:"^## Where the tiers disagree$" \
	    -o match:"^2 disagreements between" \
	    -o match:"^\| 10.99.12 \| reference:ref-spin \| scref \| SC-ADV-1 \| static only \| 1 chains .*DELAY" \
	    -o match:"^\| 10.99.12 \| reference:ref-ok \| scref \| SC-SLP-2 \| dynamic only \| - \| hardintr: slept \|" \
	    cat out/report.md
	# in the sheet, under the clause's heading and before the next one
	awk '/^### / { c = $2 } /tiers disagree:/ { print c }' \
	    out/review/ref-spin.md >where
	atf_check -o inline:"SC-ADV-1\n" cat where
	atf_check -o match:"^- 10.99.12 reference:ref-spin: static only; static: 1 chains .*; dynamic: pass; to explain: " \
	    cat out/review/ref-spin.md
	awk '/^### / { c = $2 } /tiers disagree:/ { print c }' \
	    out/review/ref-ok.md >where
	atf_check -o inline:"SC-SLP-2\n" cat where
	atf_check -s exit:1 -o empty grep "tiers disagree:" out/review/wd.md
}

atf_test_case verdict_diff
verdict_diff_head() {
	atf_set descr "verdict-diff.sh lists every cell whose verdict differs" \
	    "between runs, with both details, and exits 1; none: exit 0"
}
verdict_diff_body() {
	setup
	DIFF=$TOP/conformance/host/verdict-diff.sh
	cp -R "$RES/run" a
	cp -R "$RES/run" b
	atf_check -s exit:0 -o match:"^[0-9]+ cells, 0 differ over 2 runs$" \
	    sh "$DIFF" a b
	# one verdict flips in b
	awk -F'\t' 'BEGIN { OFS = "\t" } $2 == "reference:ref-ok" &&
	    $4 == "SC-SLP-1" && $5 == "hardintr" { $6 = "fail"; $9 = "slept" }
	    { print }' a/10.99.12/matrix.tsv >b/10.99.12/matrix.tsv
	atf_check -s exit:1 -o save:out sh "$DIFF" a b
	atf_check -o match:"^10.99.12	reference:ref-ok	SC-SLP-1	hardintr$" \
	    -o match:"^    a: pass: " -o match:"^    b: fail: slept$" \
	    -o match:"1 differ over 2 runs" cat out
	# cells are rows: a USB disk that attached as sd8 in one run and
	# sd7 in the next is the same cell; gpt's two wedges are two
	mkdir -p u1/10.99.12 u2/10.99.12
	h='kernel	device	attachment	clause	context	verdict	regression	note	detail	row	cause'
	printf '%s\n%s\n%s\n%s\n' "$h" \
	    '10.99.12	controllers:sd7	x	SC-SLP-1	thread	pass	-	-	d	controllers:usb-ohci	-' \
	    '10.99.12	controllers:dk0	x	SC-SLP-1	thread	pass	-	-	d	controllers:gpt	-' \
	    '10.99.12	controllers:dk1	x	SC-SLP-1	thread	pass	-	-	d	controllers:gpt	-' \
	    >u1/10.99.12/matrix.tsv
	sed -e 's/controllers:sd7/controllers:sd8/' \
	    -e '/dk1/s/	pass	/	fail	/' u1/10.99.12/matrix.tsv \
	    >u2/10.99.12/matrix.tsv
	atf_check -s exit:1 -o save:out2 sh "$DIFF" u1 u2
	atf_check -o match:"^10.99.12	controllers:gpt controllers:dk1	SC-SLP-1	thread$" \
	    -o not-match:"usb-ohci" -o match:"^3 cells, 1 differ over 2 runs$" \
	    cat out2
}

atf_init_test_cases() {
	atf_add_test_case verdict_diff
	atf_add_test_case tiers_disagree
	atf_add_test_case static_joined
	atf_add_test_case levels
	atf_add_test_case review_sheets
	atf_add_test_case spec_driven
	atf_add_test_case applies
	atf_add_test_case unattributed
	atf_add_test_case markdown
	atf_add_test_case html_page
	atf_add_test_case html_render
	atf_add_test_case junit
	atf_add_test_case merge
	atf_add_test_case refuse
	atf_add_test_case make_report
}
