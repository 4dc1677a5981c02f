#!/usr/bin/python3
"""Execute GoNB notebooks headless and fail on errors or missing images.

Usage (run with Debian's /usr/bin/python3, which has nbclient and nbformat):

    /usr/bin/python3 scripts/check_notebooks.py [options] [NOTEBOOK ...]

With no NOTEBOOK arguments every notebooks/*.ipynb that git tracks is
checked (a student's own untracked notebook there never breaks the test), in name order, one at a time. Each notebook runs in a fresh GoNB
kernel whose working directory is the notebook's own folder (so GONB_DIR is
that folder, as when the notebook is opened in Jupyter; --cwd overrides it, to
try a notebook kept elsewhere against this checkout: --cwd notebooks). Outputs are kept in
memory: the notebook files are never modified. --save-executed DIR writes the
executed copies to DIR instead (the tutorial builder uses this).

A notebook FAILS when, in any code cell:
  * an output has output_type "error" (GoNB reports compile errors this way,
    next to an HTML report; Jupyter-level errors look the same);
  * an output is GoNB's HTML compile-error report (class "gonb-err-...");
  * a stderr stream looks like a Go failure: "panic: ...", "fatal error: ...",
    a goroutine trace, GoNB's "exit status N" (the cell's program or a
    !shell command exited non-zero; that is how a panic or os.Exit ends),
    "GoNB Error", a compiler message "file.go:L:C: ...", or an error line
    "nbshow: ..." that pkg/nbshow writes when it cannot render a plot;
  * the cell times out or the kernel dies;
and also when the whole notebook produced no image at all (image/png,
image/svg+xml, image/gif, image/jpeg, or HTML/Markdown embedding
<img src="data:image/..."> or an inline <svg>).

A cell tagged "raises-exception" (Jupyter's standard tag, set in the cell's
metadata) is allowed to fail: its errors are not counted.

Execution stops at the first failing cell of a notebook. The last line
printed is exactly "notebooks: N passed, M failed"; the exit status is 0 only
when M is 0.
"""

import argparse
import hashlib
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

try:
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellTimeoutError, DeadKernelError
except ImportError as e:  # pragma: no cover - environment problem
    sys.exit(
        f"check_notebooks.py: {e}. Run it with Debian's /usr/bin/python3 after "
        "scripts/setup.sh (packages python3-nbclient, python3-nbformat)."
    )

REPO = Path(__file__).resolve().parent.parent
NOTEBOOKS_DIR = REPO / "notebooks"

ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")

# stderr text that means the cell's Go program (or a shell command) failed.
STDERR_FAILURE = re.compile(
    r"^panic: "
    r"|^fatal error: "
    r"|^goroutine \d+ \["
    r"|^exit status \d+\s*$"
    r"|GoNB Error"
    r"|^nbshow: "
    r"|^viz: "
    r"|\.go:\d+:\d+: ",
    re.MULTILINE,
)

IMAGE_MIME = ("image/png", "image/svg+xml", "image/gif", "image/jpeg")
EMBEDDED_IMAGE = re.compile(
    r"""<img\b[^>]*\bsrc\s*=\s*["']?data:image/|<svg\b|\]\(data:image/""",
    re.IGNORECASE,
)

ALLOW_ERRORS_TAG = "raises-exception"


