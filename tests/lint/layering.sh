#!/bin/sh
# Checks the kernel's layering (docs/architecture.md, "Layering"):
#   1. no circle: a module is a file's path without its extension (kernel/proc.c
#      and kernel/proc.h are one module, kernel/board.h and
#      kernel/board/virt/board.c two: an interface and a board that implements
#      it); module A depends on B when a file of A includes a header of B;
#      tsort refuses a graph with a loop and names it;
#   2. generic kernel files (kernel/*.c, kernel/*.h) include no header of
#      kernel/arch/, kernel/board/ or kernel/dev/: they reach the CPU through
#      arch.h, the board through board.h, its UART through uart.h.
# Usage: layering.sh KERNEL_DIR. Prints what is wrong; exits 1 if anything is.
set -eu
kernel=$(cd "$1" && pwd)
status=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The module a header name means to the file that includes it, or nothing for
# a header outside the kernel (libsys's, the C library's).
module_of() { # header includer_dir
	name=$(basename "$1")
	for dir in "$2" "$kernel" "$kernel/lib" "$kernel/arch/arm" "$kernel/dev"; do
		if [ -f "$dir/$name" ]; then
			echo "${dir#"$kernel"}/${name%.h}"
			return 0
		fi
	done
	return 0
}

find "$kernel" -name '*.[chS]' | sort | while read -r file; do
	dir=$(dirname "$file")
	module=${file#"$kernel"}
	module=${module%.*}
	sed -n 's/^#include "\(.*\)".*/\1/p' "$file" | while read -r header; do
		dep=$(module_of "$header" "$dir")
		if [ -n "$dep" ] && [ "$dep" != "$module" ]; then
			echo "$module $dep"
		fi
	done
done >"$tmp/edges"
if ! tsort "$tmp/edges" >/dev/null 2>"$tmp/loops"; then
	echo "kernel files depend on each other in a circle:"
	sed -e 's/^tsort: //' -e "s|^$tmp/edges: ||" "$tmp/loops"
	status=1
fi

private=$(find "$kernel/arch" "$kernel/board" "$kernel/dev" -name '*.h' -exec basename {} \; | sort -u)
for file in "$kernel"/*.c "$kernel"/*.h; do
	case $(basename "$file") in arch.h | board.h) continue ;; esac
	for header in $private; do
		if grep -q "^#include \"$header\"" "$file"; then
			echo "$(basename "$file") includes $header: generic code reaches the CPU" \
				"through arch.h and the board through board.h"
			status=1
		fi
	done
done
if [ $status -eq 0 ]; then
	echo "layering: no circle; generic files use only arch.h, board.h and uart.h"
fi
exit $status
