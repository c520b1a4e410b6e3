#!/usr/bin/env bash
# Continuous sync, measured: two folders of one vault, each kept in sync by 'skysync watch', on a
# 'skysync serve' local backend (AWS flavour). Prints a table:
#  - propagation latency over EDITS edits (a write in folder A until the file is complete in B),
#    median and p95, and the same for the manual way measured in the same run as the baseline
#    ('skysync sync A && skysync sync B' after each write, before the watchers start);
#  - for IDLE_SECONDS with nothing to do: each watcher's CPU share and API requests per hour.
# Usage: bench/watch.sh [EDITS] [IDLE_SECONDS] [BASELINE_EDITS]   (defaults 50, 300, 5)
# SKYSYNC overrides the command used (default: the repo's ./skysync launcher).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
edits="${1:-50}"; idle="${2:-300}"; baseline_edits="${3:-5}"
skysync="${SKYSYNC:-$here/skysync}"
work="$(mktemp -d)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

export HOME="$work/home" XDG_CONFIG_HOME="$work/home/config" XDG_DATA_HOME="$work/home/data"
export XDG_STATE_HOME="$work/home/state" SKYSYNC_DATA_DIR="$work/backend"
mkdir -p "$HOME" "$work/a" "$work/b"

"$skysync" --version > /dev/null   # builds the launcher's jars first if the sources changed
"$skysync" serve > "$work/serve.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 240); do grep -q "started in" "$work/serve.log" 2>/dev/null && break; sleep 0.5; done
endpoint="$(cat "$SKYSYNC_DATA_DIR/endpoint")"
"$skysync" -q init "$work/a" --vault bench --device laptop
"$skysync" -q init "$work/b" --vault bench --device desktop

python3 - "$work" "$skysync" "$endpoint" "$edits" "$idle" "$baseline_edits" <<'PY'
import base64, hashlib, hmac, json, os, statistics, subprocess, sys, time, urllib.request

work, skysync, endpoint = sys.argv[1], sys.argv[2], sys.argv[3]
edits, idle, baseline_edits = int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
a, b = os.path.join(work, "a"), os.path.join(work, "b")
ticks = os.sysconf("SC_CLK_TCK")

def arrived(path, text, timeout=120.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with open(path, encoding="utf-8") as f:
                if f.read() == text:
                    return time.monotonic()
        except (FileNotFoundError, UnicodeDecodeError):
            pass
        time.sleep(0.005)
    raise SystemExit("bench: %s did not arrive within %.0f s" % (path, timeout))

def edit(i, label):
    name = "edit-%d.txt" % (i % 10)          # ten files, each edited again and again
    text = "%s %d %.6f\n" % (label, i, time.time()) * (1 + i % 50)
    src = os.path.join(a, name)
    tmp = src + ".tmp-save"                  # as an editor saves: temp file, then rename
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    start = time.monotonic()
    os.replace(tmp, src)
    return start, os.path.join(b, name), text

def cpu_seconds(pid):
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / ticks

def counters_key():
    # The counters answer only to a key derived from this start's instance secret (docs/architecture-local-backend.md).
    with open(os.path.join(os.environ["SKYSYNC_DATA_DIR"], "instance-secret"), encoding="utf-8") as f:
        secret = f.read().strip()
    digest = hmac.new(secret.encode(), b"skysync-local-counters", hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")

def invocations():
    request = urllib.request.Request(endpoint + "/_local/counters", headers={"Authorization": "Bearer " + counters_key()})
    with urllib.request.urlopen(request, timeout=10) as r:
        counters = json.load(r)
    return counters.get("function.invocations", 0) - counters.get("function.invocations[GET /v1/health]", 0)

def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100.0 * (len(values) - 1))))]

# Baseline, the manual way: a sync on each side after each write.
manual = []
for i in range(baseline_edits):
    start, target, text = edit(i, "manual")
    subprocess.run([skysync, "-q", "sync", a], check=True)
    subprocess.run([skysync, "-q", "sync", b], check=True)
    manual.append(arrived(target, text, timeout=5) - start)

# The watchers.
logs = []
watchers = []
for folder in (a, b):
    log = open(os.path.join(work, os.path.basename(folder) + ".log"), "w")
    logs.append(log)
    watchers.append(subprocess.Popen([skysync, "watch", folder], stdout=log, stderr=subprocess.STDOUT))
for folder in (a, b):
    path = os.path.join(work, os.path.basename(folder) + ".log")
    deadline = time.monotonic() + 120
    while ": start: " not in open(path).read():
        if time.monotonic() > deadline:
            raise SystemExit("bench: the watcher of %s did not start:\n%s" % (folder, open(path).read()))
        time.sleep(0.1)

latencies = []
for i in range(edits):
    start, target, text = edit(i, "watched")
    latencies.append(arrived(target, text) - start)
    time.sleep(0.2 + (i % 5) * 0.1)          # a person's pause between saves

# Idle: nothing changes; let the poll interval back off first.
time.sleep(90)
cpu0 = [cpu_seconds(w.pid) for w in watchers]
calls0 = invocations()
t0 = time.monotonic()
time.sleep(idle)
window = time.monotonic() - t0
cpu = [(cpu_seconds(w.pid) - c) / window for w, c in zip(watchers, cpu0)]
per_hour = (invocations() - calls0) / len(watchers) / window * 3600

for w in watchers:
    w.terminate()
for w in watchers:
    w.wait(timeout=60)
codes = [w.returncode for w in watchers]

load = open("/proc/loadavg").read().split()[0]
print()
print("| measure (%d edits, %d cores, load %s) | result |" % (edits, os.cpu_count(), load))
print("|---|---|")
print("| manual 'sync A && sync B' per edit, median of %d (baseline) | %.2f s |" % (len(manual), statistics.median(manual)))
print("| watch: write in A to file complete in B, median | %.2f s |" % statistics.median(latencies))
print("| watch: p95 | %.2f s |" % pct(latencies, 95))
print("| watch: slowest | %.2f s |" % max(latencies))
print("| watch median / manual median | %.2f |" % (statistics.median(latencies) / statistics.median(manual)))
print("| idle watcher CPU share (A, B) over %d s | %.2f %%, %.2f %% of one core |" % (window, cpu[0] * 100, cpu[1] * 100))
print("| idle API requests per watcher per hour | %.0f |" % per_hour)
print("| watchers' exit codes after SIGTERM | %s |" % ", ".join(str(c) for c in codes))
PY
