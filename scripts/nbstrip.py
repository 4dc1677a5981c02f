#!/usr/bin/python3
"""Strip outputs from notebooks: git's clean filter, and the test's checks.

    /usr/bin/python3 scripts/nbstrip.py < in.ipynb > out.ipynb   # clean filter
    /usr/bin/python3 scripts/nbstrip.py --check                   # committed notebooks

As a filter (installed by scripts/setup.sh into .git/config as
filter.nbstrip, applied to *.ipynb by .gitattributes) it reads a notebook on
stdin and writes it without outputs, execution counts and per-run metadata
(execution timings, collapsed/scrolled state, widget state): what is
committed is only the notebook's source. The file in the work tree keeps its
outputs.

--check: for every notebook git tracks (a student's own untracked notebook
does not count), fails when its committed version (the index) has outputs or
execution counts, and when two notebooks share a code cell of more than 5
lines (such a helper belongs in the library). Last line:
"notebook lint: ok" or "notebook lint: N problem(s)".
"""

import json
import subprocess
import sys
from pathlib import Path

import nbformat

REPO = Path(__file__).resolve().parent.parent
CELL_METADATA_DROP = ("execution", "collapsed", "scrolled", "ExecuteTime")
NB_METADATA_DROP = ("widgets", "toc", "varInspector")


def strip(nb) -> bool:
    """Removes outputs and per-run metadata in place; True if it changed nb."""
    changed = False
    for cell in nb.get("cells", []):
        md = cell.get("metadata", {})
        for k in CELL_METADATA_DROP:
            changed |= md.pop(k, None) is not None
        if cell.get("cell_type") == "code":
            changed |= bool(cell.get("outputs")) or cell.get("execution_count") is not None
            cell["outputs"] = []
            cell["execution_count"] = None
    for k in NB_METADATA_DROP:
        changed |= nb.get("metadata", {}).pop(k, None) is not None
    return changed


def tracked_notebooks():
    out = subprocess.run(["git", "-C", str(REPO), "ls-files", "-z", "--", "*.ipynb"],
                         capture_output=True, text=True, check=True).stdout
    return [p for p in out.split("\0") if p]


def committed_text(path: str) -> str:
    """The notebook as staged in the index (what a commit records)."""
    return subprocess.run(["git", "-C", str(REPO), "show", f":{path}"],
                          capture_output=True, text=True, check=True).stdout


def check() -> int:
    problems = []
    seen = {}
    for path in tracked_notebooks():
        try:
            nb = json.loads(committed_text(path))
        except (subprocess.CalledProcessError, json.JSONDecodeError) as e:
            problems.append(f"{path}: cannot read it from the index: {e}")
            continue
        for i, cell in enumerate(nb.get("cells", [])):
            if cell.get("cell_type") != "code":
                continue
            if cell.get("outputs") or cell.get("execution_count") is not None:
                problems.append(f"{path}: cell {i} is committed with outputs "
                                "(run `bash scripts/setup.sh` to install the strip filter, then "
                                "`git add --renormalize notebooks/`)")
                break
        for i, cell in enumerate(nb.get("cells", [])):
            src = "".join(cell.get("source", "")).strip()
            if cell.get("cell_type") == "code" and src.count("\n") >= 5:
                for other, j in seen.get(src, []):
                    if other != path:
                        problems.append(f"{other} cell {j} and {path} cell {i} are the same code cell "
                                        "(more than 5 lines): move it into the library")
                seen.setdefault(src, []).append((path, i))
    for p in problems:
        print("  " + p)
    print("notebook lint: ok" if not problems else f"notebook lint: {len(problems)} problem(s)")
    return 1 if problems else 0


def main(argv):
    if argv == ["--check"]:
        return check()
    if argv:
        print(__doc__, file=sys.stderr)
        return 2
    text = sys.stdin.read()
    try:
        nb = nbformat.reads(text, as_version=nbformat.NO_CONVERT)
    except Exception:  # not a notebook (a merge conflict?): leave it alone
        sys.stdout.write(text)
        return 0
    # Unchanged text when there is nothing to strip: git then sees no change
    # in notebooks written by other tools than Jupyter.
    sys.stdout.write(nbformat.writes(nb) + "\n" if strip(nb) else text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
