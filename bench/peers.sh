#!/usr/bin/env bash
# skysync against rclone `sync` and `aws s3 sync --delete` on one S3Proxy, in one run (PeersBench.java):
# first sync, no-op and 1 %-modified times, their ratios, and skysync's requests per phase.
# Installs rclone and awscli from the system's packages when missing (needs root or sudo).
# Usage: bench/peers.sh [SMALL_FILES (10000)] [LARGE_FILES (2)] [LARGE_MIB (32)]
# SKYSYNC_ARCHIVE=path/to/skysync-*.tar.gz measures that release instead of the current sources.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=bench/release.sh
. "$here/bench/release.sh"

missing=()
command -v rclone >/dev/null || missing+=(rclone)
command -v aws >/dev/null || missing+=(awscli)
if [ "${#missing[@]}" -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "installing ${missing[*]} from the system's packages..." >&2
  $sudo apt-get install -y "${missing[@]}" >&2
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
release_unpack "$here" "$work"
java -XX:+UseSerialGC -cp "$classpath" "$here/bench/PeersBench.java" "$@"
