#!/usr/bin/env bash
# Native throughput and latency: a 3-node quorum-node Raft cluster on loopback
# under quorum-ctl bench, with SQLite's synchronous=FULL (fsync per batch: the
# real setting), NORMAL and OFF (to show what the fsync costs), then a 3-node
# etcd 3.4 cluster on loopback under the same load (scripts/etcd_load.py):
# N clients, one put outstanding each, random keys, for S seconds.
#
#   scripts/bench_native.sh [--seconds S] [--clients N] [--keys K] [--no-etcd]
#
# etcd comes from Debian (etcd-server, etcd-client: APT_BENCH_PACKAGES in
# scripts/setup.sh), installed here on first use, not by ./quorum test: CI
# stays fast. If it cannot be installed or started, the table says so and
# shows Quorum's rows alone. Data directories live in build/bench-native (the
# real disk: an fsync on tmpfs would cost nothing and prove nothing). Ports:
# 17401-17403 for Quorum, 17501-17503 and 17511-17513 for etcd.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
# shellcheck source=scripts/setup.sh
source "$ROOT/scripts/setup.sh"

seconds=10 clients=16 keys=1000 with_etcd=1
while [ $# -gt 0 ]; do
  case $1 in
    --seconds) seconds=$2; shift 2 ;;
    --clients) clients=$2; shift 2 ;;
    --keys) keys=$2; shift 2 ;;
    --no-etcd) with_etcd=0; shift ;;
    *) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
  esac
done

ensure_apt_packages "${APT_BUILD_PACKAGES[@]}"
if [ ! -f build/native-release/CMakeCache.txt ]; then
  cmake --preset native-release --log-level=WARNING
fi
cmake --build --preset native-release --target quorum-node quorum-ctl
bin=build/native-release/shell
work=$ROOT/build/bench-native
rm -rf "$work" && mkdir -p "$work"
declare -a pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  pids=()
}
trap cleanup EXIT

results=()  # "name|json|note"

field() { python3 -c "import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])" "$1" "$2"; }

run_quorum() {
  local sync=$1 peers=1=127.0.0.1:17401,2=127.0.0.1:17402,3=127.0.0.1:17403
  for id in 1 2 3; do
    "$bin/node/quorum-node" --id "$id" --peers "$peers" --data "$work/quorum-$sync/n$id" \
      --sync "$sync" --seed "$id" 2>"$work/quorum-$sync-node$id.log" &
    pids+=($!)
  done
  local tries=0
  until "$bin/ctl/quorum-ctl" --peers "$peers" status --json | grep -q '"role":"leader"'; do
    tries=$((tries + 1)); [ $tries -lt 100 ] || { echo "no Quorum leader" >&2; exit 1; }
    sleep 0.1
  done
  "$bin/ctl/quorum-ctl" --peers "$peers" bench --clients "$clients" --seconds 1 --keys "$keys" >/dev/null  # warm-up
  local json
  json=$("$bin/ctl/quorum-ctl" --peers "$peers" bench --clients "$clients" --seconds "$seconds" \
    --keys "$keys" --json)
  results+=("quorum raft, synchronous=$sync|$json|")
  cleanup
}

run_etcd() {
  if ! ensure_apt_packages "${APT_BENCH_PACKAGES[@]}" || ! command -v etcd >/dev/null; then
    results+=("etcd 3.4||could not be installed here")
    return
  fi
  local cluster="" endpoints=""
  for id in 1 2 3; do
    cluster+="${cluster:+,}e$id=http://127.0.0.1:1751$id"
    endpoints+="${endpoints:+,}http://127.0.0.1:1750$id"
  done
  for id in 1 2 3; do
    etcd --name "e$id" --data-dir "$work/etcd/e$id" \
      --listen-client-urls "http://127.0.0.1:1750$id" --advertise-client-urls "http://127.0.0.1:1750$id" \
      --listen-peer-urls "http://127.0.0.1:1751$id" --initial-advertise-peer-urls "http://127.0.0.1:1751$id" \
      --initial-cluster "$cluster" --initial-cluster-state new --initial-cluster-token quorum-bench \
      --logger zap --log-level error >"$work/etcd-e$id.log" 2>&1 &
    pids+=($!)
  done
  local tries=0
  until ETCDCTL_API=3 etcdctl --endpoints "$endpoints" endpoint health >/dev/null 2>&1; do
    tries=$((tries + 1))
    if [ $tries -ge 100 ]; then
      results+=("etcd $(etcd --version | head -n 1 | awk '{print $3}')||did not become healthy (logs in $work)")
      cleanup
      return
    fi
    sleep 0.1
  done
  python3 scripts/etcd_load.py --endpoints "$endpoints" --clients "$clients" --seconds 1 --keys "$keys" >/dev/null
  local json
  json=$(python3 scripts/etcd_load.py --endpoints "$endpoints" --clients "$clients" \
    --seconds "$seconds" --keys "$keys")
  results+=("etcd $(etcd --version | head -n 1 | awk '{print $3}') (default fsync)|$json|client cpu $(field "$json" client_cpu_s) s")
  cleanup
}

for sync in full normal off; do
  echo "[bench] quorum, synchronous=$sync: $clients clients, $seconds s" >&2
  run_quorum "$sync"
done
if [ "$with_etcd" = 1 ]; then
  echo "[bench] etcd: $clients clients, $seconds s" >&2
  run_etcd
fi

# What one fsync costs on this disk: the floor under every synchronous=FULL batch.
fsync_ms=$(python3 - "$work/fsync-probe" <<'PY'
import os, sys, time
fd = os.open(sys.argv[1], os.O_WRONLY | os.O_CREAT, 0o644)
samples = []
for i in range(200):
    os.pwrite(fd, b"x" * 4096, (i % 16) * 4096)
    start = time.perf_counter()
    os.fsync(fd)
    samples.append(time.perf_counter() - start)
samples.sort()
print(f"{1000 * samples[100]:.2f} ms median, {1000 * samples[198]:.2f} ms p99")
PY
)

echo
echo "3 nodes on loopback, $clients concurrent clients, puts on $keys keys, $seconds s, $(nproc) cores"
echo "fsync of a 4 KiB write on this disk: $fsync_ms; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-38s %10s %9s %9s %9s  %s\n' system "writes/s" "p50 ms" "p99 ms" "max ms" note
for row in "${results[@]}"; do
  IFS='|' read -r name json note <<<"$row"
  if [ -z "$json" ]; then
    printf '%-38s %10s %9s %9s %9s  %s\n' "$name" - - - - "$note"
  else
    printf '%-38s %10s %9s %9s %9s  %s\n' "$name" "$(field "$json" ops_per_s)" \
      "$(field "$json" p50_ms)" "$(field "$json" p99_ms)" "$(field "$json" max_ms)" "$note"
  fi
done
