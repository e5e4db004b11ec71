/*
 * init: the first process (BOOT_FIRST in kernel/programs.c), and the
 * system's supervisor (servers/super/): it adopts the memory and IO servers,
 * starts the console server, the drivers (one for a device the board lacks
 * ends at once) and the shell, and starts again whichever of them is killed,
 * as often as the program table allows. Which servers and drivers it runs is
 * its own choice.
 */
#include "apps.h"

static const char *const started[] = {"console", "rtc", "mbox", "gpio", "shell"};

int init_main(int argc, char **argv)
{
	return supervise(started, sizeof started / sizeof started[0]);
}
