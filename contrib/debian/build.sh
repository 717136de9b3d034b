#!/bin/sh
# make deb: a binary Debian package in build/, built by dpkg-buildpackage
# and debhelper from a copy of the source tree whose debian/ is this
# directory (the tree itself keeps its shape). Installs the build
# dependencies first when run as root (else prints the apt-get line).
#   B=build  where the .deb goes (build/invite-milter_VERSION_ARCH.deb)
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
B=${B:-build}
deb=$top/contrib/debian

sh contrib/ensure-deps.sh build
missing=""
for p in dpkg-dev debhelper; do
	st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	case "$st" in *" installed") ;; *) missing="$missing $p" ;; esac
done
if [ -n "$missing" ]; then
	if [ "$(id -u)" != 0 ]; then
		echo "make deb needs:$missing; run as root: apt-get install -y$missing" >&2
		exit 1
	fi
	echo "installing:$missing"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	# shellcheck disable=SC2086
	apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

version=$(sed -n 's/^VERSION *:= *//p' Makefile)
cv=$(sed -n '1s/^invite-milter (\([^)]*\)).*/\1/p' "$deb/changelog")
if [ "$version" != "$cv" ]; then
	echo "make deb: Makefile VERSION $version, contrib/debian/changelog $cv: add a changelog entry" >&2
	exit 1
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/invite-milter-deb.XXXXXX")
trap 'rm -rf "$work"' EXIT
src=$work/invite-milter-$version
mkdir "$src"
# The tree as it is now (uncommitted changes included), without builds.
tar -C "$top" --exclude=./build --exclude=./.git --exclude=./debian -cf - . | tar -C "$src" -xf -
cp -r "$deb" "$src/debian"
rm -f "$src/debian/build.sh"
(cd "$src" && dpkg-checkbuilddeps && dpkg-buildpackage -b -uc -us -j2 --no-sign) >"$work/build.log" 2>&1 || {
	tail -40 "$work/build.log" >&2
	echo "make deb: dpkg-buildpackage failed" >&2
	exit 1
}
mkdir -p "$B"
for f in "$work"/*.deb; do
	cp "$f" "$B/"
	echo "$B/$(basename "$f")"
done
