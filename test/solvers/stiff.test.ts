/**
 * The stiff methods on two standard stiff problems, counting right-hand-side evaluations only (no timing):
 * Robertson's chemical kinetics (Hairer & Wanner, Solving ODEs II, §IV.1) on t ∈ [0, 40] against a
 * tight RODAS3 reference, and y' = −Ay with A = QΛQᵀ, eigenvalues 1 … 10⁶ log-spaced, Q a random
 * orthogonal matrix, against the exact solution Q e^{−Λt} Qᵀ y0. Each stiff method must use at least
 * 10× fewer evaluations than dopri5 and meet its tolerance.
 */
import test from 'ava';
import { solve, type Rhs } from '../../solvers/index.ts';
import { Rng } from '../../src/random.ts';

const STIFF_METHODS = ['rkc', 'rodas3', 'auto'] as const;

const robertson: Rhs = (_t, y, d) => {
  d[0] = -0.04 * y[0] + 1e4 * y[1] * y[2];
  d[1] = 0.04 * y[0] - 1e4 * y[1] * y[2] - 3e7 * y[1] * y[1];
  d[2] = 3e7 * y[1] * y[1];
};

/** y' = −QΛQᵀy with eigenvalues 10^(6i/(n−1)), its exact solution and its Jacobian. */
function stiffLinear(n: number, seed: number) {
  const rng = new Rng(seed);
  const lambda = Array.from({ length: n }, (_, i) => 10 ** ((6 * i) / (n - 1)));
  const Q: Float64Array[] = [];
  for (let i = 0; i < n; i++) {
    const v = rng.fillNormal(new Float64Array(n));
    for (let pass = 0; pass < 2; pass++) {
      for (const u of Q) {
        const c = u.reduce((s, x, k) => s + x * v[k], 0);
        for (let k = 0; k < n; k++) v[k] -= c * u[k];
      }
    }
    const norm = Math.hypot(...v);
    Q.push(v.map((x) => x / norm));
  }
  const A = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += Q[k][i] * lambda[k] * Q[k][j];
      A[i * n + j] = s;
    }
  }
  const rhs: Rhs = (_t, y, d) => {
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s -= A[i * n + j] * y[j];
      d[i] = s;
    }
  };
  const y0 = Array.from({ length: n }, (_, i) => 1 + i / n);
  const exact = (t: number): number[] => {
    const c = Q.map((q) => q.reduce((s, x, k) => s + x * y0[k], 0));
    return Array.from({ length: n }, (_, i) => Q.reduce((s, q, k) => s + q[i] * c[k] * Math.exp(-lambda[k] * t), 0));
  };
  const jacobian = (_t: number, _y: Float64Array, J: Float64Array) => {
    for (let i = 0; i < n * n; i++) J[i] = -A[i];
  };
  return { rhs, y0, exact, jacobian };
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

test('Robertson: each stiff method meets rtol 1e-6 with ≥ 10× fewer evaluations than dopri5', (t) => {
  const problem = { rhs: robertson, y0: [1, 0, 0], tspan: [0, 40] as const };
  const reference = solve(problem, { method: 'rodas3', rtol: 1e-11, atol: 1e-15 });
  t.is(reference.status, 'success');
  const explicit = solve(problem, { method: 'dopri5', rtol: 1e-6, atol: 1e-10 });
  for (const method of STIFF_METHODS) {
    const s = solve(problem, { method, rtol: 1e-6, atol: 1e-10 });
    t.is(s.status, 'success', method);
    const err = maxAbsDiff(s.yFinal, reference.yFinal);
    // y1 ≈ 0.72, y3 ≈ 0.28: an error of 20·rtol leaves room for the accumulation of local errors
    t.true(err < 2e-5, `${method}: final error ${err}`);
    t.true(10 * s.stats.nfev <= explicit.stats.nfev, `${method}: ${s.stats.nfev} evaluations, dopri5 ${explicit.stats.nfev}`);
  }
});

