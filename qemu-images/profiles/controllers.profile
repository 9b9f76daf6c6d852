# Every other disk controller QEMU emulates and NetBSD has a driver for,
# one disk each, in one machine: one cold boot, then restores.  Rows a
# kernel cannot give end as named skips (conformance/host/rows.c).
name=controllers
description=PC (i440FX): 53C810, SAS1068, AM53C974, DC-390, MegaRAID (SAS1078, SAS2108), PVSCSI, USB (xHCI, EHCI, UHCI, OHCI), ATAPI and SCSI CD, GPT wedges, virtio 1.0
machine=pc
accel=tcg
memory=512
smp=2
# QEMU's edu device (PCI 1234:11e8): raises its INTx line on demand.
device=edu
# LSI 53C810 -> siop -> sd
disk=lsi53c810:64M
# LSI SAS1068 -> mpt -> sd
disk=mptsas1068:64M
# AMD AM53C974 -> pcscp -> sd
disk=am53c974:64M
# Tekram DC-390 -> pcscp -> sd: the same chip and driver, with the
# card's serial EEPROM; pcscp1, after the AM53C974's pcscp0
disk=dc390:64M
# MegaRAID SAS 1078 -> mfi -> scsibus -> sd (mfi is a scsipi adapter)
disk=megasas:64M
# MegaRAID SAS 2108 -> mfi (its GEN2 register layout) -> scsibus -> sd
disk=megasas-gen2:64M
# VMware PVSCSI -> pvscsi -> sd, where the kernel has pvscsi(4)
disk=pvscsi:64M
# USB mass storage on xHCI and on EHCI -> umass -> sd
disk=usb-xhci:64M
disk=usb-ehci:64M
# and on UHCI (ICH9's) and OHCI: full-speed USB, umass's other paths
disk=usb-uhci:64M
disk=usb-ohci:64M
# The SD card (sdhci) and the floppy are in nvme.profile, which boots
# cold: QEMU's SDHCI does not come back from a saved machine (its card
# reports write protection and reads time out), and a floppy's first
# transfer after a restore waits for fd(4)'s 4 s timeout.
# Read-only media with a data pattern: SC-ERR-4 on real drivers.  An
# ATAPI drive on AHCI (the one on PIIX is the boot medium) and a SCSI
# CD on virtio-scsi -> cd
disk=ide-cd:64M
disk=scsi-cd:64M
# A virtio disk partitioned on the host (GPT, two NetBSD FFS
# partitions): wedge autodiscovery attaches dk0 and dk1 on its ld
disk=gpt:64M
# virtio 1.0 without the legacy interface (PCI IDs 1042 and 1048):
# current's virtio_pci takes them through its modern path; 7.99.4's
# virtio matches the legacy IDs only (a named skip in expected.tsv).
# After the GPT disk, whose ld is its own.
disk=virtio-blk-modern:64M
disk=virtio-scsi-modern:64M
# ld at ataraid: both lab kernels have ataraid and ld_ataraid (GENERIC),
# but no QEMU controller lets atabus look for RAID metadata at all.
absent=ataraid no case can call ld_ataraid's strategy: atabus reads a disk's RAID metadata (ata_raid_check_component) only on a controller with ATAC_CAP_RAID (ata.c:393-400 of 10.99.12, 372-378 of 7.99.4), which ahcisata_pci, piixide, viaide, jmide, pdcide and pdcsata set only for a PCI function of class mass storage, subclass RAID (ahcisata_pci.c:442-444, piixide.c:958-960, viaide.c:631-633 and 909-911, jmide.c:468-469, pdcide.c:219-221, pdcsata.c:288-290 of 10.99.12; 317-319, 953-955, 619-621 and 897-899, 469-470, 219-221, 287-289 of 7.99.4); QEMU 7.2's ich9-ahci is subclass SATA and its piix3-ide, piix4-ide and isa-ide IDE, no property of theirs sets a class code, and it emulates no VIA, JMicron or Promise controller, so no metadata written on the host is ever read
# Xen's block front end needs a Xen hypervisor; QEMU's TCG here has none.
absent=usb-uas NetBSD has no USB Attached SCSI driver: umass(4) speaks Bulk-Only and CBI only (UMASS_WPROTO_BBB, _CBI, _CBI_I in umassvar.h of both trees), so QEMU's usb-uas would attach no disk
absent=xbd Xen's xbd(4) attaches to the block back end of a Xen hypervisor; QEMU (TCG, no Xen) emulates none, so no case can call xbdstrategy
# Real drivers only; as in base.profile.
args=refs=0 opstrikes=2 advus=20000
# Cases print all the time; a silent minute is a hang.  mfi(4) on QEMU's
# megasas never ends autoconfiguration (conformance/fixtures/expected.tsv,
# controllers:megasas): QEMU's trace says it refused mfi's INIT frame,
# and the runner, seeing mfi's SCSI bus attach nothing, gives up at once.
hang=60
