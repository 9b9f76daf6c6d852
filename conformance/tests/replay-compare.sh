#!/bin/sh
# replay-compare.sh - do two builds of the host tools give the same
# verdicts?  A refactoring that is meant to change no verdict is checked
# by replaying every recorded console through both runners and by
# making the reports of the same result directories with both report
# tools, and diffing what they wrote.  Not an ATF test: it needs a
# second (older) build, which the test tree does not keep.
#
#   replay-compare.sh old-strategy-run old-strategy-report \
#       new-strategy-run new-strategy-report [resultdir ...]
#
# Each console of conformance/tests/logs is replayed (strategy-run parse)
# under its own name and under the name of every profile of
# qemu-images/profiles (so that the profile's rows are applied), with
# each kernel of KERNELS (default: the lab's current and 7.99.4) and
# the expectations of conformance/fixtures/expected.tsv; the three
# panic-boot consoles also as one run of three boots.  The outputs
# compared: every .tsv the runner wrote, its standard output and its
# exit status.  Then strategy-report runs on conformance/tests/results
# (each shard and the run), on the two kernels' outputs of each replay
# (each tool on its own runner's) and on each resultdir given; report.md,
# review/*.md, report.html, junit.xml and the standard output are
# compared.  Prints the counts;
# exits 1 if anything differs (the diffs are kept in WORK).
set -u

[ $# -ge 4 ] || {
	echo "usage: $0 old-run old-report new-run new-report [resultdir ...]" >&2
	exit 2
}
abs() { (cd "$(dirname "$1")" && echo "$(pwd -P)/$(basename "$1")"); }
OLDRUN=$(abs "$1"); OLDREP=$(abs "$2"); NEWRUN=$(abs "$3"); NEWREP=$(abs "$4")
shift 4
TOP=$(cd "$(dirname "$0")/../.." && pwd -P)
LOGS=$TOP/conformance/tests/logs
EXP=$TOP/conformance/fixtures/expected.tsv
SPEC=$TOP/spec/strategy-contract.md
KERNELS=${KERNELS:-/var/cache/strategy-lab/current/netbsd /var/cache/strategy-lab/7.99.4/netbsd}
WORK=${WORK:-$(mktemp -d /tmp/replay-compare.XXXXXX)}
mkdir -p "$WORK/old" "$WORK/new" "$WORK/diff"

runs=0 files=0 differ=0 reports=0

# A profile's name finds a file in the current directory first
# (strategy-run's find_profile), so that both builds read the same one.
for p in "$TOP"/qemu-images/profiles/*.profile; do
	n=$(basename "$p" .profile)
	cp "$p" "$WORK/old/$n"
	cp "$p" "$WORK/new/$n"
done
names=$(cd "$TOP/qemu-images/profiles" && ls *.profile | sed 's/\.profile$//')

# replay <id> <name> <kernel> <log> ...: both builds, outputs in <id>/
replay() {
	id=$1 name=$2 kern=$3
	shift 3
	for side in old new; do
		if [ $side = old ]; then tool=$OLDRUN; else tool=$NEWRUN; fi
		(cd "$WORK/$side" && "$tool" parse -p "$name" -k "$kern" \
		    -e "$EXP" -o "$id" "$@" >"$id.out" 2>"$id.err"
		    echo "exit $?" >>"$id.out")
	done
	runs=$((runs + 1))
	for f in "$WORK/old/$id.out" $(cd "$WORK/old" && find "$id" -name '*.tsv' |
	    sort | sed "s|^|$WORK/old/|"); do
		g=$WORK/new/${f#"$WORK/old/"}
		files=$((files + 1))
		if ! cmp -s "$f" "$g"; then
			differ=$((differ + 1))
			diff -u "$f" "$g" >>"$WORK/diff/$id.diff" 2>&1
		fi
	done
	# a file only the new build wrote
	if [ -d "$WORK/new/$id" ]; then
		extra=$(cd "$WORK/new" && find "$id" -name '*.tsv' | while read -r f; do
			[ -e "$WORK/old/$f" ] || echo "$f"
		done)
		if [ -n "$extra" ]; then
			differ=$((differ + 1))
			echo "only new: $extra" >>"$WORK/diff/$id.diff"
		fi
	fi
}

k=0
for kern in $KERNELS; do
	k=$((k + 1))
	for log in "$LOGS"/*.log; do
		b=$(basename "$log" .log)
		replay "k$k-$b" "$b" "$kern" "$log"
		for n in $names; do
			replay "k$k-$b-$n" "$n" "$kern" "$log"
		done
	done
	replay "k$k-panic-boots" panic-boots "$kern" "$LOGS/panic-boot1.log" \
	    "$LOGS/panic-boot2.log" "$LOGS/panic-boot3.log"
done

# report <id> <dir> ...: both report tools on the same inputs
report() {
	id=$1
	shift
	for side in old new; do
		if [ $side = old ]; then tool=$OLDREP; else tool=$NEWREP; fi
		(cd "$WORK/$side" && "$tool" -s "$SPEC" -o "rep-$id" "$@" \
		    >"rep-$id.out" 2>"rep-$id.err"
		    echo "exit $?" >>"rep-$id.out")
	done
	reports=$((reports + 1))
	for f in "rep-$id.out" "rep-$id.err" $(cd "$WORK/old" && [ -d "rep-$id" ] &&
	    find "rep-$id" -name '*.md' -o -name '*.html' -o -name '*.xml' | sort); do
		files=$((files + 1))
		if ! cmp -s "$WORK/old/$f" "$WORK/new/$f"; then
			differ=$((differ + 1))
			diff -u "$WORK/old/$f" "$WORK/new/$f" \
			    >>"$WORK/diff/rep-$id.diff" 2>&1
		fi
	done
}

R=$TOP/conformance/tests/results
report run "$R/run"
for s in "$R"/shards/*; do
	report "shard-$(basename "$s")" "$s"
done
report shards-ab "$R/shards/a" "$R/shards/b"
# the runner's outputs just replayed, both kernels side by side: the
# report on what the runner writes (not only on hand-made results)
for d in "$WORK"/old/k1-*/; do
	id=$(basename "$d")
	id=${id#k1-}
	[ -d "$WORK/old/k2-$id" ] || continue
	report "replay-$id" "k1-$id" "k2-$id"
done
i=0
for d in "$@"; do
	i=$((i + 1))
	report "given$i" "$(abs "$d")"
done

# a replay that stopped early (exit 2: a missing file) compares little
echo "replay-compare: exit statuses of the old build's replays:" \
    $(cat "$WORK"/old/k*.out | sed -n 's/^exit //p' | sort | uniq -c |
    awk '{ printf("%s%s x%s", (NR > 1 ? ", " : ""), $2, $1) }')
echo "replay-compare: $runs replays, $reports report runs, $files files compared, $differ differ (work: $WORK)"
[ "$differ" -eq 0 ]
