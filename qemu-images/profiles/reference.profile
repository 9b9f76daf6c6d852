# The checker's own proof: the reference pseudo-disks built into the
# module, one that conforms and one per violation, in every context.
# No disks: the guest has only the boot CD, which the checker leaves
# alone.  Expected verdicts: conformance/fixtures/expected.tsv.
name=reference
description=PC (i440FX), reference pseudo-disks only
machine=pc
accel=tcg
memory=512
smp=2
# QEMU's edu device (PCI 1234:11e8): the hard-interrupt source.
device=edu
args=disks=0
