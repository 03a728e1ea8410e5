"""One full-batch GD step of the committee network in numpy (float32), the reference for bench/simulator.ts.

Same layout and formulas as src/simulate/network.ts: Λ = X V, S = σ(Λ), Δ = S a − y,
∂L̂/∂V = Xᵀ[σ'(Λ) ⊙ Δ aᵀ]/n, ∂L̂/∂a = SᵀΔ/n; quadratic σ(u) = u². Prints one JSON line.
Usage: python3 bench/simulator_numpy.py N D M REPEATS
"""
import json
import sys
import time

import numpy as np

n, d, m, repeats = (int(v) for v in sys.argv[1:5])
rng = np.random.default_rng(1)
X = rng.standard_normal((n, d), dtype=np.float32)
y = rng.standard_normal((n, 1), dtype=np.float32)
V = (rng.standard_normal((d, m), dtype=np.float32) / np.sqrt(d)).astype(np.float32)
a = np.ones((m, 1), dtype=np.float32)
lr = np.float32(0.01)


def step(V, a):
    lam = X @ V
    S = lam * lam
    delta = S @ a - y
    coef = (2 * lam) * delta * a.T
    gV = (X.T @ coef) / n
    ga = (S.T @ delta) / n
    return V - lr * gV, a - lr * ga


V, a = step(V, a)  # warm-up
times = []
for _ in range(repeats):
    t0 = time.perf_counter()
    V, a = step(V, a)
    times.append(time.perf_counter() - t0)
best = min(times)
print(json.dumps({"seconds": best, "gflops": 4 * n * d * m / best / 1e9, "numpy": np.__version__}))
