import test from 'ava';
import { pairIntegral, parseActivation } from '../../src/integrals/index.ts';
import { Rng } from '../../src/random.ts';
import { CONE_GUARD, GaussianExpectation } from '../../src/integrals/gaussHermite.ts';
import { PolarExpectation } from '../../src/integrals/polar.ts';
import { monteCarlo, randomCovariance } from './gaussian.ts';

const SAMPLES = 1_000_000;
const covs = (seed: number, count: number) => {
  const rng = new Rng(seed);
  return Array.from({ length: count }, () => randomCovariance(rng, 2));
};

test('closed-form I2 (linear, quadratic, erf, relu, abs) agree with Monte Carlo within 4 standard errors', (t) => {
  const rng = new Rng(11);
  for (const name of ['linear', 'quadratic', 'erf', 'relu', 'abs']) {
    const act = parseActivation(name);
    const i2 = pairIntegral(act, act);
    t.is(i2.path, 'closed-form');
    for (const c of covs(3, 1)) {
      const mc = monteCarlo(rng, c, SAMPLES, (u, o) => act.f(u[o]) * act.f(u[o + 1]));
      const exact = i2.value(c[0][0], c[1][1], c[0][1]);
      t.true(Math.abs(mc.mean - exact) < 4 * mc.se, `${name}: ${exact} vs MC ${mc.mean} ± ${mc.se}`);
    }
  }
});

test('ReLU I2 has the prefactor 1/(2π); the common 1/π variant is off by a factor 2 (Monte Carlo)', (t) => {
  const rng = new Rng(5);
  const relu = parseActivation('relu');
  const c = [[1.2, 0.5], [0.5, 0.9]];
  const mc = monteCarlo(rng, c, SAMPLES, (u, o) => Math.max(u[o], 0) * Math.max(u[o + 1], 0));
  const ours = pairIntegral(relu, relu).value(1.2, 0.9, 0.5);
  t.true(Math.abs(mc.mean - ours) < 4 * mc.se);
  t.true(Math.abs(mc.mean - 2 * ours) > 100 * mc.se);
});

test('closed forms agree with the 2-D quadrature to 1e-12 at the default 32 polar nodes (smooth and kinked)', (t) => {
  for (const name of ['linear', 'quadratic', 'erf', 'relu', 'abs', 'x^3 - 3*x']) {
    const act = parseActivation(name);
    const exact = pairIntegral(act, act);
    const quad = pairIntegral(act, act, { path: 'quadrature' });
    for (const c of covs(17, 8)) {
      const [c11, c22, c12] = [c[0][0], c[1][1], c[0][1]];
      t.true(Math.abs(exact.value(c11, c22, c12) - quad.value(c11, c22, c12)) < 1e-12, `${name} at ${c}`);
    }
  }
});

test('ReLU: tensor Gauss–Hermite converges algebraically across the kink, the split polar rule to round-off', (t) => {
  const relu = parseActivation('relu');
  const exact = pairIntegral(relu, relu);
  const cs = covs(7, 6);
  const g = (u: Float64Array) => Math.max(u[0], 0) * Math.max(u[1], 0);
  const worst = (rule: { expect: (c: Float64Array, g: (u: Float64Array) => number) => number }) =>
    Math.max(...cs.map((c) => Math.abs(exact.value(c[0][0], c[1][1], c[0][1]) - rule.expect(Float64Array.from(c.flat()), g))));
  const [gh16, gh128] = [worst(new GaussianExpectation(2, 16)), worst(new GaussianExpectation(2, 128))];
  const [p8, p16] = [worst(new PolarExpectation(8)), worst(new PolarExpectation(16))];
  t.log(`ReLU I2, worst error over 6 covariances: Gauss–Hermite 16² ${gh16.toExponential(2)}, 128² ${gh128.toExponential(2)}; polar 8 ${p8.toExponential(2)}, 16 ${p16.toExponential(2)}`);
  // measured: GH 2.6e-3 and 1.8e-4 (the kink costs exponential convergence); polar 8e-13 and 2e-15
  t.true(gh16 > 1e-3 && gh128 > 1e-5 && gh128 < gh16 / 5);
  t.true(p16 < 1e-13);
});

