/**
 * One quadrature rule for every expectation over the joint Gaussian of n fields u ~ N(0, C):
 *
 *   E[g(u)] ≈ Σ_p w_p g(B Q z_p),   C = B Bᵀ,  Q orthogonal,
 *
 * - z_p, w_p: the k-point Gauss–Hermite rule for N(0, 1) taken in product over the n dimensions, pruned
 *   of the nodes whose weight is below `prune`·w_max^n (their total mass is `droppedMass`);
 * - B: the Cholesky factor of C taken from the last field to the first (B_cj = 0 for j < c: the last field,
 *   a teacher in the online-SGD ODE, is B_nn z_n). A pivot below PIVOT_TOL times the largest diagonal
 *   entry counts as zero and its column as zero, so a singular C (students aligned with teachers) is
 *   integrated exactly on its support, with no jitter. Unlike an eigen-factor, B is a smooth function of
 *   C: the rule gives an ODE right-hand side without jumps where eigenvalues cross or become degenerate;
 * - Q: the orthonormal DCT-IV matrix, Q_jk = √(2/n) cos(π(2j+1)(2k+1)/(4n)). Since Qz ~ N(0, I), any
 *   orthogonal Q is exact in law; this one spreads each field over all n node coordinates (every entry
 *   nonzero, at most √(2/n)), so that along each coordinate a field varies ~√(n/2) times more slowly
 *   than along its own axis. A product rule integrates the pure powers z_j^d of a field only up to
 *   d = 2k − 1; spreading shrinks their coefficients by (√(2/n))^d. Measured on the erf online-SGD
 *   right-hand side at m = m* = 3, k = 8: errors ~5e-7 with Q, ~3e-4 without (B alone).
 *
 * With `symmetric`, the integrands are promised to be even, g(−u) = g(u); nodes come in pairs ±z_p, and
 * one of each pair is kept with twice the weight (the rule is symmetric, so this is exact).
 *
 * The nodes and weights are computed once; only BQ changes with C, and `set(C)` maps every kept node to
 * its fields u_p = B Q z_p, so that a caller can evaluate any number of integrands in one pass. Accuracy
 * is that of the one-dimensional rule on the spread fields: exponential in k for entire integrands (erf,
 * GELU, polynomials of degree < 2k exactly), slower for integrands with poles near the real axis
 * (tanh: poles at ±iπ/2).
 */
import { productGrid } from './gaussHermite.ts';

/** Cholesky pivots below this fraction of the largest diagonal entry of C count as zero. */
export const PIVOT_TOL = 1e-13;

/**
 * A pivot down to −PIVOT_GUARD times the largest diagonal entry counts as zero too: the rule is then
 * evaluated at C with that field's conditional variance set to zero, the nearest point of the positive
 * semidefinite cone along that pivot, a continuous extension. ODE states near aligned units step out of
 * the cone by the integrator's error allowance (rtol 1e-6: ~1e-6) and by the rule's own error in the
 * right-hand side (~1e-5 at six fields for tanh), which at the cone's edge may point outwards; whether a
 * trajectory really left the cone is judged on its outputs (committee/health.ts). A more negative pivot
 * means C is not a covariance. (Wider than the other quadratures' CONE_GUARD: this rule's own error is.)
 */
export const PIVOT_GUARD = 1e-4;

/**
 * Lower-triangular factor in reverse field order: C = B Bᵀ with B[c·n + j] = 0 for j < c, i.e. the
 * Cholesky factor of C with rows and columns reversed. Pivots within [−PIVOT_GUARD, PIVOT_TOL] times the
 * largest diagonal entry leave their column zero; returns false for a more negative pivot or NaN.
 */
