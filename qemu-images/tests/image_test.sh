#! /usr/bin/env atf-sh
# The boot image builder: a GRUB-only image boots under QEMU to GRUB and
# prints its marker on the serial console; kernel images carry the right
# grub.cfg; bad input is refused.

mkimage() {
	MKIMAGE=$(atf_get_srcdir)/../mkimage.sh
	[ -x "$MKIMAGE" ] || atf_fail "$MKIMAGE missing or not executable"
}

need_grub() {
	command -v grub-mkrescue >/dev/null 2>&1 ||
	    atf_skip "grub-mkrescue is not installed (Debian: grub-pc-bin, grub-common)"
	command -v xorriso >/dev/null 2>&1 ||
	    atf_skip "xorriso is not installed"
	[ -d /usr/lib/grub/i386-pc ] ||
	    atf_skip "GRUB i386-pc files are not installed (grub-pc-bin)"
}

atf_test_case grub_boots
grub_boots_head() {
	atf_set descr "the GRUB-only image boots under QEMU (TCG) and prints its marker on the serial console"
	atf_set timeout 180
}
grub_boots_body() {
	mkimage
	command -v qemu-system-x86_64 >/dev/null 2>&1 ||
	    atf_skip "qemu-system-x86_64 is not installed"
	need_grub
	atf_check -s exit:0 -o match:"wrote grub.iso" "$MKIMAGE" -g -o grub.iso
	start=$(date +%s)
	timeout 120 qemu-system-x86_64 -machine pc -accel tcg -m 64 \
	    -nographic -no-reboot -monitor none -serial stdio -nic none \
	    -drive file=grub.iso,format=raw,media=cdrom,if=ide,index=2,readonly=on \
	    -boot order=d </dev/null >console.log 2>qemu.err
	rc=$?
	end=$(date +%s)
	echo "boot took $((end - start)) s, QEMU exit status $rc"
	[ $rc -ne 124 ] || atf_fail "QEMU did not halt within 120 s: $(tail -c 300 console.log | tr "\n\r" "| ")"
	grep -a -q "^strategy9-grub-ok" console.log ||
	    grep -a -q "strategy9-grub-ok" console.log ||
	    atf_fail "no marker on the serial console: $(tail -c 500 console.log | tr "\n\r" "| ") $(tr "\n" "|" <qemu.err)"
	# the marker is the menu entry's output, not grub.cfg echoed
	atf_check -o match:"Booting .strategy9 GRUB check" cat console.log
}

atf_test_case kernel_image
kernel_image_head() {
	atf_set descr "a kernel image carries the kernel, the modules and a serial-console grub.cfg"
}
kernel_image_body() {
	mkimage
	need_grub
	printf 'not really a kernel\n' >netbsd.bin
	printf 'module one\n' >one.kmod
	printf 'module two\n' >two.kmod
	atf_check -s exit:0 -o ignore "$MKIMAGE" -k netbsd.bin -m one.kmod \
	    -m two.kmod -o k.iso
	atf_check -s exit:0 -o ignore -e ignore xorriso -osirrox on -indev k.iso \
	    -extract /boot/grub/grub.cfg grub.cfg -extract /netbsd netbsd \
	    -extract /one.kmod one -extract /two.kmod two
	cmp -s netbsd netbsd.bin || atf_fail "kernel differs in the image"
	cmp -s one one.kmod || atf_fail "one.kmod differs in the image"
	cmp -s two two.kmod || atf_fail "two.kmod differs in the image"
	for want in "^serial --unit=0 --speed=115200$" "^terminal_input serial$" \
	    "^terminal_output serial$" "^set timeout=0$" \
	    "knetbsd .*/netbsd" "knetbsd_module_elf /one.kmod" \
	    "knetbsd_module_elf /two.kmod" "^	boot$"; do
		grep -q -e "$want" grub.cfg || atf_fail "grub.cfg lacks \"$want\": $(tr "\n" "|" <grub.cfg)"
	done
	# modules after the kernel, in the order given, then boot
	awk '/knetbsd /{k=NR} /one.kmod/{o=NR} /two.kmod/{t=NR} /^\tboot/{b=NR}
	    END { exit !(k < o && o < t && t < b) }' grub.cfg ||
	    atf_fail "wrong order in grub.cfg: $(tr "\n" "|" <grub.cfg)"
}

atf_test_case bad_input
bad_input_head() {
	atf_set descr "usage errors, missing files and missing tools are refused with exit 2"
}
bad_input_body() {
	mkimage
	atf_check -s exit:2 -e match:"usage" "$MKIMAGE"
	atf_check -s exit:2 -e match:"usage" "$MKIMAGE" -o x.iso
	atf_check -s exit:2 -e match:"usage" "$MKIMAGE" -g -k k -o x.iso
	atf_check -s exit:2 -e match:"usage" "$MKIMAGE" -k k -o x.iso extra
	if command -v grub-mkrescue >/dev/null 2>&1 &&
	    command -v xorriso >/dev/null 2>&1; then
		atf_check -s exit:2 -e match:"kernel nothere: not a readable file" \
		    "$MKIMAGE" -k nothere -o x.iso
		echo k >k
		echo m >m.ko
		atf_check -s exit:2 -e match:"name must end in .kmod" \
		    "$MKIMAGE" -k k -m m.ko -o x.iso
		atf_check -s exit:2 -e match:"output directory nodir does not exist" \
		    "$MKIMAGE" -k k -o nodir/x.iso
	fi
	# no grub-mkrescue on PATH: a clear message (sh and the basics only)
	mkdir bin
	for t in sh dirname mktemp rm mkdir cat cp mv; do
		p=$(command -v $t) && ln -s "$p" bin/$t
	done
	atf_check -s exit:2 -e match:"grub-mkrescue not found" \
	    env PATH="$PWD/bin" "$MKIMAGE" -g -o x.iso
	[ ! -e x.iso ] || atf_fail "an image was written"
}

atf_init_test_cases() {
	atf_add_test_case grub_boots
	atf_add_test_case kernel_image
	atf_add_test_case bad_input
}
