# User-side code (libsys, servers, apps): its compiler flags and the C library it
# runs on, Debian's picolibc, all named here and nowhere else.
#   user_library(NAME SOURCE...): libuser_NAME.a, target user_NAME. The linker
#   script sends the globals of every libuser_*.a to .data_shared/.bss_shared.
# USER_LIBC and USER_LIBGCC are the archives a system image links after libsys,
# with USER_LINK_OPTIONS.
set(USER_ARCH_FLAGS -mthumb -march=armv7-a -mfloat-abi=soft)
# Thread-locals (picolibc's errno among them) sit at a fixed offset from TPIDRURO.
# Stack probing: each function touches its new frame a page at a time from the
# top as it makes it, so the first page an overrun touches below the stack is
# the guard page, never the heap under it (GCC 12 for Arm: three instructions in
# the prologue of a function that has a frame and calls others, a loop for a
# frame over a page). Debian's prebuilt libc.a is not probed, but none of its
# frames is near a page (612 bytes at most).
# Every program's main is main(argc, argv), whether it reads its arguments or
# not: an unused parameter is no mistake there.
set(USER_FLAGS ${USER_ARCH_FLAGS} -O2 -g -Wall -Wextra -Wno-unused-parameter -Werror
	-ffunction-sections -fdata-sections -ftls-model=local-exec -fstack-clash-protection)
set(PICOLIBC_DIR /usr/lib/picolibc/arm-none-eabi)

# The multilib directory the compiler picks for these flags (thumb/v7-a/nofp).
execute_process(COMMAND ${CMAKE_C_COMPILER} ${USER_ARCH_FLAGS} -print-multi-directory
	OUTPUT_VARIABLE user_multilib OUTPUT_STRIP_TRAILING_WHITESPACE)
execute_process(COMMAND ${CMAKE_C_COMPILER} ${USER_ARCH_FLAGS} -print-libgcc-file-name
	OUTPUT_VARIABLE USER_LIBGCC OUTPUT_STRIP_TRAILING_WHITESPACE)
set(USER_LIBC ${PICOLIBC_DIR}/lib/${user_multilib}/libc.a)
if(NOT EXISTS ${USER_LIBC})
	message(FATAL_ERROR "no ${USER_LIBC}: install Debian's picolibc-arm-none-eabi")
endif()
# libc.a has an sbrk of its own (on a linker-given __heap_start), which its malloc
# would take from inside libc.a unless sbrk is already wanted when libuser_sys.a
# is scanned: then libsys's (heap.c), the memory server's, is the one.
set(USER_LINK_OPTIONS -Wl,--undefined=sbrk)

function(user_library name)
	add_library(user_${name} STATIC ${ARGN})
	set_target_properties(user_${name} PROPERTIES OUTPUT_NAME ${name} PREFIX libuser_)
	target_compile_options(user_${name} PRIVATE ${USER_FLAGS})
	target_include_directories(user_${name} SYSTEM PRIVATE ${PICOLIBC_DIR}/include)
	target_include_directories(user_${name} PRIVATE ${PROJECT_SOURCE_DIR}/libsys/include)
endfunction()
