#!/bin/sh
# mkimage.sh - build a GRUB rescue ISO that boots a NetBSD kernel (and its
# modules) with the console on the first serial port.
#
#   mkimage.sh -k <kernel> [-m <module.kmod> ...] [-c <kernel-args>]
#              [-i <init> -r <root>] -o <out.iso>
#
# -i puts a program at /sbin/init, with empty /dev, /mnt and /tmp beside
# it, so that the CD can be the root file system (cd9660); -r names the
# root device to the kernel (GRUB's knetbsd --root, e.g. cd0a), so that
# the boot mounts it without asking.
#   mkimage.sh -g -o <out.iso>      GRUB-only image: prints MARKER and halts
#
# Exit status: 0 image written, 1 build failure, 2 bad usage or missing tool.

set -u

prog=${0##*/}
MARKER=strategy9-grub-ok

usage() {
	echo "usage: $prog -k kernel [-m module.kmod ...] [-c kernel-args] [-i init -r root] -o out.iso" >&2
	echo "       $prog -g -o out.iso" >&2
	exit 2
}

die() {
	echo "$prog: $*" >&2
	exit "${rc:-1}"
}

kernel=
modules=
out=
grubonly=0
kargs=
init=
root=
nl='
'

while getopts "k:m:o:c:i:r:gh" opt; do
	case $opt in
	i) init=$OPTARG ;;
	r) root=$OPTARG ;;
	k) kernel=$OPTARG ;;
	m) modules="$modules$OPTARG$nl" ;;
	o) out=$OPTARG ;;
	c) kargs=$OPTARG ;;
	g) grubonly=1 ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
[ $# -eq 0 ] || usage
[ -n "$out" ] || usage
if [ $grubonly -eq 1 ]; then
	[ -z "$kernel" ] && [ -z "$modules" ] || usage
else
	[ -n "$kernel" ] || usage
fi

rc=2
for tool in grub-mkrescue xorriso; do
	command -v "$tool" >/dev/null 2>&1 ||
	    die "$tool not found: install grub-pc-bin, grub-common and xorriso (Debian: apt-get install grub-pc-bin xorriso mtools)"
done
[ -d /usr/lib/grub/i386-pc ] ||
    die "no GRUB i386-pc platform files in /usr/lib/grub/i386-pc: install grub-pc-bin"

if [ $grubonly -eq 0 ]; then
	[ -f "$kernel" ] && [ -r "$kernel" ] || die "kernel $kernel: not a readable file"
	[ -z "$init" ] || [ -f "$init" ] || die "init $init: not a file"
	case $root in
	*[!a-z0-9]*) die "root $root: a device name like cd0a" ;;
	esac
	# Fail early on names that GRUB would mangle: one module per line.
	oldifs=$IFS; IFS=$nl
	for m in $modules; do
		[ -f "$m" ] && [ -r "$m" ] || { IFS=$oldifs; die "module $m: not a readable file"; }
		case ${m##*/} in
		*.kmod) ;;
		*) IFS=$oldifs; die "module $m: name must end in .kmod" ;;
		esac
		case ${m##*/} in
		*[!A-Za-z0-9._-]*) IFS=$oldifs; die "module $m: file name must be [A-Za-z0-9._-]" ;;
		esac
	done
	IFS=$oldifs
fi
outdir=$(dirname -- "$out")
[ -d "$outdir" ] || die "output directory $outdir does not exist"
rc=1

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mkimage.XXXXXX") || die "mktemp failed"
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM
mkdir -p "$tmp/iso/boot/grub" || die "cannot create $tmp/iso"
cfg=$tmp/iso/boot/grub/grub.cfg

{
	echo "serial --unit=0 --speed=115200"
	echo "terminal_input serial"
	echo "terminal_output serial"
	echo "set timeout=0"
	echo "set default=0"
} >"$cfg" || die "cannot write grub.cfg"

if [ $grubonly -eq 1 ]; then
	cat >>"$cfg" <<EOT
menuentry "strategy9 GRUB check" {
	echo "$MARKER"
	halt
}
EOT
else
	cp -- "$kernel" "$tmp/iso/netbsd" || die "cannot copy kernel $kernel"
	if [ -n "$init" ]; then
		mkdir -p "$tmp/iso/sbin" "$tmp/iso/dev" "$tmp/iso/mnt" \
		    "$tmp/iso/tmp" && cp -- "$init" "$tmp/iso/sbin/init" &&
		    chmod 555 "$tmp/iso/sbin/init" ||
		    die "cannot copy init $init"
	fi
	{
		echo 'menuentry "NetBSD strategy9" {'
		echo "	knetbsd --serial=com0,115200${root:+ --root=$root} /netbsd $kargs"
		oldifs=$IFS; IFS=$nl
		for m in $modules; do
			b=${m##*/}
			cp -- "$m" "$tmp/iso/$b" || exit 1
			echo "	knetbsd_module_elf /$b"
		done
		IFS=$oldifs
		echo "	boot"
		echo "}"
	} >>"$cfg" || die "cannot write grub.cfg or copy modules"
fi

# All of GRUB's i386-pc modules: knetbsd loads what it needs (gzio, elf,
# ...) at run time from the image.
if ! grub-mkrescue --modules="serial" --fonts= --locales= --themes= \
    -o "$tmp/out.iso" "$tmp/iso" >"$tmp/log" 2>&1; then
	cat "$tmp/log" >&2
	die "grub-mkrescue failed"
fi
mv -f -- "$tmp/out.iso" "$out" 2>/dev/null || cp -- "$tmp/out.iso" "$out" ||
    die "cannot write $out"
echo "$prog: wrote $out"
exit 0
