# Boots one image in QEMU and checks what it printed and how it ended.
#   cmake -DCOMMAND=<qemu command;list> -DBANNER=<regex> -DEXPECT=<regex;list>
#         [-DREJECT=<regex;list>] -DSTATUS=<exit code> -DTIMEOUT=<seconds>
#         [-DSERIAL=<file>] -P run_qemu.cmake
# (lists joined with @@, since ctest splits arguments at ';'). The output must
# hold the BANNER, match every EXPECT regex in order and none of REJECT, and
# QEMU must exit with STATUS before TIMEOUT. The banner is required of every
# test, whatever it expects: a board whose console prints nothing fails them all.
#
# SERIAL is for an image that never ends by itself (kernel.bin, which has no
# test to report on): QEMU writes the serial output to that file and reads its
# monitor from a watcher, this script again with WATCH set, which reads the file
# until every EXPECT has been seen or a REJECT has, and then sends "quit". QEMU's
# status is then 0. The watcher gives up at half of TIMEOUT (QEMU quits all the
# same, and the output is judged); should QEMU not quit, both are killed at three
# quarters, before ctest would kill this script and leave QEMU behind.
set(joined_expect "${EXPECT}")
set(joined_reject "${REJECT}")
foreach(list COMMAND EXPECT REJECT)
	string(REPLACE "@@" ";" ${list} "${${list}}")
endforeach()

# missing: what of EXPECT the output lacks (in order); forbidden: what of REJECT it has.
function(judge out missing_var forbidden_var)
	set(missing "")
	set(forbidden "")
	set(rest "${out}")
	foreach(re IN LISTS EXPECT)
		string(REGEX MATCH "${re}.*" found "${rest}")
		if(NOT found)
			string(APPEND missing "  no output matching '${re}' (in order)\n")
		else()
			string(REGEX REPLACE "^${re}" "" rest "${found}")
		endif()
	endforeach()
	foreach(re IN LISTS REJECT)
		if(out MATCHES "${re}")
			string(APPEND forbidden "  output matches forbidden '${re}'\n")
		endif()
	endforeach()
	set(${missing_var} "${missing}" PARENT_SCOPE)
	set(${forbidden_var} "${forbidden}" PARENT_SCOPE)
endfunction()

function(read_serial var)
	set(out "")
	if(EXISTS "${SERIAL}")
		file(READ "${SERIAL}" out)
		string(REPLACE "\r" "" out "${out}")
	endif()
	set(${var} "${out}" PARENT_SCOPE)
endfunction()

if(WATCH)
	string(TIMESTAMP start "%s")
	math(EXPR deadline "${start} + ${TIMEOUT}")
	set(done FALSE)
	while(NOT done)
		execute_process(COMMAND ${CMAKE_COMMAND} -E sleep 0.05)
		read_serial(out)
		judge("${out}" missing forbidden)
		string(TIMESTAMP now "%s")
		if(NOT missing OR forbidden OR now GREATER_EQUAL deadline)
			set(done TRUE)
		endif()
	endwhile()
	execute_process(COMMAND ${CMAKE_COMMAND} -E echo quit) # to QEMU's monitor
	return()
endif()

if(SERIAL)
	file(REMOVE "${SERIAL}")
	math(EXPR watch_for "${TIMEOUT} / 2")
	math(EXPR kill_after "${TIMEOUT} * 3 / 4")
	execute_process(
		COMMAND ${CMAKE_COMMAND} -DWATCH=ON "-DSERIAL=${SERIAL}" "-DEXPECT=${joined_expect}"
			"-DREJECT=${joined_reject}" -DTIMEOUT=${watch_for} -P ${CMAKE_CURRENT_LIST_FILE}
		COMMAND ${COMMAND} -display none -serial file:${SERIAL} -monitor stdio
		INPUT_FILE /dev/null
		OUTPUT_VARIABLE monitor ERROR_VARIABLE err RESULTS_VARIABLE results
		TIMEOUT ${kill_after})
	list(GET results -1 rc)
	read_serial(out)
else()
	execute_process(COMMAND ${COMMAND} -display none -serial stdio -monitor none
		INPUT_FILE /dev/null
		OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc
		TIMEOUT ${TIMEOUT})
	string(REPLACE "\r" "" out "${out}")
endif()
message("${out}")
if(err)
	message("qemu stderr: ${err}")
endif()
set(failed "")
if(NOT rc STREQUAL "${STATUS}")
	string(APPEND failed "  exit status '${rc}', expected ${STATUS}\n")
endif()
if(NOT out MATCHES "${BANNER}")
	string(APPEND failed "  no banner: the kernel printed nothing on this console\n")
endif()
judge("${out}" missing forbidden)
if(failed OR missing OR forbidden)
	message(FATAL_ERROR "system test failed:\n${failed}${missing}${forbidden}")
endif()
