# The pseudo-disks of PR kern/34293 and the layered disks, configured by
# the project's own PID 1 (conformance/init, strategy-run -i): the boot
# CD is the root file system, the PID 1 configures each unit and then
# asks the checker to run on them (kern.strategy_checker.run).  The
# disks are its material, not rows: the FFS one holds vnd0's backing
# file and the snapshot's file system, the six zeroed ones are ccd's
# two components, RAIDframe's two, cgd's one and swap's one, and the
# last, a second FFS, holds the swap file (fss0 snapshots the first).
#
# The swap device (/dev/drum, swstrategy): the PID 1 labels the
# seventh disk in core with two swap partitions and adds swap on b (row
# swap-on-part), on e and on an 8 MiB file it writes to the last disk's
# FFS (swap-on-file), then takes e off again, so that each row's range of
# the drum ends at a hole (conformance/init/pid1_swap.c).  The cases write
# over sectors 64-151 of each range (all on the two swap disks: blocks
# of partition b and of the swap file), where swap pages would live: none does, since
# nothing is swapped out in a 512 MiB guest whose only process is the
# PID 1, and the PID 1 gives the rows only when SWAP_STATS says no
# block is in use.
name=pseudo
description=PC (i440FX), vnd (both I/O paths), cgd, ccd, raid, md, fss, dk wedges, swap (partition and file), from the guest's PID 1
machine=pc
accel=tcg
memory=512
smp=2
init=1
# QEMU's edu device (PCI 1234:11e8): raises its INTx line on demand.
device=edu
disk=ffs:48M
disk=virtio-blk:32M
disk=virtio-blk:32M
disk=virtio-blk:32M
disk=virtio-blk:32M
disk=virtio-blk:32M
disk=virtio-blk:32M
disk=ffs:48M
# What the PID 1 is to configure; dk-on-X is the wedge it adds on X.
rows=vnd0 vnd1 cgd0 ccd0 raid0 md0 fss0 dk-on-vnd0 dk-on-cgd0 swap-on-part swap-on-file
# Pseudo-disks no case can reach: their sheets come from the static tier.
absent=dm no case can call dmstrategy: the PID 1 loads no device-mapper table (that needs dmsetup's ioctls and a module or kernel with dm(4); the lab kernels have no dmstrategy and no module file of it can be had here); the static tier reads dm (getiobuf(NULL, true), its adaptive locks)
absent=pud no case can call pud_bdev_strategy: pud(4) forwards every transfer to a user-space server the PID 1 does not have, and the lab kernels have no pud (no module file of it can be had here); the static tier reads it (kmem_zalloc KM_SLEEP, the server's reply)
# Real drivers only; as in base.profile.  RAIDframe's parity rewrite
# prints progress every 10 s: the default hang timeout holds.
args=refs=0 opstrikes=2 advus=20000
