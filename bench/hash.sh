#!/usr/bin/env bash
# SHA-256 throughput of the client's hasher against sha256sum on the same files, warm cache, in one
# run: on one core (one thread against one sha256sum process) and on all cores (one thread per
# core against xargs -P). Two trees: many small files (4 KiB) and a few large ones (64 MiB).
# Usage: bench/hash.sh [SMALL_FILES (10000)] [LARGE_FILES (4)]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=bench/release.sh
. "$here/bench/release.sh"
small="${1:-10000}"; large="${2:-4}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
release_unpack "$here" "$work"
cores="$(nproc)"
python3 - "$work" "$small" "$large" <<'PY'
import os, sys, random
root, small, large = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rnd = random.Random(7)
for i in range(small):
    d = os.path.join(root, "small", "d%03d" % (i % 100))
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "f%05d" % i), "wb") as f:
        f.write(rnd.randbytes(4096))
os.makedirs(os.path.join(root, "large"), exist_ok=True)
for i in range(large):
    with open(os.path.join(root, "large", "l%d" % i), "wb") as f:
        for _ in range(64):
            f.write(rnd.randbytes(1 << 20))
PY
seconds() {
  local s e
  s=$(date +%s.%N); "$@" > /dev/null; e=$(date +%s.%N)
  echo "$e - $s" | bc
}
java_seconds() {
  java -XX:+UseSerialGC -cp "$classpath" "$here/bench/HashBench.java" "$1" "$2" | cut -d ' ' -f 3
}
printf '\n%s cores, load average %s\n\n| tree | MiB | sha256sum, 1 process | skysync, 1 thread | ratio | sha256sum, %s processes | skysync, %s threads | ratio |\n|---|---|---|---|---|---|---|---|\n' \
  "$cores" "$(cut -d ' ' -f 1-2 /proc/loadavg)" "$cores" "$cores"
for tree in small large; do
  dir="$work/$tree"
  find "$dir" -type f -print0 | xargs -0 cat > /dev/null
  mib=$(echo "scale=1; $(du -sb "$dir" | cut -f 1) / 1048576" | bc)
  one_sum=$(seconds bash -c "find '$dir' -type f -print0 | xargs -0 -n 1000 sha256sum")
  one_java=$(java_seconds "$dir" 1)
  all_sum=$(seconds bash -c "find '$dir' -type f -print0 | xargs -0 -P $cores -n 250 sha256sum")
  all_java=$(java_seconds "$dir" "$cores")
  printf '| %s | %s | %.2f s | %.2f s | %.2f | %.2f s | %.2f s | %.2f |\n' "$tree" "$mib" "$one_sum" "$one_java" \
    "$(echo "$one_sum / $one_java" | bc -l)" "$all_sum" "$all_java" "$(echo "$all_sum / $all_java" | bc -l)"
done
printf '\nratio: sha256sum time / skysync time (1.0 = as fast; skysync hashes in its own JVM, whose start is not counted).\n'
