/**
 * The tied (Q, R) flow (output weights a_j = √Q_jj, Zhou, Ge & Jin 2021) against an independent
 * computation: the weight-space gradient flow at d = 20 of the tied risk ε_g(W) (the untied closed-form
 * risk evaluated at a_j = ‖W_j‖/√d), with gradients by 4th-order central differences in the weights,
 * integrated by the same solver at rtol 1e-12. Also ‖∇_w ε_g‖ against the finite-difference gradient.
 */
import test from 'ava';
import { solve } from '../../solvers/index.ts';
import { CommitteeLayout, CommitteeRisk, TiedFlow, runTiedFlow, tiedStudentsNearTeacher } from '../../src/committee/index.ts';
import { pairIntegral, parseActivation } from '../../src/integrals/index.ts';
import { maxAbsDiff, overlaps, randomWeights } from './helpers.ts';

const d = 20;
const m = 3;
const mStar = 2;

function tiedWeightSpace(activation: string) {
  const { W, Wstar } = randomWeights(m, mStar, d, 0.6, 7);
  const T = overlaps(Wstar, Wstar, d);
  const model = { activation, teacherActivation: activation, aStar: [1, 1], T };
  const act = parseActivation(activation);
  const layout = new CommitteeLayout(m, mStar, false);
  const risk = new CommitteeRisk(
    layout,
    { studentStudent: pairIntegral(act, act), studentTeacher: pairIntegral(act, act), teacherTeacher: pairIntegral(act, act) },
    Float64Array.from(T.flat()),
    Float64Array.from([1, 1]),
  );
  const rows = (y: Float64Array) => Array.from({ length: m }, (_, j) => y.subarray(j * d, (j + 1) * d));
  // ε_g(W): overlaps recomputed from the weights, a_j = ‖W_j‖/√d
  const lossOf = (y: Float64Array): number => {
    const Wy = rows(y);
    const Q = overlaps(Wy, Wy, d);
    return risk.loss(layout.pack(Q, overlaps(Wy, Wstar, d), []), Q.map((r, j) => Math.sqrt(r[j]))).value;
  };
  const h = 1e-3;
  const grad = (y: Float64Array, g: Float64Array): void => {
    const probe = Float64Array.from(y);
    for (let i = 0; i < y.length; i++) {
      const f = (delta: number) => {
        probe[i] = y[i] + delta;
        const v = lossOf(probe);
        probe[i] = y[i];
        return v;
      };
      g[i] = (8 * (f(h) - f(-h)) - (f(2 * h) - f(-2 * h))) / (12 * h);
    }
  };
  const y0 = new Float64Array(m * d);
  W.forEach((w, j) => y0.set(w, j * d));
  return { W, Wstar, T, model, y0, rows, grad, lossOf };
}

test('tied (Q, R) flow equals the weight-space flow of Σ‖w_j‖σ(w_j·x) at d = 20 (abs, erf)', (t) => {
  for (const activation of ['abs', 'erf']) {
    const { W, Wstar, model, y0, rows, grad } = tiedWeightSpace(activation);
    const times = [0, 1, 3];
    const g = new Float64Array(m * d);
    const rhs = (_t: number, y: Float64Array, dy: Float64Array) => {
      grad(y, g);
      for (let i = 0; i < y.length; i++) dy[i] = -d * g[i]; // dW/dt = −d ∇_W ε_g
    };
    const sol = solve({ rhs, y0, tspan: [0, 3] }, { rtol: 1e-12, atol: 1e-14, tEval: times });
    const ode = runTiedFlow({ model, Q: overlaps(W, W, d), R: overlaps(W, Wstar, d), times, rtol: 1e-12, atol: 1e-14 });
    t.is(ode.status, 'success');
    let worst = 0;
    sol.y.forEach((y, i) => {
      const Wy = rows(y);
      const err = Math.max(maxAbsDiff(ode.Q[i], overlaps(Wy, Wy, d)), maxAbsDiff(ode.R[i], overlaps(Wy, Wstar, d)));
      t.true(err < 1e-7, `${activation}, t = ${times[i]}: max |Δ| = ${err}`);
      worst = Math.max(worst, err);
    });
    t.log(`${activation}: max |Δ(Q, R)| = ${worst.toExponential(2)}`);
    t.true(maxAbsDiff(ode.Q[0], ode.Q[2]) > 1e-2, 'the flow must move the overlaps');
  }
});

test('‖∇_w ε_g‖ equals the finite-difference weight gradient (w = W/√d), and dε_g/dt = −‖∇ε_g‖²', (t) => {
  const { W, Wstar, model, y0, grad, lossOf } = tiedWeightSpace('abs');
  const g = new Float64Array(m * d);
  grad(y0, g);
  // ∇_w = √d ∇_W
  const fd = Math.sqrt(d * g.reduce((s, x) => s + x * x, 0));
  const flow = new TiedFlow(model, m);
  const y = flow.layout.pack(overlaps(W, W, d), overlaps(W, Wstar, d), []);
  t.true(Math.abs(flow.gradNorm(y) - fd) < 1e-8 * fd, `${flow.gradNorm(y)} vs ${fd}`);
  t.true(Math.abs(flow.loss(y).value - lossOf(y0)) < 1e-14);
  const times = [0, 1e-4, 2e-4];
  const r = runTiedFlow({ model, Q: overlaps(W, W, d), R: overlaps(W, Wstar, d), times, rtol: 1e-13, atol: 1e-15 });
  const slope = (r.loss[2] - r.loss[0]) / 2e-4; // central difference: error ~ε_g''' h²/6, relative ~1e-8 here
  t.true(Math.abs(slope + r.gradNorm[1] ** 2) < 1e-6 * r.gradNorm[1] ** 2, `${slope} vs ${-(r.gradNorm[1] ** 2)}`);
});

test('students near the teacher: zero loss before the perturbation, small loss after, T = I', (t) => {
  const model = (T: number[][]) => ({ activation: 'abs', teacherActivation: 'abs', aStar: [1, 1, 1], T });
  for (const m of [3, 7]) {
    const exact = tiedStudentsNearTeacher(m, 3, 30, 0, 4);
    const flow = new TiedFlow(model(exact.T), m);
    t.true(Math.abs(flow.loss(flow.layout.pack(exact.Q, exact.R, [])).value) < 1e-13);
    const near = tiedStudentsNearTeacher(m, 3, 30, 0.05, 4);
    const l = flow.loss(flow.layout.pack(near.Q, near.R, [])).value;
    t.true(l > 1e-6 && l < 1e-1, `m = ${m}: ε_g = ${l}`);
    t.true(maxAbsDiff(near.T, [[1, 0, 0], [0, 1, 0], [0, 0, 1]]) < 1e-12);
  }
});
