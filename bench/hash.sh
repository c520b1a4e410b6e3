#!/usr/bin/env bash
# SHA-256 cost of the client's hasher against sha256sum on the same files, warm page cache, in one
# run: on one core (one thread against one sha256sum process) and on all cores (one thread per core
# against xargs -P). skysync twice: "cold", one pass in a fresh JVM with the launcher's JIT options
# (what a CLI run pays; the JVM's start not counted), and "warm", ROUNDS passes in one JVM, the
# median of the last 3. Wall time and CPU time (user+sys), since the cores may be shared: every
# measure is repeated REPS times, the tools alternating, and the median shown. Two trees: many small
# files (4 KiB) and a few large ones (64 MiB).
# Usage: bench/hash.sh [SMALL_FILES (20000)] [LARGE_FILES (2)] [REPS (3)] [ROUNDS (8)]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=bench/release.sh
. "$here/bench/release.sh"
small="${1:-20000}"; large="${2:-2}"; reps="${3:-3}"; rounds="${4:-8}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
release_unpack "$here" "$work"
cores="$(nproc)"
# The launcher's JIT and collector options, read from the launcher itself.
read -r -a jit <<< "$(sed -n 's/^jit=(\(.*\))$/\1/p' "$skysync")"
[ "${#jit[@]}" -gt 0 ] || { echo "bench: no jit=(...) line in $skysync" >&2; exit 1; }
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
# "wall cpu" of a command (CPU: user+sys of it and its children).
timed() {
  /usr/bin/time -f '%e %U %S' -o "$work/time" "$@" > /dev/null
  awk '{ printf "%.3f %.3f\n", $1, $2 + $3 }' "$work/time"
}
# Compiled once: launched from source, javac would run (and warm up) in the very JVM measured.
javac -d "$work/bench" -cp "$classpath" "$here/bench/HashBench.java"
java_timed() { # threads rounds
  java "${jit[@]}" -XX:+UseSerialGC -cp "$work/bench:$classpath" HashBench "$dir" "$1" "$2" 3 | cut -d ' ' -f 3-4
}
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
ratio() { echo "$1 / $2" | bc -l | xargs printf '%.2f'; }
printf '\n%s cores, load average %s before\n\n' "$cores" "$(cut -d ' ' -f 1-3 /proc/loadavg)"
printf '| tree | MiB | threads | sha256sum wall / CPU | skysync cold wall / CPU | skysync warm wall / CPU | ratio cold wall / CPU | ratio warm wall / CPU |\n|---|---|---|---|---|---|---|---|\n'
for tree in small large; do
  dir="$work/$tree"
  find "$dir" -type f -print0 | sort -z > "$work/list"
  xargs -0 -a "$work/list" cat > /dev/null
  mib=$(echo "scale=1; $(du -sb "$dir" | cut -f 1) / 1048576" | bc)
  for threads in 1 "$cores"; do
    : > "$work/runs"
    for _ in $(seq 1 "$reps"); do
      if [ "$threads" = 1 ]; then
        s=$(timed xargs -0 -a "$work/list" -n 1000 sha256sum)
      else
        s=$(timed xargs -0 -a "$work/list" -P "$threads" -n 250 sha256sum)
      fi
      echo "$s $(java_timed "$threads" 1) $(java_timed "$threads" "$rounds")" >> "$work/runs"
    done
    col() { cut -d ' ' -f "$1" "$work/runs" | median; }
    sw=$(col 1); sc=$(col 2); cw=$(col 3); cc=$(col 4); ww=$(col 5); wc=$(col 6)
    printf '| %s | %s | %s | %.2f / %.2f s | %.2f / %.2f s | %.2f / %.2f s | %s / %s | %s / %s |\n' \
      "$tree" "$mib" "$threads" "$sw" "$sc" "$cw" "$cc" "$ww" "$wc" \
      "$(ratio "$sw" "$cw")" "$(ratio "$sc" "$cc")" "$(ratio "$sw" "$ww")" "$(ratio "$sc" "$wc")"
  done
done
printf '\nload average %s after. ratio: sha256sum / skysync (1.0 = as fast), medians of %s runs; cold = one pass in a fresh JVM with the launcher'"'"'s JIT (its start not counted), warm = the last 3 of %s passes in one JVM.\n' \
  "$(cut -d ' ' -f 1-3 /proc/loadavg)" "$reps" "$rounds"
