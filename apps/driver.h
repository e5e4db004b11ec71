/*
 * How a program finds a driver and asks it something: the IO server says who
 * holds the device (dev_holder), and the driver's protocol does the rest.
 */
#ifndef DRIVER_H
#define DRIVER_H

#include <wren/io.h>
#include <wren/sys.h>

/* The pid of the driver that holds the first of the n devices that the board
 * has: > 0; 0 when no driver holds it; -ENOENT when the board has none. */
static inline int driver_of(const char *const *names, unsigned n)
{
	int holder = -ENOENT;
	for (unsigned i = 0; holder == -ENOENT && i < n; i++)
		holder = dev_holder(names[i]);
	return holder;
}

/* Calls driver with label and w0; 0 and the reply in *msg, or the error. */
static inline int driver_call(int driver, unsigned label, unsigned w0, struct ipc_msg *msg)
{
	*msg = (struct ipc_msg){.label = label, .w = {w0}};
	int err = ipc_call(driver, msg, 0);
	return err ? err : (int)msg->w[0];
}

#endif
