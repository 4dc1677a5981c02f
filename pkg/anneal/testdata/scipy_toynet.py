"""scipy's dual_annealing on optlab's reference toy network, one line per seed.

Usage: python3 scipy_toynet.py fd|grad FIRST_SEED END_SEED > out.txt

Prints "seed final_loss nfev" for seeds FIRST_SEED..END_SEED-1 with the
reference settings (maxiter 100, initial_temp 1, visit 2.62, accept -5,
restart_temp_ratio 2e-5, box [-1, 1]^10, no x0). "fd" is the reference run:
default minimizer_kwargs, so L-BFGS-B with scipy's finite differences
(forward, absolute step 1e-8); "grad" passes the analytic gradient to the
same L-BFGS-B (maxiter 100, as dual_annealing's default for n = 10).
scipy_toynet_fd.txt is this script's "fd" output for seeds 0-999, with
scipy 1.10.1 and numpy 1.24.2 (Debian 12's python3-scipy);
scipy_toynet_grad.txt holds "seed final_loss" (6 significant digits) of
the "grad" runs for seeds 0-999, from an instrumented copy of this script.
"""
import json
import os
import sys

import numpy as np
from scipy.optimize import dual_annealing

HERE = os.path.dirname(os.path.abspath(__file__))
E = json.load(open(os.path.join(HERE, "..", "..", "reference", "seed_experiment.json")))
U = np.array(E["inputs"])  # 32 x 2


def loss(p):
    """Mean squared error of the 2-2-2 ReLU network with parameters p."""
    w1, w2, b = p[0:4].reshape(2, 2), p[4:8].reshape(2, 2), p[8:10]
    y = np.maximum(U @ w1.T, 0) @ w2.T + b
    return float(np.mean((y - U) ** 2))


def grad(p):
    """The analytic gradient of loss."""
    w1, w2, b = p[0:4].reshape(2, 2), p[4:8].reshape(2, 2), p[8:10]
    z = U @ w1.T
    h = np.maximum(z, 0)
    d = 2 * (h @ w2.T + b - U) / U.size
    g = np.empty(10)
    g[4:8] = (d.T @ h).ravel()
    g[8:10] = d.sum(0)
    g[0:4] = (((d @ w2) * (z > 0)).T @ U).ravel()
    return g


def main():
    mode, lo, hi = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    s = E["settings"]["dual_annealing"]
    bounds = [(s["lb"], s["ub"])] * 10
    kw = None
    if mode == "grad":
        kw = {"method": "L-BFGS-B", "jac": grad, "bounds": bounds, "options": {"maxiter": 100}}
    for seed in range(lo, hi):
        r = dual_annealing(loss, bounds, maxiter=s["maxiter"], initial_temp=s["initial_temp"],
                           visit=s["visit"], accept=s["accept"],
                           restart_temp_ratio=s["restart_temp_ratio"], seed=seed,
                           minimizer_kwargs=kw)
        print(seed, repr(r.fun), r.nfev, flush=True)


if __name__ == "__main__":
    main()
