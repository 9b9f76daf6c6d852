#!/bin/sh
# Runs the checker on several NetBSD kernels at once, and puts them side by
# side.  For each kernel: build the module against its sys/ (one build
# directory per sys/ tree and version); then run strategy-run into
# RESULTS/<release> for every kernel together, sharing -j's job slots;
# then print the kernels' tables side by side.  Exits 0
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
# Each kernel's module and PID 1 first, one after the other; then every
# kernel's run at once, their profiles in one set of job slots (-J: as
# many at a time as -j says, whichever kernel they are of), so that no
# core idles while the last profile of one kernel ends.  Each kernel's
# progress lines are marked with its release; its table comes after.
slots=$results/.slots
rm -rf "$slots"
worst=0 n=0
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
	release=${release:-kernel$n}
	out=$results/$release
	printf '%s\n' "$release" >"$results/.kernel$n.release"
	printf '"$run" -k %s -m %s %s -o %s -J %s %s\n' "$(quote "$kernel")" \
	    "$(quote "$kmod")" "$initopt" "$(quote "$out")" \
	    "$(quote "$slots")" "$opts" >"$results/.kernel$n.cmd"
done

# Each line as it comes (awk and sed may read a pipe a block at a time).
prefix() {
	while IFS= read -r line || [ -n "$line" ]; do
		printf '[%s] %s\n' "$1" "$line"
	done
}

i=0
while [ $i -lt $n ]; do
	i=$((i + 1))
	[ -f "$results/.kernel$i.cmd" ] || continue
	release=$(cat "$results/.kernel$i.release")
	echo "== kernel $release: strategy-run started" >&2
	{ eval "$(cat "$results/.kernel$i.cmd")" \
	    >"$results/.kernel$i.out"; echo $? >"$results/.kernel$i.rc"; } \
	    2>&1 | prefix "$release" >&2 &
done
wait

dirs=
i=0
while [ $i -lt $n ]; do
	i=$((i + 1))
	[ -f "$results/.kernel$i.cmd" ] || continue
	release=$(cat "$results/.kernel$i.release")
	rc=$(cat "$results/.kernel$i.rc" 2>/dev/null || echo 2)
	cat "$results/.kernel$i.out" 2>/dev/null
	echo "== kernel $release: strategy-run exit $rc" >&2
	[ "$rc" -gt $worst ] && worst=$rc
	[ -f "$results/$release/matrix.tsv" ] && dirs="$dirs $results/$release"
	rm -f "$results/.kernel$i.cmd" "$results/.kernel$i.out" \
	    "$results/.kernel$i.rc" "$results/.kernel$i.release"
done
rm -rf "$slots"

if [ $n -gt 1 ] && [ -n "$dirs" ]; then
	echo
	# shellcheck disable=SC2086
	"$run" compare $dirs
fi
exit $worst
