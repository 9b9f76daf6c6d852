#!/bin/sh
# The matrix cold, then warm: the same kernels and profiles run twice,
# one after the other, first with an empty cache of saved machines (every
# profile boots, and keeps its saved machine), then with the machines the
# first run kept (every profile that can be saved restores instead of
# booting).  The cache is the benchmark's own, OUT/machines, removed at
# the end; the user's is not touched.  Prints, per kernel and profile and
# in total for each run, boots, restores (from the cache), cases,
# waiting and wall seconds, into OUT/bench.tsv too; then compares the
# two runs' verdicts (verdict-diff.sh), which must be the same.
#
#   bench-matrix.sh -o OUT [-p profile ...] [strategy-run options] -- KERNEL...
#
# Exit 0 when the verdicts are the same, 1 when they differ, 2 on bad
# input.
set -u

here=$(cd "$(dirname "$0")" && pwd)
out=
opts=
usage() {
	echo "usage: $0 -o OUT [-p profile ...] [strategy-run options] -- KERNEL..." >&2
	exit 2
}
while [ $# -gt 0 ]; do
	case $1 in
	--) shift; break ;;
	-o) [ $# -ge 2 ] || usage; out=$2; shift 2 ;;
	-?) [ $# -ge 2 ] || usage; opts="$opts $1 $2"; shift 2 ;;
	*) usage ;;
	esac
done
[ -n "$out" ] && [ $# -ge 1 ] || usage
mkdir -p "$out" || exit 2

STRATEGY9_MACHINES=$(cd "$out" && pwd)/machines
# Room for every machine of the matrix: the warm run must find them all.
STRATEGY9_MACHINES_MAX=${BENCH_MACHINES_MAX:-64G}
export STRATEGY9_MACHINES STRATEGY9_MACHINES_MAX
rm -rf "$STRATEGY9_MACHINES"

now() { date +%s.%N; }

# shellcheck disable=SC2086
for run in cold warm; do
	echo "== bench-matrix: $run run into $out/$run" >&2
	start=$(now)
	sh "$here/run-kernels.sh" -o "$out/$run" $opts -- "$@" \
	    >"$out/$run.out" 2>"$out/$run.err"
	echo "== bench-matrix: $run: run-kernels exit $?" >&2
	echo "$start $(now)" >"$out/$run.wall"
done

# Per profile (a profile's later machines are rows of its timing.tsv:
# summed), then each run's total and its wall clock.
{
	printf 'run\tkernel\tprofile\tboots\trestores\tcached\tcases_s\twait_s\twall_s\n'
	for run in cold warm; do
		for t in "$out/$run"/*/*/timing.tsv; do
			[ -f "$t" ] || continue
			k=$(basename "$(dirname "$(dirname "$t")")")
			awk -F'\t' -v r="$run" -v k="$k" '
			NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
			{ b += $c["boots"]; rs += $c["restores"]
			  ca += (c["cached"] ? $c["cached"] : 0)
			  cs += $c["cases_s"]; w += $c["wait_s"]
			  tot += $c["total_s"]; p = $c["profile"] }
			END { printf "%s\t%s\t%s\t%d\t%d\t%d\t%.1f\t%.1f\t%.1f\n",
			    r, k, p, b, rs, ca, cs, w, tot }' "$t"
		done
	done
} >"$out/bench.tsv"

awk -F'\t' '
NR == 1 { next }
{
	printf "%-5s %-10s %-12s %5d %8d %7d %8.1f %8.1f %8.1f\n",
	    $1, $2, $3, $4, $5, $6, $7, $8, $9
	B[$1] += $4; R[$1] += $5; C[$1] += $6; S[$1] += $7; W[$1] += $8
	T[$1] += $9
}
END {
	for (r in B)
		printf "%-5s %-10s %-12s %5d %8d %7d %8.1f %8.1f %8.1f\n",
		    r, "all", "(sum)", B[r], R[r], C[r], S[r], W[r], T[r]
}' "$out/bench.tsv" | sort -k1,1 -s | {
	printf '%-5s %-10s %-12s %5s %8s %7s %8s %8s %8s\n' run kernel \
	    profile boots restores cached cases_s wait_s wall_s
	cat
}

for run in cold warm; do
	read -r s e <"$out/$run.wall"
	awk -v r="$run" -v s="$s" -v e="$e" 'BEGIN {
		printf "bench-matrix: %s run: %.0f s wall\n", r, e - s }'
done | tee "$out/wall.txt"

rm -rf "$STRATEGY9_MACHINES"
if sh "$here/verdict-diff.sh" "$out/cold" "$out/warm" >"$out/verdicts.txt"
then
	echo "bench-matrix: the same verdicts cold and warm ($(tail -1 "$out/verdicts.txt"))"
	exit 0
fi
echo "bench-matrix: verdicts differ between cold and warm:"
head -40 "$out/verdicts.txt"
exit 1
