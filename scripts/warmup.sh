#!/usr/bin/env bash
# Warms Go's build cache so that the first notebook cell compiles in seconds,
# not minutes: builds the module (tolerant: a package that does not compile
# is reported and skipped), then a tiny program built the way GoNB builds a
# cell (its own module in a Go workspace with this checkout) that imports
# the packages the notebooks use. Prints what it does. Called by start.sh.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/env.sh
say() { printf 'warm-up: %s\n' "$*"; }
t0=$SECONDS

say "go build ./... (compiles the optlab packages into Go's build cache)"
if ! out=$(go build ./... 2>&1); then
    say "warning: some packages do not compile (notebooks using them will fail):"
    printf '%s\n' "$out" | head -n 15 | sed 's/^/    /'
fi
say "  done ($((SECONDS - t0))s)"

# What a notebook cell imports (stable packages only: the method packages
# are covered by go build ./... above).
pkgs=(
    github.com/optlab/optlab/pkg/nbshow
    github.com/optlab/optlab/pkg/viz
    github.com/optlab/optlab/pkg/optim
    github.com/optlab/optlab/pkg/problems
    github.com/janpfeifer/gonb/gonbui
    github.com/janpfeifer/gonb/gonbui/dom
    github.com/janpfeifer/gonb/gonbui/widgets
    gonum.org/v1/plot
    gonum.org/v1/plot/plotter
    gonum.org/v1/plot/vg
    gonum.org/v1/gonum/floats
    gonum.org/v1/gonum/mat
)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
{
    echo "package main"
    echo
    echo "import ("
    for p in "${pkgs[@]}"; do echo "	_ \"$p\""; done
    echo ")"
    echo
    echo "func main() {}"
} >"$tmp/main.go"
say "building a cell-like program importing ${#pkgs[@]} packages (nbshow, viz, optim, gonum/plot, gonbui/widgets, ...)"
t1=$SECONDS
repo=$PWD
if (cd "$tmp" && go mod init gonb_warmup >/dev/null 2>&1 && go work init && go work use . "$repo" &&
    go build -o "$tmp/warmup" . ) 2>"$tmp/err"; then
    say "  done ($((SECONDS - t1))s); warm-up took $((SECONDS - t0))s"
else
    say "warning: the cell-like program did not build:"
    head -n 15 "$tmp/err" | sed 's/^/    /'
    exit 1
fi
