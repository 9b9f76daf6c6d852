#! /bin/sh
# precision.sh - the static tier's precision on its labelled sample.
#
#   precision.sh precision.tsv findings.tsv
#
# precision.tsv is a uniform sample of sc-lint's direct findings on one
# tree, each labelled real or false from the code (see the file's head).
# A sample row is still reported when findings.tsv has a direct chain
# with its driver, root's file, root, clause and signature (the chain
# without its file:line parts).  Precision is counted as DSAC counts it: real rows
# reported / rows reported.  A real row that is no longer reported is
# listed: it is lost recall, unless the same sink is still reported for
# that root and clause through another chain ("moved").
# Columns of findings.tsv are found by name.
set -eu
[ $# -eq 2 ] || { echo "usage: precision.sh precision.tsv findings.tsv" >&2; exit 2; }
awk -F'\t' '
function sig(c) { gsub(/ \([^()]*:[0-9]+\)/, "", c); return c }
function sinkof(c) { sub(/.* -> /, "", c); return c }
FNR == 1 && NR != 1 {
	for (i = 1; i <= NF; i++) col[$i] = i
	for (k = split("driver file root clause chain via kind", need, " "); k > 0; k--)
		if (!(need[k] in col)) {
			print "precision.sh: findings.tsv has no " need[k] " column" > "/dev/stderr"
			exit 2
		}
	next
}
NR == FNR {
	if ($0 ~ /^#/ || $1 == "n") next
	n++; sd[n] = $2 SUBSEP $3; sr[n] = $4; sc[n] = $5; ss[n] = $6; sl[n] = $7
	sn[n] = $2
	next
}
$col["via"] == "-" && $col["kind"] != "unresolved" {
	k = $col["driver"] SUBSEP $col["file"] SUBSEP $col["root"] SUBSEP $col["clause"]
	have[k SUBSEP sig($col["chain"])] = 1
	sink[k SUBSEP sinkof(sig($col["chain"]))] = 1
}
END {
	if (n == 0) { print "precision.sh: empty sample" > "/dev/stderr"; exit 2 }
	for (i = 1; i <= n; i++) {
		k = sd[i] SUBSEP sr[i] SUBSEP sc[i]
		if ((k SUBSEP ss[i]) in have) {
			rep++
			if (sl[i] == "real") real++; else fals++
		} else if (sl[i] == "real")
			lost = lost sprintf("  row %d %s %s %s: %s%s\n", i, sn[i],
			    sr[i], sc[i], sinkof(ss[i]),
			    (k SUBSEP sinkof(ss[i])) in sink ? " (moved: same sink, another chain)" : "")
	}
	printf "sample %d, reported %d (real %d, false %d): precision %d/%d = %.1f %%\n",
	    n, rep, real + 0, fals + 0, real + 0, rep + 0, rep ? 100 * real / rep : 0
	if (lost != "") printf "real rows no longer reported:\n%s", lost
}' "$1" "$2"
