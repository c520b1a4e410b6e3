#!/usr/bin/env bash
# One big file (BigFileBench.java): skysync's first upload against a raw single PUT (curl) of the
# same bytes to the same S3Proxy, the delta uploads after a 1-byte insertion and a 1 MiB overwrite,
# and the chunker against sha256sum on the same file. Needs curl and about 3 x MIB of free disk.
# Usage: bench/bigfile.sh [MIB (1024)]
# SKYSYNC_ARCHIVE=path/to/skysync-*.tar.gz measures that release instead of the current sources.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=bench/release.sh
. "$here/bench/release.sh"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
release_unpack "$here" "$work"
BENCH_DIR="$here/bench" java -XX:+UseSerialGC -cp "$classpath" "$here/bench/BigFileBench.java" "$@"
