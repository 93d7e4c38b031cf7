#!/usr/bin/env bash
# Measures how long the app takes from JVM start to a shown, usable window, under Xvfb.
# Needs xvfb (apt-get install xvfb) and a built jar (mvn -DskipTests package).
# Usage: docs/bench/startup.sh [runs] [project]
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-5}
project=${2:-samples/mnist-first-look.qanvas}
config=$(mktemp -d)
for i in $(seq "$runs"); do
  log=$(mktemp)
  xvfb-run -a -s "-screen 0 1400x900x24" bash -c \
    "java -Xmx2g -Dqanvas.config.dir=$config -jar target/qanvas.jar --verbose $project >$log 2>&1 & pid=\$!; \
     for t in \$(seq 100); do grep -q 'Window shown' $log && break; sleep 0.2; done; kill \$pid"
  grep -o 'Window shown [0-9]* ms' "$log" || echo "run $i: no window"
  rm -f "$log"
done
rm -rf "$config"
