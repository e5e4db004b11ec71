# The boards Wren runs on: this list is the only one. Each name is a folder,
# kernel/board/<name>/, and a preset of the same name in CMakePresets.json.
# The folder's board.cmake says everything else about the board, in variables:
#   BOARD_SOURCES      its own C files, in its folder
#   BOARD_DRIVERS      the drivers it picks from kernel/dev/ (file names without .c)
#   BOARD_CPU          the -mcpu the kernel is compiled for
#   BOARD_QEMU         how QEMU boots it, less -kernel IMAGE
#   BOARD_IMAGE_NAME   (optional) the name its firmware loads kernel.bin by
#   BOARD_TITLE        the board's name in the banner, as a regex
#   BOARD_BOOT_EXPECT  what the banner then says (cpu, RAM, console), as regexes
# and, in the host build (NOT CMAKE_CROSSCOMPILING), it adds the system tests
# that only it runs; tests/system/CMakeLists.txt adds the generic ones.
set(BOARDS virt raspi2b orangepi-pc)

find_program(QEMU_ARM qemu-system-arm)
if(NOT QEMU_ARM)
	set(QEMU_ARM qemu-system-arm)
endif()

# board_load(NAME): sets the BOARD_* variables above from NAME's board.cmake,
# with nothing left over from a board loaded before.
macro(board_load name)
	if(NOT "${name}" IN_LIST BOARDS)
		message(FATAL_ERROR "no board '${name}': the boards are ${BOARDS} (cmake/boards.cmake)")
	endif()
	foreach(var SOURCES DRIVERS CPU QEMU IMAGE_NAME TITLE BOOT_EXPECT)
		unset(BOARD_${var})
	endforeach()
	include(${PROJECT_SOURCE_DIR}/kernel/board/${name}/board.cmake)
endmacro()

# qemu_command(VAR IMAGE): VAR = the QEMU command line that boots IMAGE on the
# board loaded last. Add -semihosting to let the kernel end QEMU with a status.
function(qemu_command var image)
	set(${var} ${QEMU_ARM} ${BOARD_QEMU} -kernel ${image} PARENT_SCOPE)
endfunction()
