#!/bin/sh
# The benchmark of restores against cold boots: the same kernels and
# profiles run twice on this machine, one after the other, once with cold
# boots only (strategy-run -R) and once saving the machine when the
# checker is ready and restoring it after every case that takes the guest
# down.  Prints, per kernel and profile, boots, restores, seconds per boot
# and per restore, and wall time, then as its last line
#   bench: cold <s> s, resumed <s> s, speed-up <x>
# for the whole set.  Both runs must also agree on every verdict.
#
#   bench.sh -o RESULTS [-p profile ...] -- KERNEL...
set -u

here=$(cd "$(dirname "$0")" && pwd)
out=
profiles=
while [ $# -gt 0 ]; do
	case $1 in
	--) shift; break ;;
	-o) out=$2; shift 2 ;;
	-p) profiles="$profiles -p $2"; shift 2 ;;
	*) echo "usage: $0 -o RESULTS [-p profile ...] -- KERNEL..." >&2
	   exit 2 ;;
	esac
done
[ -n "$out" ] && [ $# -ge 1 ] || {
	echo "usage: $0 -o RESULTS [-p profile ...] -- KERNEL..." >&2
	exit 2
}
[ -n "$profiles" ] || profiles="-p reference -p base"

now() { date +%s.%N; }

# shellcheck disable=SC2086
for mode in cold resumed; do
	# resumed: the first boot of each profile is a boot too, never a
	# machine an earlier run kept (-F; make bench-matrix measures that)
	flag=-F
	[ $mode = cold ] && flag=-R
	start=$(now)
	sh "$here/run-kernels.sh" -o "$out/$mode" $flag $profiles \
	    -- "$@" >"$out.$mode.out" 2>"$out.$mode.err"
	echo "$mode: run-kernels exit $?" >&2
	end=$(now)
	echo "$start $end" >"$out.$mode.wall"
done

printf '%-10s %-10s %-8s %6s %9s %8s %10s %8s\n' kernel profile mode \
    boots s/boot restores s/restore wall
for mode in cold resumed; do
	for t in "$out/$mode"/*/*/timing.tsv; do
		[ -f "$t" ] || continue
		k=$(basename "$(dirname "$(dirname "$t")")")
		awk -F'\t' -v k="$k" -v m="$mode" 'NR == 2 {
			printf "%-10s %-10s %-8s %6d %9.1f %8d %10.2f %8.1f\n",
			    k, $1, m, $3, $3 ? $5 / $3 : 0, $4,
			    $4 ? $6 / $4 : 0, $10
		}' "$t"
	done
done

# Same verdicts both ways: the matrices without their details.
for k in "$out"/cold/*/; do
	k=$(basename "$k")
	[ -f "$out/cold/$k/matrix.tsv" ] &&
	    [ -f "$out/resumed/$k/matrix.tsv" ] || continue
	cut -f1-8 "$out/cold/$k/matrix.tsv" >"$out/$k.cold.cut"
	cut -f1-8 "$out/resumed/$k/matrix.tsv" >"$out/$k.resumed.cut"
	if cmp -s "$out/$k.cold.cut" "$out/$k.resumed.cut"; then
		echo "$k: the same verdicts cold and resumed"
	else
		echo "$k: verdicts differ between cold and resumed:"
		diff "$out/$k.cold.cut" "$out/$k.resumed.cut" | head -20
	fi
done

read -r cs ce <"$out.cold.wall"
read -r rs re <"$out.resumed.wall"
awk -v cs="$cs" -v ce="$ce" -v rs="$rs" -v re="$re" 'BEGIN {
	c = ce - cs; r = re - rs
	printf "bench: cold %.0f s, resumed %.0f s, speed-up %.1f\n", c, r,
	    (r > 0 ? c / r : 0)
}'
