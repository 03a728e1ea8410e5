import test from 'ava';
import { Rng } from '../../src/random.ts';
import { gaussianSingularValues, principalCosines, randomOrthonormal, sampledPrincipalCosines, wachterEdges, wachterMasses, wachterQuadrature } from '../../src/quadratic/index.ts';

test('randomOrthonormal has orthonormal columns; principal cosines satisfy Σcos² = ‖UᵀV‖²_F and Πcos = |det UᵀV|', (t) => {
  const d = 30, m = 5;
  const rng = new Rng(2);
  const u = randomOrthonormal(d, m, rng), v = randomOrthonormal(d, m, rng);
  const utv = new Float64Array(m * m);
  let orth = 0;
  for (let i = 0; i < m; i++)
    for (let j = 0; j < m; j++) {
      let uu = 0, uv = 0;
      for (let r = 0; r < d; r++) { uu += u[r * m + i] * u[r * m + j]; uv += u[r * m + i] * v[r * m + j]; }
      orth = Math.max(orth, Math.abs(uu - (i === j ? 1 : 0)));
      utv[i * m + j] = uv;
    }
  t.true(orth < 1e-14, `orthonormality ${orth}`);
  // determinant by Gaussian elimination with partial pivoting (independent of the SVD)
  const a = Array.from({ length: m }, (_, i) => Array.from(utv.slice(i * m, i * m + m)));
  let det = 1;
  for (let c = 0; c < m; c++) {
    let p = c;
    for (let r = c + 1; r < m; r++) if (Math.abs(a[r][c]) > Math.abs(a[p][c])) p = r;
    [a[c], a[p]] = [a[p], a[c]];
    det *= a[c][c];
    for (let r = c + 1; r < m; r++) { const f = a[r][c] / a[c][c]; for (let k = c; k < m; k++) a[r][k] -= f * a[c][k]; }
  }
  const cos = principalCosines(u, v, d, m, m);
  const frob = utv.reduce((s, x) => s + x * x, 0);
  t.true(Math.abs(cos.reduce((s, c) => s + c * c, 0) - frob) < 1e-13);
  t.true(Math.abs(cos.reduce((s, c) => s * c, 1) - Math.abs(det)) < 1e-13);
});

// (The Gauss–Legendre rule underneath is tested in test/integrals/rules.test.ts.)
test('the Wachter quadrature has the continuous mass and E[cos²θ] = αα*', (t) => {
  // E tr(P_U P_V)/d = m m*/d² = αα* exactly, an identity independent of the density's form;
  // 1e-10 allows the default panels' quadrature error (measured ≤ 2e-12: poles of 1/λ at Im φ ≈ 0.3)
  for (const [a, as] of [[0.3, 0.2], [0.2, 0.2], [0.6, 0.7], [0.5, 0.5]]) {
    const { lambda, weight } = wachterQuadrature(a, as);
    const { shared, continuous } = wachterMasses(a, as);
    const mass = weight.reduce((s, w) => s + w, 0);
    const mean = weight.reduce((s, w, i) => s + w * lambda[i], 0) + shared;
    t.true(Math.abs(mass - continuous) < 1e-10, `mass ${mass} vs ${continuous} at ${a}, ${as}`);
    t.true(Math.abs(mean - a * as) < 1e-10, `mean ${mean} vs ${a * as}`);
  }
});

/** Largest distance between the empirical CDF of cos² (over min(m, m*) angles) and the law's continuous-plus-shared CDF. */
function ksDistance(cos: Float64Array, alpha: number, alphaStar: number): number {
  const { lambda, weight } = wachterQuadrature(alpha, alphaStar, { nodes: 8, graded: 20, uniform: 64 });
  const { shared, continuous } = wachterMasses(alpha, alphaStar);
  const total = shared + continuous;
  const lam = Array.from(cos, (c) => c * c).sort((x, y) => x - y);
  const order = Array.from(lambda.keys()).sort((i, j) => lambda[i] - lambda[j]);
  let cdf = 0, k = 0, worst = 0;
  for (const i of order) {
    while (k < lam.length && lam[k] <= lambda[i]) k++;
    cdf += weight[i] / total;
    worst = Math.max(worst, Math.abs(k / lam.length - (cdf - weight[i] / (2 * total))));
  }
  return worst;
}

test('angles of random subspaces follow Wachter (KS distance < 0.03 at d = 1000, both samplers) and the edges bracket them', (t) => {
  // KS fluctuations of a β = 1 Jacobi ensemble are O(log n / n) (rigid spectrum), far below 0.03 at n = 200;
  // the node-CDF discretisation adds ≲ 1/(2·nodes in a panel) of one panel's mass.
  const d = 1000, alpha = 0.3, alphaStar = 0.2;
  const m = alpha * d, ms = alphaStar * d;
  const fast = sampledPrincipalCosines(d, m, ms, new Rng(9));
  const rng = new Rng(10);
  const explicit = principalCosines(randomOrthonormal(d, m, rng), randomOrthonormal(d, ms, rng), d, m, ms);
  const { lo, hi } = wachterEdges(alpha, alphaStar);
  for (const cos of [fast, explicit]) {
    t.is(cos.length, ms);
    t.true(ksDistance(cos, alpha, alphaStar) < 0.03, `KS ${ksDistance(cos, alpha, alphaStar)}`);
    t.true(cos[0] ** 2 < hi + 0.02 && cos[ms - 1] ** 2 > lo - 0.01, `range ${cos[ms - 1] ** 2}…${cos[0] ** 2} vs ${lo}…${hi}`);
  }
});

test('singular values: Σσ² of a 3×2 Gaussian matrix averages m·m* = 6 (within 4 SE), and m < m* shapes work (Σcos² = ‖UᵀV‖²_F)', (t) => {
  const rng = new Rng(21);
  const n = 4000;
  let s1 = 0, s2 = 0;
  for (let k = 0; k < n; k++) {
    const f = gaussianSingularValues(3, 2, rng).reduce((s, x) => s + x * x, 0);
    s1 += f;
    s2 += f * f;
  }
  const mean = s1 / n, se = Math.sqrt((s2 / n - mean * mean) / n);
  t.true(Math.abs(mean - 6) < 4 * se, `${mean} ± ${se}`);
  const d = 20, m = 3, ms = 5;
  const u = randomOrthonormal(d, m, rng), v = randomOrthonormal(d, ms, rng);
  let frob = 0;
  for (let i = 0; i < m; i++) for (let j = 0; j < ms; j++) { let s = 0; for (let r = 0; r < d; r++) s += u[r * m + i] * v[r * ms + j]; frob += s * s; }
  const cos = principalCosines(u, v, d, m, ms);
  t.is(cos.length, m);
  t.true(Math.abs(cos.reduce((s, c) => s + c * c, 0) - frob) < 1e-13);
});
