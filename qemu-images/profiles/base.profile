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
# ld at ataraid: both lab kernels have ataraid and ld_ataraid (GENERIC),
# but no QEMU controller lets atabus look for RAID metadata at all.
absent=ataraid no case can call ld_ataraid's strategy: atabus reads a disk's RAID metadata (ata_raid_check_component) only on a controller with ATAC_CAP_RAID (ata.c:393-400 of 10.99.12, 372-378 of 7.99.4), which ahcisata_pci, piixide, viaide, jmide, pdcide and pdcsata set only for a PCI function of class mass storage, subclass RAID (ahcisata_pci.c:442-444, piixide.c:958-960, viaide.c:631-633 and 909-911, jmide.c:468-469, pdcide.c:219-221, pdcsata.c:288-290 of 10.99.12; 317-319, 953-955, 619-621 and 897-899, 469-470, 219-221, 287-289 of 7.99.4); QEMU 7.2's ich9-ahci is subclass SATA and its piix3-ide, piix4-ide and isa-ide IDE, no property of theirs sets a class code, and it emulates no VIA, JMicron or Promise controller, so no metadata written on the host is ever read
# NVMe is in nvme.profile: QEMU cannot save a machine with an NVMe
# controller, and the others here are saved and restored.
# Real drivers only; an operation that took the guest down in two
# contexts of a disk is not retried in the others (one boot each).
# Emulated controllers under TCG trap on every register access: 20 ms on
# the CPU inside one call, not the default 5, is busy-waiting here.
args=refs=0 opstrikes=2 advus=20000
