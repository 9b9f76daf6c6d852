#! /usr/bin/env atf-sh
# Saved machines kept across runs (conformance/host/machkey.h,
# machcache.h), on the host alone: the key changes with each input that
# makes the machine and not with a time stamp, a path or the results
# directory; the cache's bound removes the least recently used first; a
# broken entry, or one QEMU cannot load, is removed and the profile boots.
# The restore of a real saved machine is runner_test.sh's live_warm.

oneline() {
	tr '\n' '|' <"$1"
}

find_tool() {
	RUN=$(atf_get_srcdir)/../host/strategy-run
	[ -x "$RUN" ] || atf_fail "$RUN not built: run make -C conformance/host"
	STRATEGY9_MACHINES=$PWD/cache
	export STRATEGY9_MACHINES
	unset STRATEGY9_MACHINES_MAX
}

# Inputs that need not boot: machines mode reads their bytes only.
inputs() {
	echo kernel-1 >netbsd
	echo module-1 >sc.kmod
	echo init-1 >sc-init
	printf '#!/bin/sh\necho mkimage-1\n' >mkimage.sh
	printf '#!/bin/sh\necho qemu-1\n' >qemu
	chmod +x mkimage.sh qemu
	printf 'name=t\nmemory=64\nsmp=1\ndisk=ide:1M\n' >t.profile
}

# The key of profile t for these inputs (extra options in "$@").
key() {
	"$RUN" machines -k netbsd -m sc.kmod -i sc-init -I ./mkimage.sh \
	    -Q ./qemu -p t.profile "$@" >key.out 2>key.err ||
	    atf_fail "machines: $(oneline key.err)"
	sed -n 's/^t	\([0-9a-f]\{64\}\)	.*/\1/p' key.out
}

