#!/usr/bin/env bash
# Installs what optlab's notebooks need, and only what is missing:
#   - Jupyter from Debian's packages (notebook, nbconvert, nbclient, ipykernel,
#     jupyter-client for `jupyter kernelspec`), and pngquant and gifsicle,
#     which shrink the tutorial's figures,
#   - GoNB at the version pinned in go.mod (`tool` directive),
#   - goimports and gopls (GoNB needs both),
#   - the GoNB kernel registration (`gonb --install`), with GoNB's INFO log
#     lines off (warnings and errors still reach Jupyter's terminal; set
#     GONB_VERBOSE=1 when running this script to get them all back),
#   - the git clean filter that strips notebook outputs on commit
#     (filter.nbstrip in .git/config, used by .gitattributes),
#   - with --browser (scripts/test.sh uses it): Debian's chromium and node/npm,
#     and playwright-core from tests/browser/package-lock.json (npm ci).
# Idempotent: a second run checks and installs nothing. Meant for a Debian
# machine, as root (or with sudo available for apt-get). Run from anywhere.
set -euo pipefail

browser=0
[[ "${1:-}" == "--browser" ]] && browser=1

cd "$(dirname "${BASH_SOURCE[0]}")/.."

# Versions of the helpers GoNB runs. gopls v0.23.0 builds with Go 1.26; goimports
# is taken from the same golang.org/x/tools revision that gopls v0.23.0 uses.
GOPLS_VERSION=v0.23.0
GOIMPORTS_VERSION=v0.47.1-0.20260707181000-a299dadba899
DEBIAN_PACKAGES=(jupyter-notebook jupyter-nbconvert jupyter-client python3-nbclient python3-nbformat python3-ipykernel pngquant gifsicle)

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
if ((browser)); then
    DEBIAN_PACKAGES+=(chromium)
    command -v npm >/dev/null 2>&1 || DEBIAN_PACKAGES+=(nodejs npm)
fi
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
# GoNB logs through klog, which by default writes every INFO line to stderr,
# i.e. to the terminal of `jupyter notebook`. These flags keep warnings and
# errors on stderr and send the rest to /dev/null (klog needs a file then).
if [[ "${GONB_VERBOSE:-}" == 1 ]]; then
    KLOG_ARGS=(--logtostderr)
else
    KLOG_ARGS=(--logtostderr=false --stderrthreshold=WARNING --log_file=/dev/null)
fi
kernel_dir() {
    "$JUPYTER" kernelspec list --json 2>/dev/null |
        /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["kernelspecs"].get("gonb",{}).get("resource_dir",""))'
}
# kernel_args: the argv the kernel.json should have.
kernel_args() {
    /usr/bin/python3 -c 'import json,sys; print(json.dumps(sys.argv[1:]))' \
        "$GOBIN_DIR/gonb" --kernel "{connection_file}" "${KLOG_ARGS[@]}"
}
kernel_ok() {
    local dir
    dir=$(kernel_dir) || return 1
    # Registered, pointing at the gonb binary installed above, with our log flags.
    [[ -n "$dir" && -f "$dir/kernel.json" ]] &&
        /usr/bin/python3 -c 'import json,sys; sys.exit(json.load(open(sys.argv[1]))["argv"] != json.loads(sys.argv[2]))' \
            "$dir/kernel.json" "$(kernel_args)"
}
if ! kernel_ok; then
    say "registering the GoNB Jupyter kernel"
    log=$(mktemp)
    if ! gonb --install >"$log" 2>&1; then
        cat "$log" >&2
        die "gonb --install failed."
    fi
    rm -f "$log"
    dir=$(kernel_dir)
    [[ -n "$dir" && -f "$dir/kernel.json" ]] || die "gonb kernel not registered (check: $JUPYTER kernelspec list)."
    /usr/bin/python3 -c 'import json,sys
k = json.load(open(sys.argv[1])); k["argv"] = json.loads(sys.argv[2])
json.dump(k, open(sys.argv[1], "w"), indent=1)' "$dir/kernel.json" "$(kernel_args)"
    kernel_ok || die "gonb kernel still not registered as wanted (check: $JUPYTER kernelspec list)."
fi

# --- git: strip notebook outputs on commit -------------------------------------
if git rev-parse --git-dir >/dev/null 2>&1; then
    want='/usr/bin/python3 scripts/nbstrip.py'
    if [[ "$(git config --get filter.nbstrip.clean || true)" != "$want" ]]; then
        say "installing the git filter that strips notebook outputs on commit"
        git config filter.nbstrip.clean "$want"
        git config filter.nbstrip.smudge cat
    fi
fi

# --- browser test: playwright-core -------------------------------------------
if ((browser)); then
    if ! (cd tests/browser && node -e 'require("playwright-core")' 2>/dev/null &&
          [[ "$(node -p 'require("playwright-core/package.json").version')" == \
             "$(node -p 'require("./package-lock.json").packages["node_modules/playwright-core"].version')" ]]); then
        say "installing playwright-core (npm ci in tests/browser; no browser download: Debian's chromium is used)"
        (cd tests/browser && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error) ||
            die "npm ci in tests/browser failed."
    fi
fi

say "ok: jupyter $("$JUPYTER" notebook --version 2>/dev/null), gonb $GONB_VERSION, gopls $GOPLS_VERSION, goimports, kernel 'gonb'"
