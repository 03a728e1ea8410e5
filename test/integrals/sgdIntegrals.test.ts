import test from 'ava';
import * as math from 'mathjs';
import { DEFAULT_NODES, derivPairIntegral, parseActivation, quadIntegral, tripleIntegral } from '../../src/integrals/index.ts';
import type { Activation } from '../../src/integrals/index.ts';
import { GaussianExpectation } from '../../src/integrals/gaussHermite.ts';
import { bivariateNormalCdf } from '../../src/integrals/stepQuad.ts';
import { Rng } from '../../src/random.ts';
import { monteCarlo, randomCovariance, upper } from './gaussian.ts';

const SAMPLES = 1_000_000;
type Vals = (...c: number[]) => number;

const covs = (seed: number, n: number, count: number) => {
  const rng = new Rng(seed);
  return Array.from({ length: count }, () => randomCovariance(rng, n));
};

const i3Sample = (s: Activation, u: Activation) => (x: Float64Array, o: number) => s.df(x[o]) * x[o + 1] * u.f(x[o + 2]);
const i4Sample = (s: Activation, u: Activation, r: Activation) => (x: Float64Array, o: number) =>
  s.df(x[o]) * s.df(x[o + 1]) * u.f(x[o + 2]) * r.f(x[o + 3]);
const j2Sample = (s: Activation) => (x: Float64Array, o: number) => s.df(x[o]) * s.df(x[o + 1]);

test('closed-form I3, I4, J2 (erf; ReLU and abs I3, J2) agree with Monte Carlo within 4 standard errors', (t) => {
  const rng = new Rng(31);
  const erf = parseActivation('erf');
  const relu = parseActivation('relu');
  const abs = parseActivation('abs');
  const check = (name: string, value: Vals, c: number[][], g: (x: Float64Array, o: number) => number) => {
    const mc = monteCarlo(rng, c, SAMPLES, g);
    const exact = value(...upper(c));
    t.true(Math.abs(mc.mean - exact) < 4 * mc.se, `${name}: ${exact} vs MC ${mc.mean} ± ${mc.se}`);
  };
  for (const s of [erf, relu, abs]) {
    const i3 = tripleIntegral(s, s);
    const j2 = derivPairIntegral(s);
    t.is(i3.path, 'closed-form');
    t.is(j2.path, 'closed-form');
    for (const c of covs(41, 3, 1)) check(`${s.key} I3`, i3.value as Vals, c, i3Sample(s, s));
    for (const c of covs(42, 2, 1)) check(`${s.key} J2`, j2.value as Vals, c, j2Sample(s));
  }
  const i4 = quadIntegral(erf, erf, erf);
  t.is(i4.path, 'closed-form');
  for (const c of covs(43, 4, 2)) check('erf I4', i4.value as Vals, c, i4Sample(erf, erf, erf));
  t.is(quadIntegral(relu, relu, relu).path, 'quadrature'); // no closed form for ReLU I4
});

test('I3 and J2 closed forms (erf, ReLU, abs) agree with the 2-D quadrature to 1e-12 at the default 32 polar nodes', (t) => {
  for (const name of ['erf', 'relu', 'abs']) {
    const s = parseActivation(name);
    const [e3, q3] = [tripleIntegral(s, s), tripleIntegral(s, s, { path: 'quadrature' })];
    const [e2, q2] = [derivPairIntegral(s), derivPairIntegral(s, { path: 'quadrature' })];
    for (const c of covs(51, 3, 6)) t.true(Math.abs((e3.value as Vals)(...upper(c)) - (q3.value as Vals)(...upper(c))) < 1e-12, `${name} I3`);
    for (const c of covs(52, 2, 6)) t.true(Math.abs((e2.value as Vals)(...upper(c)) - (q2.value as Vals)(...upper(c))) < 1e-12, `${name} J2`);
  }
});

