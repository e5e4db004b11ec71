# Fails if a system image holds anything of the tests: the name of a program in
# the test programs' table, or an in-kernel test's "selftest" line, anywhere in
# its strings. Run on kernel.bin, the image a user boots.
#   cmake -DIMAGE=<kernel.bin> -DTABLE=<tests/programs/programs.c> -P no_test_strings.cmake
file(STRINGS ${TABLE} rows REGEX "^[ \t]*{\"[^\"]+\",")
set(names selftest)
foreach(row IN LISTS rows)
	string(REGEX REPLACE "^[ \t]*{\"([^\"]+)\",.*" "\\1" name "${row}")
	list(APPEND names ${name})
endforeach()
list(LENGTH rows count)
if(count EQUAL 0)
	message(FATAL_ERROR "no program rows found in ${TABLE}")
endif()

# The image's printable runs, as strings(1) finds them, one list. No name holds a
# ';', so a match never spans two of them; '[' would group list elements, so the
# list is searched as one string.
file(STRINGS ${IMAGE} text)
set(found "")
foreach(name IN LISTS names)
	string(FIND "${text}" "${name}" at)
	if(at GREATER -1)
		string(REGEX MATCH "[^;]*${name}[^;]*" where "${text}")
		string(APPEND found "  '${name}' in \"${where}\"\n")
	endif()
endforeach()
if(found)
	message(FATAL_ERROR "${IMAGE} holds test code:\n${found}")
endif()
message("${IMAGE}: none of the ${count} test programs' names, no selftest")
