import test from 'ava';
import { Rng } from '../../src/random.ts';
import {
  extremeEigenvalues,
  forward,
  fullBatchGd,
  linear,
  ntkGram,
  randomLabelDataset,
  randomNet,
  relu,
  squareLoss,
  type TwoLayerNet,
} from '../../src/weightspace/index.ts';
import { SpecError } from '../../src/validate.ts';

const relErr = (a: number, b: number): number => Math.abs(a - b) / Math.max(1e-12, Math.abs(b));

test('forward with a linear activation equals c (Σ_j a_j w_j)·x / √d', (t) => {
  const rng = new Rng(1);
  const net = randomNet(6, 4, linear, rng, { scaling: 'ntk', secondLayer: 'signs' });
  const x = rng.fillNormal(new Float64Array(6));
  const v = new Float64Array(6);
  for (let j = 0; j < 4; j++) for (let k = 0; k < 6; k++) v[k] += net.a[j] * net.W[j * 6 + k];
  const expected = (v.reduce((s, vk, k) => s + vk * x[k], 0) / Math.sqrt(6)) * (1 / 2);
  t.true(relErr(forward(net, x), expected) < 1e-14);
});

test('hand gradient of the training loss matches central finite differences (ReLU, both layers)', (t) => {
  const rng = new Rng(7);
  const data = randomLabelDataset(9, 5, rng);
  const net = randomNet(5, 4, relu, rng, { scaling: 'ntk', secondLayer: 'signs' });
  const loss = squareLoss(net, data);
  const gW = new Float64Array(net.W.length);
  const ga = new Float64Array(net.m);
  loss.gradient(net, gW, ga);
  // Central differences have error O(h²) ≈ 1e-12 on smooth pieces; with h = 1e-6 a ReLU kink is crossed
  // with probability O(h) per unit, so none is crossed here (seeded), and 1e-6 relative is a safe bound.
  const h = 1e-6;
  const fd = (arr: Float64Array, p: number): number => {
    const keep = arr[p];
    arr[p] = keep + h;
    const up = loss.value(net);
    arr[p] = keep - h;
    const down = loss.value(net);
    arr[p] = keep;
    return (up - down) / (2 * h);
  };
  for (let p = 0; p < net.W.length; p++) t.true(Math.abs(gW[p] - fd(net.W, p)) < 1e-6 * (1 + Math.abs(gW[p])), `W[${p}]`);
  for (let j = 0; j < net.m; j++) t.true(Math.abs(ga[j] - fd(net.a, j)) < 1e-6 * (1 + Math.abs(ga[j])), `a[${j}]`);
});

test('NTK Gram equals J Jᵀ with the Jacobian J from finite differences of f', (t) => {
  const rng = new Rng(3);
  const data = randomLabelDataset(5, 4, rng);
  const net = randomNet(4, 3, relu, rng, { scaling: 'ntk', secondLayer: 'signs' });
  const G = ntkGram(net, data, true);
  const params: Float64Array[] = [net.W, net.a];
  const h = 1e-6;
  const J: number[][] = [];
  for (let i = 0; i < 5; i++) {
    const row: number[] = [];
    for (const arr of params) {
      for (let p = 0; p < arr.length; p++) {
        const keep = arr[p];
        arr[p] = keep + h;
        const up = forward(net, data.x, i * 4);
        arr[p] = keep - h;
        const down = forward(net, data.x, i * 4);
        arr[p] = keep;
        row.push((up - down) / (2 * h));
      }
    }
    J.push(row);
  }
  for (let i = 0; i < 5; i++) {
    for (let k = 0; k < 5; k++) {
      const jj = J[i].reduce((s, v, p) => s + v * J[k][p], 0);
      t.true(Math.abs(G[i * 5 + k] - jj) < 1e-7, `G[${i},${k}] = ${G[i * 5 + k]} vs ${jj}`);
    }
  }
});

test('extreme eigenvalues of the tridiagonal (−1, 2, −1) matrix: 2 − 2 cos(kπ/(n+1))', (t) => {
  const n = 12;
  const A = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    A[i * n + i] = 2;
    if (i > 0) A[i * n + i - 1] = A[(i - 1) * n + i] = -1;
  }
  const { min, max } = extremeEigenvalues(A, n);
  t.true(Math.abs(min - (2 - 2 * Math.cos(Math.PI / (n + 1)))) < 1e-12);
  t.true(Math.abs(max - (2 - 2 * Math.cos((n * Math.PI) / (n + 1)))) < 1e-12);
});

/** Least squares w ↦ (1/2n)‖Xw/√d − y‖²: a linear net with m = 1, a = 1, c = 1. */
function leastSquaresNet(d: number, rng: Rng): TwoLayerNet {
  return randomNet(d, 1, linear, rng, { scaling: 'committee', secondLayer: 'ones' });
}

test('GD iterates on least squares follow w_k − w* = (I − ηA)^k (w_0 − w*) exactly', (t) => {
  const rng = new Rng(11);
  const d = 3;
  const n = 8;
  const data = randomLabelDataset(n, d, rng);
  const net = leastSquaresNet(d, rng);
  const w0 = Array.from(net.W);
  // A = XᵀX/(n d), b = Xᵀy/(n √d); the gradient is A w − b.
  const A = Array.from({ length: d }, (_, p) =>
    Array.from({ length: d }, (_, q) => {
      let s = 0;
      for (let i = 0; i < n; i++) s += data.x[i * d + p] * data.x[i * d + q];
      return s / (n * d);
    }),
  );
  const b = Array.from({ length: d }, (_, p) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += data.x[i * d + p] * data.y[i];
    return s / (n * Math.sqrt(d));
  });
  const eta = 0.7;
  const steps = 25;
  // Reference: iterate the affine map w ← w − η (A w − b) in plain arrays.
  let w = w0.slice();
  for (let k = 0; k < steps; k++) w = w.map((wp, p) => wp - eta * (A[p].reduce((s, a, q) => s + a * w[q], 0) - b[p]));
  const r = fullBatchGd(net, data, { stepSize: eta, maxIterations: steps, targetLoss: 0 });
  t.is(r.status, 'budget');
  t.is(r.iterations, steps);
  for (let p = 0; p < d; p++) t.true(Math.abs(net.W[p] - w[p]) < 1e-12);
});

test('GD stops at the first iteration with loss ≤ target, and reports divergence as a status', (t) => {
  const rng = new Rng(5);
  const data = randomLabelDataset(6, 4, rng);
  const net = randomNet(4, 8, relu, rng, { scaling: 'ntk', secondLayer: 'signs' });
  const copy = { ...net, W: net.W.slice(), a: net.a.slice() };
  const all = fullBatchGd(copy, data, { stepSize: 0.5, maxIterations: 200, targetLoss: 0, recordEvery: 1 });
  const target = all.history.loss[37];
  const r = fullBatchGd(net, data, { stepSize: 0.5, maxIterations: 200, targetLoss: target });
  t.is(r.status, 'reached');
  t.is(r.iterations, all.history.loss.findIndex((L) => L <= target));
  const wild = randomNet(4, 8, relu, new Rng(5), { scaling: 'committee', secondLayer: 'signs' });
  const bad = fullBatchGd(wild, data, { stepSize: 1e6, maxIterations: 1000, targetLoss: 0 });
  t.is(bad.status, 'diverged');
  t.regex(bad.message, /lower the step size/);
  t.throws(() => fullBatchGd(net, data, { stepSize: -1, maxIterations: 1, targetLoss: 0 }), { instanceOf: SpecError });
});
