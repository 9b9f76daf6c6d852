#!/bin/sh
# mkffs.sh: the FFS disk of the strategy(9) guest, made on the host.
#   mkffs.sh -o <image> [-s <size, e.g. 64m>]
# One file in it: /vnd.img, 16 MiB of zeros, vnd0's backing file.  FFSv1
# so that both the 2015 and the 2025 kernel mount it; Debian's makefs
# allocates every block of the file (it writes each one), so the file
# is not sparse and vnd0 keeps VOP_BMAP/VOP_STRATEGY.  Exit 2 on bad
# usage or a missing tool, 1 when makefs fails or the image is wrong.

usage() {
	echo "usage: mkffs.sh -o image [-s size]" >&2
	exit 2
}

out=
size=64m
while getopts o:s: opt; do
	case $opt in
	o) out=$OPTARG ;;
	s) size=$OPTARG ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
[ $# -eq 0 ] && [ -n "$out" ] || usage
case $size in
[0-9]*[0-9kmg] | [0-9]*[0-9]) ;;
*) echo "mkffs.sh: size \"$size\" is not a number with k, m or g" >&2
   exit 2 ;;
esac
command -v makefs >/dev/null 2>&1 || {
	echo "mkffs.sh: makefs is not installed (Debian: makefs)" >&2
	exit 2
}

tree=$(mktemp -d "${TMPDIR:-/tmp}/mkffs.XXXXXX") || exit 1
trap 'rm -rf "$tree"' EXIT
dd if=/dev/zero of="$tree/vnd.img" bs=1048576 count=16 2>/dev/null || exit 1

# -o version=1: FFSv1 (UFS1); bsize 8 KiB, fsize 1 KiB, as newfs's
# defaults for a small disk.
makefs -t ffs -o version=1,bsize=8192,fsize=1024 -s "$size" \
    "$out" "$tree" >"$tree/makefs.log" 2>&1 || {
	echo "mkffs.sh: makefs failed:" >&2
	cat "$tree/makefs.log" >&2
	exit 1
}

# The image is an FFSv1 file system: its magic 0x011954 at byte 1372 of
# the superblock at 8192 (fs_magic), little-endian on amd64.
magic=$(od -A n -t x4 -j $((8192 + 1372)) -N 4 "$out" | tr -d ' ')
if [ "$magic" != "00011954" ]; then
	echo "mkffs.sh: $out has no FFSv1 superblock (magic \"$magic\")" >&2
	exit 1
fi
echo "mkffs.sh: wrote $out (FFSv1, $size, /vnd.img of 16 MiB)"
