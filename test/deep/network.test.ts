/**
 * The deep ReLU network's backward pass against central finite differences of its training loss
 * (every weight of a small network), and GD with η = 1/λ_max: λ_max against the Gram matrix built
 * from the per-sample gradients, and training to a small loss.
 */
import test from 'ava';
import { DeepBatch, gramLambdaMax, randomDeepNet, sphereDataset, trainDeep } from '../../src/deep/index.ts';
import { Rng } from '../../src/random.ts';

test('backward pass equals central finite differences of the training loss (depth 1, 2, 4)', (t) => {
  for (const depth of [1, 2, 4]) {
    const rng = new Rng(depth);
    const net = randomDeepNet(5, 6, depth, rng);
    const { x, y } = sphereDataset(7, 5, rng);
    const batch = new DeepBatch(net, x);
    const grads = net.W.map((w) => new Float64Array(w.length));
    batch.lossGradient(y, grads);
    const h = 1e-6;
    let worst = 0;
    let scale = 0;
    for (let l = 0; l < depth; l++) {
      for (let i = 0; i < net.W[l].length; i++) {
        const w0 = net.W[l][i];
        const tmp = net.W.map((w) => new Float64Array(w.length));
        net.W[l][i] = w0 + h;
        const up = batch.lossGradient(y, tmp);
        net.W[l][i] = w0 - h;
        const down = batch.lossGradient(y, tmp);
        net.W[l][i] = w0;
        worst = Math.max(worst, Math.abs((up - down) / (2 * h) - grads[l][i]));
        scale = Math.max(scale, Math.abs(grads[l][i]));
      }
    }
    // no kink is crossed at h = 1e-6 for these seeds (a crossing would give an O(1) relative error)
    t.true(worst < 1e-7 * scale, `depth ${depth}: max error ${worst} (gradient scale ${scale})`);
  }
});

test('λ_max by power iteration equals the top eigenvalue of the explicit Gram JJᵀ/n', (t) => {
  const rng = new Rng(9);
  const net = randomDeepNet(4, 8, 2, rng);
  const n = 6;
  const { x } = sphereDataset(n, 4, rng);
  const batch = new DeepBatch(net, x);
  // rows of J: per-sample gradients (cotangent e_i)
  const J = Array.from({ length: n }, (_, i) => {
    const g = net.W.map((w) => new Float64Array(w.length));
    batch.forward();
    batch.vjp(Array.from({ length: n }, (_, k) => (k === i ? 1 : 0)), g);
    return g.flatMap((a) => Array.from(a));
  });
  const K = J.map((a) => J.map((b) => a.reduce((s, v, k) => s + v * b[k], 0) / n));
  // top eigenvalue of K by many power steps on the explicit matrix
  let v = K.map(() => 1);
  let lambda = 0;
  for (let s = 0; s < 2000; s++) {
    const w = K.map((row) => row.reduce((acc, kij, j) => acc + kij * v[j], 0));
    lambda = Math.hypot(...w);
    v = w.map((c) => c / lambda);
  }
  const est = gramLambdaMax(batch, 200, new Rng(1));
  t.true(Math.abs(est / lambda - 1) < 1e-5, `${est} vs ${lambda}`);
});

test('GD at η = 1/λ_max drives the loss of a wide network below 1e-3 with few pattern changes', (t) => {
  const rng = new Rng(4);
  const net = randomDeepNet(8, 64, 2, rng);
  const { x, y } = sphereDataset(8, 8, rng);
  const r = trainDeep(net, x, y, { targetLoss: 1e-3, maxIterations: 5000 }, new Rng(2));
  t.is(r.status, 'reached');
  t.true(r.loss <= 1e-3 && r.initialLoss > 1e-2);
  t.true(r.patternChange < 0.2 && r.relativeChange < 0.5, `${r.patternChange}, ${r.relativeChange}`);
});
