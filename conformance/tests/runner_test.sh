#! /usr/bin/env atf-sh
# strategy-run as a program: the QEMU command line of a profile, profile
# errors, replay of recorded consoles into cases.tsv / matrix.tsv with
# expectations and exit codes, and a real QEMU boot that never reaches the
# checker.

# atf_fail wants a one-line reason
oneline() {
	tr '\n' '|' <"$1"
}

find_tool() {
	RUN=$(atf_get_srcdir)/../host/strategy-run
	[ -x "$RUN" ] || atf_fail "$RUN not built: run make -C conformance/host"
	LOGS=$(atf_get_srcdir)/logs
	PROFILES=$(atf_get_srcdir)/../../qemu-images/profiles
	# the checker arguments base.profile adds to first=N
	BASEARGS=$(sed -n 's/^args=//p' "$PROFILES/base.profile")
	# saved machines kept across runs: the test's own, never the user's
	STRATEGY9_MACHINES=$PWD/machines
	export STRATEGY9_MACHINES
}

atf_test_case print_cmd
print_cmd_head() {
	atf_set descr "argv prints the whole QEMU command line of base.profile"
}
print_cmd_body() {
	find_tool
	atf_check -s exit:0 -o save:cmd "$RUN" argv -R -p "$PROFILES/base.profile" -o res
	# by name, too, and the same
	atf_check -s exit:0 -o file:cmd "$RUN" argv -R -p base -o res
	[ "$(wc -l <cmd)" -eq 1 ] || atf_fail "expected one command line"
	for want in "^qemu-system-x86_64 " " -machine pc " " -m 512 " \
	    " -smp 2 " " -nographic " " -no-reboot " " -serial stdio " \
	    " -device edu " \
	    " -device ide-hd,drive=disk0,bus=ide.0,unit=0 " \
	    " -device ahci,id=ahci1 -device ide-hd,drive=disk1,bus=ahci1.0 " \
	    " -device virtio-blk-pci,drive=disk2 " \
	    " -device virtio-scsi-pci,id=vscsi3 -device scsi-hd,drive=disk3,bus=vscsi3.0 " \
	    " -device lsi53c895a,id=hba4 -device scsi-hd,drive=disk4,bus=hba4.0 " \
	    " -drive file=res/base/disk4-lsi.img,format=raw,if=none,id=disk4" \
	    " -drive file=res/strategy9.iso,format=raw,media=cdrom" \
	    " -global isa-fdc.fdtypeA=none " \
	    " -fw_cfg 'name=opt/org.strategy9/args,string=first=1 $BASEARGS'"; do
		grep -q -e "$want" cmd || atf_fail "command lacks \"$want\": $(oneline cmd)"
	done
	# NVMe has a profile of its own: QEMU cannot save it
	atf_check -s exit:0 -o match:" -device nvme,id=nvme0,serial=strategy9-0,drive=disk0 " \
	    "$RUN" argv -p nvme -o res
	# a machine to be saved and restored (the default)
	atf_check -s exit:0 -o save:cmd2 "$RUN" argv -p base -o res
	for want in " -action reboot=shutdown,shutdown=pause " \
	    " -qmp unix:res/base/monitor.sock,server=on,wait=off " \
	    " -serial stdio -serial chardev:scargs " \
	    " -chardev socket,id=scargs,path=res/base/args.sock,server=on,wait=off " \
	    " -drive file=res/base/vmstate.qcow2,format=qcow2,if=none,id=vmstate " \
	    " -drive file=res/base/disk4-lsi.img,format=qcow2,if=none,id=disk4" \
	    " -fw_cfg 'name=opt/org.strategy9/args,string=resume=1 $BASEARGS'"; do
		grep -q -e "$want" cmd2 || atf_fail "command lacks \"$want\": $(oneline cmd2)"
	done
	! grep -q -e " -no-reboot " cmd2 || atf_fail "a saved machine must pause, not exit"
	[ ! -e res ] || atf_fail "argv created files"
}

atf_test_case commands
commands_head() {
	atf_set descr "the mode words (argv, disks, check, parse, judge, compare) choose the mode, and the old mode flags are refused"
}
commands_body() {
	find_tool
	atf_check -s exit:0 -o save:words "$RUN" argv -p base -p nvme -o res
	[ "$(wc -l <words)" -eq 2 ] || atf_fail "argv: $(oneline words)"
	# parse: the consoles are its operands, in order
	atf_check -s exit:1 -o match:"3 fail" -e ignore "$RUN" \
	    parse -p ref -o l1 "$LOGS/panic-boot1.log" "$LOGS/panic-boot2.log"
	[ -f l1/ref/cases.tsv ] || atf_fail "parse wrote no results"
	printf 'device\tcontext\tclause\tkernels\texpected\tnote\n' >exp.tsv
	printf 'ref-sleep\t*\tSC-SLP-1\t*\tfail\treference: sleeps\n' >>exp.tsv
	atf_check -s ignore -o match:"regressions: " -e ignore \
	    "$RUN" judge -e exp.tsv l1
	atf_check -s ignore -o match:"ref-sleep" "$RUN" compare l1 l1
	atf_check -s exit:0 -o match:"every program" "$RUN" check -p base
	# the mode flags are gone: only the words choose a mode
	for f in -n -P -V; do
		atf_check -s exit:2 -e match:usage "$RUN" $f -p base
	done
	atf_check -s exit:2 -e match:usage "$RUN" -L "$LOGS/clean.log" -p ref
	atf_check -s exit:2 -e match:usage "$RUN" -J l1 -e exp.tsv
	atf_check -s exit:2 -e match:usage "$RUN" -S l1 -S l1
	# mistakes: no such word, operands where the mode takes none, a
	# mode without its operands
	atf_check -s exit:2 -e match:usage "$RUN" nosuch -p base
	atf_check -s exit:2 -e match:usage "$RUN" argv -p base stray
	atf_check -s exit:2 -e match:usage "$RUN" parse -p ref -o l3
	atf_check -s exit:2 -e match:usage "$RUN" judge -e exp.tsv l1 l1
	atf_check -s exit:2 -e match:usage "$RUN" compare
}

atf_test_case rejudge
rejudge_head() {
	atf_set descr "judge judges a run's results again against other expectations, without the guest"
}
rejudge_body() {
	find_tool
	atf_check -s exit:1 -o match:"regressions: [1-9]" -e ignore \
	    "$RUN" parse -p ref -o res "$LOGS/clean.log"
	printf 'device\tcontext\tclause\tkernels\texpected\tnote\n' >exp.tsv
	printf 'ref-sleep\t*\tSC-SLP-1\t*\tfail\treference: sleeps\n' >>exp.tsv
	printf 'ref-sleep\thardintr\tSC-CTX-5\t7.99.4\tfail\treference\n' >>exp.tsv
	atf_check -s exit:0 -o match:"3 xfail.*regressions: 0 " -e ignore \
	    "$RUN" judge -e exp.tsv res
	grep -q "	ref-sleep	.*	SC-SLP-1	hardintr	xfail	" res/matrix.tsv ||
	    atf_fail "matrix.tsv not judged again: $(oneline res/matrix.tsv)"
	atf_check -s exit:2 -e match:"run.tsv" "$RUN" judge -e exp.tsv nosuchdir
}

