#!/usr/bin/env bash
# Builds the desktop installers with jpackage (JDK 17+):
#   target/installer/Qanvas/               app-image: run target/installer/Qanvas/bin/Qanvas
#   target/installer/qanvas_<v>-1_amd64.deb  Debian package: sudo apt install ./target/installer/qanvas_*.deb
# The .deb (package qanvas) installs to /opt/qanvas, puts qanvas on the PATH, adds a menu entry
# (Education/Science) that opens .qanvas files, carries a jlinked runtime, and depends on
# libgtk-3-0 and fonts-dejavu-core, which JavaFX needs but jpackage does not detect.
# jpackage's .deb type needs fakeroot and dpkg-deb (Debian packages fakeroot, dpkg).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v fakeroot >/dev/null; then
  echo "installer/build.sh: fakeroot is needed for the .deb (apt-get install fakeroot)" >&2
  exit 1
fi
# clean: target/lib must hold exactly the current runtime dependencies.
mvn -B -q -Pinstaller -DskipTests clean package
ls -la target/installer
