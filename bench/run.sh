#!/usr/bin/env bash
# Prints a table for a generated tree (10 000 small files + a few large ones): hash throughput of
# the client against sha256sum on the same files, then first, no-op and 1%-modified sync times on
# the embedded local backend. Usage: bench/run.sh [SMALL_FILES] [LARGE_FILES] [LARGE_MB]
# SKYSYNC overrides the command used (default: the repo's ./skysync launcher).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
small="${1:-10000}"; large="${2:-3}"; large_mb="${3:-64}"
skysync="${SKYSYNC:-$here/skysync}"
work="$(mktemp -d)"
server_pid=""
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

export HOME="$work/home" XDG_CONFIG_HOME="$work/home/config" XDG_DATA_HOME="$work/home/data"
export SKYSYNC_DATA_DIR="$work/backend"
mkdir -p "$HOME" "$work/tree"

echo "generating $small small files and $large x ${large_mb} MB..." >&2
python3 - "$work/tree" "$small" "$large" "$large_mb" <<'PY'
import os, sys, random
root, small, large, mb = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
rnd = random.Random(42)
for i in range(small):
    d = os.path.join(root, "d%03d" % (i % 100))
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "f%05d.txt" % i), "wb") as f:
        f.write(rnd.randbytes(rnd.randint(200, 4000)))
for i in range(large):
    with open(os.path.join(root, "large%d.bin" % i), "wb") as f:
        for _ in range(mb):
            f.write(rnd.randbytes(1 << 20))
PY

seconds() {
  local s e; s=$(date +%s.%N)
  "$@" >"$work/last.log" 2>&1 || { echo "bench: '$*' failed:" >&2; cat "$work/last.log" >&2; exit 1; }
  e=$(date +%s.%N); echo "$e - $s" | bc
}
bytes=$(du -sb "$work/tree" | cut -f1)
mb=$(echo "scale=1; $bytes / 1048576" | bc)

# Warm the page cache so both hashers read from memory.
find "$work/tree" -type f -print0 | xargs -0 cat > /dev/null
t_sum=$(seconds bash -c "find '$work/tree' -type f -print0 | xargs -0 -P $(nproc) -n 500 sha256sum")
jar="$here/client/target/client-0.1.0-SNAPSHOT-all.jar"
read -r _ _ t_java _ < <(java -cp "$jar" "$here/bench/HashBench.java" "$work/tree")

"$skysync" serve > "$work/serve.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 120); do grep -q "serving" "$work/serve.log" 2>/dev/null && break; sleep 0.5; done

t_first=$(seconds "$skysync" -q sync "$work/tree")
t_noop=$(seconds "$skysync" -q sync "$work/tree")
n_mod=$(( small / 100 ))
find "$work/tree" -name 'f*.txt' | sort > "$work/list" || true
head -n "$n_mod" "$work/list" | while read -r f; do echo "changed" >> "$f"; done
t_mod=$(seconds "$skysync" -q sync "$work/tree")

printf '\n| measure (%s files, %s MB, %s cores) | result |\n|---|---|\n' "$(( small + large ))" "$mb" "$(nproc)"
printf '| sha256sum (parallel xargs), warm cache | %.2f s (%.0f MB/s) |\n' "$t_sum" "$(echo "$mb / $t_sum" | bc -l)"
printf '| skysync hasher, warm cache | %.2f s (%.0f MB/s) |\n' "$t_java" "$(echo "$mb / $t_java" | bc -l)"
printf '| skysync / sha256sum throughput | %.2f |\n' "$(echo "$t_sum / $t_java" | bc -l)"
printf '| first sync | %.1f s |\n' "$t_first"
printf '| no-op sync | %.1f s |\n' "$t_noop"
printf '| sync after modifying 1%% (%d files) | %.1f s |\n' "$n_mod" "$t_mod"
