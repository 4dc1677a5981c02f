#!/usr/bin/env bash
# Rebuilds the Markdown tutorial in tutorial/ from the notebooks:
#   bash scripts/build_tutorial.sh                      # every notebooks/*.ipynb
#   bash scripts/build_tutorial.sh notebooks/03-x.ipynb  # only these chapters (+ index)
# Executes the notebooks headless with the same checker as scripts/test.sh
# (into a temporary folder: notebooks/ is left untouched) and renders nothing
# unless all of them pass. Writes tutorial/NN-name.md, tutorial/NN-name_files/,
# the index tutorial/README.md, the website tutorial/*.html (index.html;
# scripts/build_site.py), and tutorial/shootout/ (`optlab shootout -out`).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/setup.sh
source scripts/env.sh

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if ! /usr/bin/python3 scripts/check_notebooks.py --save-executed "$tmp" "$@"; then
    echo "build_tutorial: some notebooks failed (above); tutorial/ not changed." >&2
    exit 1
fi
/usr/bin/python3 scripts/render_tutorial.py build "$tmp" "$@"
# The same chapters as a static website (tutorial/*.html), sharing the images.
/usr/bin/python3 scripts/build_site.py build "$tmp/site"
# The shoot-out's chart and report at a stable path, for the README.
go run ./cmd/optlab shootout -seed 42 -out tutorial/shootout >/dev/null
if (($#)); then
    # Partial build: report (without failing) the chapters still out of date.
    /usr/bin/python3 scripts/render_tutorial.py check || true
else
    /usr/bin/python3 scripts/render_tutorial.py check
fi
