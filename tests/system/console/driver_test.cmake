# console_driver's own tests (host.console_driver): it is run on the scripts in
# driver/ against fake_guest, and each run must end with the status and the
# message it should, within the time it should.
#   cmake -DDRIVER=<console_driver> -DGUEST=<fake_guest> -DWORK=<scratch dir>
#         -P driver_test.cmake
set(scripts ${CMAKE_CURRENT_LIST_DIR}/driver)
set(failures "")

# (A ';' in an argument would split it: sh -c scripts below use newlines.)
# driver_case(NAME STATUS SCRIPT LIMIT [STDOUT regex...] [STDERR regex...]
#             [NOT_STDOUT regex] [SECONDS min max] COMMAND ...): runs the driver
# on SCRIPT (in driver/) with the whole-run LIMIT and COMMAND as the guest; it
# must exit with STATUS, print every STDOUT regex (the transcript) and every
# STDERR one, not NOT_STDOUT, and take from min to max seconds (tenths).
function(driver_case name status script limit)
	cmake_parse_arguments(C "" "NOT_STDOUT" "STDOUT;STDERR;SECONDS;COMMAND" ${ARGN})
	string(TIMESTAMP start "%s%f")
	execute_process(COMMAND ${DRIVER} ${scripts}/${script} ${limit} -- ${C_COMMAND}
		RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
	string(TIMESTAMP end "%s%f")
	math(EXPR tenths "(${end} - ${start}) / 100000")
	set(wrong "")
	if(NOT rc STREQUAL "${status}")
		string(APPEND wrong "  exit status '${rc}', expected ${status}\n")
	endif()
	foreach(re IN LISTS C_STDOUT)
		if(NOT out MATCHES "${re}")
			string(APPEND wrong "  no '${re}' on stdout\n")
		endif()
	endforeach()
	foreach(re IN LISTS C_STDERR)
		if(NOT err MATCHES "${re}")
			string(APPEND wrong "  no '${re}' on stderr\n")
		endif()
	endforeach()
	if(C_NOT_STDOUT AND out MATCHES "${C_NOT_STDOUT}")
		string(APPEND wrong "  '${C_NOT_STDOUT}' on stdout\n")
	endif()
	if(C_SECONDS)
		list(GET C_SECONDS 0 min)
		list(GET C_SECONDS 1 max)
		if(tenths LESS min OR tenths GREATER max)
			string(APPEND wrong "  took ${tenths} tenths of a second, expected ${min} to ${max}\n")
		endif()
	endif()
	string(LENGTH "${out}" out_length)
	if(wrong)
		if(out_length GREATER 3000)
			string(SUBSTRING "${out}" 0 3000 out)
			string(APPEND out "\n[... ${out_length} bytes in all]")
		endif()
		message("case ${name}: FAILED\n${wrong}--- stdout:\n${out}\n--- stderr:\n${err}")
		set(failures "${failures} ${name}" PARENT_SCOPE)
	else()
		message("case ${name}: passed (${tenths} tenths of a second, ${out_length} bytes of output)")
	endif()
endfunction()

# Every kind of step passing; the transcript is all on stdout (execute_process
# reads its "\r\n" as "\n"; and no '[' in a pattern here: in a CMake list it
# would swallow the ';' after it).
driver_case(pass 0 pass.script 8 SECONDS 0 40 COMMAND ${GUEST}
	STDOUT "fake guest: ready" "got: ABC\\\\x09d\\\\e\\\\x1b.A" "flood line 49999\nflood done"
		"bye"
	STDERR "pass.script passed")
# remember and same: a word kept, then found the same; then found different.
driver_case(keep 0 keep.script 8 SECONDS 0 20 COMMAND ${GUEST} STDERR "keep.script passed")
driver_case(keep-differs 1 keep-differs.script 8 SECONDS 0 20 COMMAND ${GUEST}
	STDERR "keep-differs.script:6: same word" "word was 'ping', now 'pong'")
# An expect's own limit (1 s), and the whole run's (1 s) with the step's at 20 s.
driver_case(step-timeout 1 step-timeout.script 8 SECONDS 9 30 COMMAND ${GUEST}
	STDERR "step-timeout.script:4: expect never printed\n"
		"timed out after 1 s waiting for a match" "fake guest: ready\nfake> \n----")
driver_case(run-timeout 1 run-timeout.script 1 SECONDS 9 30 COMMAND ${GUEST}
	STDERR "run-timeout.script:3: expect never printed\n"
		"timed out: the whole run's limit of 1 s passed")
driver_case(reject 1 reject.script 8 SECONDS 0 20 COMMAND ${GUEST}
	STDERR "rejected pattern matched: [^\n]*reject.script:2: reject "
		"it matched: '\\*\\*\\* kernel panic'")
driver_case(exit 1 exit.script 8 SECONDS 0 20 COMMAND ${GUEST}
	STDERR "exit.script:4: expect never printed\n" "the guest exited first, with status 3")
driver_case(exit-at-once 1 quiet.script 8 SECONDS 0 20 COMMAND sh -c "echo not yet\nexit 7"
	STDOUT "not yet" STDERR "quiet.script:3: expect ready\n" "exited first, with status 7")
driver_case(no-such-command 1 quiet.script 8 SECONDS 0 20 COMMAND ${WORK}/no-such-guest
	STDERR "cannot run [^\n]*no-such-guest" "with status 127")
# Every bad line is named, and the guest never starts.
driver_case(bad-script 2 bad.script 8 SECONDS 0 20 COMMAND ${GUEST} NOT_STDOUT "ready"
	STDERR "bad.script:3: unknown command 'frobnicate'" "bad.script:4: bad regex '\\(unclosed'"
		"bad.script:5: bad escape '\\\\q'" "bad.script:6: bad escape: \\\\x needs two hex digits"
		"bad.script:7: timeout needs" "bad.script:8: sleep needs" "bad.script:9: 'expect' needs")
driver_case(bad-usage 2 pass.script 8 SECONDS 0 20 COMMAND)
# A guest that ignores SIGTERM, and its child too, gets SIGKILL 2 s later: the
# run passes, and neither is left running. The child, not the driver's to reap,
# may take a moment to die, and may stay a zombie if nothing reaps orphans here.
file(REMOVE ${WORK}/stubborn.pids)
driver_case(stubborn 0 quiet.script 8 SECONDS 20 40
	COMMAND sh -c "trap '' TERM\nsleep 30 & echo $$ $! >${WORK}/stubborn.pids\necho ready\nwait")
file(READ ${WORK}/stubborn.pids pids)
string(REGEX MATCHALL "[0-9]+" pids "${pids}")
foreach(pid IN LISTS pids)
	foreach(try RANGE 20)
		set(stat "")
		if(EXISTS /proc/${pid}/stat)
			file(READ /proc/${pid}/stat stat)
		endif()
		if(NOT stat OR stat MATCHES "^[0-9]+ \\([^)]*\\) Z")
			break()
		endif()
		execute_process(COMMAND ${CMAKE_COMMAND} -E sleep 0.05)
	endforeach()
	if(stat AND NOT stat MATCHES "^[0-9]+ \\([^)]*\\) Z")
		message("case stubborn: FAILED after the run\n  process ${pid} still runs: ${stat}")
		string(APPEND failures " stubborn")
	endif()
endforeach()

if(failures)
	message(FATAL_ERROR "console_driver failed:${failures}")
endif()
