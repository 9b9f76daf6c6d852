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
# The completion deadline is 250 ms, not 1000: these disks complete from
# their own worker thread, or a clock tick later from the edu interrupt,
# and ref-lost, which never completes, waited out the deadline in each of
# its cases (26 s of a kernel's 80).  Every verdict was the same at 250
# as at 1000 on both lab kernels (2026-12-03).
args=disks=0 deadline=250
