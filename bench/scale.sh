#!/usr/bin/env bash
# How a sync's cost grows with the tree (ScaleBench.java): first sync and no-op of 4 KiB files, the
# no-op's peak heap and the backend requests of each phase. Usage: bench/scale.sh [SIZES...]
# (default: 1000 10000 100000; 100 000 files take a while: 100 000 uploads). SKYSYNC_BASELINE_ARCHIVE
# (an older release archive) times each no-op with that build too, on the same state; SCALE_SAME_CONTENT=1
# gives every file the same content, so the first sync uploads one blob (see ScaleBench.java). Trees of
# SCALE_SEED_FROM files or more (default 1000000) get a seeded synced state instead of a first sync of the
# whole tree: the first folder synced for real, every other row cloned from it (docs/performance.md, "Scale").
# SCALE_RUNS sets the no-ops per build (default 3; wall and CPU medians), SCALE_JAVA_OPTS adds JVM options to them.
# SCALE_HOLD=<file> stops once each tree's synced state is ready, writes into that file the environment a
# skysync run needs to reach that state (source it), and goes on when the file is deleted: for profiling by hand.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=bench/release.sh
. "$here/bench/release.sh"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
release_unpack "$here" "$work"
if [ -n "${SKYSYNC_BASELINE_ARCHIVE:-}" ]; then
  mkdir -p "$work/baseline"
  tar xzf "$SKYSYNC_BASELINE_ARCHIVE" -C "$work/baseline" --strip-components=1
  export SKYSYNC_BASELINE="$work/baseline/bin/skysync"
fi
[ "$#" -gt 0 ] || set -- 1000 10000 100000
java -XX:+UseSerialGC -cp "$classpath" "$here/bench/ScaleBench.java" "$@"
