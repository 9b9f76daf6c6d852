#! /usr/bin/env atf-sh
# netbsd-fetch.sh, the fetcher of NetBSD's own kernels, against mirrors
# laid out as the NetBSD project lays out its releases (release(7)):
# served by python3's http.server on 127.0.0.1, or as a directory.  The
# loopback_release case goes through make conformance to report.html with
# the current lab kernel of ../shared/lab as the release's files; the
# other cases use small stand-in files and boot nothing.

# The top of the tree and the fetcher; no NETBSD or NETBSD_MIRROR of the
# caller's, and a cache of the test's own.
setup() {
	TOP=$(cd "$(atf_get_srcdir)/../.." && pwd)
	FETCH=$TOP/conformance/host/netbsd-fetch.sh
	unset NETBSD NETBSD_MIRROR
	XDG_CACHE_HOME=$PWD/cache
	export XDG_CACHE_HOME
}

need_http() {
	command -v python3 >/dev/null 2>&1 ||
	    atf_skip "python3 is not installed: no loopback HTTP server"
	command -v curl >/dev/null 2>&1 ||
	    atf_skip "curl is not installed (Debian: curl)"
}

# A TCP port of 127.0.0.1 that nothing listens on now.
free_port() {
	python3 -c 'import socket; s = socket.socket()
s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Serves directory $1 on 127.0.0.1; sets PORT.  The cleanup stops it.
serve() {
	PORT=$(free_port)
	python3 -m http.server --bind 127.0.0.1 --directory "$1" "$PORT" \
	    >server.log 2>&1 &
	echo $! >server.pid
	for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
		curl -fs -o /dev/null "http://127.0.0.1:$PORT/" && return 0
		sleep 0.5
	done
	atf_fail "http.server did not come up on 127.0.0.1:$PORT: $(cat server.log)"
}

stop_server() {
	[ -f server.pid ] && kill "$(cat server.pid)" 2>/dev/null
	rm -f server.pid
}

# The SHA512 and MD5 files of directory $1, as "cksum -a SHA512 *" and
# "cksum -a MD5 *" write them on NetBSD: "SHA512 (file) = <hex>".
sum_files() {
	sha=$PWD/sha.tmp md5=$PWD/md5.tmp
	(cd "$1" && for f in *; do
		case $f in MD5|SHA512) continue ;; esac
		printf 'SHA512 (%s) = %s\n' "$f" \
		    "$(sha512sum "$f" | cut -d' ' -f1)" >&3
		printf 'MD5 (%s) = %s\n' "$f" "$(md5sum "$f" | cut -d' ' -f1)" >&4
	done 3>"$sha" 4>"$md5") || atf_fail "sums of $1"
	mv "$sha" "$1/SHA512" && mv "$md5" "$1/MD5"
}

# Lays out release directory $1 (NetBSD/NetBSD-<rel> or a daily build)
# from kernel directory $2 (netbsd, sys/, common/include): the kernel as
# amd64/binary/kernel/netbsd-GENERIC.gz, the source sets with paths
# usr/src/... in source/sets.  syssrc.tgz holds sys/ and common/, as
# NetBSD's makesrctars has made it since 2015; with $3 = "old", common/
# is in src.tgz instead, as before.
make_release() {
	k=$(cd "$2" && pwd) || atf_fail "no kernel directory $2"
	kd=$1/amd64/binary/kernel sd=$1/source/sets
	mkdir -p "$kd" "$sd" src/usr/src/bin || atf_fail "mkdir $1"
	gzip -c "$k/netbsd" >"$kd/netbsd-GENERIC.gz" || atf_fail "gzip kernel"
	echo "SUBDIR= cat" >src/usr/src/bin/Makefile
	if [ "${3:-}" = old ]; then
		tar -czf "$sd/syssrc.tgz" -C "$k" --transform 's,^,usr/src/,S' \
		    sys || atf_fail "syssrc.tgz"
		tar -czf "$sd/src.tgz" -C src usr/src/bin \
		    -C "$k" --transform 's,^common,usr/src/common,S' \
		    common || atf_fail "src.tgz"
	else
		tar -czf "$sd/syssrc.tgz" -C "$k" --transform 's,^,usr/src/,S' \
		    sys common || atf_fail "syssrc.tgz"
		tar -czf "$sd/src.tgz" -C src usr/src/bin || atf_fail "src.tgz"
	fi
	sum_files "$kd"
	sum_files "$sd"
}

