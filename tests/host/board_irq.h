/*
 * The fake board's interrupt numbers (fake_kernel.h), as kernel/board.h wants
 * them from a board folder.
 */
#ifndef BOARD_IRQ_H
#define BOARD_IRQ_H

#include "fake_kernel.h"

#define BOARD_IRQ_COUNT FAKE_IRQS

#endif