atf_test_case panic_elsewhere
panic_elsewhere_head() {
	atf_set descr "a hard-interrupt case's CPU found below a hard interrupt's context with" \
	    "its interrupt depth raised proves the call slept, watcher or not;" \
	    "a cut backtrace or another CPU's panic names no clause, and whether" \
	    "the call slept is then not established (broken), never passed"
}
panic_elsewhere_body() {
	find_tool
	slept="the call slept inside the hard interrupt: cpu0, which ran it, panicked below a hard interrupt's context with its interrupt depth still raised"
	atf_check -s exit:1 -o ignore -e ignore "$RUN" parse -p v -o res "$LOGS/thread-panic.log"
	atf_check -o match:"^10.99.12	vnd1	hardintr	burst	SC-SLP-1	fail	$slept; the watcher saw sleep wmesg=vndpc: panic: LOCKDEBUG" cat res/v/cases.tsv
	atf_check -o match:"^10.99.12	vnd1	hardintr	burst	SC-SLP-2	skip	" cat res/v/cases.tsv
	# the watcher missed it: the backtrace alone decides
	atf_check -s exit:1 -o ignore -e ignore "$RUN" parse -p v -o res4 "$LOGS/thread-panic-nowatch.log"
	atf_check -o match:"^10.99.12	vnd1	hardintr	burst	SC-SLP-1	fail	$slept: panic: " cat res4/v/cases.tsv
	# current: the case's CPU ran a soft interrupt (entropy) with its
	# interrupt depth raised, and no watcher line came: it slept
	atf_check -s exit:1 -o ignore -e ignore "$RUN" parse -p v -o res9 "$LOGS/softint-panic-nowatch.log"
	atf_check -o match:"^10.99.12	vnd1	hardintr	burst	SC-SLP-1	fail	$slept: panic: kernel diagnostic assertion .*< Xsoftintr" cat res9/v/cases.tsv
	# the watcher's line inside another CPU's lock error still counts
	atf_check -s exit:1 -o ignore -e ignore "$RUN" parse -p w -o res2 "$LOGS/watch-interleaved.log"
	atf_check -o match:"^7.99.4	ref-sleep	hardintr	read	SC-SLP-1	fail	$slept; the watcher saw sleep wmesg=scrslp: " cat res2/w/cases.tsv
	# a backtrace cut in the middle blames nothing on its first line
	atf_check -s exit:1 -o ignore -e ignore "$RUN" parse -p c -o res5 "$LOGS/cut-backtrace.log"
	for cl in SC-SLP-1 SC-SLP-2; do
		atf_check -o match:"^7.99.4	ref-sleep	hardintr	read	$cl	broken	not established: .*backtrace did not come out whole" cat res5/c/cases.tsv
	done
	atf_check -o match:"^7.99.4	ref-sleep	hardintr	read	SC-CTX-5	fail	" cat res5/c/cases.tsv
	# the other CPU's panic proves nothing of the case's call
	atf_check -s exit:1 -o ignore -e ignore "$RUN" parse -p o -o res6 "$LOGS/other-cpu.log"
	atf_check -o match:"^7.99.4	ref-sleep	hardintr	read	SC-SLP-1	broken	not established: .*outside the call under test" cat res6/o/cases.tsv
	# the call returned (its results are out) before a completion
	# tripped in a soft interrupt: they stand, nothing is left open
	atf_check -s exit:1 -o ignore -e ignore "$RUN" parse -p r -o res7 "$LOGS/returned-then-panic.log"
	atf_check -o match:"^10.99.12	ref-dkstart	hardintr	write	SC-SLP-1	pass	vcsw=0" \
	    -o match:"^10.99.12	ref-dkstart	hardintr	write	SC-SLP-2	pass	" \
	    -o match:"^10.99.12	ref-dkstart	hardintr	write	SC-CTX-5	fail	the guest panicked outside the call under test" \
	    -o match:"^10.99.12	ref-dkstart	hardintr	write	SC-CMP-1	skip	not observed" \
	    cat res7/r/cases.tsv
	# the other CPU went on reporting while this one faulted: what the
	# call's return decided stands, what the completions decided is not
	# taken, whichever reached the console first
	atf_check -s exit:1 -o ignore -e ignore "$RUN" parse -p g -o res8 "$LOGS/going-down.log"
	for cl in SC-SLP-1 SC-SLP-2 SC-SLP-3 SC-CTX-6; do
		atf_check -o match:"^10.99.12	ref-dkstart	hardintr-klock	write	$cl	pass	" cat res8/g/cases.tsv
	done
	atf_check -o match:"^10.99.12	ref-dkstart	hardintr-klock	write	SC-CMP-4	skip	not observed: the guest panicked in this case" \
	    -o match:"^10.99.12	ref-dkstart	hardintr-klock	write	SC-CTX-5	fail	the guest panicked outside the call under test" \
	    cat res8/g/cases.tsv
	# the checker's worker thread, resumed on the CPU whose handler
	# slept, takes its own mutex with cpu_intr_p() true: the sleep, not
	# an adaptive lock of the call (CI of 2026-12-03; the old build
	# failed SC-SLP-2)
	atf_check -s exit:1 -o ignore -e ignore "$RUN" parse -p w -o res10 "$LOGS/worker-depth.log"
	atf_check -o match:"^10.99.12	ref-sleep	hardintr-klock	read	SC-SLP-1	fail	the call slept inside the hard interrupt" \
	    -o match:"^10.99.12	ref-sleep	hardintr-klock	read	SC-SLP-2	skip	" \
	    cat res10/w/cases.tsv
	# the same case with every result printed before the fault (final-2
	# of 2026-12-03): the same verdicts
	atf_check -s exit:1 -o ignore -e ignore "$RUN" parse -p g -o res9 "$LOGS/going-down-after.log"
	atf_check -o match:"^10.99.12	ref-dkstart	hardintr-klock	write	SC-CMP-4	skip	not observed: the guest panicked in this case" \
	    -o match:"^10.99.12	ref-dkstart	hardintr-klock	write	SC-SLP-1	pass	" \
	    cat res9/g/cases.tsv
	# a result that a kernel message without its newline took in
	atf_check -s exit:0 -o ignore -e ignore "$RUN" parse -p e -o res3 "$LOGS/embedded-result.log"
	atf_check -o match:"^7.99.4	ld1	softint	burst	SC-SLP-1	pass	vcsw=0" cat res3/e/cases.tsv
	# ... and an indented one (scsipi's sense report, final-2 of
	# 2026-12-03, where SC-SLP-1 was lost and the row broken)
	atf_check -s exit:0 -o ignore -e ignore "$RUN" parse -p e -o res4 "$LOGS/embedded-indented.log"
	atf_check -o match:"^10.99.12	cd0	thread	rdonly	SC-SLP-1	pass	vcsw=0" cat res4/e/cases.tsv
}

atf_test_case dks4_one_verdict
dks4_one_verdict_head() {
	atf_set descr "SC-DKS-4 is one verdict per disk: a context whose burst saw no completion call carries what another context's saw"
}
dks4_one_verdict_body() {
	find_tool
	atf_check -s exit:0 -o ignore -e ignore "$RUN" parse -p d -o res "$LOGS/dks4-one-verdict.log"
	atf_check -o match:"^10.99.12	wd1	.*	SC-DKS-4	softint	pass	.*seen in hardintr, .*63 d_diskstart call" \
	    -o match:"^10.99.12	wd1	.*	SC-DKS-4	hardintr	pass	.*63 d_diskstart call" \
	    cat res/matrix.tsv
	# the cases keep what each saw
	atf_check -o match:"^10.99.12	wd1	softint	burst	SC-DKS-4	skip	not observed" cat res/d/cases.tsv
}

# A profile with one mistake: strategy-run refuses it, exit 2, with the
# message (a regular expression) on stderr.
bad_profile()
{
	printf "$2" >"$1.profile"
	atf_check -s exit:2 -e match:"$3" "$RUN" argv -p "$1.profile"
}

