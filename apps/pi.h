/*
 * What a Raspberry Pi's board revision code says (the firmware's, through the
 * mailbox driver): the model, and where its activity LED is.
 */
#ifndef PI_H
#define PI_H

#define PI_NEW_STYLE (1u << 23) /* a revision code with fields */
#define PI_TYPE(rev) ((rev) >> 4 & 0xff)
#define PI_TYPE_2B 0x04
#define PI_TYPE_3B 0x08
#define PI_TYPE_3BPLUS 0x0d

static inline const char *pi_model(unsigned rev)
{
	if (!(rev & PI_NEW_STYLE))
		return "an older Raspberry Pi";
	switch (PI_TYPE(rev)) {
	case PI_TYPE_2B: return "Raspberry Pi 2 Model B";
	case PI_TYPE_3B: return "Raspberry Pi 3 Model B";
	case PI_TYPE_3BPLUS: return "Raspberry Pi 3 Model B+";
	default: return "a Raspberry Pi of another type";
	}
}

/* The GPIO of the activity LED, or -1 where the ARM cannot drive it (the Pi
 * 3 B's is on the firmware's GPIO expander). */
static inline int pi_led_pin(unsigned rev)
{
	if (!(rev & PI_NEW_STYLE))
		return -1;
	return PI_TYPE(rev) == PI_TYPE_2B ? 47 : PI_TYPE(rev) == PI_TYPE_3BPLUS ? 29 : -1;
}

#endif
