import test from 'ava';
import { Rng } from '../../src/random.ts';
import { gaussianMatrix, weightsFromJson, integrateFamily, integrateMatrix, initialState, matrixFlow, orthonormalReduction, principalCosines, randomOrthonormal } from '../../src/quadratic/index.ts';
import { SpecError } from '../../src/validate.ts';

/** Δ = WWᵀ/m − W*W*ᵀ/m* formed explicitly (d×d), the naive reference. */
function explicitDelta(w: Float64Array, m: number, ws: Float64Array, ms: number, d: number): Float64Array {
  const delta = new Float64Array(d * d);
  for (let i = 0; i < d; i++)
    for (let j = 0; j < d; j++) {
      let s = 0;
      for (let k = 0; k < m; k++) s += (w[i * m + k] * w[j * m + k]) / m;
      for (let k = 0; k < ms; k++) s -= (ws[i * ms + k] * ws[j * ms + k]) / ms;
      delta[i * d + j] = s;
    }
  return delta;
}

test('risk ¼E[(xᵀΔx)²] (plain) and ¼E[(xᵀΔx − trΔ)²] (centred) match Monte Carlo within 4 standard errors', (t) => {
  const d = 5, m = 3, ms = 2, n = 200_000;
  const rng = new Rng(11);
  const w = gaussianMatrix(d, m, rng), ws = gaussianMatrix(d, ms, rng);
  const delta = explicitDelta(w, m, ws, ms, d);
  let tr = 0;
  for (let i = 0; i < d; i++) tr += delta[i * d + i];
  let teacher2 = 0;
  const sStar = explicitDelta(new Float64Array(d * m), m, ws, ms, d);
  for (const v of sStar) teacher2 += v * v;
  const x = new Float64Array(d);
  for (const activation of ['plain', 'centred'] as const) {
    const flow = matrixFlow({ d, m, mStar: ms, activation, wStar: ws });
    let s1 = 0, s2 = 0;
    const mc = new Rng(5);
    for (let k = 0; k < n; k++) {
      mc.fillNormal(x);
      let q = 0;
      for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) q += x[i] * delta[i * d + j] * x[j];
      if (activation === 'centred') q -= tr;
      const l = (q * q) / 4 / (teacher2 / 2);
      s1 += l;
      s2 += l * l;
    }
    const mean = s1 / n, se = Math.sqrt((s2 / n - mean * mean) / n);
    t.true(Math.abs(flow.loss(w) - mean) < 4 * se, `${activation}: ${flow.loss(w)} vs ${mean} ± ${se}`);
  }
});

test('weight-flow right-hand side equals −(2Δ + τI)W with Δ formed explicitly (rounding, 1e-12)', (t) => {
  const d = 7, m = 4, ms = 3;
  const rng = new Rng(3);
  const w = gaussianMatrix(d, m, rng), ws = gaussianMatrix(d, ms, rng);
  const delta = explicitDelta(w, m, ws, ms, d);
  let tau = 0;
  for (let i = 0; i < d; i++) tau += delta[i * d + i];
  for (const activation of ['plain', 'centred'] as const) {
    const dw = new Float64Array(d * m);
    matrixFlow({ d, m, mStar: ms, activation, wStar: ws }).rhs(0, w, dw);
    const tt = activation === 'plain' ? tau : 0;
    let err = 0;
    for (let i = 0; i < d; i++)
      for (let k = 0; k < m; k++) {
        let g = tt * w[i * m + k];
        for (let j = 0; j < d; j++) g += 2 * delta[i * d + j] * w[j * m + k];
        err = Math.max(err, Math.abs(dw[i * m + k] + g));
      }
    t.true(err < 1e-12, `${activation}: ${err}`);
  }
});

test('exact reduction equals the full weight flow (ε_g to relative 1e-8 over t ∈ [0, 15]) at d = 40 and d = 200', (t) => {
  // The reduction is exact (THEORY.md §2a); the tolerance covers dopri5 at rtol 1e-10 on both sides
  // and the Gram-based loss of the full flow (absolute floor ~1e-16 ≪ 1e-8 × ε_g ≥ 1e-13 here).
  const m = 12, ms = 8, c0 = 0.5, cs = 1;
  const times = Array.from({ length: 31 }, (_, i) => i * 0.5);
  for (const d of [40, 200]) {
    const rng = new Rng(d);
    const u = randomOrthonormal(d, m, rng), v = randomOrthonormal(d, ms, rng);
    const w0 = u.map((x) => x * Math.sqrt(c0 * m));
    const wStar = v.map((x) => x * Math.sqrt(cs * ms));
    for (const activation of ['plain', 'centred'] as const) {
      const full = integrateMatrix({ d, m, mStar: ms, activation, wStar }, w0, times);
      const fam = orthonormalReduction(principalCosines(u, v, d, m, ms), m, ms, cs, activation);
      const red = integrateFamily(fam, initialState(fam, c0), times);
      t.is(full.status, 'success');
      t.is(red.status, 'success');
      let err = 0;
      for (let i = 0; i < times.length; i++) err = Math.max(err, Math.abs(full.loss[i] - red.loss[i]) / red.loss[i]);
      t.true(err < 1e-8, `d = ${d}, ${activation}: max relative difference ${err}`);
      t.true(red.loss[times.length - 1] < 1e-3 * red.loss[0], 'the run goes well past the escape');
    }
  }
});

test('bad shapes are refused with the field named; weights from JSON are read row by row', (t) => {
  t.deepEqual(Array.from(weightsFromJson([[1, 2], [3, 4], [5, 6]], 3, 2)), [1, 2, 3, 4, 5, 6]);
  const bad = t.throws(() => weightsFromJson([[1, 2], [3]], 2, 2, 'init.W'));
  t.true(bad instanceof SpecError && bad.path === 'init.W[1]', String(bad?.message));
  const err = t.throws(() => matrixFlow({ d: 4, m: 2, mStar: 2, activation: 'plain', wStar: new Float64Array(7) }));
  t.true(err instanceof SpecError && err.path === 'model.wStar');
});
