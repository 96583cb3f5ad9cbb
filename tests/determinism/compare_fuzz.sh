#!/usr/bin/env bash
# The same fuzz seeds give the same runs natively and in WebAssembly: for each
# seed, its summary (the verdict of the protocol's checker and of the history
# check: ok, or the phase, rule and failure; the fault mix; the role layout)
# and its whole trace, through `fuzz --digest` (each seed's trace line count
# and the 64-bit FNV-1a hash of all its bytes), compared byte for byte.
#
# usage: compare_fuzz.sh NATIVE_QUORUM_SIM WASM_QUORUM_SIM_JS ALGO SEEDS STEPS OUT_DIR
set -euo pipefail
native=$1 wasm=$2 algo=$3 seeds=$4 steps=$5 out=$6
mkdir -p "$out"
run() {
  # A failing seed is part of what is compared, not a reason to stop.
  "$@" fuzz --algo "$algo" --nodes 5 --seeds "$seeds" --steps "$steps" --digest 2>&1 || true
}
run "$native" >"$out/$algo.native.txt"
run node --no-experimental-fetch "$wasm" >"$out/$algo.wasm.txt"
if ! cmp "$out/$algo.native.txt" "$out/$algo.wasm.txt"; then
  echo "fuzz $algo seeds $seeds differ natively and in wasm: diff $out/$algo.native.txt $out/$algo.wasm.txt" >&2
  echo "native begins:" >&2 && head -n 3 "$out/$algo.native.txt" >&2
  echo "wasm begins:" >&2 && head -n 3 "$out/$algo.wasm.txt" >&2
  exit 1
fi
runs=$(grep -c '  trace: ' "$out/$algo.native.txt")
if [ "$runs" -eq 0 ]; then
  echo "no seed ran: see $out/$algo.native.txt" >&2
  exit 1
fi
echo "fuzz $algo seeds $seeds: $runs runs, summaries and trace digests identical natively and in wasm"
