import test from 'ava';
import { DORMAND_PRINCE_54 as DP } from '../../solvers/tableau.ts';
import { RkStepper } from '../../solvers/rk_step.ts';
import { PolynomialSegment } from '../../solvers/dense_output.ts';

// Exact rational identities evaluated in floating point: 1e-14 covers rounding of ~10 terms of size ≤ 10.
const EPS = 1e-14;

test('Dormand–Prince 5(4): row sums of A equal C, and B, B̂ satisfy the order conditions up to order 5 and 4', (t) => {
  const { A, B, C, E, stages } = DP;
  for (let i = 0; i < stages; i++) t.true(Math.abs(A[i].reduce((s, a) => s + a, 0) - C[i]) < EPS, `row ${i}`);
  const bHat = [...B, 0].map((b, i) => b - E[i]);
  // Bushy-tree conditions Σ b_i c_i^(q−1) = 1/q (q ≤ order for B, q ≤ errorOrder for B̂ with c_7 = 1).
  t.is(DP.order, 5);
  t.is(DP.errorOrder, 4);
  const c7 = [...C, 1];
  for (let q = 1; q <= DP.order; q++) {
    t.true(Math.abs(B.reduce((s, b, i) => s + b * C[i] ** (q - 1), 0) - 1 / q) < EPS, `B, q = ${q}`);
    if (q <= DP.errorOrder) t.true(Math.abs(bHat.reduce((s, b, i) => s + b * c7[i] ** (q - 1), 0) - 1 / q) < EPS, `B̂, q = ${q}`);
  }
  // B̂ is a different (4th-order) formula: the embedded error estimate must not vanish.
  t.true(E.some((e) => Math.abs(e) > 1e-3));
  // Two non-bushy trees (Hairer–Nørsett–Wanner, Table II.2.2): Σ b_i a_ij c_j = 1/6 (order 3),
  // Σ b_i c_i a_ij c_j² = 1/15 (order 5).
  const aC = (pow: number): number[] => A.map((row) => row.reduce((s, a, j) => s + a * C[j] ** pow, 0));
  t.true(Math.abs(B.reduce((s, b, i) => s + b * aC(1)[i], 0) - 1 / 6) < EPS);
  t.true(Math.abs(B.reduce((s, b, i) => s + b * C[i] * aC(2)[i], 0) - 1 / 15) < EPS);
});

test('DP5 continuous extension: y(1) = y1, y\'(0) = k0, y\'(1) = f(t1, y1)', (t) => {
  const { P, B } = DP;
  P.forEach((row, i) => {
    t.true(Math.abs(row.reduce((s, p) => s + p, 0) - (B[i] ?? 0)) < EPS, `Σ_j P[${i}][j] = B[${i}]`);
    t.true(Math.abs(row[0] - (i === 0 ? 1 : 0)) < EPS, `y'(0) row ${i}`);
    t.true(Math.abs(row.reduce((s, p, j) => s + (j + 1) * p, 0) - (i === P.length - 1 ? 1 : 0)) < 1e-13, `y'(1) row ${i}`);
  });
});

/** Global error at T of N fixed DP5 steps. */
function fixedStepError(rhs: (t: number, y: Float64Array, d: Float64Array) => void, y0: number, T: number, N: number, exact: number): number {
  const stepper = new RkStepper(DP, rhs, 1);
  const y = Float64Array.from([y0]);
  const h = T / N;
  stepper.startSlope(0, y);
  for (let k = 0; k < N; k++) {
    stepper.attempt(k * h, y, h, 1, 1);
    y.set(stepper.yNew);
    stepper.advance();
  }
  return Math.abs(y[0] - exact);
}

/** Least-squares slope of log(err) against log(h). */
function fittedOrder(h: number[], err: number[]): number {
  const x = h.map(Math.log);
  const y = err.map(Math.log);
  const mx = x.reduce((s, v) => s + v, 0) / x.length;
  const my = y.reduce((s, v) => s + v, 0) / y.length;
  let sxy = 0;
  let sxx = 0;
  x.forEach((xi, i) => {
    sxy += (xi - mx) * (y[i] - my);
    sxx += (xi - mx) ** 2;
  });
  return sxy / sxx;
}

// Step counts chosen past the pre-asymptotic range and before rounding (errors 1e-8 … 1e-13).
test('DP5 step converges with order 5 at fixed step sizes (fitted slope in [4.7, 5.3])', (t) => {
  const cases = [
    { name: "y' = 5cos(5t)·y", rhs: (s: number, y: Float64Array, d: Float64Array) => void (d[0] = 5 * Math.cos(5 * s) * y[0]), y0: 1, T: 2, exact: Math.exp(Math.sin(10)), N: [64, 128, 256, 512] },
    { name: "logistic y' = 3y(1−y)", rhs: (_s: number, y: Float64Array, d: Float64Array) => void (d[0] = 3 * y[0] * (1 - y[0])), y0: 0.01, T: 4, exact: (0.01 * Math.exp(12)) / (0.99 + 0.01 * Math.exp(12)), N: [64, 128, 256] },
  ];
  for (const c of cases) {
    const h = c.N.map((n) => c.T / n);
    const err = c.N.map((n) => fixedStepError(c.rhs, c.y0, c.T, n, c.exact));
    const order = fittedOrder(h, err);
    t.log(`${c.name}: errors ${err.map((e) => e.toExponential(2)).join(', ')}; fitted order ${order.toFixed(3)}`);
    t.true(order > 4.7 && order < 5.3, `${c.name}: order ${order}`);
  }
});

test('DP5 continuous extension is 4th order: the mid-step local error scales as h^5 (fitted slope in [4.7, 5.3])', (t) => {
  // One step of y' = y from y(0) = 1; interpolant at θ = 1/2 against e^{h/2}. For y' = y the leading error
  // term is a constant times h^5 (no accidental cancellation as at special points of other problems);
  // h from 0.1 down keeps it past the pre-asymptotic range (slope 4.4 at h = 0.4) and above rounding.
  const rhs = (_s: number, y: Float64Array, d: Float64Array): void => void (d[0] = y[0]);
  const exact = Math.exp;
  const t0 = 0;
  const hs = [0.1, 0.05, 0.025, 0.0125];
  const err = hs.map((h) => {
    const stepper = new RkStepper(DP, rhs, 1);
    const y0 = Float64Array.from([exact(t0)]);
    stepper.startSlope(t0, y0);
    stepper.attempt(t0, y0, h, 1, 1);
    const q = new Float64Array(DP.P[0].length);
    stepper.denseCoefficients(h, q);
    const segment = new PolynomialSegment(t0, t0 + h, y0, stepper.yNew.slice(), q);
    const mid = new Float64Array(1);
    segment.evaluate(t0 + h / 2, mid);
    return Math.abs(mid[0] - exact(t0 + h / 2));
  });
  const order = fittedOrder(hs, err);
  t.log(`mid-step errors ${err.map((e) => e.toExponential(2)).join(', ')}; fitted slope ${order.toFixed(3)}`);
  t.true(order > 4.7 && order < 5.3, `${order}`);
});
