#!/bin/sh
# Fetches a NetBSD/amd64 kernel as the NetBSD project ships it, so that
# make conformance can judge NetBSD's own kernels on a machine that has
# none: the release's netbsd-GENERIC.gz, sys/ from syssrc.tgz and the
# common/include headers the module build needs, each file checked
# against the release's own SHA512 list before use, laid out as one
# kernel directory (netbsd, sys/, common/include) in the user's cache.
# Prints that directory on stdout; progress and errors go to stderr.
#
#   netbsd-fetch.sh         fetch (or reuse) NETBSD from NETBSD_MIRROR
#   netbsd-fetch.sh -d      print the default release
#
#   NETBSD         a release ("10.1"), or "daily": the newest build of
#                  NetBSD-current in NetBSD-daily/HEAD
#   NETBSD_MIRROR  a mirror's pub/ directory: an http(s) URL (loopback
#                  too), a file:// URL or a local directory
#
# The layout read here, as release(7) and src/distrib/sets (maketars,
# makesrctars, makesums) make it:
#   NetBSD/NetBSD-<rel>/amd64/binary/kernel/netbsd-GENERIC.gz, SHA512
#   NetBSD/NetBSD-<rel>/source/sets/syssrc.tgz, src.tgz, SHA512
#   NetBSD-daily/HEAD/<YYYYMMDDhhmm[ss]Z>/ with the same tree below it
#   NetBSD-archive/NetBSD-<rel>/ for releases no longer supported
# An SHA512 file has one line per file, as "cksum -a SHA512 file"
# prints it: "SHA512 (syssrc.tgz) = <128 hex digits>".  Source sets
# hold paths usr/src/...; common/ is in syssrc.tgz since makesrctars
# 1.40 (2015) and in src.tgz before, so src.tgz is fetched only when
# syssrc.tgz lacks it.
#
# Exit status: 0; 1 a checksum mismatch or a set without what it should
# hold; 2 bad input, a mirror that cannot be reached or lacks the release.
set -u

# The release fetched when NETBSD is not given: the newest 10.x release.
DEFAULT_RELEASE=10.2

prog=netbsd-fetch
release=${NETBSD:-$DEFAULT_RELEASE}
mirror=${NETBSD_MIRROR:-https://cdn.NetBSD.org/pub}
mirror=${mirror%/}
cache=${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/strategy9/netbsd

say() {
	echo "$prog: $*" >&2
}

die() {
	say "$*"
	exit 2
}

# The one line for a mirror that cannot be reached: what to give instead.
offline() {
	say "cannot reach $1 (offline?): give NETBSD_KERNEL=<kernel>" \
	    "NETBSD_SYSDIR=<its sys/>, NETBSD_KERNELS=\"<dir> ...\", or" \
	    "NETBSD_MIRROR=<a reachable mirror's pub/, URL or directory>"
	exit 2
}

# Copies SRC (below the mirror) to DEST: curl for a URL, with a progress
# bar when PROGRESS is "yes" and stderr is a terminal; cp for a directory.
# Returns 3 when the mirror cannot be reached, 4 when it lacks the file.
get() {
	case $mirror in
	http://*|https://*|ftp://*)
		bar=-s
		if [ "$3" = yes ] && [ -t 2 ]; then
			bar=--progress-bar
		fi
		curl -fL $bar --connect-timeout 15 \
		    --noproxy 127.0.0.1,localhost,::1 -o "$2" "$mirror/$1"
		case $? in
		0) return 0 ;;
		22|78) return 4 ;;
		*) return 3 ;;
		esac
		;;
	*)
		root=${mirror#file://}
		[ -d "$root" ] || return 3
		[ -f "$root/$1" ] || return 4
		cp "$root/$1" "$2" || return 3
		;;
	esac
}

# The names in directory DIR of the mirror (an HTTP index page is read
# for its links), one a line.
list_dir() {
	case $mirror in
	http://*|https://*|ftp://*)
		curl -fsL --connect-timeout 15 --noproxy 127.0.0.1,localhost,::1 \
		    "$mirror/$1/" || return 3
		;;
	*)
		ls "${mirror#file://}/$1" 2>/dev/null || return 3
		;;
	esac
}

