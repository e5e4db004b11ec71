#!/bin/sh
# Fetches Debian armhf packages and unpacks them, once: later calls find them
# in the cache. apt is given its own options and a private lists directory, so
# the machine's apt configuration stays as it is.
#   debian-files.sh CACHE PACKAGE...
# A PACKAGE written @NAME means the package NAME depends on (the Linux image a
# metapackage names, whose version changes). Unpacked into CACHE/root.
set -eu
cache=$1
shift
mkdir -p "$cache/root"
cache=$(cd "$cache" && pwd)

# The machine's own Debian mirror and suite, from its apt sources.
sources=/etc/apt/sources.list.d/debian.sources
if [ -f "$sources" ]; then
	mirror=$(sed -n 's/^URIs: *\([^ ]*\).*/\1/p' "$sources" | head -n 1)
	suite=$(sed -n 's/^Suites: *\([^ ]*\).*/\1/p' "$sources" | head -n 1)
else
	# a classic sources.list: "deb [options] URI SUITE COMPONENTS"
	line=$(grep -h '^deb ' /etc/apt/sources.list | head -n 1 | sed 's/\[[^]]*\] *//')
	mirror=$(echo "$line" | awk '{print $2}')
	suite=$(echo "$line" | awk '{print $3}')
fi
[ -n "$mirror" ] && [ -n "$suite" ] || { echo "debian-files.sh: no Debian mirror in the apt sources" >&2; exit 1; }

apt_dir=$cache/apt
opts="-o Dir::Etc::SourceList=$apt_dir/sources.list -o Dir::Etc::SourceParts=/dev/null
	-o Dir::State::Lists=$apt_dir/lists -o Dir::Cache=$apt_dir/cache
	-o APT::Architecture=armhf -o APT::Architectures::=armhf -o APT::Sandbox::User=root"
updated=no
apt_update() {
	[ $updated = yes ] && return 0
	mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial"
	echo "deb [arch=armhf] $mirror $suite main non-free-firmware" >"$apt_dir/sources.list"
	# shellcheck disable=SC2086
	apt-get $opts -qq update
	updated=yes
}

for want in "$@"; do
	done_mark=$cache/.unpacked-$(echo "$want" | tr -d @)
	[ -f "$done_mark" ] && continue
	apt_update
	package=$want
	case $want in
	@*)
		# shellcheck disable=SC2086
		package=$(apt-cache $opts depends "${want#@}" | sed -n 's/^ *Depends: *//p' | head -n 1)
		;;
	esac
	mkdir -p "$cache/debs"
	# shellcheck disable=SC2086
	(cd "$cache/debs" && apt-get $opts -qq download "$package")
	dpkg-deb -x "$(ls "$cache/debs/${package}"_*.deb | head -n 1)" "$cache/root"
	touch "$done_mark"
done
