# Sourced by cmake/run and cmake/test: makes sure the Debian packages they need
# are installed, installing them when it can (as root, or through sudo) and
# otherwise saying exactly what to install.

need_packages() {
	local missing=()
	for p in "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
			missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	local apt=(apt-get)
	if [ "$(id -u)" -ne 0 ]; then
		if command -v sudo >/dev/null; then
			apt=(sudo apt-get)
		else
			echo "missing Debian packages: ${missing[*]}" >&2
			echo "install them as root with: apt-get install ${missing[*]}" >&2
			exit 1
		fi
	fi
	echo "installing missing Debian packages: ${missing[*]}"
	export DEBIAN_FRONTEND=noninteractive
	"${apt[@]}" update -qq
	"${apt[@]}" install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# What building the system image needs, and what the tests need on top.
# (dtc: the boards' built-in device trees.)
IMAGE_PACKAGES=(cmake ninja-build git gcc-arm-none-eabi picolibc-arm-none-eabi qemu-system-arm
	device-tree-compiler)
# The Pi's tests: the firmware stand-in's 64-bit prologue (binutils for
# aarch64; qemu-system-arm brings qemu-system-aarch64), the Debian trees edited
# as the firmware does (fdtput), the SD card (sfdisk, mtools). The device-tree
# reader's tests hold it against libfdt (libfdt-dev).
TEST_PACKAGES=("${IMAGE_PACKAGES[@]}" gcc clang libclang-rt-14-dev libc6-dev libcmocka-dev
	binutils-aarch64-linux-gnu device-tree-compiler fdisk mtools libfdt-dev)
