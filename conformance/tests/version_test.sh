#! /usr/bin/env atf-sh
# strategy-run's kernel / module version check (strategy-run check), on small
# ELF files made here: no NetBSD kernel needed.

find_tool() {
	RUN=$(atf_get_srcdir)/../host/strategy-run
	[ -x "$RUN" ] || atf_fail "$RUN not built: run make -C conformance/host"
}

# make_kernel <out> <osrelease> [nomodular]: an x86-64 ET_EXEC with the
# symbols the runner looks for, like a NetBSD kernel has them.
make_kernel() {
	{
		echo "const char osrelease[] = \"$2\";"
		[ "${3:-}" = nomodular ] || echo "void module_load(void) { }"
		echo "void start(void) { for (;;) ; }"
	} >k.c
	cc -O1 -fno-pic -no-pie -static -nostdlib -ffreestanding \
	    -Wl,-e,start -o "$1" k.c || atf_fail "cannot link a test kernel"
}

# make_module <out> <built-for>: a relocatable object with the checker's
# version string.
make_module() {
	printf 'const char sc_built_for[] = "strategy-checker built-for=%s";\n' \
	    "$2" >m.c
	printf 'extern void printf(const char *, ...);\n' >>m.c
	printf 'void sc_hello(void) { printf("%%s", sc_built_for); }\n' >>m.c
	cc -c -O1 -fno-pic -mcmodel=kernel -ffreestanding -o "$1" m.c ||
	    atf_fail "cannot compile a test module"
}

atf_test_case match
match_head() {
	atf_set descr "a module built for the kernel's version is accepted"
	atf_set require.progs "cc"
}
match_body() {
	find_tool
	make_kernel netbsd 7.99.4
	make_module sc.kmod 799000400
	atf_check -s exit:0 -o match:"NetBSD 7.99.4 \(799000400\), MODULAR" \
	    "$RUN" check -k netbsd -m sc.kmod
}

atf_test_case version_parse
version_parse_head() {
	atf_set descr "osrelease -> __NetBSD_Version__ for several releases"
	atf_set require.progs "cc"
}
version_parse_body() {
	find_tool
	for pair in 7.99.4:799000400 9.99.100:999010000 10.0:1000000000 \
	    8.2_STABLE:802000000 10.1:1001000000 7.0.1:700000100; do
		rel=${pair%%:*} ver=${pair#*:}
		make_kernel netbsd "$rel"
		make_module sc.kmod "$ver"
		atf_check -s exit:0 -o match:"NetBSD $rel \($ver\)" \
		    "$RUN" check -k netbsd -m sc.kmod
	done
}

atf_test_case mismatch
mismatch_head() {
	atf_set descr "a version mismatch is refused, naming both numbers, before any boot"
	atf_set require.progs "cc"
}
mismatch_body() {
	find_tool
	make_kernel netbsd 10.0
	make_module sc.kmod 799000400
	atf_check -s exit:2 -o empty \
	    -e match:"module sc.kmod built for NetBSD 799000400, kernel is 1000000000" \
	    -e match:"rebuild the module with NETBSD_SYSDIR pointing at that kernel's sys/" \
	    "$RUN" check -k netbsd -m sc.kmod
	# the full runner refuses too, before building an image or booting
	atf_check -s exit:2 -o empty -e match:"built for NetBSD 799000400" \
	    "$RUN" -k netbsd -m sc.kmod -p base -o res -Q /bin/false \
	    -I /nonexistent/mkimage.sh
	[ ! -e res ] || atf_fail "the runner created results despite the refusal"
}

atf_test_case not_modular
not_modular_head() {
	atf_set descr "a kernel without module_load (no options MODULAR) is refused"
	atf_set require.progs "cc"
}
not_modular_body() {
	find_tool
	make_kernel netbsd 7.99.4 nomodular
	make_module sc.kmod 799000400
	atf_check -s exit:2 -e match:"without options MODULAR" \
	    "$RUN" check -k netbsd -m sc.kmod
}

atf_test_case bad_kernel
bad_kernel_head() {
	atf_set descr "missing, non-ELF, non-amd64, stripped and compressed kernels are refused"
	atf_set require.progs "cc strip gzip"
}
bad_kernel_body() {
	find_tool
	make_module sc.kmod 799000400
	atf_check -s exit:2 -e match:"kernel nokernel: cannot read" \
	    "$RUN" check -k nokernel -m sc.kmod
	echo "not a kernel" >text
	atf_check -s exit:2 -e match:"not an ELF file" \
	    "$RUN" check -k text -m sc.kmod
	make_kernel netbsd 7.99.4
	cp netbsd arm	# e_machine = 183 (AArch64)
	printf '\267\000' | dd of=arm bs=1 seek=18 conv=notrunc 2>/dev/null
	atf_check -s exit:2 -e match:"not x86-64" "$RUN" check -k arm -m sc.kmod
	cp netbsd k32
	printf '\001' | dd of=k32 bs=1 seek=4 conv=notrunc 2>/dev/null
	atf_check -s exit:2 -e match:"not ELF64" "$RUN" check -k k32 -m sc.kmod
	cp netbsd stripped
	strip stripped
	atf_check -s exit:2 -e match:"no symbol table" \
	    "$RUN" check -k stripped -m sc.kmod
	gzip -c netbsd >netbsd.gz
	atf_check -s exit:2 -e match:"gzip-compressed" \
	    "$RUN" check -k netbsd.gz -m sc.kmod
	atf_check -s exit:2 -e match:"ELF type .* expected an executable" \
	    "$RUN" check -k sc.kmod -m sc.kmod
	make_kernel noos 7.99.4
	sed 's/osrelease/osversion/' k.c >k2.c
	cc -O1 -fno-pic -no-pie -static -nostdlib -ffreestanding \
	    -Wl,-e,start -o noos k2.c
	atf_check -s exit:2 -e match:"no symbol osrelease" \
	    "$RUN" check -k noos -m sc.kmod
}

atf_test_case bad_module
bad_module_head() {
	atf_set descr "missing modules and modules without the checker's version string are refused"
	atf_set require.progs "cc"
}
bad_module_body() {
	find_tool
	make_kernel netbsd 7.99.4
	atf_check -s exit:2 -e match:"module none.kmod: cannot read" \
	    "$RUN" check -k netbsd -m none.kmod
	echo 'int x;' >o.c
	cc -c -o other.kmod o.c
	atf_check -s exit:2 -e match:"is other.kmod the strategy checker module" \
	    "$RUN" check -k netbsd -m other.kmod
	atf_check -s exit:2 -e match:"need an amd64 kernel module" \
	    "$RUN" check -k netbsd -m netbsd
}

atf_init_test_cases() {
	atf_add_test_case match
	atf_add_test_case version_parse
	atf_add_test_case mismatch
	atf_add_test_case not_modular
	atf_add_test_case bad_kernel
	atf_add_test_case bad_module
}