# A stand-in kernel directory: small files where the real ones would be.
fake_kernel() {
	mkdir -p "$1/sys/sys" "$1/common/include/prop"
	# as a release's GENERIC embeds its configuration (INCLUDE_CONFIG_FILE)
	printf '%s\n' "stand-in kernel $2" \
	    '_CFG_options \011DIAGNOSTIC\011# inexpensive kernel consistency checks' \
	    '_CFG_#options \011LOCKDEBUG\011# expensive locking checks/support' \
	    '_CFG_options \011DDB\011\011# in-kernel debugger' \
	    '_CFG_no options \011DIAGNOSTIC' >"$1/netbsd"
	echo "#define __NetBSD_Version__ 1002000000 /* $2 */" \
	    >"$1/sys/sys/param.h"
	echo "/* proplib */" >"$1/common/include/prop/proplib.h"
}

# The kernel directory laid out right: the kernel and both trees as given.
check_layout() {
	out=$1 k=$2
	cmp -s "$out/netbsd" "$k/netbsd" || atf_fail "$out/netbsd is not the release's kernel"
	cmp -s "$out/sys/sys/param.h" "$k/sys/sys/param.h" ||
	    atf_fail "$out/sys is not the release's sys/"
	cmp -s "$out/common/include/prop/proplib.h" \
	    "$k/common/include/prop/proplib.h" ||
	    atf_fail "$out/common/include is not the release's"
}

atf_test_case offline
offline_head() {
	atf_set descr "a mirror that cannot be reached: one line naming what to give instead, exit 2, nothing booted"
}
offline_body() {
	setup
	need_http
	port=$(free_port)
	atf_check -s exit:2 -o empty -e save:err \
	    env NETBSD_MIRROR=http://127.0.0.1:$port/pub sh "$FETCH"
	[ "$(wc -l <err)" -eq 1 ] || atf_fail "not one line: $(cat err)"
	grep -q "cannot reach http://127.0.0.1:$port/pub/NetBSD/NetBSD-.*/SHA512.*NETBSD_KERNEL=.*NETBSD_SYSDIR=.*NETBSD_KERNELS=.*NETBSD_MIRROR=" err ||
	    atf_fail "unexpected message: $(cat err)"
	cat err

	# a directory that is not there is offline too
	atf_check -s exit:2 -o empty -e match:"cannot reach .*NETBSD_MIRROR=" \
	    env NETBSD_MIRROR="$PWD/no-such-mirror" sh "$FETCH"

	# and make conformance stops on it, before any boot
	atf_check -s not-exit:0 -o ignore -e save:merr make -C "$TOP" \
	    conformance NETBSD_KERNEL= NETBSD_SYSDIR= NETBSD_KERNELS= \
	    NETBSD_MIRROR=http://127.0.0.1:$port/pub RESULTS="$PWD/results"
	grep -q "^netbsd-fetch: cannot reach .*NETBSD_KERNELS=" merr ||
	    atf_fail "make conformance: no offline line: $(cat merr)"
	[ ! -e results ] || atf_fail "make conformance ran a kernel offline"
}

atf_test_case corrupt cleanup
corrupt_head() {
	atf_set descr "a set whose SHA512 is not the listed one is refused with the file, the expected and the actual sum, and nothing is booted"
}
corrupt_body() {
	setup
	need_http
	rel=$(sh "$FETCH" -d)
	fake_kernel k "$rel"
	make_release "mirror/pub/NetBSD/NetBSD-$rel" k
	sets=mirror/pub/NetBSD/NetBSD-$rel/source/sets
	want=$(sha512sum "$sets/syssrc.tgz" | cut -d' ' -f1)
	# one byte of the set changed after its sum was listed
	b=$(dd if="$sets/syssrc.tgz" bs=1 skip=100 count=1 2>/dev/null)
	c=X
	[ "$b" != X ] || c=Y
	printf '%s' "$c" | dd of="$sets/syssrc.tgz" bs=1 seek=100 conv=notrunc \
	    2>/dev/null || atf_fail "dd"
	got=$(sha512sum "$sets/syssrc.tgz" | cut -d' ' -f1)
	[ "$want" != "$got" ] || atf_fail "the set did not change"
	serve mirror

	atf_check -s not-exit:0 -o ignore -e save:err make -C "$TOP" \
	    conformance NETBSD_KERNEL= NETBSD_SYSDIR= NETBSD_KERNELS= \
	    NETBSD_MIRROR=http://127.0.0.1:$PORT/pub RESULTS="$PWD/results"
	cat err
	grep -q "^netbsd-fetch: netbsd-GENERIC.gz: SHA512 verified" err ||
	    atf_fail "the kernel was not verified first"
	grep -q "^netbsd-fetch: syssrc.tgz: SHA512 mismatch, refused: expected $want, actual $got " err ||
	    atf_fail "no checksum line with file, expected and actual sum"
	[ ! -e results ] || atf_fail "a kernel was run from a refused release"
	[ ! -e "cache/strategy9/netbsd/$rel/.complete" ] ||
	    atf_fail "the refused release was cached as complete"
	[ ! -e "cache/strategy9/netbsd/$rel/dist/syssrc.tgz" ] ||
	    atf_fail "the refused set was kept"
}
corrupt_cleanup() {
	stop_server
}

