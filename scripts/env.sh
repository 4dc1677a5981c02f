# shellcheck shell=bash
# Sourced by the scripts in this folder: the environment they share.
# Go: also found in its default Debian/tarball place when not on PATH.
if ! command -v go >/dev/null 2>&1 && [[ -x /usr/local/go/bin/go ]]; then
    export PATH="$PATH:/usr/local/go/bin"
fi
if command -v go >/dev/null 2>&1; then
    # gonb, gopls and goimports are installed there; the kernel needs them on PATH.
    PATH="$PATH:$(go env GOPATH)/bin"
    export PATH
fi
# Silences python 3.11's "frozen modules" debugger warning from Jupyter tools.
export PYDEVD_DISABLE_FILE_VALIDATION=1
