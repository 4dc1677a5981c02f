#!/usr/bin/env bash
# Opens optlab's notebooks in Jupyter Notebook (GoNB kernel), after installing
# whatever is missing (scripts/setup.sh). Works on a fresh Debian machine as root.
#   JUPYTER_IP   address to listen on (default 127.0.0.1)
#   JUPYTER_PORT port (default 8888; the next free one is used if taken)
# Extra arguments are passed to `jupyter notebook`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/setup.sh
source scripts/env.sh
bash scripts/warmup.sh || echo "start: warning: the warm-up failed (above); the first cells will compile more slowly."
# Trusted notebooks show their saved outputs (HTML, figures) when opened.
/usr/bin/python3 -m nbformat.sign notebooks/*.ipynb 2>&1 | sed 's/^/start: /' || true

ip=${JUPYTER_IP:-127.0.0.1}
port=${JUPYTER_PORT:-8888}
args=(--notebook-dir="$PWD/notebooks" --ip="$ip" --port="$port" --no-browser)
[[ $(id -u) -ne 0 ]] || args+=(--allow-root)

echo "start: Jupyter Notebook on notebooks/ at http://$ip:$port/ (the exact URL with its"
echo "start: login token is printed below as 'http://...?token=...'; Ctrl-C to stop)"
exec /usr/bin/jupyter notebook "${args[@]}" "$@"
