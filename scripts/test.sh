#!/usr/bin/env bash
# optlab's full test: Go vet and tests, the tutorial's freshness, the
# notebooks' lint, and every notebook run in a real browser followed by the
# tutorial site (tests/browser/run.js). Works on a fresh Debian machine as root (runs
# scripts/setup.sh first). The last line is "notebooks: N passed, M failed";
# the exit status is non-zero if any step failed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/setup.sh --browser
source scripts/env.sh

failed=()
step() { printf '\n=== %s\n' "$*"; }

start=$SECONDS
step "go vet ./..."
go vet ./... || failed+=("go vet")

step "go test ./..."
go test ./... || failed+=("go test")

step "tutorial freshness (tutorial/ vs notebooks/)"
/usr/bin/python3 scripts/render_tutorial.py check || failed+=("tutorial freshness")

step "notebook lint (committed notebooks output-free, no code cell shared between notebooks)"
/usr/bin/python3 scripts/nbstrip.py --check || failed+=("notebook lint")

# Every tracked notebook (chapters and solutions) is run once, in a real
# browser: Jupyter + Debian's chromium, Cell > Run All, each widget's slider
# moved; then every page of the static site. (scripts/check_notebooks.py runs
# them headless instead, for the tutorial build.)
step "notebooks in the browser (Jupyter Run All in chromium), then the static site"
nb_status=0
nb_out=$(mktemp)
trap 'rm -f "$nb_out"' EXIT
node tests/browser/run.js | tee "$nb_out" || nb_status=$?
if ((nb_status)); then failed+=("browser"); fi

echo
if ((${#failed[@]})); then
    echo "test.sh: FAILED: ${failed[*]} ($((SECONDS - start))s)"
else
    echo "test.sh: all steps passed ($((SECONDS - start))s)"
fi
# The checker's closing line, repeated so it is the last line of the run.
grep -E '^notebooks: [0-9]+ passed, [0-9]+ failed$' "$nb_out" | tail -n 1 || echo "notebooks: 0 passed, 1 failed"
((${#failed[@]} == 0))
