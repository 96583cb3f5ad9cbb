#!/usr/bin/env bash
# run.sh HARNESS CORPUS FOUND [LIBFUZZER ARGS...]: one bounded libFuzzer run of
# HARNESS over the corpus kept in the repository (CORPUS, read only), with
# what it finds written to FOUND, emptied first so every run starts from the
# same inputs (with -seed fixed, the same run).
set -euo pipefail
harness=$1 corpus=$2 found=$3
shift 3
rm -rf "$found"
mkdir -p "$found"
exec "$harness" "$@" "$found" "$corpus"
