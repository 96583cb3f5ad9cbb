#!/usr/bin/env bash
# The same scenario and seed give the same trace, byte for byte, natively and
# in WebAssembly, and twice natively: every bug a student finds must replay
# anywhere (docs/design.md, "One scheduler, several runners").
#
# usage: compare_traces.sh NATIVE_QUORUM_SIM WASM_QUORUM_SIM_JS SCENARIO SEED OUT_DIR
set -euo pipefail
native=$1 wasm=$2 scenario=$3 seed=$4 out=$5
mkdir -p "$out"
name=$(basename "$scenario" .qs)
"$native" run "$scenario" --seed "$seed" --quiet --trace "$out/$name.native.jsonl"
# And twice natively: a run depends on nothing but the scenario and the seed.
"$native" run "$scenario" --seed "$seed" --quiet --trace "$out/$name.again.jsonl"
if ! cmp "$out/$name.native.jsonl" "$out/$name.again.jsonl"; then
  echo "two native runs of $scenario seed $seed differ: diff $out/$name.native.jsonl $out/$name.again.jsonl" >&2
  exit 1
fi
node --no-experimental-fetch "$wasm" run "$scenario" --seed "$seed" --quiet --trace "$out/$name.wasm.jsonl"
if ! cmp "$out/$name.native.jsonl" "$out/$name.wasm.jsonl"; then
  echo "traces differ for $scenario seed $seed: diff $out/$name.native.jsonl $out/$name.wasm.jsonl" >&2
  exit 1
fi
echo "$name seed $seed: $(wc -l < "$out/$name.native.jsonl") trace lines, identical natively and in wasm"
