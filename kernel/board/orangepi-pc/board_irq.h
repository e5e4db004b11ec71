/*
 * The Orange Pi PC's interrupt numbers, its GIC-400's: SGIs and PPIs below 32,
 * then the Allwinner H3's 128 SPIs.
 */
#ifndef BOARD_IRQ_H
#define BOARD_IRQ_H

#define BOARD_IRQ_COUNT 160

#endif
