# Boots one image in QEMU and checks what it printed and how it ended.
#   cmake -DCOMMAND=<qemu command;list> -DBANNER=<regex> -DEXPECT=<regex;list>
#         [-DREJECT=<regex;list>] -DSTATUS=<exit code> -DTIMEOUT=<seconds> -P run_qemu.cmake
# (lists joined with @@, since ctest splits arguments at ';'). The output must
# hold the BANNER, match every EXPECT regex in order and none of REJECT, and
# QEMU must exit with STATUS before TIMEOUT. The banner is required of every
# test, whatever it expects: a board whose console prints nothing fails them all.
foreach(list COMMAND EXPECT REJECT)
	string(REPLACE "@@" ";" ${list} "${${list}}")
endforeach()
execute_process(COMMAND ${COMMAND} -display none -serial stdio -monitor none
	INPUT_FILE /dev/null
	OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc
	TIMEOUT ${TIMEOUT})
string(REPLACE "\r" "" out "${out}")
message("${out}")
if(err)
	message("qemu stderr: ${err}")
endif()
set(failed "")
if(NOT out MATCHES "${BANNER}")
	string(APPEND failed "  no banner: the kernel printed nothing on this console\n")
endif()
if(NOT rc STREQUAL "${STATUS}")
	string(APPEND failed "  exit status '${rc}', expected ${STATUS}\n")
endif()
set(rest "${out}")
foreach(re IN LISTS EXPECT)
	string(REGEX MATCH "${re}.*" found "${rest}")
	if(NOT found)
		string(APPEND failed "  no output matching '${re}' (in order)\n")
	else()
		string(REGEX REPLACE "^${re}" "" rest "${found}")
	endif()
endforeach()
foreach(re IN LISTS REJECT)
	if(out MATCHES "${re}")
		string(APPEND failed "  output matches forbidden '${re}'\n")
	endif()
endforeach()
if(failed)
	message(FATAL_ERROR "system test failed:\n${failed}")
endif()
