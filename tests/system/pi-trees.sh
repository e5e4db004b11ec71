#!/bin/sh
# Puts the Raspberry Pi 2, 3 and 3 B+ device trees of Debian's armhf Linux
# package into OUT, each as shipped (NAME.dtb) and as the Pi's firmware edits
# it before it starts the kernel (NAME-firmware.dtb: /memory shrunk to the
# ARM's 948 MiB share of 1 GiB, with the default gpu_mem; bootargs set); and
# the Orange Pi PC's, as shipped, from the same package.
#   pi-trees.sh CACHE OUT
set -eu
cache=$1
out=$2
here=$(dirname "$0")
sh "$here/../../cmake/debian-files.sh" "$cache" @linux-image-armmp
mkdir -p "$out"
for tree in bcm2836-rpi-2-b bcm2837-rpi-3-b bcm2837-rpi-3-b-plus; do
	found=$(ls "$cache"/root/usr/lib/linux-image-*/"$tree.dtb" | head -n 1)
	cp "$found" "$out/$tree.dtb"
	cp "$found" "$out/$tree-firmware.dtb"
	fdtput -t x "$out/$tree-firmware.dtb" /memory@0 reg 0 3b400000
	fdtput -t s "$out/$tree-firmware.dtb" /chosen bootargs "console=ttyAMA0,115200"
done
cp "$(ls "$cache"/root/usr/lib/linux-image-*/sun8i-h3-orangepi-pc.dtb | head -n 1)" "$out/"
