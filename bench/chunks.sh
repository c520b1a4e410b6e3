#!/usr/bin/env bash
# Chunking + hashing throughput of the client's chunker (FastCDC, SHA-256 of every chunk and of
# the whole file) against sha256sum on the same file, and the chunker's peak heap with a small
# -Xmx. Usage: bench/chunks.sh [MB] (default 1024). Needs shared/target/classes (mvn -pl shared compile).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
mb="${1:-1024}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
head -c "$((mb * 1024 * 1024))" /dev/urandom > "$work/big"
cat "$work/big" > /dev/null
start=$(date +%s.%N)
sha256sum "$work/big" > /dev/null
end=$(date +%s.%N)
t_sha=$(echo "$end - $start" | bc)
read -r bytes t_java chunks peak < <(java -Xmx96m -cp "$here/shared/target/classes" "$here/bench/ChunkBench.java" "$work/big")
echo "file: $bytes bytes, $chunks chunks"
echo "sha256sum:        ${t_sha} s"
echo "chunk+hash:       ${t_java} s (-Xmx96m, peak heap $((peak / 1024 / 1024)) MiB)"
echo "ratio (sha256sum time / chunker time): $(echo "scale=2; $t_sha / $t_java" | bc)"
