#! /usr/bin/env atf-sh
# kmod-fixrel: PLT32 -> PC32 on a real relocatable object, and refusal of
# everything that is not an ELF64 x86-64 relocatable object.

# Sets FIXREL; atf_check runs programs, not shell functions.
find_tool() {
	FIXREL=$(atf_get_srcdir)/../host/kmod-fixrel
	[ -x "$FIXREL" ] ||
	    atf_fail "$FIXREL not built: run make -C conformance/host"
}

# An object with calls to external functions: binutils >= 2.31 emits
# R_X86_64_PLT32 for them.
make_object() {
	cat >m.c <<'EOT'
extern int ext_one(int);
extern void ext_two(void);
int counter;
int entry(int x) { ext_two(); counter++; return ext_one(x) + ext_one(x + 1); }
EOT
	cc -c -O1 -fno-pic -mcmodel=kernel -ffreestanding -o "$1" m.c ||
	    atf_fail "cc failed"
}

count() {	# count <type> <file>
	readelf -rW "$2" | grep -c " $1 " || true
}

atf_test_case rewrite
rewrite_head() {
	atf_set descr "every R_X86_64_PLT32 becomes R_X86_64_PC32, in place and with -o"
	atf_set require.progs "cc readelf"
}
rewrite_body() {
	find_tool
	make_object m.o
	plt=$(count R_X86_64_PLT32 m.o)
	pc=$(count R_X86_64_PC32 m.o)
	[ "$plt" -ge 3 ] || atf_fail "expected >= 3 PLT32 relocations from cc, got $plt"
	cp m.o orig.o

	cp m.o copy.o
	atf_check -s exit:0 -o match:"rewrote $plt R_X86_64_PLT32" "$FIXREL" -o out.o copy.o
	cmp -s copy.o orig.o || atf_fail "-o modified its input"
	[ "$(count R_X86_64_PLT32 out.o)" -eq 0 ] || atf_fail "PLT32 left in out.o"
	[ "$(count R_X86_64_PC32 out.o)" -eq $((pc + plt)) ] ||
	    atf_fail "PC32 count $(count R_X86_64_PC32 out.o), expected $((pc + plt))"

	chmod 640 m.o
	atf_check -s exit:0 -o match:"rewrote $plt R_X86_64_PLT32" "$FIXREL" m.o
	[ "$(stat -c %a m.o)" = 640 ] || atf_fail "mode changed to $(stat -c %a m.o)"
	[ "$(count R_X86_64_PLT32 m.o)" -eq 0 ] || atf_fail "PLT32 left after rewrite"
	[ "$(count R_X86_64_PC32 m.o)" -eq $((pc + plt)) ] ||
	    atf_fail "PC32 count $(count R_X86_64_PC32 m.o), expected $((pc + plt))"
	cmp -s m.o out.o || atf_fail "in-place and -o results differ"
	# only r_info of those relocations changed: same size, same symbols
	[ "$(wc -c <m.o)" -eq "$(wc -c <orig.o)" ] || atf_fail "size changed"
	readelf -rW orig.o | awk '/R_X86_64_/ { print $1, $5, $7 }' >before
	readelf -rW m.o | awk '/R_X86_64_/ { print $1, $5, $7 }' >after
	atf_check -o empty diff before after
	# the object still links (relocatable link)
	atf_check ld -r -o linked.o m.o
	# idempotent
	atf_check -s exit:0 -o match:"rewrote 0 R_X86_64_PLT32" "$FIXREL" m.o
}

atf_test_case dry_run
dry_run_head() {
	atf_set descr "-n counts and changes nothing"
	atf_set require.progs "cc readelf"
}
dry_run_body() {
	find_tool
	make_object m.o
	plt=$(count R_X86_64_PLT32 m.o)
	cp m.o orig.o
	atf_check -s exit:0 -o match:": $plt R_X86_64_PLT32 relocations to rewrite" \
	    "$FIXREL" -n m.o
	cmp -s m.o orig.o || atf_fail "dry run changed the file"
}

atf_test_case refuse_truncated
refuse_truncated_head() {
	atf_set descr "truncated objects are refused with exit 2 and left alone"
	atf_set require.progs "cc"
}
refuse_truncated_body() {
	find_tool
	make_object m.o
	size=$(wc -c <m.o)
	head -c 40 m.o >short.o
	atf_check -s exit:2 -e match:"truncated|ELF header" "$FIXREL" short.o
	head -c $((size - 64)) m.o >cut.o
	cp cut.o cut.orig
	atf_check -s exit:2 -e match:"beyond end of file" "$FIXREL" cut.o
	cmp -s cut.o cut.orig || atf_fail "a refused file was modified"
	# section headers intact, but section 1 claims more data than the
	# file holds (sh_size of section header 1 set to 2^56)
	shoff=$(od -An -t u8 -j 40 -N 8 m.o | tr -d ' ')
	cp m.o big.o
	printf '\000\000\000\000\000\000\000\001' |
	    dd of=big.o bs=1 seek=$((shoff + 64 + 32)) conv=notrunc 2>/dev/null
	atf_check -s exit:2 -e match:"section 1 .* beyond end of file" \
	    "$FIXREL" big.o
	atf_check -s exit:2 -e match:"not an ELF file" "$FIXREL" /dev/null
}

atf_test_case refuse_non_elf
refuse_non_elf_head() {
	atf_set descr "a file that is not ELF is refused with exit 2"
}
refuse_non_elf_body() {
	find_tool
	printf 'this is not an object file\n' >text.kmod
	atf_check -s exit:2 -e match:"not an ELF file" "$FIXREL" text.kmod
	atf_check -s exit:2 -e match:"cannot read" "$FIXREL" missing.kmod
	atf_check -s exit:2 -e match:"usage" "$FIXREL"
}

atf_test_case refuse_elf32
refuse_elf32_head() {
	atf_set descr "ELF32, big-endian, other machines and executables are refused"
	atf_set require.progs "cc"
}
refuse_elf32_body() {
	find_tool
	make_object m.o
	if cc -m32 -c -o m32.o m.c 2>/dev/null; then
		atf_check -s exit:2 -e match:"not ELF64" "$FIXREL" m32.o
	fi
	# patch EI_CLASS to ELFCLASS32 in a copy of the x86-64 object
	cp m.o c32.o
	printf '\001' | dd of=c32.o bs=1 seek=4 conv=notrunc 2>/dev/null
	atf_check -s exit:2 -e match:"not ELF64" "$FIXREL" c32.o
	cp m.o be.o
	printf '\002' | dd of=be.o bs=1 seek=5 conv=notrunc 2>/dev/null
	atf_check -s exit:2 -e match:"not little-endian" "$FIXREL" be.o
	cp m.o arm.o	# e_machine = 183 (AArch64)
	printf '\267\000' | dd of=arm.o bs=1 seek=18 conv=notrunc 2>/dev/null
	atf_check -s exit:2 -e match:"not x86-64" "$FIXREL" arm.o
	printf 'int main(void) { return 0; }\n' >p.c
	cc -o prog p.c || atf_fail "cc failed"
	atf_check -s exit:2 -e match:"relocatable object" "$FIXREL" prog
}

atf_init_test_cases() {
	atf_add_test_case rewrite
	atf_add_test_case dry_run
	atf_add_test_case refuse_truncated
	atf_add_test_case refuse_non_elf
	atf_add_test_case refuse_elf32
}
