#!/usr/bin/env bash
# How a sync's cost grows with the tree (ScaleBench.java): first sync and no-op of 4 KiB files, the
# no-op's peak heap and the backend requests of each phase. Usage: bench/scale.sh [SIZES...]
# (default: 1000 10000 100000; 100 000 files take a while: 100 000 uploads).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=bench/release.sh
. "$here/bench/release.sh"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
release_unpack "$here" "$work"
[ "$#" -gt 0 ] || set -- 1000 10000 100000
java -XX:+UseSerialGC -cp "$classpath" "$here/bench/ScaleBench.java" "$@"