test('linear system with eigenvalues 1 … 10⁶: stiff methods against the exact solution, ≥ 10× fewer evaluations', (t) => {
  const { rhs, y0, exact, jacobian } = stiffLinear(12, 5);
  const T = 0.2;
  const truth = exact(T);
  const explicit = solve({ rhs, y0, tspan: [0, T] }, { method: 'dopri5', rtol: 1e-6, atol: 1e-10 });
  t.true(maxAbsDiff(explicit.yFinal, truth) < 1e-5);
  for (const method of STIFF_METHODS) {
    const s = solve({ rhs, y0, tspan: [0, T] }, { method, rtol: 1e-6, atol: 1e-10 });
    t.is(s.status, 'success', method);
    const err = maxAbsDiff(s.yFinal, truth);
    t.true(err < 1e-5, `${method}: final error ${err}`);
    t.true(10 * s.stats.nfev <= explicit.stats.nfev, `${method}: ${s.stats.nfev} evaluations, dopri5 ${explicit.stats.nfev}`);
  }
  // With the analytic Jacobian, RODAS3 needs no differences: 3 new evaluations per step (+1 for ∂f/∂t, +1 at the end).
  const analytic = solve({ rhs, y0, tspan: [0, T], jacobian }, { method: 'rodas3', rtol: 1e-6, atol: 1e-10 });
  t.true(maxAbsDiff(analytic.yFinal, truth) < 1e-5);
  t.true(analytic.stats.nfev <= 5 * (analytic.stats.naccept + analytic.stats.nreject) + 3);
});

test('auto reports the switch to the stiff method, with the time and the reason', (t) => {
  const s = solve({ rhs: robertson, y0: [1, 0, 0], tspan: [0, 40] }, { method: 'auto', rtol: 1e-6, atol: 1e-10 });
  t.is(s.methods[0].method, 'dopri5');
  t.true(s.methods.length >= 2);
  t.is(s.methods[1].method, 'rodas3');
  t.regex(s.methods[1].reason, /stiff/);
  t.true(s.methods[1].t0 > 0 && s.methods[1].t0 < 1);
  const fixed = solve({ rhs: robertson, y0: [1, 0, 0], tspan: [0, 1] }, { method: 'rkc' });
  t.deepEqual(fixed.methods, [{ method: 'rkc', t0: 0, reason: 'requested' }]);
});

test('RKC on y′ = −y: second order at fixed steps, and a global error within (steps × rtol) under control', (t) => {
  const rhs: Rhs = (_t, y, d) => void (d[0] = -y[0]);
  const fixed = [0.1, 0.05].map((h) => solve({ rhs, y0: [1], tspan: [0, 1] }, { method: 'rkc', rtol: 1, atol: 1, maxStep: h, firstStep: h }));
  const ratio = (fixed[0].yFinal[0] - Math.exp(-1)) / (fixed[1].yFinal[0] - Math.exp(-1));
  t.true(ratio > 3.6 && ratio < 4.4, `error ratio on halving h: ${ratio}`);
  const rtol = 1e-8;
  const s = solve({ rhs, y0: [1], tspan: [0, 5] }, { method: 'rkc', rtol, atol: 1e-14, tEval: [1, 2, 5] });
  s.t.forEach((tk, k) => {
    const rel = Math.abs(s.y[k][0] - Math.exp(-tk)) / Math.exp(-tk);
    t.true(rel < s.stats.naccept * rtol, `t = ${tk}: relative error ${rel}, ${s.stats.naccept} steps`);
  });
});

test('denseOutput: false keeps the last step only: same outputs at tEval, sol(t) refused before the last step', (t) => {
  const rhs: Rhs = (_t, y, d) => void (d[0] = -y[0]);
  const tEval = [0, 0.5, 1, 2];
  const full = solve({ rhs, y0: [1], tspan: [0, 2] }, { rtol: 1e-8, atol: 1e-12, tEval });
  const lean = solve({ rhs, y0: [1], tspan: [0, 2] }, { rtol: 1e-8, atol: 1e-12, tEval, denseOutput: false });
  t.deepEqual(lean.y, full.y);
  t.is(lean.sol(2)[0], full.yFinal[0]);
  t.throws(() => lean.sol(0.5), { message: /last step only/ });
});
