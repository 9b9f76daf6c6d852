/*
 * The host tests' main for the system-call layer: calls every wrapper
 * once so that each is linked, as sc-init's sc_main() would.  Never run.
 */
#include "sc_sys.h"

void	sc_main(void);
void	sc_poweroff(void);

void
sc_main(void)
{
	int mib[2] = { 1, 1 };
	unsigned long len = 0;
	char buf[8];

	(void)sc_read(0, buf, sizeof(buf));
	(void)sc_write(1, buf, sizeof(buf));
	(void)sc_open("/", 0, 0);
	(void)sc_close(3);
	(void)sc_ioctl(0, 0, buf);
	(void)sc_mknod("/dev/x", 0, 0);
	(void)sc_mount("tmpfs", "/tmp", 0, buf, sizeof(buf));
	(void)sc_sysctl(mib, 2, buf, &len, 0, 0);
	(void)sc_nanosleep(buf, 0);
	(void)sc_sync();
}

void
sc_poweroff(void)
{
	(void)sc_reboot(0, 0);
}
