/*
 * The host tests' main for the system-call layer: calls every wrapper
 * once so that each is linked, as sc-init's pid1_main() would.  Never run.
 */
#include "pid1_sys.h"

void	pid1_main(void);
void	pid1_poweroff(void);

void
pid1_main(void)
{
	int mib[2] = { 1, 1 };
	unsigned long len = 0;
	char buf[8];

	(void)pid1_read(0, buf, sizeof(buf));
	(void)pid1_write(1, buf, sizeof(buf));
	(void)pid1_open("/", 0, 0);
	(void)pid1_close(3);
	(void)pid1_ioctl(0, 0, buf);
	(void)pid1_mknod("/dev/x", 0, 0);
	(void)pid1_mount("tmpfs", "/tmp", 0, buf, sizeof(buf));
	(void)pid1_sysctl(mib, 2, buf, &len, 0, 0);
	(void)pid1_nanosleep(buf, 0);
	(void)pid1_sync();
}

void
pid1_poweroff(void)
{
	(void)pid1_reboot(0, 0);
}
