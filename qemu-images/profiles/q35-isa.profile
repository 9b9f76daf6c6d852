# IDE on the ISA bus, where GENERIC looks for it (wdc0 at isa, port
# 0x1f0, IRQ 14).  The PC machine's PIIX3 IDE holds those ports, so this
# is a q35 machine, whose own disk controller is AHCI; SeaBIOS boots
# from an ISA IDE drive only on a machine without PCI, so the boot CD
# goes where q35 puts if=ide drives, on that AHCI (the runner tells
# the checker so: bootctl=).
name=q35-isa
description=q35 (ICH9): IDE on the ISA bus at 0x1f0, the boot CD on ICH9 AHCI
machine=q35
accel=tcg
memory=512
smp=2
# QEMU's edu device (PCI 1234:11e8): raises its INTx line on demand.
device=edu
# isa-ide at 0x1f0/0x3f6, IRQ 14 -> wdc at isa -> atabus -> wd
disk=isa-ide:64M
# Real drivers only; as in base.profile.
args=refs=0 opstrikes=2 advus=20000
