#!/usr/bin/env bash
# Runs optlab's benchmarks and summarizes them with benchstat.
#
#   bash scripts/bench.sh [OUT] [PACKAGES...]
#
# OUT (default bench.txt) receives the raw `go test -bench` output, COUNT
# (default 6) runs of each benchmark; benchstat then prints the medians with
# their confidence intervals. Compare two runs with `benchstat old.txt new.txt`.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-bench.txt}
shift || true
pkgs=("$@")
[ ${#pkgs[@]} -gt 0 ] || pkgs=(./...)
export PATH="$PATH:$(go env GOPATH)/bin"
if ! command -v benchstat >/dev/null 2>&1; then
	echo "installing benchstat" >&2
	go install golang.org/x/perf/cmd/benchstat@v0.0.0-20260908200009-22c9c6c9d4da
fi
go test -run '^$' -bench "${BENCH:-.}" -benchmem -count "${COUNT:-6}" "${pkgs[@]}" | tee "$out"
benchstat "$out"
