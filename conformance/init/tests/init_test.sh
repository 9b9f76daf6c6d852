#! /usr/bin/env atf-sh
# sc-init, the guest's PID 1: its system-call, entry and note layer built
# against stand-in headers with unusual numbers (everywhere), the whole
# program built against each lab kernel's headers (where they exist),
# and the FFS image maker.  Checked: the NetBSD ELF note and its
# version, a static executable without libc, and the system-call
# numbers of the headers in the machine code.

initdir() {
	INITDIR=$(atf_get_srcdir)/..
	[ -f "$INITDIR/Makefile" ] || atf_fail "$INITDIR/Makefile missing"
}

need_tools() {
	for t in make cc readelf objdump nm; do
		command -v $t >/dev/null 2>&1 ||
		    atf_skip "$t is not installed (Debian: make gcc binutils)"
	done
}

# header_num <header> <name>: the number <sys/syscall.h> gives a name
header_num() {
	awk -v n="$2" '$1 == "#define" && $2 == n { print $3; exit }' "$1"
}

# check_note <binary> <version>: one NetBSD note, in a PT_NOTE segment
# (2025's kernel) and in a SHT_NOTE section (2015's), with the version,
# and no GNU note for the 2015 kernel to warn about.
check_note() {
	readelf -nW "$1" >notes.out || atf_fail "readelf -n $1 failed"
	grep -q "^[[:space:]]*NetBSD[[:space:]]*0x00000004[[:space:]]*IDENT $2 " notes.out ||
	    atf_fail "no NetBSD note with version $2: $(tr "\n" "|" <notes.out)"
	! grep -q "GNU" notes.out ||
	    atf_fail "a GNU note is present: $(tr "\n" "|" <notes.out)"
	readelf -lW "$1" | grep -q "^ *NOTE " ||
	    atf_fail "no PT_NOTE segment in $1"
	readelf -SW "$1" | grep -q "\.note\.netbsd\.ident *NOTE .* A " ||
	    atf_fail "no allocated SHT_NOTE section .note.netbsd.ident in $1"
}

# check_static <binary>: an executable with no interpreter, no dynamic
# section, no undefined symbol, no libc or crt symbol.
check_static() {
	readelf -hW "$1" | grep -q "Type: *EXEC" ||
	    atf_fail "$1 is not ET_EXEC"
	readelf -hW "$1" | grep -q "Machine: *Advanced Micro Devices X86-64" ||
	    atf_fail "$1 is not x86-64"
	! readelf -lW "$1" | grep -q "INTERP" || atf_fail "$1 has PT_INTERP"
	! readelf -lW "$1" | grep -q "DYNAMIC" || atf_fail "$1 has PT_DYNAMIC"
	! readelf -SW "$1" | grep -q "\.dynamic\|\.interp\|\.got\.plt" ||
	    atf_fail "$1 has dynamic-linking sections"
	nm -u "$1" >undef.out
	[ ! -s undef.out ] ||
	    atf_fail "undefined symbols in $1: $(tr "\n" " " <undef.out)"
	nm "$1" | awk '{ print $NF }' >syms.out
	for s in __libc_start_main _init _fini printf malloc errno \
	    __errno_location; do
		! grep -qx "$s" syms.out || atf_fail "$1 has libc symbol $s"
	done
	grep -qx _start syms.out || atf_fail "$1 has no _start"
	readelf -hW "$1" | grep -q "Entry point address: *0x$(nm "$1" |
	    awk '$3 == "_start" { sub(/^0*/, "", $1); print $1 }')" ||
	    atf_fail "the entry point of $1 is not _start"
}

# check_syscalls <binary> <syscall.h>: the numbers loaded into %eax for
# the syscall instructions are exactly those the header gives the calls
# pid1_sys.c makes.
check_syscalls() {
	objdump -d --no-show-raw-insn "$1" | awk '
	    /mov +\$0x[0-9a-f]+,%(e|r)ax/ {
		v = $0; sub(/.*\$0x/, "", v); sub(/,.*/, "", v) }
	    /\tsyscall/ { print v; v = "?" }' |
	    while read -r h; do
		[ "$h" = "?" ] && echo "?" || printf '%d\n' "0x$h"
	    done | sort -un >code.nums
	grep -q . code.nums || atf_fail "no syscall instruction in $1"
	! grep -q "?" code.nums ||
	    atf_fail "a syscall instruction without its number in %eax in $1"
	: >header.nums
	for n in $(grep -o 'SYS_[A-Za-z0-9_]*' "$INITDIR/pid1_sys.c" | sort -u); do
		v=$(header_num "$2" "$n")
		[ -n "$v" ] || atf_fail "$2 has no $n"
		echo "$v" >>header.nums
		grep -qx "$v" code.nums ||
		    atf_fail "$n = $v of $2 is not in the code of $1: $(tr "\n" " " <code.nums)"
	done
	sort -un header.nums >header.sorted
	cmp -s header.sorted code.nums ||
	    atf_fail "syscall numbers in $1 ($(tr "\n" " " <code.nums)) are not those of $2 ($(tr "\n" " " <header.sorted))"
}

