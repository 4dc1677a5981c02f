#!/usr/bin/env bash
# CMA-ES per-generation time, optlab and pycma side by side, measured in one run
# on this machine: ask + evaluate + tell on the sphere from x0 = 3·1 with
# σ0 = 2 and the default λ, for n = 10, 100, 1000, full and separable (and
# optlab's MA-ES and Cholesky-CMA-ES variants, against pycma's full), as CPU
# time per generation.
#
#   bash scripts/bench_cmaes_pycma.sh PYCMA_DIR [COUNT]
#
# PYCMA_DIR is a checkout of pycma at tag r4.4.0 (the reference version; it
# is not part of optlab and nothing here installs or builds it): it is put
# on PYTHONPATH for Debian's /usr/bin/python3 with python3-numpy. COUNT is
# the number of Go benchmark runs (default 3). The table goes to stdout;
# BENCHMARKS.md records a run of it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
pycma=${1:?usage: bench_cmaes_pycma.sh PYCMA_DIR [COUNT]}
count=${2:-3}
source scripts/env.sh

go_out=$(mktemp)
trap 'rm -f "$go_out"' EXIT
go test -run '^$' -bench 'BenchmarkGeneration' -benchtime 3x -count "$count" ./pkg/cmaes >"$go_out"

# Go: median cpu-ns/gen per sub-benchmark, in ms.
declare -A gocpu
while read -r name ms; do gocpu[$name]=$ms; done < <(
    awk '/^BenchmarkGeneration\// {
        name = $1; sub(/^BenchmarkGeneration\//, "", name); sub(/-[0-9]+$/, "", name)
        for (i = 1; i < NF; i++) if ($(i+1) == "cpu-ns/gen") v[name] = v[name] " " $i
    } END { for (n in v) print n, v[n] }' "$go_out" |
    /usr/bin/python3 -c '
import sys, statistics
for line in sys.stdin:
    name, *vals = line.split()
    print(name, statistics.median(float(v) for v in vals) / 1e6)
')

# pycma: the same loop, CPU time per generation (median of COUNT runs).
PYTHONPATH="$pycma" /usr/bin/python3 - "$count" >"$go_out.py" <<'PY'
import sys, time, statistics, warnings
import numpy as np
import cma
warnings.simplefilter("ignore")
count = int(sys.argv[1])
def gens_for(n):
    return {10: 2000, 100: 300, 1000: 40}[n]
for n in (10, 100, 1000):
    for variant, opts in (("full", {}), ("sep", {"CMA_diagonal": True})):
        times = []
        for rep in range(count):
            o = {"verbose": -9, "seed": rep + 1, "tolfun": 0, "tolx": 0, "tolfunhist": 0, "tolstagnation": 1e9, **opts}
            es = cma.CMAEvolutionStrategy(3 * np.ones(n), 2, o)
            g, t0 = 0, time.process_time()
            while g < gens_for(n):
                X = es.ask()
                es.tell(X, [float(np.dot(x, x)) for x in X])
                g += 1
                if es.stop():
                    es = cma.CMAEvolutionStrategy(3 * np.ones(n), 2, {**o, "seed": g})
            times.append((time.process_time() - t0) / g * 1e3)
        print(f"n={n}/{variant}", statistics.median(times))
PY
declare -A pycpu
while read -r name ms; do pycpu[$name]=$ms; done <"$go_out.py"
rm -f "$go_out.py"

echo "CPU time per generation (ms), median of $count runs; $(nproc) cores; $(go version | cut -d' ' -f3); pycma $(PYTHONPATH="$pycma" /usr/bin/python3 -c 'import cma; print(cma.__version__)')"
echo
echo "| n | variant | optlab | pycma | optlab / pycma |"
echo "|---:|---|---:|---:|---:|"
for n in 10 100 1000; do
    for v in full sep maes cholesky; do
        k="n=$n/$v"
        [[ -n "${gocpu[$k]:-}" ]] || continue
        py=${pycpu[$k]:-}
        [[ $v == maes || $v == cholesky ]] && py=${pycpu[n=$n/full]}
        ratio=$(/usr/bin/python3 -c "print(f'{${gocpu[$k]}/$py:.2f}')")
        label=$v; [[ $v == maes || $v == cholesky ]] && label="$v (vs pycma full)"
        printf '| %s | %s | %.4g | %.4g | %s |\n' "$n" "$label" "${gocpu[$k]}" "$py" "$ratio"
    done
done