test('ReLU-type I4 (no closed form): the steps integrated analytically, converged to 1e-13 at the default 32 nodes and equal to Monte Carlo', (t) => {
  const rng = new Rng(57);
  const relu = parseActivation('relu');
  const erf = parseActivation('erf');
  for (const [tau, rho] of [[relu, relu], [erf, relu]]) {
    const c = randomCovariance(rng, 4);
    const at = (nodes: number) => (quadIntegral(relu, tau, rho, { nodes }).value as Vals)(...upper(c));
    const [q32, q48] = [at(32), at(48)];
    const mc = monteCarlo(rng, c, SAMPLES, i4Sample(relu, tau, rho));
    t.true(Math.abs(q32 - q48) < 1e-13, `${tau.key}|${rho.key}: ${q32} vs ${q48}`);
    t.true(Math.abs(q32 - mc.mean) < 4 * mc.se, `${tau.key}|${rho.key}: ${q32} vs MC ${mc.mean} ± ${mc.se}`);
  }
  // repeated fields (I4(i, i, n, p), I4(i, k, i, p)): conditional variances vanish, steps become kinks of the outer integral
  const c3 = randomCovariance(rng, 3);
  for (const idx of [[0, 0, 1, 2], [0, 1, 0, 2]]) {
    const c = idx.map((i) => idx.map((j) => c3[i][j]));
    const [q16, q48] = [16, 48].map((nodes) => (quadIntegral(relu, relu, relu, { nodes }).value as Vals)(...upper(c)));
    t.true(Math.abs(q16 - q48) < 1e-11, `fields ${idx}: ${q16} vs ${q48}`);
  }
  // other step derivatives σ' = α + βH: leaky ReLU (α = 0.1, β = 0.9) and |x| (α = −1, β = 2)
  for (const spec of ['max(x, 0.1*x)', 'abs(x)']) {
    const s = parseActivation(spec);
    const c = randomCovariance(rng, 4);
    const at = (nodes: number) => (quadIntegral(s, erf, relu, { nodes }).value as Vals)(...upper(c));
    const [q32, q48] = [at(32), at(48)];
    const mc = monteCarlo(rng, c, SAMPLES, i4Sample(s, erf, relu));
    t.true(Math.abs(q32 - q48) < 1e-13, `${spec}: ${q32} vs ${q48}`);
    t.true(Math.abs(q32 - mc.mean) < 4 * mc.se, `${spec}: ${q32} vs MC ${mc.mean} ± ${mc.se}`);
  }
  // abs with itself (the student of Zhou, Ge & Jin 2021): no closed form, quadrature against Monte Carlo
  const abs = parseActivation('abs');
  const cAbs = randomCovariance(rng, 4);
  const i4Abs = quadIntegral(abs, abs, abs);
  t.is(i4Abs.path, 'quadrature');
  const mcAbs = monteCarlo(rng, cAbs, SAMPLES, i4Sample(abs, abs, abs));
  const qAbs = (i4Abs.value as Vals)(...upper(cAbs));
  t.true(Math.abs(qAbs - mcAbs.mean) < 4 * mcAbs.se, `abs|abs|abs: ${qAbs} vs MC ${mcAbs.mean} ± ${mcAbs.se}`);
  // 4-D tensor Gauss–Hermite on the same integrand (a step in σ') is far off: measured 9% at 20 nodes
  const c = randomCovariance(rng, 4);
  const exact = (quadIntegral(relu, relu, relu).value as Vals)(...upper(c));
  const gh = new GaussianExpectation(4, 20).expect(Float64Array.from(c.flat()), (u) => (u[0] > 0 && u[1] > 0 ? Math.max(u[2], 0) * Math.max(u[3], 0) : 0));
  t.log(`ReLU I4: semi-analytic ${exact}, 4-D Gauss–Hermite 20⁴ ${gh} (relative error ${Math.abs(gh / exact - 1).toExponential(1)})`);
  t.true(Math.abs(gh / exact - 1) > 1e-3);
});

test('bivariate normal CDF (Sheppard) against exact special cases and an independent 1-D integral', (t) => {
  // Φ from mathjs erf: what is under test is Sheppard's formula and its evaluation, not erf
  const Phi = (x: number) => 0.5 * (1 + (math.erf(x / Math.SQRT2) as number));
  for (const r of [-0.99, -0.6, 0, 0.3, 0.8, 0.9999]) {
    t.true(Math.abs(bivariateNormalCdf(0, 0, r) - (0.25 + Math.asin(r) / (2 * Math.PI))) < 1e-15, `r = ${r}`);
  }
  t.true(Math.abs(bivariateNormalCdf(0.4, -1.1, 0) - Phi(0.4) * Phi(-1.1)) < 1e-15);
  t.true(Math.abs(bivariateNormalCdf(0.4, -1.1, 1) - Phi(-1.1)) < 1e-15);
  t.true(Math.abs(bivariateNormalCdf(0.4, 1.1, -1) - (Phi(0.4) - Phi(-1.1))) < 1e-15);
  // ∫_{-8}^{h} φ(x) Φ((k − r x)/√(1 − r²)) dx, composite Simpson on 20000 panels (error ~1e-15 for these r)
  for (const [h, k, r] of [[0.3, -0.2, 0.95], [-0.7, 0.5, -0.8], [1.2, 0.4, 0.3], [-1.5, -2, 0.7]]) {
    const s = Math.sqrt(1 - r * r);
    const f = (x: number) => Math.exp(-x * x / 2) / Math.sqrt(2 * Math.PI) * Phi((k - r * x) / s);
    const n = 20000;
    const dx = (h + 8) / n;
    let sum = f(-8) + f(h);
    for (let i = 1; i < n; i++) sum += (i % 2 === 1 ? 4 : 2) * f(-8 + i * dx);
    const ref = (sum * dx) / 3;
    t.true(Math.abs(bivariateNormalCdf(h, k, r) - ref) < 1e-13, `(${h}, ${k}, ${r}): ${bivariateNormalCdf(h, k, r)} vs ${ref}`);
  }
});

