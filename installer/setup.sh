#!/usr/bin/env bash
# Installs what a fresh Debian/Ubuntu machine lacks to build, test and run Qanvas:
#   fonts-dejavu-core  JavaFX dies in Font.getDefault without any font
#   libgtk-3-0         JavaFX needs GTK 3 for a real window
# Java 17+ and Maven 3.8+ are expected to be there already (they are on our machines).
# Installs only what is missing; uses sudo when not run as root.
set -euo pipefail
needed=(fonts-dejavu-core libgtk-3-0 "$@")
missing=()
for pkg in "${needed[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
for tool in java mvn; do
  command -v "$tool" >/dev/null || { echo "installer/setup.sh: '$tool' is not installed (Qanvas needs JDK 17+ and Maven 3.8+)" >&2; exit 1; }
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "installer/setup.sh: installing ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
