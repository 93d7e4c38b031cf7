#!/usr/bin/env bash
# Regenerates src/main/cds/startup.classlist: the classes (and lambda forms) the app loads from JVM
# start until the README's sample shows its first workspace. `mvn package` turns the list into the
# class data archive target/qanvas.jsa (pom.xml, execution "startup-archive"), which the README's
# run command passes as -XX:SharedArchiveFile: the JVM then maps those classes already parsed and
# verified instead of loading them from the jars (docs/benchmarks.md, start-up).
# A stale list is harmless: names that no longer exist are skipped, new classes load from the jar.
# Rerun it after large UI changes. Needs xvfb and a built jar (mvn -DskipTests package).
set -euo pipefail
cd "$(dirname "$0")/../../.."
out=src/main/cds/startup.classlist
raw=$(mktemp); log=$(mktemp); config=$(mktemp -d)
xvfb-run -a -s "-screen 0 1400x900x24" bash -c \
  "java -XX:DumpLoadedClassList=$raw -Xmx2g -Dqanvas.config.dir=$config -jar target/qanvas.jar --verbose \
     samples/mnist-first-look.qanvas >$log 2>&1 & pid=\$!; \
   for t in \$(seq 300); do grep -q 'Workspace [a-z]* shown' $log && break; sleep 0.2; done; sleep 1; kill \$pid; wait \$pid" || true
grep -q 'Workspace [a-z]* shown' "$log" || { echo "the app did not show its first workspace:"; cat "$log"; exit 1; }
# Dynamic proxies get a new number each run, so their names are not stable.
grep -v '^#' "$raw" | grep -v 'jdk/proxy[0-9]*/\$Proxy' > "$out"
echo "$(wc -l < "$out") lines in $out"
rm -rf "$raw" "$log" "$config"
