#!/bin/sh
# Checks the kernel's layering (docs/architecture.md, "Layers"):
#   1. no circle: a module is a file name without its extension (proc.c and
#      proc.h are module proc); module A depends on B when a file of A includes
#      B.h; tsort refuses a graph with a loop and names it;
#   2. generic kernel files (kernel/*.c, kernel/*.h) include no header of
#      kernel/arch/, kernel/board/ or kernel/dev/: they reach the CPU through
#      arch.h and the board through board.h.
# Usage: layering.sh KERNEL_DIR. Prints what is wrong; exits 1 if anything is.
set -eu
kernel=$1
status=0

edges=$(find "$kernel" -name '*.[chS]' | sort | while read -r file; do
	module=$(basename "$file" | sed 's/\.[chS]$//')
	sed -n 's/^#include "\(.*\)\.h".*/\1/p' "$file" | while read -r dep; do
		dep=$(basename "$dep")
		[ "$dep" = "$module" ] || echo "$module $dep"
	done
done)
if ! echo "$edges" | tsort >/dev/null 2>/tmp/layering.$$; then
	echo "kernel files depend on each other in a circle:"
	sed 's/^tsort: //' /tmp/layering.$$
	status=1
fi
rm -f /tmp/layering.$$

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
[ $status -eq 0 ] && echo "layering: no circle; generic files use only arch.h and board.h"
exit $status