# The newest build in NetBSD-daily/HEAD that has an amd64 kernel: build
# directories are named by their UTC time, YYYYMMDDhhmm[ss]Z.
newest_daily() {
	names=$(list_dir NetBSD-daily/HEAD) ||
	    offline "$mirror/NetBSD-daily/HEAD/"
	names=$(echo "$names" | grep -o '[0-9]\{12\}\([0-9][0-9]\)\{0,1\}Z' |
	    sort -u | awk '{ k = $0; sub(/Z$/, "", k);
	    while (length(k) < 14) k = k "00"; print k, $0 }' |
	    sort -r | cut -d' ' -f2 | head -n 5)
	[ -n "$names" ] || die "no daily build listed in $mirror/NetBSD-daily/HEAD/"
	for b in $names; do
		if get "NetBSD-daily/HEAD/$b/amd64/binary/kernel/SHA512" \
		    "$tmp/probe" no; then
			echo "$b"
			return 0
		fi
	done
	die "no build of the newest five in $mirror/NetBSD-daily/HEAD/ has amd64/binary/kernel/SHA512"
}

# The SHA512 that list LIST gives for NAME, in lower case.
listed_sum() {
	awk -v f="($2)" '$1 == "SHA512" && $2 == f && $3 == "=" { print $4 }' \
	    "$1" | head -n 1 | tr 'A-F' 'a-f'
}

# Fetches NAME from mirror directory DIR into the cache's dist/, unless a
# copy there already has the listed sum, and refuses a file whose SHA512
# is not the one LIST gives: the file, the expected and the actual sum.
fetch_verified() {
	dir=$1 name=$2 list=$3
	want=$(listed_sum "$list" "$name")
	[ -n "$want" ] || { say "$dir/SHA512 has no line for $name"; exit 1; }
	dest=$dist/$name
	if [ -f "$dest" ] &&
	    [ "$(sha512sum "$dest" | cut -d' ' -f1)" = "$want" ]; then
		say "$name: cached, SHA512 verified"
		return 0
	fi
	say "fetching $mirror/$dir/$name"
	get "$dir/$name" "$dest.part" yes
	case $? in
	0) ;;
	4) die "$mirror/$dir/$name: not on the mirror (listed in its SHA512)" ;;
	*) offline "$mirror/$dir/$name" ;;
	esac
	got=$(sha512sum "$dest.part" | cut -d' ' -f1)
	if [ "$got" != "$want" ]; then
		rm -f "$dest.part"
		say "$name: SHA512 mismatch, refused: expected $want, actual $got ($mirror/$dir/$name)"
		exit 1
	fi
	mv "$dest.part" "$dest"
	say "$name: SHA512 verified"
}

# Fetches the SHA512 list of mirror directory DIR to LIST; the first
# contact with the mirror, so the place that says when it is offline.
fetch_list() {
	get "$1/SHA512" "$2" no
	case $? in
	0) ;;
	4) die "$mirror/$1/SHA512: no such file (is NetBSD $release on this mirror, and for amd64?)" ;;
	*) offline "$mirror/$1/SHA512" ;;
	esac
}

# The set in LIST named BASE.tgz or BASE.tar.xz, whichever is listed.
set_name() {
	for n in "$2.tgz" "$2.tar.xz"; do
		if [ -n "$(listed_sum "$1" "$n")" ]; then
			echo "$n"
			return 0
		fi
	done
	say "the source sets' SHA512 lists no $2.tgz"
	exit 1
}

# Unpacks set FILE into directory DIR, only PATHS when given.
unpack() {
	f=$1 d=$2
	shift 2
	case $f in
	*.xz) xz -dc "$f" ;;
	*) gzip -dc "$f" ;;
	esac | tar -xf - -C "$d" "$@"
}