atf_test_case key_inputs
key_inputs_head() {
	atf_set descr "a machine's key changes with the kernel, the module," \
	    "the PID 1, the image builder, the profile, its disks, the" \
	    "checker's arguments and QEMU, and not with time stamps, paths" \
	    "or the results directory"
}
key_inputs_body() {
	find_tool
	inputs
	k0=$(key)
	[ ${#k0} -eq 64 ] || atf_fail "no key: $(oneline key.out)"
	# the same inputs: the same key, whatever their times or places
	touch -d '2001-01-01' netbsd sc.kmod sc-init mkimage.sh qemu t.profile
	[ "$(key)" = "$k0" ] || atf_fail "a time stamp changed the key"
	[ "$(key -o elsewhere)" = "$k0" ] || atf_fail "-o changed the key"
	mkdir moved && cp netbsd moved/netbsd
	[ "$("$RUN" machines -k moved/netbsd -m sc.kmod -i sc-init \
	    -I ./mkimage.sh -Q ./qemu -p t.profile | sed -n 's/^t	\([0-9a-f]*\)	.*/\1/p')" = "$k0" ] ||
	    atf_fail "the kernel's path changed the key"
	cp qemu moved/qemu
	[ "$("$RUN" machines -k netbsd -m sc.kmod -i sc-init \
	    -I ./mkimage.sh -Q "$PWD/moved/qemu" -p t.profile | sed -n 's/^t	\([0-9a-f]*\)	.*/\1/p')" = "$k0" ] ||
	    atf_fail "QEMU's path changed the key"
	# every input that makes the machine: another key each
	for f in netbsd sc.kmod sc-init mkimage.sh qemu; do
		cp $f $f.orig
		echo changed >>$f
		[ "$(key)" != "$k0" ] || atf_fail "$f changed, the key did not"
		mv $f.orig $f
		[ "$(key)" = "$k0" ] || atf_fail "$f restored, the key differs"
	done
	cp t.profile t.orig
	echo '# a comment' >>t.profile
	[ "$(key)" != "$k0" ] || atf_fail "the profile's text"
	sed 's/ide:1M/ide:2M/' t.orig >t.profile
	[ "$(key)" != "$k0" ] || atf_fail "a disk's size"
	sed 's/ide:1M/ahci:1M/' t.orig >t.profile
	[ "$(key)" != "$k0" ] || atf_fail "a disk's bus"
	cp t.orig t.profile
	[ "$(key -D wd0)" != "$k0" ] || atf_fail "-D (the checker's arguments)"
	[ "$(key -A onpanic=1)" != "$k0" ] || atf_fail "-A"
	# without the PID 1 the boot image differs too
	[ "$("$RUN" machines -k netbsd -m sc.kmod -I ./mkimage.sh -Q ./qemu \
	    -p t.profile | sed -n 's/^t	\([0-9a-f]*\)	.*/\1/p')" != "$k0" ] ||
	    atf_fail "no -i, the same key"
	# and the key names its entry
	mkdir -p cache/$k0
	key >/dev/null
	grep -q "^t	$k0	kept$" key.out || atf_fail "$(oneline key.out)"
}

# An entry of n KiB, last used at time t.
entry() {
	mkdir -p cache/$1
	dd if=/dev/urandom of=cache/$1/vmstate.qcow2 bs=1024 count=$2 \
	    2>/dev/null
	printf 'strategy9 saved machine 1\nprofile\t%s\nend\n' $1 \
	    >cache/$1/manifest
	touch -d "$3" cache/$1
}

atf_test_case bound
bound_head() {
	atf_set descr "STRATEGY9_MACHINES_MAX: the least recently used" \
	    "machines go first, down to the bound"
}
bound_body() {
	find_tool
	entry aaa 1024 '2026-01-03'
	entry bbb 1024 '2026-01-01'
	entry ccc 1024 '2026-01-02'
	atf_check -o match:"total: 3 MiB" "$RUN" machines
	# room for two: the oldest, bbb, goes
	atf_check -o match:"total: 2 MiB" -e match:"saved machine bbb removed" \
	    env STRATEGY9_MACHINES_MAX=2200K "$RUN" machines
	[ -d cache/aaa ] && [ -d cache/ccc ] && [ ! -e cache/bbb ] ||
	    atf_fail "$(ls cache | tr '\n' ' ')"
	# room for one: then ccc
	atf_check -o match:"total: 1 MiB" -e match:"saved machine ccc removed" \
	    env STRATEGY9_MACHINES_MAX=1100K "$RUN" machines
	[ -d cache/aaa ] && [ ! -e cache/ccc ] || atf_fail "ccc stayed"
	atf_check -s exit:2 -e match:"STRATEGY9_MACHINES_MAX=lots" \
	    env STRATEGY9_MACHINES_MAX=lots "$RUN" machines
}

# A kernel and module that pass the version check, an image builder
# that makes an empty image, and a QEMU that says nothing and exits.
runnable() {
	for t in qemu-img grub-mkrescue xorriso mformat; do
		command -v $t >/dev/null || atf_skip "$t is not installed"
	done
	printf 'const char osrelease[] = "7.99.4";\nvoid module_load(void) { }\nvoid start(void) { }\n' >k.c
	cc -O1 -fno-pic -no-pie -static -nostdlib -ffreestanding \
	    -Wl,-e,start -o netbsd k.c || atf_fail "cc"
	printf 'const char v[] = "strategy-checker built-for=799000400";\n' >m.c
	cc -c -o sc.kmod m.c || atf_fail "cc"
	printf '#!/bin/sh\nwhile getopts k:m:i:r:o: o; do [ $o = o ] && : >"$OPTARG"; done; exit 0\n' >mkimage.sh
	printf '#!/bin/sh\necho "$*" >>"${0%%/*}/qemu.log"\nexit 0\n' >qemu
	chmod +x mkimage.sh qemu
	printf 'name=t\nmemory=64\nsmp=1\n' >t.profile
}

run() {
	"$RUN" -k netbsd -m sc.kmod -I "$PWD/mkimage.sh" -Q "$PWD/qemu" \
	    -p t.profile -t 5 -o "$1" >"$1.out" 2>"$1.err"
}

atf_test_case broken_entry
broken_entry_head() {
	atf_set descr "an entry cut short, or one QEMU does not load, is" \
	    "removed with a one-line warning and the profile boots"
	atf_set require.progs "cc"
	atf_set timeout 120
}
broken_entry_body() {
	find_tool
	runnable
	k=$("$RUN" machines -k netbsd -m sc.kmod -I "$PWD/mkimage.sh" \
	    -Q "$PWD/qemu" -p t.profile | sed -n 's/^t	\([0-9a-f]*\)	.*/\1/p')
	[ ${#k} -eq 64 ] || atf_fail "no key"
	# a file shorter than its manifest says
	mkdir -p cache/$k
	printf 'x' >cache/$k/vmstate.qcow2
	printf 'strategy9 saved machine 1\nprofile\tt\nfile\tvmstate.qcow2\t4096\nend\n' \
	    >cache/$k/manifest
	run r1
	grep -q "^\[t\] warning: the saved machine ${k%"${k#????????????}"} in the cache was broken (vmstate.qcow2 has the wrong size): removed; booting afresh$" r1.err ||
	    atf_fail "no warning: $(oneline r1.err)"
	[ ! -e cache/$k ] || atf_fail "the broken entry stayed"
	grep -q "boot 1: starting QEMU at case 1, to be saved" r1.err ||
	    atf_fail "no cold first boot: $(oneline r1.err)"
	# whole, but QEMU (here one that exits at once) cannot load it
	mkdir -p cache/$k
	for f in vmstate.qcow2 strategy9.iso; do
		echo "$f" >cache/$k/$f
	done
	echo "# strategy-checker: ready: arguments on com1" >cache/$k/console.log
	{
		echo 'strategy9 saved machine 1'
		for f in vmstate.qcow2 console.log strategy9.iso; do
			printf 'file\t%s\t%s\n' $f $(wc -c <cache/$k/$f)
		done
		echo end
	} >cache/$k/manifest
	rm -f qemu.log
	run r2
	[ "$(grep -c "warning.*cache" r2.err)" -eq 1 ] ||
	    atf_fail "not one warning: $(oneline r2.err)"
	grep -q "^\[t\] warning: the saved machine .* from the cache could not be restored (no monitor or argument channel): removed; booting afresh$" r2.err ||
	    atf_fail "no warning: $(oneline r2.err)"
	[ ! -e cache/$k ] || atf_fail "the entry QEMU could not load stayed"
	# the restore's QEMU started stopped, then the cold boot's
	[ "$(wc -l <qemu.log)" -eq 2 ] || atf_fail "$(oneline qemu.log)"
	head -1 qemu.log | grep -q -- " -S$" || atf_fail "the restore not stopped"
	tail -1 qemu.log | grep -q -- "string=resume=1" ||
	    atf_fail "no cold first boot: $(oneline qemu.log)"
	[ -f r2/t/console.cache-restore.log ] ||
	    atf_fail "the failed restore's console is gone"
	# -F restores none
	mkdir -p cache/$k
	cp r2/t/console.cache-restore.log cache/$k/console.log
	printf 'strategy9 saved machine 1\nprofile\tt\nend\n' >cache/$k/manifest
	rm -f qemu.log
	"$RUN" -k netbsd -m sc.kmod -I "$PWD/mkimage.sh" -Q "$PWD/qemu" \
	    -p t.profile -t 5 -F -o r3 >r3.out 2>r3.err
	! grep -q -- " -S$" qemu.log || atf_fail "-F restored"
	[ -d cache/$k ] || atf_fail "-F removed the entry"
}

atf_init_test_cases() {
	atf_add_test_case key_inputs
	atf_add_test_case bound
	atf_add_test_case broken_entry
}