atf_test_case profile_format
profile_format_head() {
	atf_set descr "profile keys reach the command line; bad profiles are refused"
}
profile_format_body() {
	find_tool
	cat >small.profile <<'EOT'
# a comment
name=small
memory=256
smp=1
accel=kvm:tcg
device=edu
disk=virtio-blk:1M
disk=ide:8M
args=deadline=4000 skip=3,7
qemu=-rtc base=utc
EOT
	atf_check -s exit:0 -o save:cmd "$RUN" argv -R -p small.profile -o out
	for want in " -m 256 " " -smp 1 " " -accel kvm -accel tcg " \
	    " -device virtio-blk-pci,drive=disk0 " \
	    " -device ide-hd,drive=disk1,bus=ide.0,unit=0 " \
	    "string=first=1 deadline=4000 skip=3,,7' -rtc base=utc\$" \
	    "file=out/small/disk1-ide.img"; do
		grep -q -e "$want" cmd || atf_fail "command lacks \"$want\": $(oneline cmd)"
	done
	bad_profile bad1 'disk=zip:1M\n' \
	    "bad1.profile:1: unknown disk bus \"zip\" \(ide, piix4-ide, isa-ide, ahci, .*gpt, ffs\)"
	bad_profile bad5 'disk=floppy:1M\n' \
	    "bad5.profile:1: floppy: the size must be 1440K"
	bad_profile bad6 'disk=sdhci:48M\n' \
	    "bad6.profile:1: sdhci: the size must be a power of 2"
	bad_profile bad7 'absent=xbd\n' \
	    "bad7.profile:1: absent=<row> <reason>"
	bad_profile bad8 'init=2\n' \
	    "bad8.profile:1: init: 0 or 1"
	# the legacy IDE ports are PIIX3's on the PC machine
	bad_profile bad10 'disk=isa-ide:1M\n' \
	    "piix4-ide and isa-ide take the legacy IDE ports: one of them, on a q35 machine"
	bad_profile bad11 'machine=q35\ndisk=isa-ide:1M\ndisk=piix4-ide:1M\n' \
	    "one of them, on a q35 machine"
	bad_profile bad9 'disk=nvme-ns:1M\ndisk=nvme:1M\n' \
	    "an nvme-ns disk is a further namespace of an nvme disk before it"
	bad_profile bad2 'name=x\ncolour=blue\n' \
	    "bad2.profile:2: unknown key \"colour\""
	bad_profile bad3 'disk=ide:1000\n' \
	    "multiple of 512"
	bad_profile bad4 'just words\n' \
	    "expected key=value"
	atf_check -s exit:2 -e match:"nosuch" "$RUN" argv -p nosuch
}

atf_test_case controllers_cmd
controllers_cmd_head() {
	atf_set descr "argv: every controller of controllers.profile on QEMU's command line, with the trace of megasas's refusal; the pseudo profile's PID 1 arguments"
}
controllers_cmd_body() {
	find_tool
	atf_check -s exit:0 -o save:cmd "$RUN" argv -R -p controllers -o res
	for want in " -device lsi53c810,id=hba0 -device scsi-hd,drive=disk0,bus=hba0.0 " \
	    " -device mptsas1068,id=hba1 -device scsi-hd,drive=disk1,bus=hba1.0 " \
	    " -device am53c974,id=hba2 -device scsi-hd,drive=disk2,bus=hba2.0 " \
	    " -device dc390,id=hba3 -device scsi-hd,drive=disk3,bus=hba3.0 " \
	    " -device megasas,id=hba4 -device scsi-hd,drive=disk4,bus=hba4.0 " \
	    " -device megasas-gen2,id=hba5 -device scsi-hd,drive=disk5,bus=hba5.0 " \
	    " -device pvscsi,id=hba6 -device scsi-hd,drive=disk6,bus=hba6.0 " \
	    " -device qemu-xhci,id=usb7 -device usb-storage,drive=disk7,bus=usb7.0 " \
	    " -device usb-ehci,id=usb8 -device usb-storage,drive=disk8,bus=usb8.0 " \
	    " -device ich9-usb-uhci1,id=usb9 -device usb-storage,drive=disk9,bus=usb9.0 " \
	    " -device pci-ohci,id=usb10 -device usb-storage,drive=disk10,bus=usb10.0 " \
	    " -device ahci,id=ahci11 -device ide-cd,drive=disk11,bus=ahci11.0 " \
	    " -device virtio-scsi-pci,id=vscsi12 -device scsi-cd,drive=disk12,bus=vscsi12.0 " \
	    " -device virtio-blk-pci,drive=disk13 " \
	    " -drive file=res/controllers/disk11-ide-cd.img,format=raw,if=none,id=disk11,media=cdrom,readonly=on "; do
		grep -q -e "$want" cmd || atf_fail "command lacks \"$want\": $(oneline cmd)"
	done
	# megasas's refusal of mfi is traced, so that its hang costs no
	# silence; a profile without megasas traces nothing
	grep -q -e " -trace megasas_initq_mismatch " cmd ||
	    atf_fail "no megasas trace: $(oneline cmd)"
	# megasas and megasas-gen2 share the event: traced once
	[ "$(grep -o -e "-trace megasas_initq_mismatch" cmd | wc -l)" -eq 1 ] ||
	    atf_fail "megasas trace twice: $(oneline cmd)"
	atf_check -s exit:0 -o not-match:"-trace" "$RUN" argv -R -p base -o res
	# optical media stay raw and read-only in a saved machine too
	atf_check -s exit:0 -o match:"file=res/controllers/disk12-scsi-cd.img,format=raw,if=none,id=disk12,media=cdrom,readonly=on " \
	    "$RUN" argv -p controllers -o res
	# the second namespace goes on the NVMe controller before it
	atf_check -s exit:0 -o match:" -device nvme,id=nvme0,serial=strategy9-0,drive=disk0 -drive .* -device nvme-ns,drive=disk1,bus=nvme0,nsid=2 " \
	    -o match:" -device sdhci-pci -device sd-card,drive=disk2 -drive .* -device floppy,drive=disk3 " \
	    -o not-match:"fdtypeA" "$RUN" argv -R -p nvme -o res
	# PIIX4 and ISA IDE: q35 machines, the checker told where the boot
	# CD is
	atf_check -s exit:0 -o match:"^qemu-system-x86_64 -machine q35 " \
	    -o match:" -device piix4-ide,id=pide0 -device ide-hd,drive=disk0,bus=pide0.0,unit=0 " \
	    -o match:"bootctl=ahcisata'" "$RUN" argv -R -p q35-piix4 -o res
	atf_check -s exit:0 -o match:"^qemu-system-x86_64 -machine q35 " \
	    -o match:" -device isa-ide,id=iide0,iobase=0x1f0,iobase2=0x3f6,irq=14 -device ide-hd,drive=disk0,bus=iide0.0,unit=0 " \
	    -o match:"bootctl=ahcisata'" "$RUN" argv -R -p q35-isa -o res
	atf_check -s exit:0 -o match:"string=first=1 refs=0 opstrikes=2 advus=20000 init=1'" \
	    "$RUN" argv -R -p pseudo -o res
}