test('I2 gradients (closed form, Wick, quadrature) agree with central finite differences', (t) => {
  const pairs: [string, string][] = [
    ['erf', 'erf'], ['relu', 'relu'], ['abs', 'abs'], ['quadratic', 'quadratic'], ['linear', 'linear'],
    ['x^3 - 3*x', 'x^2 + x'], ['tanh(x)', 'tanh(x)'], ['erf', 'tanh(x)'], ['relu', 'erf'],
  ];
  const grad = new Float64Array(3);
  for (const [s, u] of pairs) {
    const i2 = pairIntegral(parseActivation(s), parseActivation(u));
    for (const c of covs(23, 3)) {
      const x = [c[0][0], c[1][1], c[0][1]];
      i2.valueGrad(x[0], x[1], x[2], grad);
      for (let k = 0; k < 3; k++) {
        const h = 1e-4;
        const up = x.slice();
        const dn = x.slice();
        up[k] += h;
        dn[k] -= h;
        const fd = (i2.value(up[0], up[1], up[2]) - i2.value(dn[0], dn[1], dn[2])) / (2 * h);
        // FD truncation ~h² f''' ≈ 1e-8, round-off ~1e-16/h ≈ 1e-12
        t.true(Math.abs(fd - grad[k]) < 1e-6, `${s}|${u} (${i2.path}) ∂${k}: ${grad[k]} vs FD ${fd}`);
      }
    }
  }
});

test('ReLU I2 gradient is finite and right at coincident fields (c12² = c11 c22)', (t) => {
  const relu = parseActivation('relu');
  const grad = new Float64Array(3);
  const v = pairIntegral(relu, relu).valueGrad(0.7, 0.7, 0.7, grad);
  t.true(Math.abs(v - 0.35) < 1e-15); // E[relu(u)²] = c/2
  // Price: ∂c12 = P(u > 0, v > 0) = 1/2; ∂c11 = ½ E[δ(u) relu(v)] = 0 when v = u
  t.true(Math.abs(grad[2] - 0.5) < 1e-15 && grad[0] === 0 && grad[1] === 0);
});

test('abs I2 gradient is finite and right at coincident fields (c12² = c11 c22)', (t) => {
  const abs = parseActivation('abs');
  const grad = new Float64Array(3);
  const v = pairIntegral(abs, abs).valueGrad(0.7, 0.7, 0.7, grad);
  t.true(Math.abs(v - 0.7) < 1e-15); // E[u²] = c
  // Price: ∂c12 = E[sign u sign v] = 1; ∂c11 = ½ E[2δ(u)|v|] = 0 when v = u
  t.true(Math.abs(grad[2] - 1) < 1e-15 && grad[0] === 0 && grad[1] === 0);
  // anti-parallel fields: E[|u||−u|] = c, ∂c12 = −1
  t.true(Math.abs(pairIntegral(abs, abs).valueGrad(0.7, 0.7, -0.7, grad) - 0.7) < 1e-15 && Math.abs(grad[2] + 1) < 1e-15);
});

test('abs I2 near aligned fields keeps full accuracy (I2 − c12 = (2/π) c(tan θ − θ) ≈ 2cθ³/(3π))', (t) => {
  const abs = parseActivation('abs');
  const i2 = pairIntegral(abs, abs);
  for (const theta of [1e-2, 1e-3, 1e-4]) {
    const c = 0.8;
    // fields of variance c at angle θ: c12 = c cos θ, c11 c22 − c12² = c² sin² θ
    const series = (2 * c * (Math.tan(theta) - theta)) / Math.PI; // exact: (2/π)(√D − c12 θ) = (2/π) c cos θ (tan θ − θ)
    const got = i2.value(c, c, c * Math.cos(theta)) - c * Math.cos(theta);
    const exact = Math.cos(theta) * series;
    // the absolute error must stay far below the √eps ≈ 1e-8 of the arcsin form
    t.true(Math.abs(got - exact) < 1e-13, `θ = ${theta}: ${got} vs ${exact}`);
  }
});

