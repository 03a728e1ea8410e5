/**
 * The joint Gaussian rule: Gaussian moments that a product Gauss–Hermite rule must reproduce exactly
 * (covariance, Isserlis' fourth moments, a sixth moment), with and without the ±z symmetry, on a full-rank
 * and on a singular covariance; refusal of a matrix that is not a covariance.
 */
import test from 'ava';
import { JointGaussianRule } from '../../src/integrals/jointGaussian.ts';
import { Rng } from '../../src/random.ts';

/** C = A Aᵀ for a random n×r A (rank r ≤ n), row-major. */
function gram(rng: Rng, n: number, r: number): Float64Array {
  const a = rng.fillNormal(new Float64Array(n * r), 1);
  const c = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) for (let k = 0; k < r; k++) c[i * n + j] += a[i * r + k] * a[j * r + k];
  return c;
}

const expect = (rule: JointGaussianRule, g: (u: Float64Array) => number): number => {
  let s = 0;
  for (let p = 0; p < rule.size; p++) s += rule.weights[p] * g(rule.fields.subarray(p * rule.dim, (p + 1) * rule.dim));
  return s;
};

for (const [label, rank] of [['full rank', 5], ['rank 2', 2]] as const) {
  for (const symmetric of [false, true]) {
    test(`joint rule reproduces E[u_i u_j], Isserlis E[u_a u_b u_c u_e] and E[u_0^6] (${label}${symmetric ? ', symmetric' : ''})`, (t) => {
      const n = 5;
      const C = gram(new Rng(7 + rank), n, rank);
      const rule = new JointGaussianRule(n, 5, 1e-30, symmetric);
      t.true(rule.set(C));
      const scale = C[0] + C[n + 1] + C[2 * n + 2];
      t.true(Math.abs(expect(rule, () => 1) - 1) < 1e-13);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          const v = expect(rule, (u) => u[i] * u[j]);
          t.true(Math.abs(v - C[i * n + j]) < 1e-12 * scale, `E[u${i} u${j}] = ${v} vs ${C[i * n + j]}`);
        }
      }
      const c = (i: number, j: number) => C[i * n + j];
      const isserlis = c(0, 1) * c(2, 4) + c(0, 2) * c(1, 4) + c(0, 4) * c(1, 2);
      t.true(Math.abs(expect(rule, (u) => u[0] * u[1] * u[2] * u[4]) - isserlis) < 1e-12 * scale * scale);
      // E[x^6] = 15 σ^6: degree 6 < 2·5, exact
      t.true(Math.abs(expect(rule, (u) => u[0] ** 6) - 15 * c(0, 0) ** 3) < 1e-11 * c(0, 0) ** 3);
    });
  }
}

test('joint rule refuses a matrix with a negative eigenvalue beyond round-off, and NaN', (t) => {
  const rule = new JointGaussianRule(2, 4, 1e-14);
  t.false(rule.set(Float64Array.from([1, 1.1, 1.1, 1])));
  t.false(rule.set(Float64Array.from([1, NaN, NaN, 1])));
  // on the boundary within round-off: accepted, integrated on the support
  t.true(rule.set(Float64Array.from([1, 1, 1, 1 - 1e-12])));
});