atf_test_case profile_rows
profile_rows_head() {
	atf_set descr "every disk of a profile is a row: its device, a named skip (no driver in the kernel, absent=, the PID 1's reason) or, lost for no reason given (controller without disk, PID 1 silent), broken unless expected"
}
profile_rows_body() {
	find_tool
	cat >ctl <<'EOT'
disk=lsi53c810:64M
disk=megasas:64M
disk=pvscsi:64M
disk=usb-xhci:64M
absent=xbd no Xen here
EOT
	# a "kernel" whose symbols have siop, mfi and xhci but no pvscsi
	printf 'int siop_pci_ca, mfi_pci_ca, xhci_pci_ca;\n' >k.c
	atf_check cc -c -o k.o k.c
	# rows that lost their device for no reason anybody gave are
	# broken, and the run with them (exit 1); named skips are skips
	atf_check -s exit:1 -o match:"=> BROKEN" -e ignore "$RUN" \
	    parse -p ctl -k k.o -o res "$LOGS/controllers.log"
	m=res/matrix.tsv
	grep -q "^10.99.12	sd0	scsibus0 at siop0	SC-SLP-1	thread	pass	.*	lsi53c810	-$" $m ||
	    atf_fail "sd0 on siop (row lsi53c810): $(oneline $m)"
	grep -q "^10.99.12	megasas	megasas (mfi)	-	thread	broken	-	-	-: the controller attached (mfi0) but no sd disk appeared on it	megasas	-$" $m ||
	    atf_fail "megasas: $(oneline $m)"
	grep -q "^10.99.12	pvscsi	pvscsi (pvscsi)	-	hardintr-klock	skip	-	-	-: the kernel lacks the driver: no pvscsi attachment in its symbols" $m ||
	    atf_fail "pvscsi: $(oneline $m)"
	grep -q "^10.99.12	usb-xhci	.*	-	spl	broken	-	-	-: xhci did not attach to qemu-xhci + usb-storage	usb-xhci	-$" $m ||
	    atf_fail "usb-xhci: $(oneline $m)"
	grep -q "^10.99.12	xbd	-	-	softint	skip	-	-	-: no Xen here	xbd	-$" $m ||
	    atf_fail "xbd: $(oneline $m)"
	# an expectation that says why a row has no device makes it a skip;
	# "profile:row" holds in a run of that profile alone
	printf 'ctl:megasas\t*\t*\t*\tskip\tmfi never ends its probe here\nusb-xhci\t*\t-\t*\tskip\tno xhci in this test\n' >exp
	atf_check -s exit:0 -o match:"=> OK" -e ignore "$RUN" \
	    parse -p ctl -k k.o -e exp -o resx "$LOGS/controllers.log"
	grep -q "^10.99.12	megasas	megasas (mfi)	-	thread	skip	-	mfi never ends its probe here	-: the controller attached" resx/matrix.tsv ||
	    atf_fail "megasas expected: $(oneline resx/matrix.tsv)"
	grep -q "^10.99.12	usb-xhci	.*	-	spl	skip	-	no xhci in this test	" resx/matrix.tsv ||
	    atf_fail "usb-xhci expected: $(oneline resx/matrix.tsv)"
	[ "$(grep -c '	megasas	' $m)" -eq 6 ] || atf_fail "megasas: one row per context"
	# the PID 1's profile: its reasons, and rows it said nothing of
	printf 'init=1\nrows=vnd0 vnd1 cgd0 dk-on-vnd0 dk-on-cgd0\n' >ps
	atf_check -s exit:1 -o ignore -e ignore "$RUN" parse \
	    -p ps -o res2 "$LOGS/pseudo.log"
	m=res2/matrix.tsv
	grep -q "^7.99.4	vnd0	vnd (VOP_BMAP/VOP_STRATEGY)	SC-SLP-1	thread	pass" $m ||
	    atf_fail "vnd0: $(oneline $m)"
	grep -q "^7.99.4	cgd0	cgd on ld5 (aes-cbc 128)	-	thread	skip	-	-	-: CGDIOCSET: ioctl error 6 (ENXIO)	cgd0	-$" $m ||
	    atf_fail "cgd0: $(oneline $m)"
	grep -q "^7.99.4	dk-on-cgd0	wedge on cgd0	-	thread	skip	-	-	-: parent: cgd0 is absent	dk-on-cgd0	-$" $m ||
	    atf_fail "dk-on-cgd0: $(oneline $m)"
	grep -q "^7.99.4	vnd1	-	-	thread	broken	-	-	-: the guest's PID 1 did not configure it and gave no reason" $m ||
	    atf_fail "vnd1: $(oneline $m)"
	! grep -q "	dk-on-vnd0	" $m || atf_fail "dk0 is the wedge on vnd0: $(oneline $m)"
	# a PID 1 that dies: every row skipped, with the panic
	atf_check -s exit:1 -o ignore -e ignore "$RUN" parse \
	    -p ps -o res3 "$LOGS/init-crash.log"
	m=res3/matrix.tsv
	for r in vnd0 vnd1 cgd0 dk-on-vnd0 dk-on-cgd0; do
		grep -q "	$r	-	-	hardintr	skip	-	-	-: the guest's PID 1 never started the checker: panic: init died (signal 11, exit 0)" $m ||
		    atf_fail "$r after the PID 1 died: $(oneline $m)"
	done
	# a PID 1 that faults for ever (the kernel resends its signal)
	atf_check -s exit:1 -o ignore -e ignore "$RUN" parse \
	    -p ps -o res4 "$LOGS/init-sig.log"
	grep -q "	cgd0	-	-	spl	skip	-	-	-: the guest's PID 1 never started the checker: the guest's PID 1 died: Process (pid 1) got sig 11" res4/matrix.tsv ||
	    atf_fail "after the PID 1 faulted: $(oneline res4/matrix.tsv)"
}

atf_test_case replay_expected
replay_expected_head() {
	atf_set descr "replayed consoles: matrix.tsv, the profile's cases.tsv, xfail, exit 0 when reality matches expectations"
}
replay_expected_body() {
	find_tool
	printf '# test\ndevice\tcontext\tclause\tkernels\texpected\tnote\n' >exp.tsv
	printf 'ref-sleep\t*\tSC-SLP-1\t*\tfail\treference: sleeps\n' >>exp.tsv
	printf 'ref-sleep\thardintr\tSC-CTX-5\t7.99.4\tfail\treference\n' >>exp.tsv
	atf_check -s exit:0 -o save:out -e ignore \
	    "$RUN" parse -p ref -o res -e exp.tsv "$LOGS/clean.log"
	grep -q "^summary: 18 pass, 0 fail, 3 xfail, 0 skip, 0 broken; regressions: 0 .* => OK" out ||
	    atf_fail "summary: $(oneline out)"
	grep -q "^ref-sleep  *\.  *P  *\.  *\.  *X  *\.  *X " out || atf_fail "table: $(oneline out)"
	atf_check -o inline:"kernel	device	attachment	clause	context	verdict	regression	note	detail	row	cause\n" \
	    head -1 res/matrix.tsv
	atf_check -o inline:"kernel	device	context	op	clause	verdict	detail\n" \
	    head -1 res/ref/cases.tsv
	# the kernel comes from the checker's header (built-for=799000400)
	atf_check -o inline:"kernel	7.99.4\nversion	799000400\n" \
	    sed -n 1,2p res/run.tsv
	[ "$(wc -l <res/ref/cases.tsv)" -eq 22 ] || atf_fail "cases.tsv: $(wc -l <res/ref/cases.tsv) lines"
	[ "$(wc -l <res/matrix.tsv)" -eq 22 ] || atf_fail "matrix.tsv: $(wc -l <res/matrix.tsv) lines"
	atf_check -o match:"^7.99.4	ref-sleep	pseudo-disk \(reference, sleeps\)	SC-SLP-1	thread	xfail	-	reference: sleeps	read: vcsw=1" \
	    cat res/matrix.tsv
	# the profile's cases.tsv keeps the guest's verdicts: the
	# expectations make the matrix's xfail, and no kernel-level
	# cases.tsv is written over them
	atf_check -o match:"^7.99.4	ref-sleep	hardintr	read	SC-CTX-5	fail	" cat res/ref/cases.tsv
	atf_check -o match:"^7.99.4	ref-sleep	thread	read	SC-SLP-1	fail	" cat res/ref/cases.tsv
	atf_check -o match:"^7.99.4	ref-sleep	.*	SC-CTX-5	hardintr	xfail	" cat res/matrix.tsv
	[ ! -e res/cases.tsv ] || atf_fail "a kernel-level cases.tsv"
}

