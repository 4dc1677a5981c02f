#!/usr/bin/env bash
# optlab's full test: Go vet and tests, every notebook executed headless, and
# the tutorial's freshness, the notebooks' lint, and a browser test of the
# notebooks and the tutorial site (tests/browser/run.js). Works on a fresh Debian machine as root (runs
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

step "notebooks (executed headless, outputs kept in memory)"
nb_status=0
nb_out=$(mktemp)
trap 'rm -f "$nb_out"' EXIT
/usr/bin/python3 scripts/check_notebooks.py | tee "$nb_out" || nb_status=$?
if ((nb_status)); then failed+=("notebooks"); fi

# Run All in a real browser (Jupyter + Debian's chromium), then the static site.
# BROWSER_NOTEBOOKS lists the notebooks (names in notebooks/) it runs.
step "browser (Jupyter Run All in chromium, static site)"
node tests/browser/run.js || failed+=("browser")

echo
if ((${#failed[@]})); then
    echo "test.sh: FAILED: ${failed[*]} ($((SECONDS - start))s)"
else
    echo "test.sh: all steps passed ($((SECONDS - start))s)"
fi
# The checker's closing line, repeated so it is the last line of the run.
grep -E '^notebooks: [0-9]+ passed, [0-9]+ failed$' "$nb_out" | tail -n 1 || echo "notebooks: 0 passed, 1 failed"
((${#failed[@]} == 0))
