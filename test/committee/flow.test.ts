/**
 * The (Q, R) gradient-flow ODE against an independent computation: the population gradient flow
 * integrated in weight space at d = 20, with gradients of the closed-form risk taken by 4th-order
 * central differences in the weights (truncation ~h⁴ ≈ 1e-12, rounding ~eps/h ≈ 1e-13), integrated
 * by the same solver at rtol 1e-12. The two trajectories must agree to 1e-7 (the acceptance bound;
 * measured agreement is far tighter).
 */
import test from 'ava';
import { solve } from '../../solvers/index.ts';
import { buildCommitteeProblem, parseCommitteeSpec, runOde } from '../../src/committee/index.ts';
import { maxAbsDiff, overlaps, randomWeights } from './helpers.ts';

const d = 20;
const m = 3;
const mStar = 2;

function weightSpaceTrajectory(activation: string, trainSecondLayer: boolean, times: number[]) {
  const { W, Wstar } = randomWeights(m, mStar, d, 0.6, 7);
  const a0 = [0.9, 1.1, 0.7];
  const aStar = [1, 0.8];
  const specFor = (Q: number[][], R: number[][], a: number[]) =>
    parseCommitteeSpec({
      model: { activation, a, aStar, trainSecondLayer },
      init: { Q, R, T: overlaps(Wstar, Wstar, d) },
      times,
    });
  // ε_g as a function of the weights, through the overlaps (the closed-form risk of the ODE's own spec).
  // The gradient perturbs one weight at a time, so the overlaps are updated incrementally: moving
  // w_j[i] by δ changes Q_jj by (2 w_ji δ + δ²)/d, Q_jl = Q_lj by δ w_li/d and R_jk by δ w*_ki/d.
  const base = buildCommitteeProblem(specFor(overlaps(W, W, d), overlaps(W, Wstar, d), a0));
  const { layout, risk } = base;
  const nW = m * d;
  const size = nW + (trainSecondLayer ? m : 0);
  const rows = (y: Float64Array) => Array.from({ length: m }, (_, j) => y.subarray(j * d, (j + 1) * d));
  const state = new Float64Array(layout.size);
  const probe = new Float64Array(layout.size);
  const aBuf = Float64Array.from(a0);
  const lossMoved = (y: Float64Array, i: number, delta: number): number => {
    probe.set(state);
    if (i >= nW) {
      aBuf[i - nW] += delta;
      const v = risk.loss(probe, aBuf).value;
      aBuf[i - nW] -= delta;
      return v;
    }
    const j = Math.floor(i / d);
    const c = i % d;
    const wjc = y[i];
    probe[layout.qOffset + j * m + j] += (2 * wjc * delta + delta * delta) / d;
    for (let l = 0; l < m; l++) {
      if (l === j) continue;
      const dq = (delta * y[l * d + c]) / d;
      probe[layout.qOffset + j * m + l] += dq;
      probe[layout.qOffset + l * m + j] += dq;
    }
    for (let k = 0; k < mStar; k++) probe[layout.rOffset + j * mStar + k] += (delta * Wstar[k][c]) / d;
    return risk.loss(probe, aBuf).value;
  };
  const h = 1e-3;
  const rhs = (_t: number, y: Float64Array, dy: Float64Array) => {
    const Wy = rows(y);
    if (trainSecondLayer) aBuf.set(y.subarray(nW));
    state.set(layout.pack(overlaps(Wy, Wy, d), overlaps(Wy, Wstar, d), Array.from(aBuf)));
    for (let i = 0; i < size; i++) {
      const f = (delta: number) => lossMoved(y, i, delta);
      const g = (8 * (f(h) - f(-h)) - (f(2 * h) - f(-2 * h))) / (12 * h);
      // dW/dt = −d ∇_W ε_g for the first layer, da/dt = −∂ε_g/∂a for the second.
      dy[i] = i < nW ? -d * g : -g;
    }
  };
  const y0 = new Float64Array(size);
  W.forEach((w, j) => y0.set(w, j * d));
  if (trainSecondLayer) y0.set(a0, nW);
  const sol = solve({ rhs, y0, tspan: [0, times[times.length - 1]] }, { rtol: 1e-12, atol: 1e-14, tEval: times });
  const reference = sol.y.map((y) => {
    const Wy = rows(y);
    return { Q: overlaps(Wy, Wy, d), R: overlaps(Wy, Wstar, d), a: trainSecondLayer ? Array.from(y.subarray(nW)) : a0 };
  });
  const ode = runOde({ ...specFor(overlaps(W, W, d), overlaps(W, Wstar, d), a0), solver: { method: 'dopri5', rtol: 1e-12, atol: 1e-14, maxSteps: 1e6 } });
  return { reference, ode };
}

for (const activation of ['erf', 'relu']) {
  for (const trainSecondLayer of [false, true]) {
    test(`(Q, R${trainSecondLayer ? ', a' : ''}) flow equals the weight-space flow at d = 20 (${activation})`, (t) => {
      const times = [0, 1, 3];
      const { reference, ode } = weightSpaceTrajectory(activation, trainSecondLayer, times);
      t.is(ode.status, 'success');
      let worst = 0;
      for (let i = 0; i < times.length; i++) {
        const err = Math.max(maxAbsDiff(ode.Q[i], reference[i].Q), maxAbsDiff(ode.R[i], reference[i].R), maxAbsDiff([ode.a[i]], [reference[i].a]));
        t.true(err < 1e-7, `t = ${times[i]}: max |Δ| = ${err}`);
        worst = Math.max(worst, err);
      }
      t.log(`max |Δ| over t ∈ {${times.join(', ')}}: ${worst.toExponential(2)}`);
      // The flow must actually move the overlaps, or the comparison says nothing.
      t.true(maxAbsDiff(ode.Q[0], ode.Q[2]) > 1e-2);
    });
  }
}
