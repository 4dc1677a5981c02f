# Evaluations to f < 1e-8 for pycma (the reference version is 4.4.0), in the
# loop of TestEvalsToTarget (ett_test.go): x0 = 3·1, sigma0 = 2, the default
# lambda, tolfun and tolx off, seeds 1..k (pycma's seed 0 means "random"), ask
# and tell, evaluations counted up to the first value below 1e-8 (a run that
# stops before counts as +Inf in the median). Not part of any test: run it by
# hand next to CMAES_ETT=k,0 go test -run TestEvalsToTarget ./pkg/cmaes,
#
#   OPENBLAS_NUM_THREADS=1 PYTHONPATH=PYCMA_DIR /usr/bin/python3 pycma_ett.py N K [FUNCS]
#
# with PYCMA_DIR a checkout of pycma at tag r4.4.0 and FUNCS a comma-separated
# subset of sphere,ellipsoid1e6,rosenbrock.
import sys, time, statistics, warnings
import numpy as np
import cma
warnings.simplefilter("ignore")
n, k = int(sys.argv[1]), int(sys.argv[2])
funcs = sys.argv[3].split(",") if len(sys.argv) > 3 else ["sphere", "ellipsoid1e6", "rosenbrock"]
def sphere(x): return float(np.dot(x, x))
def ellipsoid(x):
    n = len(x); c = 1e6 ** (np.arange(n) / max(n - 1, 1)); return float(np.dot(c, x * x))
def rosen(x): return float(np.sum(100 * (x[1:] - x[:-1] ** 2) ** 2 + (1 - x[:-1]) ** 2))
F = {"sphere": sphere, "ellipsoid1e6": ellipsoid, "rosenbrock": rosen}
for name in funcs:
    f = F[name]; evals = []; t0 = time.process_time()
    for seed in range(1, k + 1):
        es = cma.CMAEvolutionStrategy(3 * np.ones(n), 2, {"verbose": -9, "seed": seed, "tolfun": 1e-300, "tolx": 1e-300,
                                                          "tolfunhist": 0, "maxfevals": 10000 * n * n})
        e, done = float("inf"), False
        while not es.stop():
            X = es.ask(); fs = [f(x) for x in X]
            for i, v in enumerate(fs):
                if v < 1e-8:
                    e = es.countevals + i + 1; done = True; break
            if done: break
            es.tell(X, fs)
        evals.append(e)
    evals.sort()
    ok = sum(1 for e in evals if e != float("inf"))
    print(f"pycma n={n} {name:13s} seeds={k} reached={ok} median={evals[k//2]:.0f} q25={evals[k//4]:.0f} q75={evals[3*k//4]:.0f} cpu={time.process_time()-t0:.0f}s", flush=True)
