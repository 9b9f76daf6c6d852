/*
 * fakeguest.c - a stand-in for a NetBSD kernel with the checker, for the
 * runner's live test (runner_test.sh:live_boots).  GRUB's knetbsd loads it
 * like a kernel (it is linked as 32-bit code, entered in protected mode,
 * then relabelled ELF64 x86-64 with objcopy); it reads the runner's
 * arguments from fw_cfg, plays six cases of the console protocol on COM1,
 * and resets the machine (QEMU -no-reboot then exits).
 *
 * Case 3 panics, case 5 hangs: the runner must boot again at case 4 and
 * at case 6.  With "onpanic=1" among its arguments the panic stops at a
 * ddb(4) prompt, as a release kernel's does: it prints the backtrace for
 * "bt" and resets for "reboot", so the runner must answer it.  With
 * "resume=1" it says it is ready and reads the arguments of the run from
 * the second serial port, where the runner's restores of the saved
 * machine bring it back.
 *
 * Build: cc -m32 -O2 -ffreestanding -fno-pic -fno-stack-protector
 *        -nostdlib -static -no-pie -Wl,-e,start
 *        -Wl,-Ttext-segment=0x200000 -o guest32 fakeguest.c
 *        objcopy -I elf32-i386 -O elf64-x86-64 guest32 netbsd
 */

/* What the runner's version check looks for. */
const char osrelease[] = "7.99.4";
/*
 * Its configuration, as options INCLUDE_CONFIG_FILE embeds a kernel's
 * (config(1) writes a tab as "\011"): the detectors the runner reads.
 * In a section of its own, so that a test can take it out.
 */
__attribute__((section("strategy9_cfg"), used))
const char config_file[] = "_CFG_options \\011DIAGNOSTIC\n"
    "_CFG_options \\011LOCKDEBUG\n_CFG_options \\011DDB\n";
void module_load(void) { }
void start(void) __attribute__((noreturn));

#define COM1		0x3f8
#define COM2		0x2f8
#define FWCFG_SEL	0x510
#define FWCFG_DATA	0x511
#define FWCFG_DIR	0x19

static inline void
outb(unsigned short port, unsigned char v)
{
	__asm__ volatile("outb %0,%1" : : "a"(v), "Nd"(port));
}

static inline void
outw(unsigned short port, unsigned short v)
{
	__asm__ volatile("outw %0,%1" : : "a"(v), "Nd"(port));
}

static inline unsigned char
inb(unsigned short port)
{
	unsigned char v;

	__asm__ volatile("inb %1,%0" : "=a"(v) : "Nd"(port));
	return v;
}

static void
putch(char c)
{
	while (!(inb(COM1 + 5) & 0x20))	/* transmitter empty */
		;
	outb(COM1, (unsigned char)c);
}

static void
say(const char *s)
{
	for (; *s; s++) {
		if (*s == '\n')
			putch('\r');	/* like a kernel console */
		putch(*s);
	}
}

static void
saynum(unsigned n)
{
	char b[12];
	int i = 0;

	do
		b[i++] = (char)('0' + n % 10);
	while ((n /= 10) != 0);
	while (i > 0)
		putch(b[--i]);
}

static unsigned
fwcfg_be(int bytes)
{
	unsigned v = 0;

	while (bytes-- > 0)
		v = v << 8 | inb(FWCFG_DATA);
	return v;
}

static char args[512];

/* The fw_cfg file opt/org.strategy9/args, if QEMU has one. */
static void
read_args(void)
{
	static const char want[] = "opt/org.strategy9/args";
	unsigned n, i, j, size, sel;
	char name[56];

	outw(FWCFG_SEL, FWCFG_DIR);
	n = fwcfg_be(4);
	for (i = 0; i < n; i++) {
		size = fwcfg_be(4);
		sel = fwcfg_be(2);
		(void)fwcfg_be(2);
		for (j = 0; j < sizeof(name); j++)
			name[j] = (char)inb(FWCFG_DATA);
		for (j = 0; want[j] != '\0' && want[j] == name[j]; j++)
			;
		if (want[j] == '\0' && name[j] == '\0') {
			outw(FWCFG_SEL, (unsigned short)sel);
			for (j = 0; j < size && j < sizeof(args) - 1; j++)
				args[j] = (char)inb(FWCFG_DATA);
			args[j] = '\0';
			return;
		}
	}
}

/* The number after key= in the arguments, or 0. */
static unsigned
arg_num(const char *key)
{
	const char *p;
	unsigned v = 0, k;

	for (p = args; *p; p++) {
		for (k = 0; key[k] != '\0' && p[k] == key[k]; k++)
			;
		if (key[k] != '\0')
			continue;
		for (p += k; *p >= '0' && *p <= '9'; p++)
			v = v * 10 + (unsigned)(*p - '0');
		break;
	}
	return v;
}

