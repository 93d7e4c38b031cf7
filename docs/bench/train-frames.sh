#!/bin/bash
# Frame gaps of the Train workspace while a sample trains (docs/benchmarks.md, Train workspace).
# Usage, from the project folder after `mvn -DskipTests package`, with Xvfb, xdotool and
# ImageMagick installed:  docs/bench/train-frames.sh target/qanvas.jar TAG [SECONDS]
# Starts the app on a copy of samples/mnist-quanvolution.qanvas in a 1280x800 Xvfb screen with
# -Dqanvas.frameStats=true, clicks Train (the side bar) and Start (the coordinates at 1280x800),
# waits SECONDS (default 60), saves screenshots in /tmp/ui-TAG and prints the [frames] lines.
set -euo pipefail
JAR=$1; TAG=$2; SECS=${3:-60}
D=/tmp/ui-$TAG; rm -rf "$D"; mkdir -p "$D/cfg" "$D/proj"
echo '{"workspace":"train"}' > "$D/cfg/settings.json"
cp "$(dirname "$0")/../../samples/mnist-quanvolution.qanvas" "$D/proj/"
export DISPLAY=:77
Xvfb :77 -screen 0 1280x800x24 >/dev/null 2>&1 & XPID=$!
sleep 2
java -Xmx2g -Dqanvas.frameStats=true -Dqanvas.config.dir="$D/cfg" -jar "$JAR" "$D/proj/mnist-quanvolution.qanvas" \
    > "$D/out.log" 2> "$D/err.log" & APID=$!
sleep 20
xdotool mousemove 46 215 click 1   # Train
sleep 3
import -window root "$D/train.png"
xdotool mousemove 137 708 click 1  # Start
sleep "$SECS"
import -window root "$D/during.png"
kill $APID; sleep 2; kill -9 $APID 2>/dev/null || true; kill $XPID
grep "\[frames\]" "$D/err.log"
find "$D/proj" -name summary.json -exec grep -o '"total_seconds" *: *[0-9.]*' {} \;
