# How QEMU boots each board; used by the run/debug targets and the system tests.
#   qemu_command(VAR BOARD IMAGE): VAR = the QEMU command line for IMAGE on BOARD.
# Add -semihosting to let the kernel end QEMU with an exit status.
find_program(QEMU_ARM qemu-system-arm)
if(NOT QEMU_ARM)
	set(QEMU_ARM qemu-system-arm)
endif()

function(qemu_command var board image)
	if(board STREQUAL "virt")
		set(cmd ${QEMU_ARM} -M virt -cpu cortex-a15 -m 128M -nic none)
	elseif(board STREQUAL "raspi")
		set(cmd ${QEMU_ARM} -M raspi2b)
	else()
		message(FATAL_ERROR "unknown board '${board}'")
	endif()
	set(${var} ${cmd} -kernel ${image} PARENT_SCOPE)
endfunction()