atf_test_case replay_regressions
replay_regressions_head() {
	atf_set descr "unexpected fail, unexpected pass, broken and no KTAP all exit 1; bad expectations exit 2"
}
replay_regressions_body() {
	find_tool
	# no expectations: the reference violations are unexpected fails
	atf_check -s exit:1 -o match:"regressions: 3 \(3 unexpected fail, 0 unexpected pass, 0 unexpected skip\) => REGRESSION" \
	    -e ignore "$RUN" parse -o r1 "$LOGS/clean.log"
	# an expected fail that passes
	printf 'ref-ok\t*\tSC-CMP-2\t*\tfail\tPR kern/99999\n' >exp.tsv
	printf 'ref-sleep\t*\t*\t*\tfail\tall of it\n' >>exp.tsv
	atf_check -s exit:1 -o match:"regressions: 5 \(0 unexpected fail, 5 unexpected pass, 0 unexpected skip\)" -e ignore \
	    "$RUN" parse -o r2 -e exp.tsv "$LOGS/clean.log"
	atf_check -o match:"ref-ok	.*SC-CMP-2	thread	pass	unexpected-pass	PR kern/99999	read: .*unexpected pass: expected fail: PR kern/99999" \
	    cat r2/matrix.tsv
	# an expectation for other kernels does not hold for this one
	printf 'ref-sleep\t*\t*\t10.99.0-\tfail\tnewer kernels\n' >exp.tsv
	atf_check -s exit:1 -o match:"regressions: 3 \(3 unexpected fail," \
	    -e ignore "$RUN" parse -o r2k -e exp.tsv "$LOGS/clean.log"
	# truncated: broken
	atf_check -s exit:1 -o match:"BROKEN|REGRESSION" -e ignore \
	    "$RUN" parse -o r3 "$LOGS/truncated.log"
	atf_check -o match:"broken	truncated log" cat r3/replay/cases.tsv
	# never starts KTAP: a clear error with the last console lines
	atf_check -s exit:1 -o ignore \
	    -e match:"never printed \"KTAP version 1\"" -e match:"root device:" \
	    "$RUN" parse -o r4 "$LOGS/noktap.log"
	[ -s r4/replay/error.txt ] || atf_fail "no error.txt"
	# multi-boot: every case exactly once; a panic fails the case's own
	# clause and the one its text names
	atf_check -s exit:1 -o match:"4 fail" -e ignore "$RUN" parse \
	    -o r5 "$LOGS/panic-boot1.log" "$LOGS/panic-boot2.log" \
	    "$LOGS/panic-boot3.log"
	atf_check -o match:"SC-CTX-3	fail	panic: trap" cat r5/replay/cases.tsv
	# bad expectations file
	printf 'wd0\tthread\tSC-SLP-1\t*\tperhaps\n' >bad.tsv
	atf_check -s exit:2 -e match:"bad.tsv:1: expected verdict" \
	    "$RUN" parse -o r6 -e bad.tsv "$LOGS/clean.log"
	atf_check -s exit:2 -e match:"expectations: nothere.tsv" \
	    "$RUN" parse -o r7 -e nothere.tsv "$LOGS/clean.log"
}

