/*
 * fakeguest.c - a stand-in for a NetBSD kernel with the checker, for the
 * runner's live test (runner_test.sh:live_boots).  GRUB's knetbsd loads it
 * like a kernel (it is linked as 32-bit code, entered in protected mode,
 * then relabelled ELF64 x86-64 with objcopy); it reads the runner's
 * arguments from fw_cfg, plays six cases of the console protocol on COM1,
 * and resets the machine (QEMU -no-reboot then exits).
 *
 * Case 3 panics, case 5 hangs: the runner must boot again at case 4 and
 * at case 6.
 *
 * Build: cc -m32 -O2 -ffreestanding -fno-pic -fno-stack-protector
 *        -nostdlib -static -no-pie -Wl,-e,start
 *        -Wl,-Ttext-segment=0x200000 -o guest32 fakeguest.c
 *        objcopy -I elf32-i386 -O elf64-x86-64 guest32 netbsd
 */

/* What the runner's version check looks for. */
const char osrelease[] = "7.99.4";
void module_load(void) { }
void start(void) __attribute__((noreturn));

#define COM1		0x3f8
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

static char args[256];

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

static unsigned
first_case(void)
{
	static const char key[] = "first=";
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
	return v ? v : 1;
}

static void __attribute__((noreturn))
reset(void)
{
	outb(0x64, 0xfe);	/* keyboard controller: pulse reset */
	for (;;)
		__asm__ volatile("cli; hlt");
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
	for (i = first_case(); i <= NCASES; i++) {
		say("    KTAP version 1\n    # Subtest: ");
		say(cases[i - 1].name);
		say("\n    # on-panic: SC-CTX-1\n");
		say("    # clauses: SC-SLP-1,SC-CMP-2\n    1..2\n");
		if (cases[i - 1].what == PANICS) {
			say("panic: assert_sleepable: interrupt "
			    "caller=0xffffffff80618a7d\n");
			say("cpu0: Begin traceback...\nrebooting...\n");
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
