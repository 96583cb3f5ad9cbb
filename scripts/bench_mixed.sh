#!/usr/bin/env bash
# bench_mixed.sh [RUNS]: the same quorum-ctl bench load on 3-node Raft
# clusters of native quorum-node processes and of the page's quorum_node.wasm
# under Node.js (web/node_host.mjs), fsync on: all native, 2 native + 1 wasm,
# 1 native + 2 wasm, all wasm. Each cluster starts afresh in empty
# directories; the layouts are interleaved, RUNS rounds (default 3). One
# line per run, then the median run of each layout (README, "Wasm nodes
# beside native ones"). Needs `./quorum build native-release web`.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
bin=build/native-release/shell
wasm=build/web/site/quorum_node.wasm
for f in "$bin/node/quorum-node" "$bin/ctl/quorum-ctl" "$wasm"; do
  [ -e "$f" ] || { echo "bench_mixed: $f is missing (./quorum build native-release web)" >&2; exit 2; }
done
peers=1=127.0.0.1:17660,2=127.0.0.1:17661,3=127.0.0.1:17662
work=$(mktemp -d)
pids=()
stop_nodes() {
  [ ${#pids[@]} -eq 0 ] || { kill "${pids[@]}" 2>/dev/null || true; wait "${pids[@]}" 2>/dev/null || true; }
  pids=()
}
trap 'stop_nodes; rm -rf "$work"' EXIT

leader() {
  "$bin/ctl/quorum-ctl" --peers "$peers" status --json 2>/dev/null |
    python3 -c 'import json,sys; print(next((n["id"] for n in json.load(sys.stdin)["nodes"] if n.get("role") == "leader"), ""))' ||
    true
}

# run LAYOUT ROUND: LAYOUT is three letters, n native, w wasm, for nodes 1..3.
run() {
  local layout=$1 round=$2 dir="$work/$1-$2" id kind
  for id in 1 2 3; do
    mkdir -p "$dir/n$id"
    kind=${layout:$((id - 1)):1}
    if [ "$kind" = n ]; then
      "$bin/node/quorum-node" --id "$id" --peers "$peers" --data "$dir/n$id" 2>"$dir/n$id.log" &
    else
      node web/node_host.mjs --wasm "$wasm" --id "$id" --peers "$peers" --data "$dir/n$id" 2>"$dir/n$id.log" &
    fi
    pids+=($!)
  done
  local lead="" tries=0
  while [ -z "$lead" ] && [ $tries -lt 100 ]; do lead=$(leader); tries=$((tries + 1)); [ -n "$lead" ] || sleep 0.1; done
  [ -n "$lead" ] || { echo "bench_mixed: no leader in $layout (logs in $dir)" >&2; exit 1; }
  local result
  result=$("$bin/ctl/quorum-ctl" --peers "$peers" bench --clients 16 --seconds 10 --workload put --json)
  stop_nodes
  echo "$layout $round ${layout:$((lead - 1)):1} $result"
}

results="$work/results.txt"
for round in $(seq 1 "$runs"); do
  for layout in nnn nnw nww www; do
    run "$layout" "$round" | tee -a "$results"
  done
done
python3 - "$results" <<'EOF'
import json, sys
rows = {}
for line in open(sys.argv[1]):
    layout, _, lead, result = line.split(" ", 3)
    rows.setdefault(layout, []).append((json.loads(result), lead))
names = {"nnn": "all native", "nnw": "2 native + 1 wasm", "nww": "1 native + 2 wasm", "www": "all wasm"}
print("| 3 nodes | leader's kind (median run) | writes/s (median, range) | p50 ms | p90 ms | p99 ms |")
print("|---|---|---:|---:|---:|---:|")
for layout, runs in rows.items():
    runs.sort(key=lambda r: r[0]["ops_per_s"])
    median, lead = runs[len(runs) // 2]
    low, high = runs[0][0]["ops_per_s"], runs[-1][0]["ops_per_s"]
    kind = "native" if lead == "n" else "wasm"
    print(f"| {names[layout]} | {kind} | {median['ops_per_s']:,.0f} ({low:,.0f}-{high:,.0f}) | "
          f"{median['p50_ms']:.2f} | {median['p90_ms']:.1f} | {median['p99_ms']:.0f} |")
EOF
