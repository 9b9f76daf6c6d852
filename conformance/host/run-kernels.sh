#!/bin/sh
# Runs the checker on several NetBSD kernels, one after the other, and puts
# them side by side.  For each kernel: build the module against its sys/
# (one build directory per sys/ tree and version), run strategy-run into
# RESULTS/<release>, then print the kernels' tables side by side.  Exits 0
# only when every kernel's results match the expectations; 2 on bad input.
#
#   run-kernels.sh -o RESULTS [strategy-run options] -- KERNEL...
#
# KERNEL is a directory holding "netbsd" and "sys/" (as ../shared/lab's
# unpack makes them), or "path/to/netbsd:path/to/sys".  The strategy-run
# options (-p, -e, -j, -t, -D, -C, ...) are passed on unchanged.
set -u

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
run=$here/strategy-run
results=
opts=

usage() {
	echo "usage: $0 -o RESULTS [strategy-run options] -- KERNEL..." >&2
	exit 2
}

# Options for strategy-run, kept with their arguments and quoted for eval.
quote() {
	printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"
}
while [ $# -gt 0 ]; do
	case $1 in
	--) shift; break ;;
	-o) [ $# -ge 2 ] || usage; results=$2; shift 2 ;;
	-K|-R|-F) opts="$opts $1"; shift ;;
	-?) [ $# -ge 2 ] || usage; opts="$opts $1 $(quote "$2")"; shift 2 ;;
	*) usage ;;
	esac
done
[ -n "$results" ] && [ $# -ge 1 ] || usage
[ -x "$run" ] || { echo "$0: $run not built (make host)" >&2; exit 2; }

# The kernel file and sys/ of one KERNEL argument.
split() {
	case $1 in
	*:*) kernel=${1%%:*} sysdir=${1#*:} ;;
	*) kernel=$1/netbsd sysdir=$1/sys ;;
	esac
	if [ ! -f "$kernel" ]; then
		echo "$0: $1: no kernel at $kernel" >&2
		return 1
	fi
	if [ ! -f "$sysdir/sys/param.h" ]; then
		echo "$0: $1: no NetBSD sys/ tree at $sysdir" >&2
		return 1
	fi
}

# One build per sys/ tree: its version and where it is, so that a change
# of tree never reuses objects or include links made for another.
builddir() {
	v=$(awk '$2 == "__NetBSD_Version__" && $3 ~ /^[0-9]+$/ { print $3;
	    exit }' "$1/sys/param.h")
	sum=$(cd "$1" && pwd -P | cksum | cut -d' ' -f1)
	echo "$top/build/kmod/${v:-unknown}-$sum"
}

for k; do
	split "$k" || exit 2
done

# Every program the profiles need, before anything is built or booted.
eval "\"\$run\" check $opts" >/dev/null || exit 2

mkdir -p "$results" || exit 2
dirs= worst=0 n=0
for k; do
	split "$k" || exit 2
	n=$((n + 1))
	obj=$(builddir "$sysdir")
	echo "== kernel $n of $#: $kernel (sys/ $sysdir)" >&2
	if ! make -s -C "$top/conformance/kern" NETBSD_SYSDIR="$(cd "$sysdir" &&
	    pwd)" OBJDIR="$obj" >&2; then
		echo "$0: the module does not build against $sysdir" >&2
		worst=2
		continue
	fi
	kmod=$obj/strategy_checker.kmod
	# The guest's PID 1, for profiles with init=1; without it their
	# rows are skipped by name.
	initopt=
	if make -s -C "$top/conformance/init" NETBSD_SYSDIR="$(cd "$sysdir" &&
	    pwd)" OBJDIR="$obj/init" >&2; then
		initopt="-i $obj/init/sc-init"
	else
		echo "$0: the guest's PID 1 does not build against $sysdir" \
		    "(profiles with init=1 skip their rows)" >&2
	fi
	release=$("$run" check -k "$kernel" -m "$kmod" 2>&1) || {
		echo "$0: $release" >&2
		worst=2
		continue
	}
	# "kernel K: NetBSD 10.99.12 (1099001200), MODULAR; modules match"
	release=$(echo "$release" | sed -n 's/.*: NetBSD \([^ ]*\) (.*/\1/p')
	out=$results/${release:-kernel$n}
	eval "\"\$run\" -k \"\$kernel\" -m \"\$kmod\" $initopt -o \"\$out\" $opts"
	rc=$?
	echo "== kernel $release: strategy-run exit $rc" >&2
	[ $rc -gt $worst ] && worst=$rc
	[ -f "$out/matrix.tsv" ] && dirs="$dirs $out"
done

if [ $n -gt 1 ] && [ -n "$dirs" ]; then
	echo
	# shellcheck disable=SC2086
	"$run" compare $dirs
fi
exit $worst
