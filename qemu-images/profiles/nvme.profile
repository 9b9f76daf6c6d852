# NVMe, alone: QEMU 7.2 cannot save a machine with an NVMe controller
# ("non-migratable device"), so this profile boots cold after every case
# that takes the guest down, while the others are restored.
name=nvme
description=PC (i440FX), NVMe (two namespaces), SD card on SDHCI, floppy
machine=pc
accel=tcg
memory=512
smp=2
# QEMU's edu device (PCI 1234:11e8): raises its INTx line on demand.
device=edu
# NVMe -> ld (ld at nvme); kernels without nvme(4) just leave it alone
disk=nvme:64M
# Its second namespace (nsid 2): ld at nvme once per namespace, each
# with its own queue pair on one controller
disk=nvme-ns:64M
# SD card on SDHCI -> sdhc -> sdmmc -> ld (QEMU: a power of 2); here
# because QEMU's SDHCI does not survive a saved machine either.
disk=sdhci:64M
# 1.44 MB floppy on the PC's own isa-fdc -> fd: in a restored machine
# every first transfer after the restore waits for fd(4)'s timeout.
disk=floppy:1440K
# Real drivers only; as in base.profile.  A floppy's first transfer
# waits for fd(4)'s 4 s timeout under QEMU (the controller's first seek
# interrupt does not come) and then completes: the completion deadline
# is 6 s here, not 1.
args=refs=0 opstrikes=2 advus=20000 deadline=6000
