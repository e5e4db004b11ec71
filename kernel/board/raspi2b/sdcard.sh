#!/bin/sh
# Makes an SD-card image for a Raspberry Pi 2 or 3 (the sdcard target):
#   sdcard.sh CARD DEBIAN_CACHE KERNEL7_IMG CONFIG_TXT
# A DOS partition table with one FAT32 partition from 1 MiB to the end of 64
# MiB, holding the firmware of Debian's raspi-firmware, config.txt, the Pi 2,
# 3 and 3 B+ trees of Debian's Linux package, and kernel7.img. Needs sfdisk and
# mtools; fetches the packages once (cmake/debian-files.sh).
set -eu
card=$1
cache=$2
kernel=$3
config=$4
mib=64
sh "$(dirname "$0")/../../../cmake/debian-files.sh" "$cache" raspi-firmware @linux-image-armmp
firmware=$cache/root/usr/lib/raspi-firmware
linux=$(ls -d "$cache"/root/usr/lib/linux-image-* | head -n 1)

rm -f "$card"
truncate -s ${mib}M "$card"
printf 'label: dos\nstart=2048, type=c, bootable\n' | sfdisk -q "$card"
part="$card@@1M"
mformat -i "$part" -F -v WREN -T $(((mib - 1) * 2048)) -h 64 -s 32 ::
mcopy -i "$part" "$firmware/bootcode.bin" "$firmware/start.elf" "$firmware/fixup.dat" \
	"$config" "$kernel" \
	"$linux/bcm2836-rpi-2-b.dtb" "$linux/bcm2837-rpi-3-b.dtb" "$linux/bcm2837-rpi-3-b-plus.dtb" ::
