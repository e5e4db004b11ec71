# The `sdcard` target: wren-sdcard.img, an SD-card image for a Raspberry Pi 2 or
# 3 that dd or Raspberry Pi Imager can write (sdcard.sh says what is on it).
# Debian's packages are fetched once into DEBIAN_CACHE.
set(DEBIAN_CACHE ${CMAKE_BINARY_DIR}/debian CACHE PATH "where Debian's packages are kept")
set(board_dir ${PROJECT_SOURCE_DIR}/kernel/board/raspi2b)
set(card ${CMAKE_CURRENT_BINARY_DIR}/wren-sdcard.img)
add_custom_command(OUTPUT ${card}
	COMMAND sh ${board_dir}/sdcard.sh ${card} ${DEBIAN_CACHE}
		${CMAKE_CURRENT_BINARY_DIR}/${BOARD_IMAGE_NAME} ${board_dir}/config.txt
	DEPENDS kernel.elf ${board_dir}/sdcard.sh ${board_dir}/config.txt
		${PROJECT_SOURCE_DIR}/cmake/debian-files.sh
	COMMENT "SD card for a Raspberry Pi 2/3: ${card}" VERBATIM)
add_custom_target(sdcard DEPENDS ${card})