test('erf I4: the conditioned quadrature reaches the closed form to < 1e-12 at the default 26 nodes (22 needed)', (t) => {
  const erf = parseActivation('erf');
  const exact = quadIntegral(erf, erf, erf).value as Vals;
  const cs = covs(61, 4, 8).map(upper);
  // 26 polar nodes per arc and per ray over (u_c, u_e), ⌈5·26/4⌉ = 33 Gauss–Hermite nodes per dimension over (u_a, u_b)
  t.is(DEFAULT_NODES[4], 26);
  const worst = (nodes?: number) => {
    const q = quadIntegral(erf, erf, erf, { path: 'quadrature', nodes }).value as Vals;
    return Math.max(...cs.map((c) => Math.abs(exact(...c) - q(...c))));
  };
  const [e20, e22, e26] = [worst(20), worst(22), worst()];
  // the old rule, 4-D tensor Gauss–Hermite at 20⁴ points (~30 ms per value; the default here ~16 ms)
  const gh20 = new GaussianExpectation(4, 20).expect(Float64Array.from(covs(61, 4, 1)[0].flat()), (u) => erf.df(u[0]) * erf.df(u[1]) * erf.f(u[2]) * erf.f(u[3]));
  const eGh20 = Math.abs(exact(...cs[0]) - gh20);
  t.log(`erf I4, worst error over 8 covariances: 20 nodes ${e20.toExponential(2)}, 22 ${e22.toExponential(2)}, 26 (default) ${e26.toExponential(2)}; 4-D Gauss–Hermite 20⁴ ${eGh20.toExponential(2)} (first covariance)`);
  // measured: 4.1e-12, 2.4e-13, 2.3e-15 (16: 4.5e-10, 24: 3.7e-14, 32: 2.3e-16), about a digit per 2
  // nodes. 22 suffice here; the default is 26 because the repeated-fields case (0, 0, 0, 1) of the
  // next test needs it (1.1e-12 at 24, 1.7e-13 at 26)
  t.true(e20 > 1e-12, 'fewer than 22 nodes do not reach 1e-12 on these covariances');
  t.true(e22 < 1e-12);
  t.true(e26 < 1e-13);
  t.true(eGh20 > 1e-6); // measured 4.9e-6 (2.5e-11 at 48⁴, 0.7 s per value)
});

test('erf I4 with repeated fields (singular C_yy or conditional covariance S, as in I4(i, i, n, p)) to < 1e-12 at the default', (t) => {
  const erf = parseActivation('erf');
  const exact = quadIntegral(erf, erf, erf).value as Vals;
  const quad = quadIntegral(erf, erf, erf, { path: 'quadrature' }).value as Vals;
  const [c3] = covs(71, 3, 1);
  const [c2] = covs(72, 2, 1);
  const cases: [number[][], number[]][] = [
    [c3, [0, 0, 1, 2]], [c3, [0, 1, 0, 2]], [c3, [0, 1, 2, 2]], [c3, [0, 1, 2, 0]],
    [c2, [0, 0, 1, 1]], [c2, [0, 1, 0, 1]], [c2, [0, 0, 0, 1]],
  ];
  for (const [small, idx] of cases) {
    const c = upper(idx.map((i) => idx.map((j) => small[i][j])));
    // measured ≤ 5e-15, except (0, 0, 0, 1): 1.7e-13 (u_a = u_b = u_c, S = 0: a 2-D integral of σ'² τ ρ)
    t.true(Math.abs(exact(...c) - quad(...c)) < 1e-12, `fields ${idx}: ${exact(...c)} vs ${quad(...c)}`);
  }
});

