#!/usr/bin/env bash
# Measures how long the app takes from JVM start to a shown, usable window, under Xvfb, and when
# the first workspace shows in it.
# Needs xvfb (apt-get install xvfb) and a built jar (mvn -DskipTests package).
# Usage: docs/bench/startup.sh [runs, default 3] [project]    (project "-" for none)
# JAR=/path/to/qanvas.jar measures another build (its lib/ folder next to it), e.g. an older one copied aside.
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-3}
project=${2:-samples/mnist-first-look.qanvas}
[ "$project" = "-" ] && project=""
jar=${JAR:-target/qanvas.jar}
# The README's run command maps the start-up class archive that `mvn package` writes next to the jar
# (pom.xml, "startup-archive"); CDS=off measures without it (builds before 2026-12-07 have none).
archive=$(dirname "$jar")/qanvas.jsa
cds=""; [ "${CDS:-on}" != off ] && [ -f "$archive" ] && cds="-XX:SharedArchiveFile=$archive"
# and (since 2026-12-07, late night) the Vector API module; VECTOR=off measures without it.
vector="--add-modules jdk.incubator.vector"; [ "${VECTOR:-on}" = off ] && vector=""
wait=0; [ -n "$project" ] && wait=25   # without a project the window opens on Home, which is built at once
config=$(mktemp -d)
for i in $(seq "$runs"); do
  log=$(mktemp)
  xvfb-run -a -s "-screen 0 1400x900x24" bash -c \
    "java $vector $cds -Xmx2g -Dqanvas.config.dir=$config -jar $jar --verbose $project >$log 2>&1 & pid=\$!; \
     for t in \$(seq 100); do grep -q 'Window shown' $log && break; sleep 0.2; done; \
     for t in \$(seq $wait); do grep -q 'Workspace [a-z]* shown' $log && break; sleep 0.2; done; kill \$pid" || true
  # Then the first workspace other than Home, built after the window's first frame (builds since 2026-12-06).
  # Builds since 2026-12-07 add "(N ms of CPU)": all threads' CPU time, which a busy machine inflates far less,
  # and later ones ", CLASS DATA": whether the start-up class archive was mapped.
  (grep -o 'Window shown [0-9]* ms[^)]*)\?' "$log" || echo "run $i: no window") | tr '\n' ' '
  grep -o 'Workspace [a-z]* shown [0-9]* ms[^)]*)\?' "$log" || echo
  rm -f "$log"
done
rm -rf "$config"
