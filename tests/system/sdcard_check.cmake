# Checks the Pi's SD-card image (the sdcard target):
#   cmake -DCARD=<wren-sdcard.img> -DKERNEL=<kernel7.img> -DCONFIG=<config.txt>
#         -DOUT=<scratch dir> -P sdcard_check.cmake
# Its FAT partition (at 1 MiB) must hold the firmware, config.txt and the trees,
# and its kernel7.img and config.txt must be the ones just built, byte for byte.
set(part "${CARD}@@1M")
execute_process(COMMAND mdir -b -i ${part} :: OUTPUT_VARIABLE listing RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
	message(FATAL_ERROR "mdir cannot read the card's partition: ${rc}")
endif()
message("${listing}")
foreach(file bootcode.bin start.elf fixup.dat config.txt kernel7.img bcm2836-rpi-2-b.dtb
		bcm2837-rpi-3-b.dtb bcm2837-rpi-3-b-plus.dtb)
	if(NOT listing MATCHES "::/${file}\n")
		message(FATAL_ERROR "the card has no ${file}")
	endif()
endforeach()
file(REMOVE_RECURSE ${OUT})
file(MAKE_DIRECTORY ${OUT})
foreach(pair "kernel7.img;${KERNEL}" "config.txt;${CONFIG}")
	list(GET pair 0 name)
	list(GET pair 1 built)
	execute_process(COMMAND mcopy -n -i ${part} ::/${name} ${OUT}/${name} RESULT_VARIABLE rc)
	execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${OUT}/${name} ${built}
		RESULT_VARIABLE differ)
	if(NOT rc EQUAL 0 OR NOT differ EQUAL 0)
		message(FATAL_ERROR "the card's ${name} is not ${built}")
	endif()
endforeach()
file(SIZE ${CARD} size)
message("sdcard: ${CARD}, ${size} bytes: every file there, kernel7.img as built")
