#!/usr/bin/env bash
# Installs what optlab's notebooks need, and only what is missing:
#   - Jupyter from Debian's packages (notebook, nbconvert, nbclient, ipykernel,
#     jupyter-client for `jupyter kernelspec`),
#   - GoNB at the version pinned in go.mod (`tool` directive),
#   - goimports and gopls (GoNB needs both),
#   - the GoNB kernel registration (`gonb --install`).
# Idempotent: a second run checks and installs nothing. Meant for a Debian
# machine, as root (or with sudo available for apt-get). Run from anywhere.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

# Versions of the helpers GoNB runs. gopls v0.23.0 builds with Go 1.26; goimports
# is taken from the same golang.org/x/tools revision that gopls v0.23.0 uses.
GOPLS_VERSION=v0.23.0
GOIMPORTS_VERSION=v0.47.1-0.20260707181000-a299dadba899
DEBIAN_PACKAGES=(jupyter-notebook jupyter-nbconvert jupyter-client python3-nbclient python3-nbformat python3-ipykernel)

say() { printf 'setup: %s\n' "$*"; }
die() { printf 'setup: ERROR: %s\n' "$*" >&2; exit 1; }

source scripts/env.sh
command -v go >/dev/null 2>&1 || die "Go is not installed (need Go 1.26+ on PATH)."
GOBIN_DIR="$(go env GOBIN)"
[[ -n "$GOBIN_DIR" ]] || GOBIN_DIR="$(go env GOPATH)/bin"
export PATH="$PATH:$GOBIN_DIR"
# Debian's jupyter, whatever other python (e.g. pyenv) comes first on PATH.
JUPYTER=/usr/bin/jupyter

# --- Debian packages -------------------------------------------------------
missing=()
for pkg in "${DEBIAN_PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$pkg")
    fi
done
if ((${#missing[@]})); then
    command -v apt-get >/dev/null 2>&1 || die "missing ${missing[*]} and apt-get is not available (Debian/Ubuntu needed)."
    SUDO=()
    if [[ $(id -u) -ne 0 ]]; then
        command -v sudo >/dev/null 2>&1 || die "need root (or sudo) to install ${missing[*]}."
        SUDO=(sudo)
    fi
    say "installing Debian packages: ${missing[*]} (takes about a minute)"
    log=$(mktemp)
    if ! { "${SUDO[@]}" apt-get update -qq &&
           "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"; } >"$log" 2>&1; then
        tail -n 30 "$log" >&2
        die "apt-get failed (log above)."
    fi
    rm -f "$log"
fi

# --- Go tools ----------------------------------------------------------------
# have NAME VERSION: true when $GOBIN_DIR/NAME exists and was built from VERSION.
have() {
    [[ -x "$GOBIN_DIR/$1" ]] && go version -m "$GOBIN_DIR/$1" 2>/dev/null | grep -qE "^[[:space:]]*mod[[:space:]].*[[:space:]]$2([[:space:]]|$)"
}

GONB_VERSION="$(go list -m -f '{{.Version}}' github.com/janpfeifer/gonb)"
if ! have gonb "$GONB_VERSION"; then
    say "building gonb $GONB_VERSION (the version pinned in go.mod)"
    go install tool
fi
if ! have goimports "$GOIMPORTS_VERSION"; then
    say "building goimports $GOIMPORTS_VERSION"
    (cd / && GOFLAGS='' go install "golang.org/x/tools/cmd/goimports@$GOIMPORTS_VERSION")
fi
if ! have gopls "$GOPLS_VERSION"; then
    say "building gopls $GOPLS_VERSION (takes about a minute)"
    (cd / && GOFLAGS='' go install "golang.org/x/tools/gopls@$GOPLS_VERSION")
fi

# --- GoNB kernel -------------------------------------------------------------
kernel_ok() {
    local dir
    dir=$("$JUPYTER" kernelspec list --json 2>/dev/null |
        /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["kernelspecs"].get("gonb",{}).get("resource_dir",""))') || return 1
    # Registered, and pointing at the gonb binary installed above.
    [[ -n "$dir" && -f "$dir/kernel.json" ]] && grep -qF "\"$GOBIN_DIR/gonb\"" "$dir/kernel.json"
}
if ! kernel_ok; then
    say "registering the GoNB Jupyter kernel"
    log=$(mktemp)
    if ! gonb --install >"$log" 2>&1; then
        cat "$log" >&2
        die "gonb --install failed."
    fi
    rm -f "$log"
    kernel_ok || die "gonb kernel still not registered (check: $JUPYTER kernelspec list)."
fi

say "ok: jupyter $("$JUPYTER" notebook --version 2>/dev/null), gonb $GONB_VERSION, gopls $GOPLS_VERSION, goimports, kernel 'gonb'"
