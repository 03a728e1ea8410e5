"""scipy side of bench/committee.ts: the erf committee ODEs with a vectorised numpy right-hand side.

Reads a JSON job from stdin:
  {"kind": "flow" | "sgd", "m", "mStar", "y0" (Q then R, row-major), "T", "a", "aStar", "lr",
   "tEval", "rtol", "atol", "methods", "repeats", "capSeconds", optional "finalOnly"}
and writes JSON to stdout: the rhs at y0 (to check it against popflow's), and per method the best wall
time of `repeats` runs, nfev, status and the states at tEval (only the last one with "finalOnly"). A run that exceeds capSeconds is stopped
(status "capped", with the time reached).

Gradient flow (THEORY.md §1a): eps_g = 1/2 sum a_j a_l I2(Q_jj, Q_ll, Q_jl) - sum a_j a*_k I2(Q_jj, T_kk, R_jk)
+ const, I2 = 2/pi asin(c12 / sqrt((1 + c11)(1 + c22))); G = d eps/dQ, H = d eps/dR,
dQ = -(2GQ + HR^T) - (2GQ + HR^T)^T, dR = -(2GR + HT).
Online SGD (Saad & Solla): the phi (I3) and eta^2 (I4) terms of src/committee/sgd.ts, all index
combinations at once with broadcasting.
"""
import json
import sys
import time

import numpy as np
from scipy.integrate import solve_ivp

TWO_PI = 2.0 / np.pi


class Capped(Exception):
    def __init__(self, t):
        self.t = t


def flow_rhs(m, ms, T, a, a_star):
    aa = np.outer(a, a)
    aas = np.outer(a, a_star)
    td = np.diag(T)

    def rhs(_t, y):
        Q = y[: m * m].reshape(m, m)
        R = y[m * m:].reshape(m, ms)
        qd = np.diag(Q)
        # student-student
        prod = np.outer(1 + qd, 1 + qd)
        g12 = TWO_PI / np.sqrt(prod - Q * Q)
        g11 = -Q / (2 * (1 + qd))[:, None] * g12
        # student-teacher
        prod_st = np.outer(1 + qd, 1 + td)
        h12 = TWO_PI / np.sqrt(prod_st - R * R)
        h11 = -R / (2 * (1 + qd))[:, None] * h12
        G = 0.5 * aa * g12
        diag = (aa * g11).sum(axis=1) - (aas * h11).sum(axis=1)
        G[np.diag_indices(m)] += diag
        H = -aas * h12
        P = 2 * G @ Q + H @ R.T
        S = 2 * G @ R + H @ T
        return np.concatenate(((-(P + P.T)).ravel(), (-S).ravel()))

    return rhs


def sgd_rhs(m, ms, T, a, a_star, lr):
    n = m + ms
    coef = np.concatenate((a, -a_star))
    w = np.outer(coef, coef)

    def rhs(_t, y):
        Q = y[: m * m].reshape(m, m)
        R = y[m * m:].reshape(m, ms)
        C = np.block([[Q, R], [R.T, T]])
        d = np.diag(C)
        # I3(i, z, c) = 2/pi / sqrt((1+C_ii)(1+C_cc) - C_ic^2) * (C_zc (1+C_ii) - C_iz C_ic) / (1+C_ii)
        cii = d[:m, None, None]
        cic = C[:m, None, :]
        ciz = C[:m, :, None]
        czc = C[None, :, :]
        ccc = d[None, None, :]
        i3 = TWO_PI / np.sqrt((1 + cii) * (1 + ccc) - cic ** 2) * (czc * (1 + cii) - ciz * cic) / (1 + cii)
        phi = a[:, None] * -(i3 * coef[None, None, :]).sum(axis=2)
        # I4(i, k, c, e) for a = i, b = k
        caa = d[:m, None, None, None]
        cbb = d[None, :m, None, None]
        cab = Q[:, :, None, None]
        cac = C[:m, None, :, None]
        cae = C[:m, None, None, :]
        cbc = C[None, :m, :, None]
        cbe = C[None, :m, None, :]
        cce = C[None, None, :, :]
        ccc4 = d[None, None, :, None]
        cee = d[None, None, None, :]
        l4 = (1 + caa) * (1 + cbb) - cab ** 2
        l0 = l4 * cce - cbc * cbe * (1 + caa) - cac * cae * (1 + cbb) + cab * cac * cbe + cab * cae * cbc
        l1 = l4 * (1 + ccc4) - cbc ** 2 * (1 + caa) - cac ** 2 * (1 + cbb) + 2 * cab * cac * cbc
        l2 = l4 * (1 + cee) - cbe ** 2 * (1 + caa) - cae ** 2 * (1 + cbb) + 2 * cab * cae * cbe
        i4 = 4 / np.pi ** 2 / np.sqrt(l4) * np.arcsin(np.clip(l0 / np.sqrt(l1 * l2), -1, 1))
        quad = (i4 * w[None, None, :, :]).sum(axis=(2, 3))
        dQ = lr * (phi[:, :m] + phi[:, :m].T) + lr * lr * np.outer(a, a) * quad
        dR = lr * phi[:, m:]
        return np.concatenate((dQ.ravel(), dR.ravel()))

    return rhs


def main():
    job = json.load(sys.stdin)
    m, ms = job["m"], job["mStar"]
    T = np.array(job["T"], dtype=float).reshape(ms, ms)
    a = np.array(job["a"], dtype=float)
    a_star = np.array(job["aStar"], dtype=float)
    y0 = np.array(job["y0"], dtype=float)
    t_eval = np.array(job["tEval"], dtype=float)
    base = flow_rhs(m, ms, T, a, a_star) if job["kind"] == "flow" else sgd_rhs(m, ms, T, a, a_star, job["lr"])
    out = {"rhs0": base(0.0, y0).tolist(), "methods": {}}
    for method in job["methods"]:
        best = float("inf")
        entry = None
        for _ in range(job["repeats"]):
            deadline = time.perf_counter() + job["capSeconds"]
            reached = [0.0]

            def rhs(t, y):
                reached[0] = max(reached[0], t)
                if time.perf_counter() > deadline:
                    raise Capped(t)
                return base(t, y)

            t0 = time.perf_counter()
            try:
                sol = solve_ivp(rhs, (t_eval[0], t_eval[-1]), y0, method=method, t_eval=t_eval,
                                rtol=job["rtol"], atol=job["atol"])
                seconds = time.perf_counter() - t0
                entry = {"seconds": seconds, "nfev": int(sol.nfev), "status": "success" if sol.status == 0 else f"status {sol.status}",
                         "y": (sol.y[:, -1:] if job.get("finalOnly") else sol.y).T.tolist()}
            except Capped as c:
                seconds = time.perf_counter() - t0
                entry = {"seconds": seconds, "nfev": None, "status": f"capped at {job['capSeconds']} s (t = {c.t:.4g})", "y": None}
                best = seconds
                break
            best = min(best, seconds)
        entry["seconds"] = best
        out["methods"][method] = entry
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
