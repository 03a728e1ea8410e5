import test from 'ava';
import { Polynomial, wickMoment } from '../../src/integrals/index.ts';
import { GaussianExpectation } from '../../src/integrals/gaussHermite.ts';
import { Rng } from '../../src/random.ts';
import { cholesky, randomCovariance, upper } from './gaussian.ts';

/** Every exponent vector of n fields with total degree ≤ maxDegree. */
function exponents(n: number, maxDegree: number): number[][] {
  if (n === 0) return [[]];
  return exponents(n - 1, maxDegree).flatMap((k) => {
    const used = k.reduce((a, b) => a + b, 0);
    return Array.from({ length: maxDegree - used + 1 }, (_, e) => [...k, e]);
  });
}

const ALL = exponents(4, 8); // 495 moments of 4 fields, total degree 0 … 8

test('Isserlis: small cases in closed form', (t) => {
  t.is(wickMoment([2, 2]).toText(), 'c11*c22 + 2*c12^2');
  t.is(wickMoment([1, 1, 1, 1]).toText(), 'c12*c34 + c13*c24 + c14*c23');
  t.is(wickMoment([8]).toText(), '105*c11^4'); // (8 − 1)!! = 105
  t.is(wickMoment([3, 1]).toText(), '3*c11*c12');
  t.true(wickMoment([3, 2]).isZero);
  t.is(wickMoment([1, 1]).toLatex((v) => `c_{${v.slice(1)}}`), 'c_{12}');
});

test('every Wick moment of 4 fields up to total degree 8 agrees with Gauss–Hermite quadrature to 1e-10', (t) => {
  const rng = new Rng(101);
  const c = randomCovariance(rng, 4);
  const vals = upper(c);
  // 5 nodes per dimension integrate degree ≤ 9 exactly, so the quadrature is exact up to round-off
  const gauss = new GaussianExpectation(4, 5);
  const cov = Float64Array.from(c.flat());
  for (const k of ALL) {
    const exact = wickMoment(k).evaluate(vals);
    const quad = gauss.expect(cov, (u) => u[0] ** k[0] * u[1] ** k[1] * u[2] ** k[2] * u[3] ** k[3]);
    t.true(Math.abs(exact - quad) < 1e-10 * Math.max(1, Math.abs(exact)), `E[u^${k}] = ${exact} vs ${quad}`);
  }
});

test('every Wick moment of 4 fields up to total degree 8 agrees with Monte Carlo (10^6 samples, 4 SE)', (t) => {
  const rng = new Rng(103);
  const c = randomCovariance(rng, 4);
  const vals = upper(c);
  const l = cholesky(c);
  const samples = 1_000_000;
  const sum = new Float64Array(ALL.length);
  const sumSq = new Float64Array(ALL.length);
  const pw = new Float64Array(4 * 9);
  const z = new Float64Array(4);
  for (let s = 0; s < samples; s++) {
    rng.fillNormal(z);
    for (let i = 0; i < 4; i++) {
      let x = 0;
      for (let k = 0; k <= i; k++) x += l[i][k] * z[k];
      pw[i * 9] = 1;
      for (let p = 1; p <= 8; p++) pw[i * 9 + p] = pw[i * 9 + p - 1] * x;
    }
    for (let m = 0; m < ALL.length; m++) {
      const k = ALL[m];
      const v = pw[k[0]] * pw[9 + k[1]] * pw[18 + k[2]] * pw[27 + k[3]];
      sum[m] += v;
      sumSq[m] += v * v;
    }
  }
  let worst = 0;
  for (let m = 0; m < ALL.length; m++) {
    const mean = sum[m] / samples;
    const se = Math.sqrt(Math.max(sumSq[m] / samples - mean * mean, 0) / (samples - 1));
    const exact = wickMoment(ALL[m]).evaluate(vals);
    if (se === 0) {
      t.is(exact, 1); // the zeroth moment
      continue;
    }
    worst = Math.max(worst, Math.abs(mean - exact) / se);
    t.true(Math.abs(mean - exact) < 4 * se, `E[u^${ALL[m]}]: ${exact} vs MC ${mean} ± ${se}`);
  }
  t.log(`largest deviation over ${ALL.length} moments: ${worst.toFixed(2)} standard errors`);
});

test('polynomial algebra: product, derivative and compiled evaluation are consistent', (t) => {
  const vars = ['a', 'b'];
  const a = Polynomial.variable(vars, 0);
  const b = Polynomial.variable(vars, 1);
  const p = a.add(b).mul(a.add(b)); // (a + b)² = a² + 2ab + b²
  t.is(p.toText(), 'a^2 + 2*a*b + b^2');
  t.is(p.derivative(0).toText(), '2*a + 2*b');
  const f = p.compile<(a: number, b: number) => number>();
  t.is(f(0.3, -1.1), p.evaluate([0.3, -1.1]));
  t.true(Math.abs(f(0.3, -1.1) - (0.3 - 1.1) ** 2) < 1e-15);
  t.true(p.add(p.scale({ num: -1n, den: 1n })).isZero);
});