build_layer() {
	atf_check -s exit:0 -o ignore -e ignore make -C "$INITDIR" layer \
	    NETBSD_SYSDIR="$INITDIR/tests/include" OBJDIR="$PWD/obj"
}

atf_test_case layer_note
layer_note_head() {
	atf_set descr "the layer built against stand-in headers carries the NetBSD note with the header's version"
}
layer_note_body() {
	initdir
	need_tools
	build_layer
	check_note obj/sc-layer 1234567800
}

atf_test_case layer_static
layer_static_head() {
	atf_set descr "the layer links into a static executable without libc, entered at _start"
}
layer_static_body() {
	initdir
	need_tools
	build_layer
	check_static obj/sc-layer
}

atf_test_case layer_syscalls
layer_syscalls_head() {
	atf_set descr "the system-call numbers in the layer's machine code are the stand-in header's unusual ones"
}
layer_syscalls_body() {
	initdir
	need_tools
	build_layer
	check_syscalls obj/sc-layer "$INITDIR/tests/include/sys/syscall.h"
	# and none of a real kernel's: mount is 410 in NetBSD since 5.0
	! grep -qx 410 code.nums || atf_fail "a real syscall number is in the code"
}

# The sys/ trees to build the whole program against: NETBSD_SYSDIR, the
# kernels make test was given (netbsd_kernels: directories with sys/,
# or kernel:sysdir pairs), and the lab's trees.
lab_sysdirs() {
	{
		[ -n "${NETBSD_SYSDIR:-}" ] && echo "$NETBSD_SYSDIR"
		for k in $(atf_config_get netbsd_kernels ""); do
			case $k in
			*:*) echo "${k#*:}" ;;
			*) echo "$k/sys" ;;
			esac
		done
		for d in /var/cache/strategy-lab/*/sys; do
			[ -d "$d" ] && echo "$d"
		done
	} | while read -r d; do
		[ -f "$d/sys/syscall.h" ] && [ -d "$d/arch/amd64/include" ] &&
		    (cd "$d" && pwd -P)
	done | sort -u
}

atf_test_case lab_headers
lab_headers_head() {
	atf_set descr "sc-init builds without warnings against each kernel's headers found (lab, NETBSD_SYSDIR, netbsd_kernels) with the note, static and syscall properties"
	atf_set timeout 600
}
lab_headers_body() {
	initdir
	need_tools
	trees=$(lab_sysdirs)
	[ -n "$trees" ] ||
	    atf_skip "no NetBSD sys/ tree: set NETBSD_SYSDIR or give kernels to make test (/var/cache/strategy-lab/*/sys absent)"
	i=0
	for t in $trees; do
		i=$((i + 1))
		ver=$(awk '$1 == "#define" && $2 == "__NetBSD_Version__" {
		    print $3; exit }' "$t/sys/param.h")
		echo "building sc-init against $t ($ver)"
		make -C "$INITDIR" NETBSD_SYSDIR="$t" OBJDIR="$PWD/obj$i" \
		    >build$i.log 2>&1 ||
		    atf_fail "build against $t failed: $(tail -20 build$i.log | tr "\n" "|")"
		! grep -q "warning:" build$i.log ||
		    atf_fail "warnings building against $t: $(grep warning: build$i.log | tr "\n" "|")"
		check_note obj$i/sc-init "$ver"
		check_static obj$i/sc-init
		check_syscalls obj$i/sc-init "$t/sys/syscall.h"
	done
}

atf_test_case mkffs
mkffs_head() {
	atf_set descr "mkffs.sh makes an FFSv1 image holding a 16 MiB /vnd.img and refuses bad input with exit 2"
	atf_set timeout 120
}
mkffs_body() {
	initdir
	command -v makefs >/dev/null 2>&1 ||
	    atf_skip "makefs is not installed (Debian: makefs)"
	atf_check -s exit:0 -o match:"wrote ffs.img" "$INITDIR/mkffs.sh" \
	    -o ffs.img -s 40m
	[ "$(wc -c <ffs.img)" -eq $((40 * 1048576)) ] ||
	    atf_fail "ffs.img is $(wc -c <ffs.img) bytes, not 40 MiB"
	if command -v file >/dev/null 2>&1; then
		atf_check -o match:"Unix Fast File system \[v1\]" file ffs.img
	fi
	# a 16 MiB file does not fit in 8 MiB
	atf_check -s exit:1 -e match:"makefs failed" "$INITDIR/mkffs.sh" \
	    -o small.img -s 8m
	atf_check -s exit:2 -e match:usage "$INITDIR/mkffs.sh"
	atf_check -s exit:2 -e match:"not a number" "$INITDIR/mkffs.sh" \
	    -o x.img -s lots
}

atf_init_test_cases() {
	atf_add_test_case layer_note
	atf_add_test_case layer_static
	atf_add_test_case layer_syscalls
	atf_add_test_case lab_headers
	atf_add_test_case mkffs
}