atf_test_case guest_never_starts
guest_never_starts_head() {
	atf_set descr "a real boot (GRUB, QEMU) of a kernel that never runs the checker: clear error, logs kept, disks removed; two profiles in parallel"
	atf_set require.progs "cc"
	atf_set timeout 300
}
guest_never_starts_body() {
	find_tool
	command -v qemu-system-x86_64 >/dev/null ||
	    atf_skip "qemu-system-x86_64 is not installed"
	command -v grub-mkrescue >/dev/null ||
	    atf_skip "grub-mkrescue is not installed (grub-pc-bin)"
	# something GRUB loads with knetbsd that never prints anything
	cat >k.c <<'EOT'
const char osrelease[] = "7.99.4";
void module_load(void) { }
void start(void) { for (;;) __asm__ volatile("hlt"); }
EOT
	cc -O1 -fno-pic -no-pie -static -nostdlib -ffreestanding -Wl,-e,start \
	    -o netbsd k.c || atf_fail "cc"
	printf 'const char v[] = "strategy-checker built-for=799000400";\n' >m.c
	cc -c -o sc.kmod m.c || atf_fail "cc"
	printf 'name=tiny\nmemory=64\nsmp=1\ndisk=ide:1M\n' >tiny.profile
	atf_check -s exit:1 -o save:out -e save:err \
	    "$RUN" -k netbsd -m sc.kmod -p base -p tiny.profile -j 2 -t 10 -o res
	grep -q "\[base\] boot 1: the guest never printed \"KTAP version 1\"" err ||
	    atf_fail "no clear error for base: $(oneline err)"
	grep -q "\[tiny\] boot 1: the guest never printed \"KTAP version 1\"" err ||
	    atf_fail "no clear error for tiny: $(oneline err)"
	grep -q "last console lines:" err || atf_fail "no console lines: $(oneline err)"
	grep -q "run: 2 profiles did not complete" out || atf_fail "$(oneline out)"
	for p in base tiny; do
		[ -f res/$p/console.1.log ] || atf_fail "no console log for $p"
		[ -f res/$p/qemu.cmd ] || atf_fail "no qemu.cmd for $p"
		[ -s res/$p/error.txt ] || atf_fail "no error.txt for $p"
		ls res/$p/*.img >/dev/null 2>&1 && atf_fail "disk images left in res/$p"
	done
	grep -q "NetBSD strategy9" res/base/console.1.log ||
	    atf_fail "GRUB menu entry not on the console: $(oneline res/base/console.1.log)"
	[ -f res/strategy9.iso ] || atf_fail "no boot image"
}

# The stand-in guest as a "kernel" (netbsd) and a "module" (sc.kmod).
make_guest() {
	command -v qemu-system-x86_64 >/dev/null ||
	    atf_skip "qemu-system-x86_64 is not installed"
	command -v grub-mkrescue >/dev/null ||
	    atf_skip "grub-mkrescue is not installed (grub-pc-bin)"
	# Without 32-bit support the guest cannot be made: a skip.  With it,
	# a guest that does not compile is a failure.
	set -- -m32 -O2 -ffreestanding -fno-pic -fno-stack-protector \
	    -nostdlib -static -no-pie -Wl,-e,start \
	    -Wl,-Ttext-segment=0x200000 -Wl,--build-id=none
	printf 'void start(void) { for (;;) ; }\n' >probe.c
	cc "$@" -o probe probe.c 2>cc.err ||
	    atf_skip "cc cannot make 32-bit freestanding code: $(oneline cc.err)"
	cc "$@" -Wall -Werror -o guest32 "$(atf_get_srcdir)/fakeguest.c" \
	    2>cc.err || atf_fail "fakeguest.c: $(oneline cc.err)"
	objcopy -I elf32-i386 -O elf64-x86-64 guest32 netbsd 2>/dev/null ||
	    atf_fail "objcopy to elf64-x86-64 failed"
	printf 'const char v[] = "strategy-checker built-for=799000400";\n' >m.c
	cc -c -o sc.kmod m.c || atf_fail "cc"
}

atf_test_case live_ddb
live_ddb_head() {
	atf_set descr "a guest that stops in ddb on a panic: the runner asks for bt, reads its frames, answers reboot, and boots at the next case"
	atf_set require.progs "cc objcopy"
	atf_set timeout 600
}
live_ddb_body() {
	find_tool
	make_guest
	printf 'ref-sleep\thardintr\tSC-SLP-1\t*\tfail\treference: sleeps\n' >exp.tsv
	printf 'ref-sleep\thardintr\tSC-CTX-1\t*\tfail\tits on-panic clause\n' >>exp.tsv
	atf_check -s exit:1 -o save:out -e save:err "$RUN" -k netbsd -m sc.kmod \
	    -p base -e exp.tsv -t 5 -b 5 -R -A onpanic=1 -o res
	cat err
	grep -q 'ddb prompt: sending "bt"' err || atf_fail "bt not sent"
	grep -q 'ddb prompt: sending "reboot"' err || atf_fail "reboot not sent"
	grep -q 'db{0}> bt' res/base/console.1.log ||
	    atf_fail "no bt at the prompt: $(oneline res/base/console.1.log)"
	# the panicking case: its clause from the ddb backtrace's frames
	atf_check -o match:"^7.99.4	ref-sleep	hardintr	read	SC-SLP-1	fail	panic: assert_sleepable.*< kpause\+0x2a < scref_strategy\+0x51 < bdev_strategy" \
	    cat res/base/cases.tsv
	# and the run went on at case 4 in a second boot
	grep -q "string=first=4 down=3 refs" res/base/qemu.cmd ||
	    atf_fail "no boot at case 4: $(oneline res/base/qemu.cmd)"
	atf_check -o match:"^7.99.4	wd0	thread	read	SC-SLP-1	pass	" \
	    cat res/base/cases.tsv
}

atf_test_case live_resume
live_resume_head() {
	atf_set descr "the stand-in guest saved once when ready, restored after the panic and after the hang, told where to go on: the same results as cold boots"
	atf_set require.progs "cc objcopy qemu-img"
	atf_set timeout 600
}
live_resume_body() {
	find_tool
	make_guest
	printf 'ref-sleep\thardintr\tSC-SLP-1\t*\tfail\treference: sleeps\n' >exp.tsv
	printf 'ref-sleep\thardintr\tSC-CTX-1\t*\tfail\tits on-panic clause\n' >>exp.tsv
	atf_check -s exit:1 -o save:out -e save:err "$RUN" -k netbsd -m sc.kmod \
	    -p base -e exp.tsv -t 5 -b 5 -o res
	cat err
	grep -q "^summary: 8 pass, 0 fail, 2 xfail, 1 skip, 2 broken; regressions: 0 .* => BROKEN" out ||
	    atf_fail "summary: $(oneline out)"
	# one QEMU, saved once, restored twice
	[ "$(grep -c -e '-fw_cfg' res/base/qemu.cmd)" -eq 1 ] ||
	    atf_fail "expected 1 QEMU start: $(oneline res/base/qemu.cmd)"
	grep -q "machine saved" err || atf_fail "not saved"
	grep -q "boot 2: restored at case 4" err || atf_fail "no restore at 4"
	grep -q "boot 3: restored at case 6" err || atf_fail "no restore at 6"
	# the guest took each restore's arguments from its second port
	grep -q 'args="resume=1 refs=0 .* first=4 down=3"' res/base/console.2.log ||
	    atf_fail "restore 1 arguments: $(oneline res/base/console.2.log)"
	grep -q 'first=6 down=3,5"' res/base/console.3.log ||
	    atf_fail "restore 2 arguments: $(oneline res/base/console.3.log)"
	atf_check -o match:"^base	resumed	1	2	" cat res/base/timing.tsv
	# the same cases and verdicts as the cold boots give
	atf_check -o match:"^7.99.4	ref-sleep	hardintr	read	SC-SLP-1	fail	panic: assert_sleepable" cat res/base/cases.tsv
	atf_check -o match:"^7.99.4	wd0	softint	eom-past	SC-SLP-1	broken	hang: no console output for 5 s" cat res/base/cases.tsv
	atf_check -o match:"^7.99.4	ref-sleep	thread	read	SC-CMP-2	pass	" cat res/base/cases.tsv
	# and no image is left behind
	[ ! -e res/base/vmstate.qcow2 ] || atf_fail "vmstate.qcow2 left"
}

atf_test_case live_warm
live_warm_head() {
	atf_set descr "the stand-in guest's saved machine kept across runs:" \
	    "the next run restores it instead of booting, with the same" \
	    "results; one QEMU cannot load is removed and the run boots"
	atf_set require.progs "cc objcopy qemu-img"
	atf_set timeout 900
}
live_warm_body() {
	find_tool
	make_guest
	printf 'ref-sleep\thardintr\tSC-SLP-1\t*\tfail\treference: sleeps\n' >exp.tsv
	printf 'ref-sleep\thardintr\tSC-CTX-1\t*\tfail\tits on-panic clause\n' >>exp.tsv
	for r in cold warm; do
		atf_check -s exit:1 -o save:$r.out -e save:$r.err "$RUN" \
		    -k netbsd -m sc.kmod -p base -e exp.tsv -t 5 -b 5 -o $r
	done
	cat warm.err
	grep -q "machine kept in the cache as" cold.err ||
	    atf_fail "not kept: $(oneline cold.err)"
	[ "$(ls machines | wc -l)" -eq 1 ] || atf_fail "not one entry"
	grep -q "boot 1: restoring the machine an earlier run saved" warm.err ||
	    atf_fail "not restored from the cache: $(oneline warm.err)"
	atf_check -o match:"^base	resumed	0	3	.*	1	[0-9.]*$" \
	    cat warm/base/timing.tsv
	grep -q "3 restores (1 from the cache," warm.err ||
	    atf_fail "no timing line: $(oneline warm.err)"
	# no boot: QEMU started once, stopped, for the machine to be loaded
	[ "$(grep -c -e ' -S$' warm/base/qemu.cmd)" -eq 1 ] ||
	    atf_fail "$(oneline warm/base/qemu.cmd)"
	# the session knows the boot's devices from the kept console
	cmp -s cold/base/devices.tsv warm/base/devices.tsv ||
	    atf_fail "devices.tsv differs"
	cut -f1-6 cold/cases.tsv >cold.cut
	cut -f1-6 warm/cases.tsv >warm.cut
	cmp -s cold.cut warm.cut || atf_fail "the cases differ"
	grep -q 'args="resume=1 refs=0 .* first=1"' warm/base/console.1.log ||
	    atf_fail "first restore's arguments: $(oneline warm/base/console.1.log)"
	# a machine QEMU cannot load: removed, the run boots and keeps anew
	e=$(ls -d machines/*)
	dd if=/dev/zero of=$e/vmstate.qcow2 bs=65536 count=1 conv=notrunc \
	    2>/dev/null
	atf_check -s exit:1 -o ignore -e save:bad.err "$RUN" \
	    -k netbsd -m sc.kmod -p base -e exp.tsv -t 5 -b 5 -o bad
	grep -q "warning: the saved machine .* from the cache could not be restored (.*): removed; booting afresh" bad.err ||
	    atf_fail "no warning: $(oneline bad.err)"
	grep -q "boot 1: starting QEMU at case 1, to be saved" bad.err ||
	    atf_fail "no boot: $(oneline bad.err)"
	cut -f1-6 bad/cases.tsv >bad.cut
	cmp -s cold.cut bad.cut || atf_fail "the cases differ after the fallback"
	grep -q "machine kept in the cache as" bad.err ||
	    atf_fail "not kept again: $(oneline bad.err)"
}

atf_test_case live_boots
live_boots_head() {
	atf_set descr "a live run under QEMU of a stand-in guest: panic -> boot at the next case, hang -> kill and boot at the next case, done; nothing lost"
	atf_set require.progs "cc objcopy"
	atf_set timeout 600
}
live_boots_body() {
	find_tool
	make_guest
	printf 'ref-sleep\thardintr\tSC-SLP-1\t*\tfail\treference: sleeps\n' >exp.tsv
	printf 'ref-sleep\thardintr\tSC-CTX-1\t*\tfail\tits on-panic clause\n' >>exp.tsv

	atf_check -s exit:1 -o save:out -e save:err "$RUN" -k netbsd -m sc.kmod \
	    -p base -e exp.tsv -t 5 -b 5 -K -R -o res
	cat err
	grep -q "^summary: 8 pass, 0 fail, 2 xfail, 1 skip, 2 broken; regressions: 0 .* => BROKEN" out ||
	    atf_fail "summary: $(oneline out)"
	# three boots, at case 1, after the panic at 4, after the hang at 6
	[ "$(grep -c -e '-fw_cfg' res/base/qemu.cmd)" -eq 3 ] ||
	    atf_fail "expected 3 boots: $(oneline res/base/qemu.cmd)"
	for f in 'first=1 refs' 'first=4 down=3 refs' 'first=6 down=3,,5 refs'; do
		grep -q "string=$f" res/base/qemu.cmd || atf_fail "no boot at $f"
	done
	# the guest saw the runner's arguments through fw_cfg, with the
	# cases that took earlier boots down
	grep -q "args=\"first=4 down=3 $BASEARGS\"" res/base/console.2.log ||
	    atf_fail "fw_cfg args not seen by the guest: $(oneline res/base/console.2.log)"
	c=res/base/cases.tsv
	[ "$(wc -l <$c)" -eq 14 ] || atf_fail "cases.tsv: $(oneline $c)"
	atf_check -o match:"^7.99.4	ref-sleep	hardintr	read	SC-SLP-1	fail	panic: assert_sleepable" cat $c
	atf_check -o match:"^7.99.4	ref-sleep	hardintr	read	SC-CMP-2	skip	not observed: the guest panicked in this case" cat $c
	atf_check -o match:"^7.99.4	wd0	softint	eom-past	SC-SLP-1	broken	hang: no console output for 5 s" cat $c
	atf_check -o match:"^7.99.4	ref-sleep	thread	read	SC-CMP-2	pass	" cat $c
	atf_check -o match:"^7.99.4	wd0	thread	read	SC-SLP-1	pass	" cat $c
	atf_check -o match:"^7.99.4	wd0	wd0 at atabus0 drive 0	SC-SLP-1	softint	broken	-	-	eom-past: hang" cat res/matrix.tsv
	# -K kept the five disks, 64 MiB each
	[ "$(ls res/base/*.img | wc -l)" -eq 5 ] || atf_fail "disks not kept"
	[ "$(wc -c <res/base/disk2-virtio-blk.img)" -eq 67108864 ] ||
	    atf_fail "disk size $(wc -c <res/base/disk2-virtio-blk.img)"
	# events on stderr; the per-case progress line only on a terminal
	grep -q "boot 1: checker started" err || atf_fail "no event lines"
	! grep -q "case 5 of 6" err || atf_fail "a progress line where stderr is no terminal"
}

atf_test_case deps_cover_tools
deps_cover_tools_head() {
	atf_set descr "Without the programs, check names each with a package" \
	    "that make deps installs, and stops before any boot"
}
deps_cover_tools_body() {
	find_tool
	set -- $(for p in "$PROFILES"/*.profile; do echo "-p $p"; done)
	# An empty PATH: every program is missing.
	atf_check -s exit:2 -o empty -e save:err env PATH=/nonexistent \
	    "$RUN" check "$@"
	grep -q "nothing was booted" err || atf_fail "no stop line: $(oneline err)"
	sed -n 's/.*(Debian package \([^)]*\)).*/\1/p' err | sort -u >pkgs
	[ "$(wc -l <pkgs)" -ge 6 ] || atf_fail "too few packages: $(oneline err)"
	deps=$(sed -n '/^DEB_PACKAGES/,/^$/p' \
	    "$(atf_get_srcdir)/../../Makefile" | tr -d '\\' | tr -s ' \t' '\n\n')
	while read -r pkg; do
		echo "$deps" | grep -qx "$pkg" ||
		    atf_fail "$pkg is needed but make deps does not install it"
	done <pkgs
	# With the programs in PATH (this machine), the same check passes.
	atf_check -s exit:0 -o match:"every program they need" -e empty \
	    "$RUN" check "$@"
}