def source_hash(nb) -> str:
    """SHA-256 of a notebook's cell types and sources (not outputs/metadata).

    The tutorial records it to tell whether a chapter is up to date; running a
    notebook in Jupyter and saving its outputs does not change it.
    """
    cells = [[c.cell_type, c.source] for c in nb.cells]
    blob = json.dumps(cells, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def notebook_source_hash(path) -> str:
    return source_hash(nbformat.read(str(path), as_version=4))


def tracked_notebooks():
    """notebooks/*.ipynb that git tracks (all of them outside a git checkout)."""
    try:
        out = subprocess.run(["git", "-C", str(REPO), "ls-files", "-z", "--", "notebooks/*.ipynb"],
                             capture_output=True, text=True, check=True).stdout
        return [REPO / p for p in out.split("\0") if p and "/" not in p[len("notebooks/"):]]
    except (OSError, subprocess.CalledProcessError):
        return list(NOTEBOOKS_DIR.glob("*.ipynb"))


def html_to_text(s: str) -> str:
    s = re.sub(r"(?is)<(style|script)\b.*?</\1>", "", s)
    s = re.sub(r"(?i)<br\s*/?>", "\n", s)
    s = re.sub(r"<[^>]+>", "", s)
    s = html.unescape(s)
    lines = [ln.strip() for ln in s.splitlines()]
    return "\n".join(ln for ln in lines if ln)


def output_text(out) -> str:
    t = out.get("text", "")
    return ANSI.sub("", "".join(t) if isinstance(t, list) else t)


def is_image_output(out) -> bool:
    if out.get("output_type") not in ("display_data", "execute_result"):
        return False
    data = out.get("data", {})
    if any(m in data for m in IMAGE_MIME):
        return True
    for m in ("text/html", "text/markdown"):
        v = data.get(m)
        if v is not None:
            v = "".join(v) if isinstance(v, list) else v
            if EMBEDDED_IMAGE.search(v):
                return True
    return False


def cell_problems(cell):
    """Returns a list of human-readable problems found in a cell's outputs."""
    problems = []
    stderr = "".join(
        output_text(o) for o in cell.get("outputs", [])
        if o.get("output_type") == "stream" and o.get("name") == "stderr")
    if STDERR_FAILURE.search(stderr):
        problems.append("stderr:\n" + stderr.strip())
    for out in cell.get("outputs", []):
        kind = out.get("output_type")
        if kind == "error":
            tb = "\n".join(ANSI.sub("", t) for t in out.get("traceback", []))
            msg = f"error output: {out.get('ename', '')}: {ANSI.sub('', out.get('evalue', ''))}"
            if tb and tb.strip() not in msg:
                msg += "\n" + tb
            problems.append(msg)
        elif kind in ("display_data", "execute_result"):
            h = out.get("data", {}).get("text/html")
            if h is not None:
                h = "".join(h) if isinstance(h, list) else h
                if "gonb-err-" in h:
                    problems.append("GoNB compile error report:\n" + html_to_text(h))
    return problems


def describe_cell(nb, index):
    cell = nb.cells[index]
    first = next((ln.strip() for ln in cell.source.splitlines()
                  if ln.strip() and ln.strip() != "%%"), "")
    if len(first) > 60:
        first = first[:57] + "..."
    n = cell.get("execution_count")
    label = f"In [{n}]" if n is not None else "not run"
    return f"cell {index + 1} of {len(nb.cells)} ({label}: {first!r})"


def indent(text, prefix="    ", limit=40):
    lines = text.splitlines()
    if len(lines) > limit:
        lines = lines[:limit] + [f"... ({len(lines) - limit} more lines)"]
    return "\n".join(prefix + ln for ln in lines)


def run_notebook(path: Path, timeout: int, kernel: str, cwd, save_dir, log_dir):
    """Executes one notebook; returns (ok, messages, executed_nb, n_images)."""
    nb = nbformat.read(str(path), as_version=4)
    workdir = str(cwd or path.resolve().parent)
    client = NotebookClient(
        nb,
        timeout=timeout,
        startup_timeout=120,
        kernel_name=kernel,
        allow_errors=True,  # errors are detected below, cell by cell
        record_timing=False,
        resources={"metadata": {"path": workdir}},
    )
    log_path = Path(log_dir) / (path.stem + ".kernel.log")
    failures = []
    with open(log_path, "wb") as log:
        try:
            with client.setup_kernel(stdout=log, stderr=log):
                for i, cell in enumerate(nb.cells):
                    if cell.cell_type != "code":
                        continue
                    try:
                        client.execute_cell(cell, i)
                    except CellTimeoutError:
                        failures.append((i, f"timed out after {timeout}s"))
                        break
                    except DeadKernelError as e:
                        failures.append((i, f"kernel died: {e}"))
                        break
                    if ALLOW_ERRORS_TAG in cell.get("metadata", {}).get("tags", []):
                        continue
                    probs = cell_problems(cell)
                    if probs:
                        failures.append((i, "\n".join(probs)))
                        break
        except Exception as e:  # kernel failed to start, etc.
            failures.append((None, f"{type(e).__name__}: {e}"))

    n_images = sum(
        1
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.get("outputs", [])
        if is_image_output(o)
    )
    messages = []
    for idx, msg in failures:
        where = describe_cell(nb, idx) if idx is not None else "kernel"
        messages.append(f"  {where}:\n{indent(msg)}")
    if not failures and n_images == 0:
        messages.append(
            "  no image output in the whole notebook (expected at least one plot, "
            "e.g. nbshow.Plot / nbshow.PNG / nbshow.SVG / nbshow.GIF)"
        )
    ok = not messages
    kernel_trouble = any(
        idx is None or msg.startswith(("timed out", "kernel died")) for idx, msg in failures)
    if kernel_trouble and log_path.exists():
        tail = log_path.read_text(errors="replace").splitlines()[-15:]
        if tail:
            messages.append("  last lines of the kernel's log:\n" + indent(ANSI.sub("", "\n".join(tail))))
    if save_dir is not None:
        Path(save_dir).mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, str(Path(save_dir) / path.name))
    return ok, messages, nb, n_images


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("notebooks", nargs="*", type=Path,
                    help="notebooks to check (default: notebooks/*.ipynb)")
    ap.add_argument("--timeout", type=int, default=int(os.environ.get("NB_CELL_TIMEOUT", 300)),
                    help="per-cell timeout in seconds (default 300, env NB_CELL_TIMEOUT)")
    ap.add_argument("--kernel", default="gonb", help="kernel name (default gonb)")
    ap.add_argument("--cwd", type=Path, default=None,
                    help="kernel working directory (GONB_DIR); default: each notebook's folder")
    ap.add_argument("--save-executed", type=Path, default=None, metavar="DIR",
                    help="write executed copies of the notebooks to DIR (never into notebooks/)")
    args = ap.parse_args(argv)

    # Chapter order: by the number of NN-name.ipynb, then by name.
    def order(p):
        m = re.match(r"^(\d+)-", p.stem)
        return (0, int(m.group(1)), p.stem) if m else (1, 0, p.stem)
    paths = args.notebooks or sorted(tracked_notebooks(), key=order)
    if args.save_executed is not None:
        for p in paths:
            if args.save_executed.resolve() == p.resolve().parent:
                ap.error("--save-executed must not be the notebooks' own folder")

    # No browser here: nbshow.Interact shows its initial frame, without widgets.
    os.environ["NBSHOW_STATIC"] = "1"
    # The kernel (gonb) needs go, goimports and gopls on its PATH.
    go = shutil.which("go") or ("/usr/local/go/bin/go" if os.path.exists("/usr/local/go/bin/go") else None)
    if go:
        gopath = subprocess.run([go, "env", "GOPATH"], capture_output=True, text=True).stdout.strip()
        extra = [os.path.dirname(go)] + ([os.path.join(gopath, "bin")] if gopath else [])
        os.environ["PATH"] = os.pathsep.join([os.environ.get("PATH", "")] + extra)

    passed = failed = 0
    with tempfile.TemporaryDirectory(prefix="nbcheck-logs-") as tmp:
        log_dir = os.environ.get("NB_LOG_DIR") or tmp
        os.makedirs(log_dir, exist_ok=True)
        for p in paths:
            rel = os.path.relpath(p, Path.cwd())
            print(f"RUN  {rel}", flush=True)
            t0 = time.monotonic()
            ok, messages, _, n_images = run_notebook(
                p, args.timeout, args.kernel, args.cwd, args.save_executed, log_dir)
            dt = time.monotonic() - t0
            if ok:
                passed += 1
                print(f"PASS {rel} ({dt:.1f}s, {n_images} image(s))", flush=True)
            else:
                failed += 1
                print(f"FAIL {rel} ({dt:.1f}s)", flush=True)
                print("\n".join(messages), flush=True)
    print(f"notebooks: {passed} passed, {failed} failed", flush=True)
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
