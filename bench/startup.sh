#!/usr/bin/env bash
# The embedded default's start-up, from a release archive (bench/release.sh): JVM start to
# `--version`, and a no-op sync of a one-file folder on the local backend three ways: with the
# background backend an earlier command started (the default), with the backend started inside the
# command (SKYSYNC_BACKEND_IDLE_STOP=0, the old default), and without the class-data archive
# (SKYSYNC_CDS=0). Medians of RUNS (default 7). With SKYSYNC_BASELINE_ARCHIVE (another build's
# release archive, e.g. main's) the first two rows also time that build, its runs alternating with
# this one's on the same folder and backend, and give the ratio. Usage: bench/startup.sh [RUNS]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=bench/release.sh
. "$here/bench/release.sh"
runs="${1:-7}"
work="$(mktemp -d)"
# The background backend stops by itself once idle this long; the clean-up waits for that.
export SKYSYNC_BACKEND_IDLE_STOP=10
cleanup() {
  for _ in $(seq 1 60); do [ -e "$work/data/endpoint" ] || break; sleep 1; done
  rm -rf "$work"
}
trap cleanup EXIT
release_unpack "$here" "$work"
baseline=""
if [ -n "${SKYSYNC_BASELINE_ARCHIVE:-}" ]; then
  mkdir -p "$work/baseline"
  tar xzf "$SKYSYNC_BASELINE_ARCHIVE" -C "$work/baseline" --strip-components=1
  baseline="$work/baseline/bin/skysync"
fi
export HOME="$work/home" XDG_CONFIG_HOME="$work/home/config" XDG_DATA_HOME="$work/home/data"
export XDG_CACHE_HOME="$work/home/cache" SKYSYNC_DATA_DIR="$work/data"
mkdir -p "$HOME" "$work/folder" "$work/folder2"
echo "hello" > "$work/folder/a.txt"
echo "hello" > "$work/folder2/a.txt"

seconds() {
  local s e
  s=$(date +%s.%N)
  "$@" >"$work/last.log" 2>&1 || { echo "bench: '$*' failed:" >&2; cat "$work/last.log" >&2; exit 1; }
  e=$(date +%s.%N)
  echo "$e - $s" | bc
}
median() {
  local label="$1"; shift
  local all=()
  for _ in $(seq 1 "$runs"); do all+=("$(seconds "$@")"); done
  printf '%s\n' "${all[@]}" | sort -n | awk -v label="$label" '{a[NR]=$1} END {printf "| %s | %.2f s |\n", label, a[int((NR+1)/2)]}'
}

# Both builds' runs alternate, so each pair sees the same load: "| label | this | baseline | this / baseline |".
median_pair() {
  local label="$1"; shift
  local mine=() theirs=()
  for _ in $(seq 1 "$runs"); do
    mine+=("$(seconds "$skysync" "$@")")
    theirs+=("$(seconds "$baseline" "$@")")
  done
  local m b
  m=$(printf '%s\n' "${mine[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  b=$(printf '%s\n' "${theirs[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  awk -v l="$label" -v m="$m" -v b="$b" 'BEGIN {printf "| %s | %.2f s | baseline %.2f s | %.2f |\n", l, m, b, m / b}'
}
timed() {
  if [ -n "$baseline" ]; then median_pair "$@"; else median "$1" "$skysync" "${@:2}"; fi
}

load_before="$(cut -d ' ' -f 1-2 /proc/loadavg)"
t_first=$(seconds "$skysync" -q sync "$work/folder")
"$skysync" -q sync "$work/folder" >/dev/null
if [ -n "$baseline" ]; then
  # Its class-data archive is made by its first run, as a user's would be.
  "$baseline" -q sync "$work/folder" >/dev/null
  "$baseline" -q sync "$work/folder" >/dev/null
fi
rows=()
rows+=("$(timed 'JVM start to `skysync --version`' --version)")
rows+=("$(timed 'no-op sync, one file, background backend (default)' -q sync "$work/folder")")
export SKYSYNC_CDS=0
rows+=("$(median 'the same without the class-data archive (SKYSYNC_CDS=0)' "$skysync" -q sync "$work/folder")")
unset SKYSYNC_CDS
# A data folder of its own, so the backend starts inside each command.
export SKYSYNC_DATA_DIR="$work/data2" SKYSYNC_BACKEND_IDLE_STOP=0
"$skysync" -q sync "$work/folder2" >/dev/null
rows+=("$(median 'no-op sync, one file, backend started inside the command (SKYSYNC_BACKEND_IDLE_STOP=0)' "$skysync" -q sync "$work/folder2")")
printf '\n%s cores, load average %s before, %s after\n\n| measure (median of %s) | time |\n|---|---|\n' \
  "$(nproc)" "$load_before" "$(cut -d ' ' -f 1-2 /proc/loadavg)" "$runs"
printf '%s\n' "${rows[@]}"
printf '| first sync of a new folder: init, background backend started, upload (once) | %.2f s |\n' "$t_first"