test('closed forms forgive round-off outside their domain but not a non-covariance', (t) => {
  const relu = parseActivation('relu');
  const erf = parseActivation('erf');
  const i2 = pairIntegral(relu, relu);
  const c = 0.7;
  // c12 one ulp above √(c11 c22): acos and sqrt arguments just outside [−1, 1] and [0, ∞)
  const v = i2.value(c, c, c * (1 + 2 ** -52));
  t.true(Math.abs(v - c / 2) < 1e-15);
  t.true(Number.isNaN(i2.value(c, c, 1.01 * c)));
  t.true(Number.isNaN(pairIntegral(erf, erf).value(0.5, 0.5, 2)));
});

test('quadrature takes a covariance up to CONE_GUARD outside the cone as on its edge, and refuses one further out', (t) => {
  const tanh = parseActivation('tanh(x)');
  const i2 = pairIntegral(tanh, tanh);
  const c = 0.8;
  const edge = i2.value(c, c, c);
  // smallest eigenvalue −1e-8 (of 1.6): the value at the edge, continuously
  const inside = i2.value(c, c, c + 1e-8);
  t.true(Math.abs(inside - edge) < 1e-6, `${inside} vs ${edge}`);
  t.true(Number.isNaN(i2.value(c, c, c + 10 * CONE_GUARD * 2 * c)));
});

test('singular covariance is integrated exactly by the quadrature (rank drop, no jitter)', (t) => {
  const erf = parseActivation('erf');
  const exact = pairIntegral(erf, erf).value(0.8, 0.8, 0.8);
  const quad = pairIntegral(erf, erf, { path: 'quadrature' }).value(0.8, 0.8, 0.8);
  t.true(Math.abs(exact - quad) < 1e-13);
});

test('mixed pairs pick Wick for polynomials, quadrature otherwise, and forced paths are checked', (t) => {
  const lin = parseActivation('linear');
  const quad = parseActivation('quadratic');
  const erf = parseActivation('erf');
  t.is(pairIntegral(lin, quad).path, 'wick');
  t.is(pairIntegral(erf, lin).path, 'quadrature');
  t.throws(() => pairIntegral(erf, lin, { path: 'closed-form' }), { message: /pairIntegral.path/ });
  t.throws(() => pairIntegral(erf, erf, { nodes: 1000 }), { message: /pairIntegral.nodes/ });
  // E[erf(u/√2) v] = c12 E[σ'(u)] = c12 √(2/π)/√(1 + c11) (Stein's lemma)
  const v = pairIntegral(erf, lin).value(1.1, 0.6, 0.3);
  t.true(Math.abs(v - 0.3 * Math.sqrt(2 / Math.PI) / Math.sqrt(2.1)) < 1e-12);
});

test('row kernels give what valueGrad gives, pair by pair (closed form, Wick, quadrature)', (t) => {
  const cases: [string, string][] = [['erf', 'erf'], ['relu', 'relu'], ['x^2 + 0.5*x^3', 'x^2'], ['tanh(x)', 'erf']];
  const rng = new Rng(17);
  for (const [s, u] of cases) {
    const i2 = pairIntegral(parseActivation(s), parseActivation(u));
    const n = 5;
    const c22 = Float64Array.from({ length: n + 1 }, () => 0.5 + rng.uniform());
    const c12 = Float64Array.from({ length: n + 2 }, () => 0.3 * (rng.uniform() - 0.5));
    const c11 = 0.8;
    const out = new Float64Array(4 * n);
    i2.row(c11, c22, 1, c12, 2, n, out);
    const grad = new Float64Array(3);
    for (let i = 0; i < n; i++) {
      const v = i2.valueGrad(c11, c22[1 + i], c12[2 + i], grad);
      const want = [v, grad[0], grad[1], grad[2]];
      for (let q = 0; q < 4; q++) {
        t.true(Math.abs(out[4 * i + q] - want[q]) <= 1e-14 * (1 + Math.abs(want[q])), `${s}|${u} pair ${i} entry ${q}: ${out[4 * i + q]} vs ${want[q]}`);
      }
    }
  }
});