function reverseCholesky(cov: Float64Array, b: Float64Array, n: number): boolean {
  let scale = 0;
  for (let c = 0; c < n; c++) scale = Math.max(scale, cov[c * n + c]);
  b.fill(0);
  for (let j = n - 1; j >= 0; j--) {
    // pivot of field j given the fields after it
    let d = cov[j * n + j];
    for (let k = j + 1; k < n; k++) d -= b[j * n + k] * b[j * n + k];
    if (!(d >= -PIVOT_GUARD * scale)) return false; // also NaN
    if (d <= PIVOT_TOL * scale) continue; // field j is fixed by the later ones: its column stays zero
    const l = Math.sqrt(d);
    b[j * n + j] = l;
    for (let c = j - 1; c >= 0; c--) {
      let s = cov[c * n + j];
      for (let k = j + 1; k < n; k++) s -= b[c * n + k] * b[j * n + k];
      b[c * n + j] = s / l;
    }
  }
  return true;
}

/** The orthonormal DCT-IV matrix, Q_jk = √(2/n) cos(π(2j+1)(2k+1)/(4n)), row-major. */
function dct4(n: number): Float64Array {
  const q = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    for (let k = 0; k < n; k++) q[j * n + k] = Math.sqrt(2 / n) * Math.cos((Math.PI * (2 * j + 1) * (2 * k + 1)) / (4 * n));
  }
  return q;
}

/**
 * The pruned, spread Gauss–Hermite product rule over N(0, C) for `dim` fields, `nodes` points per
 * dimension (see the module comment). Preallocated; `set` allocates nothing. Not re-entrant.
 */
export class JointGaussianRule {
  /** Fields of the kept nodes under the last `set` C, node-major: u_p = fields[p·dim … p·dim + dim − 1]. */
  readonly fields: Float64Array;
  /** Weights of the kept nodes; they sum to 1 − droppedMass. */
  readonly weights: Float64Array;
  /** Number of kept nodes. */
  readonly size: number;
  /** Total weight of the dropped nodes. */
  readonly droppedMass: number;
  private readonly z: Float64Array;
  private readonly newOuter: Uint8Array;
  private readonly outer: Float64Array;
  private readonly b: Float64Array;
  private readonly q: Float64Array;
  private readonly bq: Float64Array;

  constructor(readonly dim: number, readonly nodes: number, readonly prune: number, readonly symmetric = false) {
    const grid = productGrid(dim, nodes, prune, symmetric);
    this.z = grid.z;
    this.newOuter = grid.newOuter;
    this.outer = new Float64Array(dim);
    this.weights = grid.weights;
    this.size = grid.size;
    this.droppedMass = grid.dropped;
    this.b = new Float64Array(dim * dim);
    this.q = dct4(dim);
    this.bq = new Float64Array(dim * dim);
    this.fields = new Float64Array(grid.size * dim);
  }

  /**
   * Factor C (dense row-major dim×dim) and map the nodes: fields[p·dim + c] = (BQ z_p)_c. Returns false,
   * leaving the fields unusable, when C is not a covariance (a pivot below −PIVOT_GUARD·max diag, or NaN).
   */
  set(cov: Float64Array): boolean {
    const n = this.dim;
    const { b, q, bq, z, size, newOuter, outer } = this;
    if (!reverseCholesky(cov, b, n)) return false;
    for (let c = 0; c < n; c++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let k = c; k < n; k++) s += b[c * n + k] * q[k * n + j];
        bq[c * n + j] = s;
      }
    }
    // u = (BQ)_{:,0} z_0 + Σ_{j≥1} (BQ)_{:,j} z_j, the second sum shared by consecutive nodes
    const u = this.fields;
    for (let p = 0; p < size; p++) {
      const o = p * n;
      if (newOuter[p] === 1 || p === 0) {
        for (let c = 0; c < n; c++) {
          let s = 0;
          const bo = c * n;
          for (let j = 1; j < n; j++) s += bq[bo + j] * z[o + j];
          outer[c] = s;
        }
      }
      const z0 = z[o];
      for (let c = 0; c < n; c++) u[o + c] = outer[c] + bq[c * n] * z0;
    }
    return true;
  }
}