# Builds the kernel directory OUT from the mirror directory BASE.
build_kernel_dir() {
	base=$1 out=$2
	kdir=$base/amd64/binary/kernel sdir=$base/source/sets
	dist=$out/dist
	mkdir -p "$dist" || exit 2
	fetch_list "$kdir" "$dist/kernel.SHA512"
	fetch_list "$sdir" "$dist/sets.SHA512"
	fetch_verified "$kdir" netbsd-GENERIC.gz "$dist/kernel.SHA512"
	sys=$(set_name "$dist/sets.SHA512" syssrc)
	fetch_verified "$sdir" "$sys" "$dist/sets.SHA512"

	work=$out/unpack.tmp
	rm -rf "$work" && mkdir -p "$work" || exit 2
	say "unpacking $sys"
	unpack "$dist/$sys" "$work" ||
	    { say "$sys: cannot be unpacked"; exit 1; }
	[ -f "$work/usr/src/sys/sys/param.h" ] ||
	    { say "$sys: no usr/src/sys/sys/param.h in it"; exit 1; }
	if [ ! -d "$work/usr/src/common/include" ]; then
		src=$(set_name "$dist/sets.SHA512" src)
		fetch_verified "$sdir" "$src" "$dist/sets.SHA512"
		say "unpacking usr/src/common/include from $src"
		unpack "$dist/$src" "$work" usr/src/common/include ||
		    { say "$src: no usr/src/common/include in it"; exit 1; }
	fi
	gzip -dc "$dist/netbsd-GENERIC.gz" >"$work/netbsd" ||
	    { say "netbsd-GENERIC.gz: not a gzip file"; exit 1; }

	rm -rf "$out/netbsd" "$out/sys" "$out/common"
	mkdir -p "$out/common" &&
	    mv "$work/usr/src/sys" "$out/sys" &&
	    mv "$work/usr/src/common/include" "$out/common/include" &&
	    mv "$work/netbsd" "$out/netbsd" || exit 2
	rm -rf "$work"
	# the sets are not needed again; their lists stay as the record
	rm -f "$dist"/*.tgz "$dist"/*.tar.xz "$dist"/*.gz
	{ echo "mirror	$mirror/$base"
	  grep -h -e '(netbsd-GENERIC.gz)' -e "($sys)" -e '(src.tgz)' \
	      "$dist/kernel.SHA512" "$dist/sets.SHA512"; } >"$out/.complete"
}

# The detectors the kernel was built with, from its own configuration
# (GENERIC has INCLUDE_CONFIG_FILE: each line as "_CFG_<line>"): a
# release's GENERIC lacks what the checker needs to see some violations.
detectors() {
	command -v strings >/dev/null 2>&1 || return 0
	strings "$1" | sed -n 's/^_CFG_//p' | awk '
	BEGIN { n = split("DIAGNOSTIC LOCKDEBUG DEBUG", want, " ") }
	{ gsub(/\\011/, " ") }
	$1 == "options" || ($1 == "no" && $2 == "options") {
		no = $1 == "no"
		k = split(no ? $3 : $2, o, ",")
		for (i = 1; i <= k; i++) {
			sub(/=.*/, "", o[i])
			have[o[i]] = !no
		}
		seen = 1
	}
	END {
		if (!seen)
			exit
		line = ""
		for (i = 1; i <= n; i++)
			line = line (i > 1 ? ", " : "") want[i] \
			    (have[want[i]] ? " yes" : " no")
		print line
	}'
}

# Says which detectors the kernel of directory $1 has.
tell_detectors() {
	d=$(detectors "$1/netbsd")
	[ -n "$d" ] || return 0
	say "the kernel's own configuration: $d" \
	    "(without DIAGNOSTIC and LOCKDEBUG some violations are not" \
	    "established; README: The kernel for full detection)"
}

case ${1:-} in
-d) echo "$DEFAULT_RELEASE"; exit 0 ;;
"") ;;
*) echo "usage: $0 [-d]   (NETBSD=<release>|daily NETBSD_MIRROR=<url|dir>)" >&2
   exit 2 ;;
esac
command -v sha512sum >/dev/null 2>&1 || die "sha512sum is not installed (coreutils)"
case $mirror in
http://*|https://*|ftp://*)
	command -v curl >/dev/null 2>&1 || die "curl is not installed (Debian: curl)" ;;
esac

tmp=$(mktemp -d "${TMPDIR:-/tmp}/netbsd-fetch.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
trap 'exit 2' HUP INT TERM

case $release in
daily)
	build=$(newest_daily) || exit $?
	key=daily-$build
	base=NetBSD-daily/HEAD/$build
	say "NetBSD-daily HEAD: newest build $build"
	;;
*[!0-9A-Za-z._-]*|.*)
	die "NETBSD=$release: not a release name (e.g. $DEFAULT_RELEASE) nor daily" ;;
*)
	key=$release
	base=NetBSD/NetBSD-$release
	;;
esac

out=$cache/$key
if [ -f "$out/.complete" ] && [ -f "$out/netbsd" ] &&
    [ -f "$out/sys/sys/param.h" ]; then
	say "NetBSD $key: reusing $out"
	tell_detectors "$out"
	echo "$out"
	exit 0
fi
# Releases no longer supported move to NetBSD-archive/ (archive.NetBSD.org).
if [ "$release" != daily ]; then
	get "$base/amd64/binary/kernel/SHA512" "$tmp/probe" no
	if [ $? -eq 4 ] && get "NetBSD-archive/NetBSD-$release/amd64/binary/kernel/SHA512" \
	    "$tmp/probe" no; then
		base=NetBSD-archive/NetBSD-$release
	fi
fi
build_kernel_dir "$base" "$out"
say "NetBSD $key: $out"
tell_detectors "$out"
echo "$out"
