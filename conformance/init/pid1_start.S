/*
 * Process entry of sc-init.  There are no crt files: the kernel starts
 * PID 1 here with argc at (%rsp).  pid1_main() never returns; if it did,
 * exiting would panic the kernel ("init died"), so the machine is
 * powered off instead, again and again.
 */
	.text
	.globl	_start
	.type	_start, @function
_start:
	xorl	%ebp, %ebp
	andq	$-16, %rsp
	call	pid1_main
1:	call	pid1_poweroff
	jmp	1b
	.size	_start, . - _start

	.section .note.GNU-stack, "", @progbits
