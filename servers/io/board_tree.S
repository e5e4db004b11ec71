/*
 * The board's built-in device tree (kernel/board/<name>/devices.dts, compiled
 * by dtc into the build tree): the devices the board is known to have, which
 * the IO server lists when the boot loader passes no tree of its own. In the
 * image's read-only data, which user mode may read; 8-byte aligned, as a tree
 * must be.
 */
	.section .rodata.board_tree, "a"
	.balign 8
	.global board_tree, board_tree_end
board_tree:
	.incbin "board-devices.dtb"
board_tree_end:
