"""numpy/scipy side of bench/quadratic.ts.

Reads a JSON job from stdin and writes JSON to stdout.
- {"kind": "weights", "d", "m", "mStar", "seed", "repeats"}: best wall time of one right-hand side of the
  quadratic weight flow (plain activation) dW/dt = -(2 (W A/m - W* B/m*) + tau W), A = W^T W,
  B = W*^T W, tau = tr A/m - tr(W*^T W*)/m*, on Gaussian W, W* drawn here (the cost does not depend
  on the values); also the GFLOP/s of the four products.
- {"kind": "extensive", "cos", "weight", "uOnlyWeight", "cStar", "y0", "tEnd", "rtol", "atol", "methods", "repeats"}:
  the extensive-width block family (multiplier coupling) with scipy's solve_ivp on a vectorised rhs;
  per method wall time, nfev, status and the final state.
"""
import json
import sys
import time

import numpy as np
from scipy.integrate import solve_ivp


def weights(job):
    d, m, ms = job["d"], job["m"], job["mStar"]
    rng = np.random.default_rng(job["seed"])
    w = rng.standard_normal((d, m)) / np.sqrt(d)
    ws = rng.standard_normal((d, ms)) / np.sqrt(d)
    tr_c = np.trace(ws.T @ ws)

    def rhs(w):
        a = w.T @ w
        b = ws.T @ w
        tau = np.trace(a) / m - tr_c / ms
        return -(2 * (w @ a / m - ws @ b / ms) + tau * w)

    rhs(w)
    best = float("inf")
    for _ in range(job["repeats"]):
        t0 = time.perf_counter()
        rhs(w)
        best = min(best, time.perf_counter() - t0)
    flops = 2 * d * (2 * m * m + 2 * m * ms)
    return {"seconds": best, "gflops": flops / best / 1e9}


def extensive(job):
    cos = np.array(job["cos"])
    sin = np.sqrt(np.maximum(0, 1 - cos * cos))
    wgt = np.array(job["weight"])
    wu = job["uOnlyWeight"]
    c = job["cStar"]
    k = len(cos)

    def rhs(_t, y):
        a = y[0:2 * k:2]
        b = y[1:2 * k:2]
        u = y[2 * k]
        n2 = a * a + b * b
        vs = cos * a + sin * b
        num = wu * u ** 4 + np.dot(wgt, n2 * n2 - c * vs * vs)
        den = wu * u * u + np.dot(wgt, n2)
        tau = -2 * num / den if den > 0 else 0.0
        dy = np.empty_like(y)
        dy[0:2 * k:2] = -(2 * (n2 * a - c * vs * cos) + tau * a)
        dy[1:2 * k:2] = -(2 * (n2 * b - c * vs * sin) + tau * b)
        dy[2 * k] = -(2 * u ** 3 + tau * u)
        return dy

    y0 = np.array(job["y0"])
    out = {"rhs0": rhs(0, y0).tolist(), "methods": {}}
    for method in job["methods"]:
        best = float("inf")
        for _ in range(job["repeats"]):
            t0 = time.perf_counter()
            sol = solve_ivp(rhs, (0, job["tEnd"]), y0, method=method, rtol=job["rtol"], atol=job["atol"])
            best = min(best, time.perf_counter() - t0)
        out["methods"][method] = {"seconds": best, "nfev": int(sol.nfev), "status": int(sol.status),
                                  "yFinal": sol.y[:, -1].tolist()}
    return out


def main():
    job = json.load(sys.stdin)
    json.dump(weights(job) if job["kind"] == "weights" else extensive(job), sys.stdout)


if __name__ == "__main__":
    main()
