#!/bin/sh
# Runs sc-lint on each NetBSD sys/ tree given, into OUT/<release>/, the
# release read from the tree's sys/param.h: strategy-report puts a
# tree's findings beside the dynamic verdicts of the kernel of that
# release.  Exits with the worst sc-lint status (1: findings no reading
# accepts; 2: bad input).
#
#   lint-trees.sh [sc-lint options] -o OUT -- SYSDIR...
#   lint-trees.sh -l -- ITEM...   the trees among ITEM that hold sources
#
# ITEM is a sys/ tree, a kernel directory holding sys/ (NETBSD_KERNELS),
# or "kernel:sys" (NETBSD_KERNEL:NETBSD_SYSDIR).  A tree holds sources
# when it has kern/kern_synch.c: the lab's trees are headers only.
set -u

here=$(cd "$(dirname "$0")" && pwd)
out= list=0 opts=
quote() {
	printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"
}
while [ $# -gt 0 ]; do
	case $1 in
	--) shift; break ;;
	-l) list=1; shift ;;
	-o) [ $# -ge 2 ] || exit 2; out=$2; shift 2 ;;
	-?) [ $# -ge 2 ] || exit 2; opts="$opts $1 $(quote "$2")"; shift 2 ;;
	*) echo "usage: $0 [-l] [sc-lint options] -o OUT -- SYSDIR..." >&2
	   exit 2 ;;
	esac
done

# The sys/ tree of an item, if it holds sources.
tree_of() {
	case $1 in
	*:*) t=${1#*:} ;;
	*) if [ -d "$1/sys/kern" ]; then t=$1/sys; else t=$1; fi ;;
	esac
	[ -f "$t/kern/kern_synch.c" ] && (cd "$t" && pwd -P)
}

if [ $list -eq 1 ]; then
	for i; do
		tree_of "$i"
	done | awk '!seen[$0]++'
	exit 0
fi
[ -n "$out" ] && [ $# -ge 1 ] || {
	echo "usage: $0 [sc-lint options] -o OUT -- SYSDIR..." >&2
	exit 2
}
worst=0
for t; do
	rel=$(sed -n 's/^#define[ 	]*__NetBSD_Version__[ 	].*NetBSD \([0-9][0-9.]*\).*/\1/p' \
	    "$t/sys/param.h" 2>/dev/null | head -1)
	if [ -z "$rel" ]; then
		echo "$0: $t: no NetBSD sys/ tree (no __NetBSD_Version__ in sys/param.h)" >&2
		worst=2
		continue
	fi
	echo "== static tier: $t (NetBSD $rel) -> $out/$rel" >&2
	eval "\"\$here/sc-lint\" -s \"\$t\" $opts -o \"\$out/\$rel\""
	rc=$?
	[ $rc -gt $worst ] && worst=$rc
done
exit $worst
