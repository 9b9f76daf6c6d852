# PIIX4 IDE, which QEMU gives only as a card of its own: the PC machine's
# PIIX3 IDE holds the legacy ports a PIIX in compatibility mode takes,
# so this is a q35 machine, whose own disk controller is AHCI.  The boot
# CD goes where q35 puts if=ide drives, on that AHCI (the runner tells
# the checker so: bootctl=).
name=q35-piix4
description=q35 (ICH9): PIIX4 IDE in compatibility mode, the boot CD on ICH9 AHCI
machine=q35
accel=tcg
memory=512
smp=2
# QEMU's edu device (PCI 1234:11e8): raises its INTx line on demand.
device=edu
# PIIX4 IDE (8086:7111) -> piixide -> atabus -> wd
disk=piix4-ide:64M
# Real drivers only; as in base.profile.
args=refs=0 opstrikes=2 advus=20000