test('tanh I4 (no closed form): the default agrees with itself at 48 nodes, with 4-D Gauss–Hermite at 64⁴ and with Monte Carlo', (t) => {
  const rng = new Rng(5);
  const tanh = parseActivation('tanh(x)');
  const erf = parseActivation('erf');
  const c = randomCovariance(rng, 4);
  const at = (nodes?: number) => (quadIntegral(tanh, erf, tanh, { nodes }).value as Vals)(...upper(c));
  const [qDefault, q48] = [at(), at(48)];
  const sample = i4Sample(tanh, erf, tanh);
  const gh64 = new GaussianExpectation(4, 64).expect(Float64Array.from(c.flat()), (u) => sample(u, 0));
  const mc = monteCarlo(rng, c, SAMPLES, sample);
  t.log(`tanh|erf|tanh I4: default ${qDefault}, 48 nodes ${q48}, 4-D Gauss–Hermite 64⁴ ${gh64}, MC ${mc.mean} ± ${mc.se}`);
  // measured 2.9e-14 and 8.7e-10 (the 64⁴ rule is the less accurate one: 48⁴ differs from it by 2e-8);
  // on another covariance 2.4e-12 from 48 nodes (σ' = sech² has poles at ±iπ/2: slower than erf)
  t.true(Math.abs(qDefault - q48) < 1e-10);
  t.true(Math.abs(qDefault - gh64) < 5e-9);
  t.true(Math.abs(qDefault - mc.mean) < 4 * mc.se);
});

test('polynomial activations: Wick I3, I4, J2 agree with quadrature (to round-off) and Monte Carlo', (t) => {
  const rng = new Rng(81);
  const cubic = parseActivation('x^3 - 3*x');
  const quadratic = parseActivation('quadratic');
  const mixed = parseActivation('x^2 + 0.5*x');
  const cases: [string, Vals, Vals, number, (x: Float64Array, o: number) => number][] = [];
  for (const [s, u] of [[cubic, quadratic], [quadratic, quadratic], [mixed, cubic]]) {
    const w = tripleIntegral(s, u);
    t.is(w.path, 'wick');
    cases.push([`I3 ${s.key}|${u.key}`, w.value as Vals, tripleIntegral(s, u, { path: 'quadrature' }).value as Vals, 3, i3Sample(s, u)]);
    const w4 = quadIntegral(s, u, s);
    t.is(w4.path, 'wick');
    cases.push([`I4 ${s.key}|${u.key}|${s.key}`, w4.value as Vals, quadIntegral(s, u, s, { path: 'quadrature' }).value as Vals, 4, i4Sample(s, u, s)]);
  }
  for (const s of [cubic, mixed]) {
    cases.push([`J2 ${s.key}`, derivPairIntegral(s).value as Vals, derivPairIntegral(s, { path: 'quadrature' }).value as Vals, 2, j2Sample(s)]);
  }
  for (const [name, wick, quad, n, sample] of cases) {
    const c = randomCovariance(rng, n);
    const exact = wick(...upper(c));
    // I3, J2 and the outer integral of I4: polar rule (exact in r, Gauss–Legendre on trigonometric
    // polynomials in φ); the inner Gauss–Hermite rule of I4 (33 nodes) is exact for degree < 66: round-off only
    t.true(Math.abs(exact - quad(...upper(c))) < 1e-10 * Math.max(1, Math.abs(exact)), `${name} quadrature`);
    const mc = monteCarlo(rng, c, SAMPLES, sample);
    t.true(Math.abs(mc.mean - exact) < 4 * mc.se, `${name}: ${exact} vs MC ${mc.mean} ± ${mc.se}`);
  }
});

test('mixed activations fall back to quadrature and agree with Monte Carlo', (t) => {
  const rng = new Rng(91);
  const erf = parseActivation('erf');
  const tanh = parseActivation('tanh(x)');
  const lin = parseActivation('linear');
  const i3 = tripleIntegral(erf, lin);
  const i4 = quadIntegral(tanh, erf, lin);
  t.is(i3.path, 'quadrature');
  t.is(i4.path, 'quadrature');
  const c3 = randomCovariance(rng, 3);
  const c4 = randomCovariance(rng, 4);
  const m3 = monteCarlo(rng, c3, SAMPLES, i3Sample(erf, lin));
  const m4 = monteCarlo(rng, c4, SAMPLES, i4Sample(tanh, erf, lin));
  t.true(Math.abs(m3.mean - (i3.value as Vals)(...upper(c3))) < 4 * m3.se);
  t.true(Math.abs(m4.mean - (i4.value as Vals)(...upper(c4))) < 4 * m4.se);
  // E[erf'(u_a) u_b u_c] by Wick on σ' alone: (2/π)^{1/2} [c_bc (1+c_aa) − c_ab c_ac] / (1+c_aa)^{3/2}
  const [caa, cab, cac, , cbc] = upper(c3);
  const exact = Math.sqrt(2 / Math.PI) * (cbc * (1 + caa) - cab * cac) / (1 + caa) ** 1.5;
  t.true(Math.abs((i3.value as Vals)(...upper(c3)) - exact) < 1e-12);
});