atf_test_case directory_mirror
directory_mirror_head() {
	atf_set descr "a local directory as the mirror: the kernel directory laid out (netbsd, sys/, common/include), then reused from the cache without the mirror"
}
directory_mirror_body() {
	setup
	fake_kernel k 10.1
	make_release mirror/NetBSD/NetBSD-10.1 k
	out=$PWD/cache/strategy9/netbsd/10.1
	atf_check -s exit:0 -o inline:"$out\n" -e save:err \
	    env NETBSD=10.1 NETBSD_MIRROR="$PWD/mirror" sh "$FETCH"
	check_layout "$out" k
	grep -q "syssrc.tgz: SHA512 verified" err || atf_fail "syssrc.tgz not verified"
	grep -q "configuration: DIAGNOSTIC no, LOCKDEBUG no, DEBUG no " err ||
	    atf_fail "the kernel's detectors not told: $(cat err)"
	! grep -q -e ": src.tgz" -e "/src.tgz" err ||
	    atf_fail "src.tgz fetched although syssrc.tgz holds common/"
	[ ! -e "$out/dist/syssrc.tgz" ] || atf_fail "the set was kept after unpacking"

	# the same release again: from the cache, the mirror not needed
	rm -rf mirror
	atf_check -s exit:0 -o inline:"$out\n" -e match:"reusing $out" \
	    env NETBSD=10.1 NETBSD_MIRROR="$PWD/mirror" sh "$FETCH"
	# a release the mirror does not have
	mkdir -p mirror/NetBSD
	atf_check -s exit:2 -o empty \
	    -e match:"NetBSD-9.9/amd64/binary/kernel/SHA512: no such file" \
	    env NETBSD=9.9 NETBSD_MIRROR="file://$PWD/mirror" sh "$FETCH"
	atf_check -s exit:2 -o empty -e match:"not a release name" \
	    env NETBSD=../x sh "$FETCH"
	# a release no longer supported, in NetBSD-archive/
	fake_kernel k7 7.2
	make_release mirror/NetBSD-archive/NetBSD-7.2 k7
	atf_check -s exit:0 -o inline:"$PWD/cache/strategy9/netbsd/7.2\n" \
	    -e match:"fetching .*/mirror/NetBSD-archive/NetBSD-7.2/source/sets/syssrc.tgz" \
	    env NETBSD=7.2 NETBSD_MIRROR="$PWD/mirror" sh "$FETCH"
	check_layout "$PWD/cache/strategy9/netbsd/7.2" k7
}

atf_test_case old_layout
old_layout_head() {
	atf_set descr "a release whose common/ is in src.tgz (before 2015): common/include taken from src.tgz, verified"
}
old_layout_body() {
	setup
	fake_kernel k 6.1
	make_release mirror/NetBSD/NetBSD-6.1 k old
	out=$PWD/cache/strategy9/netbsd/6.1
	atf_check -s exit:0 -o inline:"$out\n" -e save:err \
	    env NETBSD=6.1 NETBSD_MIRROR="$PWD/mirror" sh "$FETCH"
	check_layout "$out" k
	grep -q "^netbsd-fetch: src.tgz: SHA512 verified" err ||
	    atf_fail "src.tgz not fetched and verified: $(cat err)"
	[ ! -e "$out/bin" ] && [ ! -e "$out/usr" ] ||
	    atf_fail "more than common/include taken from src.tgz"
}

atf_test_case daily cleanup
daily_head() {
	atf_set descr "NETBSD=daily over HTTP: the newest build of NetBSD-daily/HEAD that has an amd64 kernel"
}
daily_body() {
	setup
	need_http
	head=mirror/pub/NetBSD-daily/HEAD
	fake_kernel old 11.99.1
	fake_kernel new 11.99.2
	make_release "$head/202511021200Z" old
	make_release "$head/20251103120501Z" new
	# the newest build, still without its amd64 kernel
	mkdir -p "$head/20251104000000Z/source/sets"
	serve mirror
	out=$PWD/cache/strategy9/netbsd/daily-20251103120501Z
	atf_check -s exit:0 -o inline:"$out\n" -e save:err \
	    env NETBSD=daily NETBSD_MIRROR=http://127.0.0.1:$PORT/pub sh "$FETCH"
	cat err
	check_layout "$out" new
}
daily_cleanup() {
	stop_server
}

# Runs its arguments under the lock that keeps two QEMU runs off the
# same cores, unless flock is absent or an ancestor of this test already
# holds it (make test run under the lock), which would deadlock.
qemu_locked() {
	lock=/tmp/strategy-qemu.lock
	if ! command -v flock >/dev/null 2>&1 || lock_held_above "$lock"; then
		"$@"
	else
		flock "$lock" "$@"
	fi
}

