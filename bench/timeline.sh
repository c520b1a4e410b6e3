#!/usr/bin/env bash
# Where a first sync's time goes (TimelineBench.java): the backend's requests every 2 s while a
# first sync of FILES 4 KiB files runs. Usage: bench/timeline.sh [FILES (3000)]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=bench/release.sh
. "$here/bench/release.sh"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
release_unpack "$here" "$work"
java -XX:+UseSerialGC -cp "$classpath" "$here/bench/TimelineBench.java" "$@"
