#!/bin/sh
# Lists every verdict that differs between runs of the same matrix: one
# line per (kernel, device, clause, context) whose verdict is not the
# same in every run, with each run's verdict and detail.  A verdict that
# holds in one run and not another is a checker bug until the driver's
# code shows otherwise; this is how a reviewer finds them.
#
#   verdict-diff.sh RUN1 RUN2 ...    (results/<run> directories)
#
# Exit 0 when every run gives every cell the same verdict, 1 when some
# differ, 2 on bad input.  Cells are compared by kernel and row (the
# profile's disk, which holds however autoconfiguration numbers the
# units: USB disks attach in the order their hubs are explored), with
# the unit only where a row holds several (gpt's two wedges).
set -u

[ $# -ge 2 ] || { echo "usage: $0 RUN1 RUN2 ..." >&2; exit 2; }
for r; do
	ls "$r"/*/matrix.tsv >/dev/null 2>&1 ||
	    { echo "$0: $r: no <kernel>/matrix.tsv" >&2; exit 2; }
done

n=$#
for r; do
	for m in "$r"/*/matrix.tsv; do
		printf '%s\t%s\n' "$r" "$m"
	done
done | while IFS='	' read -r run m; do
	# first pass: the units of each row; second: the cells
	awk -F'\t' -v run="$run" '
	FNR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
	NR == FNR {
		r = "row" in col ? $col["row"] : ""
		if (!((r, $col["device"]) in seen)) {
			seen[r, $col["device"]] = 1
			units[r]++
		}
		next
	}
	{
		r = "row" in col ? $col["row"] : ""
		cell = r == "" || r == "-" ? $col["device"] : \
		    units[r] > 1 ? r " " $col["device"] : r
		printf "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", $col["kernel"],
		    cell, $col["clause"], $col["context"], run,
		    $col["verdict"], $col["detail"]
	}' "$m" "$m"
done | sort -t'	' -k1,4 -k5,5 | awk -F'\t' -v n="$n" '
function flush() {
	if (key == "")
		return
	same = 1
	for (i = 2; i <= cnt; i++)
		if (v[i] != v[1])
			same = 0
	if (cnt != n)
		same = 0
	if (!same) {
		diffs++
		print key
		for (i = 1; i <= cnt; i++)
			printf "    %s: %s: %s\n", r[i], v[i], d[i]
		if (cnt != n)
			printf "    (in %d of %d runs)\n", cnt, n
	}
}
{
	k = $1 "\t" $2 "\t" $3 "\t" $4
	if (k != key) {
		flush()
		key = k
		cnt = 0
		cells++
	}
	cnt++
	r[cnt] = $5; v[cnt] = $6; d[cnt] = $7
}
END {
	flush()
	printf "%d cells, %d differ over %d runs\n", cells, diffs, n
	exit diffs > 0
}'
