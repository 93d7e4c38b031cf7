#!/usr/bin/env bash
# Finishes the .deb that jpackage built in the folder $1 (run by the `installer` Maven profile
# right after jpackage). jpackage cannot do these two things itself:
#  - it adds xdg-utils to Depends whenever there is a menu entry or a file association, and
#    xdg-utils' Recommends pull dozens of packages (a desktop stack) onto a machine; our
#    postinst and prerm work without it, so it goes.
#  - for an install in /opt it puts the copyright file in /opt/qanvas/share/doc/copyright;
#    Debian looks for it in /usr/share/doc/qanvas/copyright, so it is copied there too.
# Installed-Size is recomputed and the package rebuilt in place (root-owned files, xz).
set -euo pipefail
shopt -s nullglob
debs=("$1"/qanvas_*.deb)
if [ ${#debs[@]} -ne 1 ]; then
  echo "finish-deb.sh: expected one qanvas_*.deb in $1, found ${#debs[@]}" >&2
  exit 1
fi
deb=${debs[0]}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
root=$work/root
dpkg-deb -R "$deb" "$root"
control=$root/DEBIAN/control
deps=$(sed -n 's/^Depends: *//p' "$control" | tr ',' '\n' | sed 's/^ *//; s/ *$//' \
  | grep -v -x -e 'xdg-utils' -e '' | paste -sd, - | sed 's/,/, /g')
sed -i "s|^Depends:.*|Depends: $deps|" "$control"
install -D -m 644 "$root/opt/qanvas/share/doc/copyright" "$root/usr/share/doc/qanvas/copyright"
size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
sed -i "s/^Installed-Size:.*/Installed-Size: $size/" "$control"
fakeroot dpkg-deb --root-owner-group -Zxz -b "$root" "$deb" >/dev/null
echo "finish-deb.sh: $(basename "$deb"): Depends: $deps"
