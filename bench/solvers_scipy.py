"""Reference timings for bench/solvers.ts: scipy's solve_ivp (DOP853, RK45) on the same problems.

Reads a JSON job from stdin: {"repeats": R, "problems": [{"name", "kind": "lorenz"|"linear", "y0", "T",
"rtol", "atol", "A"?}]} and writes JSON to stdout: per problem and method the best wall time of R runs,
nfev, the final state, and for the linear system the exact final state expm(A T) y0.
"""
import json
import sys
import time

import numpy as np
from scipy.integrate import solve_ivp
from scipy.linalg import expm


def lorenz(_t, y, sigma=10.0, rho=28.0, beta=8.0 / 3.0):
    return [sigma * (y[1] - y[0]), y[0] * (rho - y[2]) - y[1], y[0] * y[1] - beta * y[2]]


def main():
    job = json.load(sys.stdin)
    out = []
    for p in job["problems"]:
        y0 = np.array(p["y0"], dtype=float)
        if p["kind"] == "lorenz":
            rhs = lorenz
            exact = None
        else:
            a = np.array(p["A"], dtype=float)
            rhs = lambda _t, y, a=a: a @ y  # noqa: E731
            exact = (expm(a * p["T"]) @ y0).tolist()
        entry = {"name": p["name"], "exact": exact, "methods": {}}
        for method in ("DOP853", "RK45"):
            best = float("inf")
            for _ in range(job["repeats"]):
                t0 = time.perf_counter()
                sol = solve_ivp(rhs, (0.0, p["T"]), y0, method=method, rtol=p["rtol"], atol=p["atol"])
                best = min(best, time.perf_counter() - t0)
            entry["methods"][method] = {"seconds": best, "nfev": int(sol.nfev), "status": int(sol.status), "yFinal": sol.y[:, -1].tolist()}
        # Tight reference for the chaotic system (DOP853 at 1e-13).
        if exact is None:
            ref = solve_ivp(rhs, (0.0, p["T"]), y0, method="DOP853", rtol=1e-13, atol=1e-13)
            entry["reference"] = ref.y[:, -1].tolist()
        out.append(entry)
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