# Whether a process above this one holds an flock(2) lock on file $1.
lock_held_above() {
	[ -e "$1" ] && [ -r /proc/locks ] || return 1
	ino=$(stat -c %i "$1") || return 1
	holders=$(awk -v ino="$ino" '$2 == "FLOCK" {
	    n = split($6, a, ":"); if (a[n] == ino) print $5 }' /proc/locks)
	[ -n "$holders" ] || return 1
	p=$$
	while [ "$p" -gt 1 ] 2>/dev/null; do
		for h in $holders; do
			[ "$h" = "$p" ] && return 0
		done
		p=$(awk '$1 == "PPid:" { print $2 }' "/proc/$p/status" 2>/dev/null)
		[ -n "$p" ] || return 1
	done
	return 1
}

# The lab kernels (../shared/lab), as CI finds them.
find_lab() {
	for d in "${STRATEGY_LAB:-}" "$TOP/../shared/lab" /work/shared/lab; do
		if [ -n "$d" ] && [ -x "$d/unpack" ]; then
			echo "$d"
			return 0
		fi
	done
	return 1
}

atf_test_case loopback_release cleanup
loopback_release_head() {
	atf_set descr "make conformance with no kernel given: the default release fetched from a loopback mirror (the current lab kernel laid out as a NetBSD release), verified, booted under the reference profile, to report.html"
	atf_set timeout 3600
}
loopback_release_body() {
	setup
	lab=$(find_lab) ||
	    atf_skip "lab kernels absent (no ../shared/lab, /work/shared/lab or STRATEGY_LAB): nothing to lay out as a release"
	need_http
	command -v qemu-system-x86_64 >/dev/null 2>&1 ||
	    atf_skip "qemu-system-x86_64 is not installed"
	command -v grub-mkrescue >/dev/null 2>&1 ||
	    atf_skip "grub-mkrescue is not installed (grub-pc-bin)"
	"$lab/unpack" "$PWD/lab" current >/dev/null ||
	    atf_fail "$lab/unpack failed"
	rel=$(sh "$FETCH" -d)
	make_release "mirror/pub/NetBSD/NetBSD-$rel" lab/current
	serve mirror

	qemu_locked make -C "$TOP" conformance NETBSD_KERNEL= NETBSD_SYSDIR= \
	    NETBSD_KERNELS= NETBSD_MIRROR=http://127.0.0.1:$PORT/pub \
	    PROFILES=qemu-images/profiles/reference.profile \
	    RESULTS="$PWD/results" >out 2>err
	rc=$?
	cat out
	cat err >&2
	# The verdicts against expected.tsv are the QEMU tier's to judge
	# (qemu_tier_test.sh); here a run that went through to its verdicts
	# will do, with nothing broken.
	if [ $rc -ne 0 ]; then
		grep -q "== kernel 10.99.12: strategy-run exit 1$" err &&
		    grep -q "^summary: .* 0 broken; regressions: " out ||
		    atf_fail "make conformance exit $rc (see stderr)"
		echo "note: verdicts differ from expected.tsv: $(grep '^summary: ' out)"
	fi
	out=$PWD/cache/strategy9/netbsd/$rel
	check_layout "$out" lab/current
	for f in netbsd-GENERIC.gz syssrc.tgz; do
		grep -q "^netbsd-fetch: $f: SHA512 verified" err ||
		    atf_fail "$f: not verified before use"
	done
	grep -q "configuration: DIAGNOSTIC yes, LOCKDEBUG yes, DEBUG no " err ||
	    atf_fail "the lab kernel's detectors not told"
	grep -q "== kernel 1 of 1: $out/netbsd" err ||
	    atf_fail "the fetched kernel was not the one run"
	[ -f results/report.html ] || atf_fail "no results/report.html"
	grep -q "10\.99\.12" results/report.html ||
	    atf_fail "report.html does not name the kernel's version, 10.99.12"
}
loopback_release_cleanup() {
	stop_server
	# the module build of the test's own sys/ (its path is the test's)
	top=$(cd "$(atf_get_srcdir)/../.." && pwd)
	for sys in "$PWD"/cache/strategy9/netbsd/*/sys; do
		[ -d "$sys" ] || continue
		sum=$(cd "$sys" && pwd -P | cksum | cut -d' ' -f1)
		rm -rf "$top"/build/kmod/*-"$sum"
	done
}

atf_init_test_cases() {
	atf_add_test_case offline
	atf_add_test_case corrupt
	atf_add_test_case directory_mirror
	atf_add_test_case old_layout
	atf_add_test_case daily
	atf_add_test_case loopback_release
}
