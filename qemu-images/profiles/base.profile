# The first matrix: one disk on each of five common controllers, and the
# edu PCI device that gives the checker its hard-interrupt source.  The
# reference pseudo-disks run in reference.profile, beside this one.
# Format: key=value lines, see conformance/host/profile.h (or
# strategy-run -h).  Every disk is a fresh 64 MiB raw image made by the
# runner in the run's directory.
name=base
description=PC (i440FX), IDE, AHCI, virtio-blk, virtio-scsi, LSI 53C895A
machine=pc
accel=tcg
memory=512
smp=2
# QEMU's edu device (PCI 1234:11e8): raises its INTx line on demand.
device=edu
# PIIX IDE -> wd
disk=ide:64M
# AHCI -> wd (ahcisata)
disk=ahci:64M
# virtio-blk -> ld (ld@virtio)
disk=virtio-blk:64M
# virtio-scsi -> sd (vioscsi)
disk=virtio-scsi:64M
# LSI 53C895A -> sd (esiop/siop)
disk=lsi:64M
# NVMe is in nvme.profile: QEMU cannot save a machine with an NVMe
# controller, and the others here are saved and restored.
# Real drivers only; an operation that took the guest down in two
# contexts of a disk is not retried in the others (one boot each).
# Emulated controllers under TCG trap on every register access: 20 ms on
# the CPU inside one call, not the default 5, is busy-waiting here.
args=refs=0 opstrikes=2 advus=20000