static void __attribute__((noreturn))
reset(void)
{
	outb(0x64, 0xfe);	/* keyboard controller: pulse reset */
	for (;;)
		__asm__ volatile("cli; hlt");
}

/* A line typed on COM1, echoed as a terminal would; "\r" ends it. */
static void
com1_line(char *buf, unsigned len)
{
	unsigned n = 0;
	char c;

	for (;;) {
		while (!(inb(COM1 + 5) & 0x01))	/* data ready */
			;
		c = (char)inb(COM1);
		if (c == '\r' || c == '\n')
			break;
		putch(c);
		if (n + 1 < len)
			buf[n++] = c;
	}
	buf[n] = '\0';
	say("\n");
}

static int
streq(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

/* The arguments of this run: a line on COM2, after those of fw_cfg. */
static void
resume_args(void)
{
	unsigned n = 0;
	char c;

	while (args[n] != '\0')
		n++;
	args[n++] = ' ';
	for (;;) {
		while (!(inb(COM2 + 5) & 0x01))	/* data ready */
			;
		c = (char)inb(COM2);
		if (c == '\n' || c == '\r')
			break;
		if (n + 1 < sizeof(args))
			args[n++] = c;
	}
	args[n] = '\0';
}

/* ddb(4) after a panic: "bt" prints the frames, "reboot" resets. */
static void __attribute__((noreturn))
ddb(void)
{
	char cmd[32];

	say("Stopped in pid 0.2 (system) at netbsd:breakpoint+0x5: leave\n");
	for (;;) {
		say("db{0}> ");
		com1_line(cmd, sizeof(cmd));
		if (streq(cmd, "bt")) {
			say("breakpoint() at netbsd:breakpoint+0x5\n");
			say("vpanic() at netbsd:vpanic+0x17b\n");
			say("kpause() at netbsd:kpause+0x2a\n");
			say("scref_strategy() at strategy_checker:"
			    "scref_strategy+0x51\n");
			say("bdev_strategy() at netbsd:bdev_strategy+0x7f\n");
		} else if (streq(cmd, "reboot")) {
			say("rebooting...\n");
			reset();
		}
	}
}

enum { RUNS, PANICS, HANGS };
static const struct {
	const char *name;
	int what;
} cases[] = {
	{ "ref-ok thread read", RUNS },
	{ "ref-ok hardintr write", RUNS },
	{ "ref-sleep hardintr read", PANICS },
	{ "wd0 thread read", RUNS },
	{ "wd0 softint eom-past", HANGS },
	{ "ref-sleep thread read", RUNS },
};
#define NCASES (sizeof(cases) / sizeof(cases[0]))

void
start(void)
{
	unsigned i;

	say("NetBSD 7.99.4 (FAKEGUEST) #0\n");
	say("wd0 at atabus0 drive 0\n");
	read_args();
	if (arg_num("resume=") == 1) {
		say("# strategy-checker: ready: arguments on com1\n");
		resume_args();
	}
	say("KTAP version 1\n");
	say("# strategy-checker: version=1 built-for=799000400 args=\"");
	say(args);
	say("\"\n");
	say("# device wd0 attach=\"wd0 at atabus0 drive 0\"\n");
	say("# device ref-ok attach=\"pseudo-disk (reference, conforms)\"\n");
	say("# device ref-sleep attach=\"pseudo-disk (reference, sleeps)\"\n");
	say("1..");
	saynum(NCASES);
	say("\n");
	for (i = arg_num("first=") ? arg_num("first=") : 1; i <= NCASES;
	    i++) {
		say("    KTAP version 1\n    # Subtest: ");
		say(cases[i - 1].name);
		say("\n    # on-panic: SC-CTX-1\n");
		say("    # clauses: SC-SLP-1,SC-CMP-2\n    1..2\n");
		if (cases[i - 1].what == PANICS) {
			say("panic: assert_sleepable: interrupt "
			    "caller=0xffffffff80618a7d\n");
			if (arg_num("onpanic=") == 1)
				ddb();
			/* Then, as a kernel does, the start of its next
			   line: a restore may cut it short. */
			say("cpu0: Begin traceback...\n");
			say("kpause() at netbsd:kpause+0x2a\n");
			say("scref_strategy() at strategy_checker:"
			    "scref_strategy+0x51\n");
			say("bdev_strategy() at netbsd:bdev_strategy+0x7f\n");
			say("cpu0: End traceback...\nrebooting...\n[   9.5");
			reset();
		}
		if (cases[i - 1].what == HANGS)
			for (;;)
				__asm__ volatile("cli; hlt");
		say("    ok 1 SC-SLP-1 # vcsw=0 ivcsw=0 us=9\n");
		say("    ok 2 SC-CMP-2 # biodone after 10 us\n");
		say("ok ");
		saynum(i);
		say(" ");
		say(cases[i - 1].name);
		say("\n");
	}
	say("# strategy-checker: done\n");
	say("The operating system has halted.\n");
	reset();
}