atf_test_case profiles_prepare
profiles_prepare_head() {
	atf_set descr "disks makes every profile's disks, saved and cold, with" \
	    "no boot: a program missing from make deps fails here"
}
profiles_prepare_body() {
	find_tool
	set -- $(for p in "$PROFILES"/*.profile; do echo "-p $p"; done)
	for mode in saved cold; do
		flag=; [ $mode = cold ] && flag=-R
		atf_check -s exit:0 -o save:out -e ignore "$RUN" disks $flag \
		    -o $mode "$@"
		for p in "$PROFILES"/*.profile; do
			name=$(basename "$p" .profile)
			want=$(grep -c '^disk=' "$p")
			have=$(ls $mode/$name | grep -c '^disk[0-9]')
			[ "$have" -eq "$want" ] || atf_fail "$mode $name:" \
			    "$have disks made, $want in the profile"
			grep -q "^$name: $want disk" out ||
			    atf_fail "$mode $name: $(oneline out)"
		done
	done
	[ -s saved/reference/vmstate.qcow2 ] ||
	    atf_fail "no drive for the saved state"
	# the GPT disk holds two NetBSD FFS partitions
	atf_check -s exit:0 -o match:"strategy9-a" -o match:"strategy9-b" \
	    sgdisk -p cold/controllers/disk13-gpt.img
}

atf_test_case swap_rows
swap_rows_head() {
	atf_set descr "the drum's rows (pseudo.profile): a range the PID 1" \
	    "gave is its row under the swap driver, one it could not add a" \
	    "named skip with its reason; controllers.profile's ataraid a" \
	    "named skip"
}
swap_rows_body() {
	find_tool
	grep -q '^rows=.* swap-on-part swap-on-file$' "$PROFILES/pseudo.profile" ||
	    atf_fail "pseudo.profile names no swap rows"
	# eight disks: the FFS, ccd's two, RAIDframe's two, cgd's, swap's,
	# and last the swap file's FFS
	[ "$(grep -c '^disk=' "$PROFILES/pseudo.profile")" -eq 8 ] ||
	    atf_fail "pseudo.profile: not eight disks"
	[ "$(grep '^disk=' "$PROFILES/pseudo.profile" | tail -1)" = "disk=ffs:48M" ] ||
	    atf_fail "pseudo.profile: the last disk is not the swap file's FFS"
	printf 'init=1\nrows=swap-on-part swap-on-file\n' >sw
	atf_check -s exit:0 -o ignore -e ignore "$RUN" parse -p sw \
	    -o res "$LOGS/swap.log"
	m=res/matrix.tsv
	grep -q "^10.99.12	swap-on-part	drum: block device ld6b (VOP_STRATEGY)	SC-SLP-1	thread	pass	.*	swap-on-part	-$" $m ||
	    atf_fail "swap-on-part: $(oneline $m)"
	grep -q "^10.99.12	swap-on-file	swap on a file on FFS /tmp/swapfs	-	softint	skip	-	-	-: swap: swapctl SWAP_ON error 22 (EINVAL)	swap-on-file	-$" $m ||
	    atf_fail "swap-on-file: $(oneline $m)"
	# ataraid: a skip in every context, with the code's reason
	sed -n 's/^absent=ataraid //p' "$PROFILES/controllers.profile" >why
	grep -q "ATAC_CAP_RAID" why && grep -q "subclass RAID" why ||
	    atf_fail "controllers.profile: no ataraid reason: $(oneline why)"
	printf 'absent=ataraid %s\n' "$(cat why)" >ar
	atf_check -s exit:0 -o ignore -e ignore "$RUN" parse -p ar \
	    -o res2 "$LOGS/swap.log"
	[ "$(grep -c '^10.99.12	ataraid	-	-	.*	skip	.*ATAC_CAP_RAID' res2/matrix.tsv)" -eq 6 ] ||
	    atf_fail "ataraid: $(oneline res2/matrix.tsv)"
}

atf_test_case stand_in_detectors
stand_in_detectors_head() {
	atf_set descr "a kernel without LOCKDEBUG (a stand-in without its" \
	    "symbols and configuration) establishes no pass that rests on" \
	    "it: skip, not established, no regression; with the symbol, pass;" \
	    "the guest's own symbols overrule the file's reading"
	atf_set require.progs "cc objcopy"
}
stand_in_detectors_body() {
	find_tool
	make_guest
	EXP=$(atf_get_srcdir)/../fixtures/expected.tsv
	SEL="SC-SLP-1|SC-SLP-2|SC-CTX-5"
	# the stand-in's embedded configuration says DIAGNOSTIC LOCKDEBUG DDB
	atf_check -s exit:0 -o ignore -e match:"kernel detectors: LOCKDEBUG DIAGNOSTIC DDB \(from its configuration\)" \
	    "$RUN" parse -k netbsd -p r -e "$EXP" -o full "$LOGS/hardintr-pass.log"
	# without it (a release kernel has no LOCKDEBUG; without
	# INCLUDE_CONFIG_FILE only symbols speak)
	objcopy -R strategy9_cfg netbsd bare || atf_fail "objcopy -R"
	atf_check -s exit:0 -o save:out -e match:"kernel detectors: none \(from its symbols\)" \
	    "$RUN" parse -k bare -p r -e "$EXP" -o res "$LOGS/hardintr-pass.log"
	atf_check -o match:"^detectors	none$" cat res/run.tsv
	# LOCKDEBUG's symbol alone
	objcopy --add-symbol lockdebug_wantlock=0x200000,global,function \
	    bare bare-ld || atf_fail "objcopy --add-symbol"
	atf_check -s exit:0 -o ignore -e match:"kernel detectors: LOCKDEBUG \(from its symbols\)" \
	    "$RUN" parse -k bare-ld -p r -e "$EXP" -o ld "$LOGS/hardintr-pass.log"
	for run in full res ld; do
		awk -F'\t' -v s="$SEL" '$2 == "ref-ok" && $4 ~ "^(" s ")$" {
		    print $4 " " $6 }' $run/matrix.tsv | sort >$run.got
	done
	printf 'SC-CTX-5 pass\nSC-SLP-1 pass\nSC-SLP-2 pass\n' >want.full
	printf 'SC-CTX-5 skip\nSC-SLP-1 skip\nSC-SLP-2 skip\n' >want.res
	printf 'SC-CTX-5 skip\nSC-SLP-1 skip\nSC-SLP-2 pass\n' >want.ld
	for run in full res ld; do
		atf_check -o file:want.$run cat $run.got
	done
	atf_check -o match:"^7.99.4	ref-ok	[^	]*	SC-SLP-2	hardintr	skip	-	[^	]*	not established: the kernel lacks LOCKDEBUG" \
	    -o match:"^7.99.4	ref-ok	[^	]*	SC-SLP-1	hardintr	skip	-	[^	]*	not established: the kernel lacks DIAGNOSTIC" \
	    cat res/matrix.tsv
	# a clause that rests on no detector keeps its pass
	atf_check -o match:"^7.99.4	ref-ok	[^	]*	SC-SLP-3	hardintr	pass	-	" \
	    cat res/matrix.tsv
	grep -q "passes not established: the kernel lacks a detector" out ||
	    atf_fail "no summary line: $(oneline out)"
	# the kernel that booted has the last word on what it can show:
	# its file says LOCKDEBUG, its symbols (the checker's header) not
	sed 's/intrcpu=0 /intrcpu=0 detectors=DDB /' \
	    "$LOGS/hardintr-pass.log" >guest.log
	atf_check -s exit:0 -o ignore -e match:"the kernel file reads LOCKDEBUG DIAGNOSTIC DDB, but the kernel that booted has DDB in its symbols: taken as DIAGNOSTIC DDB" \
	    "$RUN" parse -k netbsd -p r -e "$EXP" -o guest guest.log
	atf_check -o match:"^detectors	DIAGNOSTIC DDB$" \
	    -o match:"^detectors_guest	DDB$" cat guest/run.tsv
	atf_check -o match:"^7.99.4	ref-ok	[^	]*	SC-SLP-2	hardintr	skip	-	[^	]*	not established: the kernel lacks LOCKDEBUG" \
	    cat guest/matrix.tsv
	# and where the two agree, nothing is said and nothing changes
	sed 's/intrcpu=0 /intrcpu=0 detectors=LOCKDEBUG,DDB /' \
	    "$LOGS/hardintr-pass.log" >agree.log
	atf_check -s exit:0 -o ignore -e not-match:"kernel that booted" \
	    "$RUN" parse -k netbsd -p r -e "$EXP" -o agree agree.log
	atf_check -o match:"^detectors	LOCKDEBUG DIAGNOSTIC DDB$" \
	    -o match:"^detectors_guest	LOCKDEBUG DDB$" cat agree/run.tsv
}

atf_test_case profile_cannot_run
profile_cannot_run_head() {
	atf_set descr "a profile whose disks cannot be made makes the run" \
	    "incomplete, not partial: its reason in run.tsv, on the terminal" \
	    "and as the skip reason of each of its rows; nothing boots"
	atf_set require.progs "cc objcopy"
}
profile_cannot_run_body() {
	find_tool
	make_guest
	mkdir bin
	printf '#!/bin/sh\necho "sgdisk: stand-in that fails" >&2\nexit 1\n' >bin/sgdisk
	chmod +x bin/sgdisk
	printf 'name=wedges\ndevice=edu\ndisk=gpt:64M\n' >wedges.profile
	atf_check -s exit:1 -o save:out -e save:err env PATH="$(pwd)/bin:$PATH" \
	    "$RUN" -k netbsd -m sc.kmod -p wedges.profile -R -t 5 -o res
	atf_check -o match:"^incomplete	wedges: the profile could not run: disk 0 \(gpt\) could not be made$" \
	    -o match:"^partial	no$" cat res/run.tsv
	atf_check -o match:"wedges: the profile could not run: disk 0 \(gpt\)" cat out
	atf_check -o match:"^7.99.4	gpt	[^	]*	-	thread	skip	-	-	-: the profile could not run: disk 0 \(gpt\) could not be made" \
	    cat res/matrix.tsv
	[ ! -f res/wedges/console.1.log ] || atf_fail "it booted"
	# the reports say so, apart from a partial run
	REPORT=$(atf_get_srcdir)/../report/strategy-report
	SPEC=$(atf_get_srcdir)/../../spec/strategy-contract.md
	atf_check -s exit:0 -o match:"incomplete \(wedges: the profile could not run" \
	    "$REPORT" -s "$SPEC" -o rep res
	atf_check -o match:"^\*\*Incomplete run\*\*: 7.99.4: wedges: the profile could not run: disk 0 \(gpt\)" \
	    cat rep/report.md
	atf_check -o match:"<b>Incomplete run</b>: 7.99.4: wedges: the profile" \
	    cat rep/report.html
	! grep -q "Partial run" rep/report.md || atf_fail "called partial"
}

atf_init_test_cases() {
	atf_add_test_case profile_cannot_run
	atf_add_test_case swap_rows
	atf_add_test_case stand_in_detectors
	atf_add_test_case deps_cover_tools
	atf_add_test_case profiles_prepare
	atf_add_test_case print_cmd
	atf_add_test_case commands
	atf_add_test_case controllers_cmd
	atf_add_test_case profile_rows
	atf_add_test_case rejudge
	atf_add_test_case panic_elsewhere
	atf_add_test_case dks4_one_verdict
	atf_add_test_case profile_format
	atf_add_test_case replay_expected
	atf_add_test_case replay_regressions
	atf_add_test_case guest_never_starts
	atf_add_test_case live_boots
	atf_add_test_case live_ddb
	atf_add_test_case live_resume
	atf_add_test_case live_warm
}
