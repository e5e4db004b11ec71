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
#   BOARD_IMAGE_CMAKE  (optional) a file of more image targets, included at the
#                      end of kernel/CMakeLists.txt (the Pi's SD card)
#   BOARD_MACHINES     (optional) the QEMU machines the system tests boot it on,
#                      each with BOARD_MACHINE_<m> (its QEMU command, with @IMAGE@
#                      for the image and @FIRMWARE@ for tests/firmware's build)
#                      and BOARD_BOOT_EXPECT_<m>; without it, one machine named
#                      as the board, booted as BOARD_QEMU says
# and, in the host build (NOT CMAKE_CROSSCOMPILING), it adds the system tests
# that only it runs; tests/system/CMakeLists.txt adds the generic ones.
set(BOARDS virt raspi2b orangepi-pc)

find_program(QEMU_ARM qemu-system-arm)
if(NOT QEMU_ARM)
	set(QEMU_ARM qemu-system-arm)
endif()
find_program(QEMU_AARCH64 qemu-system-aarch64)
if(NOT QEMU_AARCH64)
	set(QEMU_AARCH64 qemu-system-aarch64)
endif()

# board_load(NAME): sets the BOARD_* variables above from NAME's board.cmake,
# with nothing left over from a board loaded before.
macro(board_load name)
	if(NOT "${name}" IN_LIST BOARDS)
		message(FATAL_ERROR "no board '${name}': the boards are ${BOARDS} (cmake/boards.cmake)")
	endif()
	foreach(var SOURCES DRIVERS CPU QEMU IMAGE_NAME TITLE BOOT_EXPECT IMAGE_CMAKE MACHINES)
		unset(BOARD_${var})
	endforeach()
	set(BOARD_NAME ${name})
	include(${PROJECT_SOURCE_DIR}/kernel/board/${name}/board.cmake)
	if(NOT BOARD_MACHINES)
		set(BOARD_MACHINES ${name})
		set(BOARD_BOOT_EXPECT_${name} ${BOARD_BOOT_EXPECT})
	endif()
endmacro()

# qemu_command(VAR IMAGE): VAR = the QEMU command line that boots IMAGE on the
# board loaded last, with QEMU's own loader. Add -semihosting to let the kernel
# end QEMU with a status.
function(qemu_command var image)
	set(${var} ${QEMU_ARM} ${BOARD_QEMU} -kernel ${image} PARENT_SCOPE)
endfunction()

# machine_command(VAR MACHINE IMAGE FIRMWARE_DIR): VAR = the command line that
# boots IMAGE on MACHINE, one of BOARD_MACHINES of the board loaded last.
function(machine_command var machine image firmware)
	if(machine STREQUAL BOARD_NAME AND NOT BOARD_MACHINE_${machine})
		qemu_command(${var} ${image})
		set(${var} ${${var}} PARENT_SCOPE)
		return()
	endif()
	string(REPLACE "@IMAGE@" "${image}" cmd "${BOARD_MACHINE_${machine}}")
	string(REPLACE "@FIRMWARE@" "${firmware}" cmd "${cmd}")
	set(${var} ${cmd} PARENT_SCOPE)
endfunction()
