#!/usr/bin/env bash
# One vault's commit throughput (CommitBench.java): DEVICES devices committing at once through the
# real API on each local backend (DynamoDB Local, Azurite), 1, 49 and 200 files per commit.
# Usage: bench/commits.sh [SECONDS_PER_ROW (20)] [DEVICES (8)] [FLAVOURS (aws,azure)]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=bench/release.sh
. "$here/bench/release.sh"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
release_unpack "$here" "$work"
java -XX:+UseSerialGC -cp "$classpath" "$here/bench/CommitBench.java" "$@"
