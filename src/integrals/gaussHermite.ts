/**
 * Gauss–Hermite quadrature for E[g(u)], u ~ N(0, C) in 1 to 4 dimensions.
 *
 * u = B z with B = V √Λ from the eigendecomposition C = V Λ Vᵀ (cyclic Jacobi), z ~ N(0, I_r),
 * where only the r eigenvalues above `RANK_TOL`·λ_max are kept: a singular covariance
 * (c12² = c11 c22, repeated fields such as I4(i, i, j, l)) is integrated exactly in its own
 * lower dimension, with no jitter. The z-grid is the tensor product of n-point rules for N(0, 1),
 * pruned of points whose weight is below `PRUNE`·(largest weight) (their total mass is far below
 * 1e-16) and cached per (r, n).
 *
 * Convergence: exponential in n for smooth integrands (erf, tanh, sigmoid, GELU; polynomials of
 * degree < 2n exactly); a kink (ReLU) or a step (its derivative) limits it to algebraic convergence
 * (measured in test/integrals/pair.test.ts and sgdIntegrals.test.ts). 2-D integrals therefore use
 * the split polar rule of polar.ts; this tensor rule serves I4.
 */

/** Eigenvalues below this fraction of the largest are treated as exactly zero. */
export const RANK_TOL = 1e-12;
/**
 * How far outside the positive semidefinite cone a covariance handed to a quadrature may lie and still
 * count as on its edge: an eigenvalue (or a conditional variance) down to −CONE_GUARD times the largest
 * variance is taken as zero, i.e. the rule integrates over the nearest covariance on the cone. The same
 * allowance as the closed forms' guarded asin and sqrt (`codegen.ts`): ODE states of aligned units sit
 * ~1e-9 outside the cone at rtol 1e-7 (tanh online SGD at m = m* = 3: −4e-9 at α = 1000), where a
 * round-off threshold made ε_g NaN while the integration succeeded. Further out the matrix is not a
 * covariance and the integral is NaN, which is how a flow that runs into a singular point (two students
 * merging under log|x|) ends with status nonFinite instead of crawling on.
 */
export const CONE_GUARD = 1e-7;
/** Grid points with weight below this fraction of the largest weight are dropped. */
export const PRUNE = 1e-22;

/**
 * Nodes and weights of the n-point Gauss–Hermite rule for the standard normal density:
 * Newton's iteration on the orthonormal Hermite recurrence
 * p_j(z) = z √(2/j) p_{j−1} − √((j−1)/j) p_{j−2} (weight e^{−z²}), started from the
 * asymptotic guesses of Press et al., Numerical Recipes §4.5; then x = √2 z, w/√π.
 */
export function hermiteRule(n: number): { x: Float64Array; w: Float64Array } {
  const x = new Float64Array(n);
  const w = new Float64Array(n);
  const m = (n + 1) >> 1;
  let z = 0;
  for (let i = 0; i < m; i++) {
    if (i === 0) z = Math.sqrt(2 * n + 1) - 1.85575 * Math.pow(2 * n + 1, -1 / 6);
    else if (i === 1) z -= (1.14 * Math.pow(n, 0.426)) / z;
    else if (i === 2) z = 1.86 * z - (0.86 * x[n - 1]) / Math.SQRT2;
    else if (i === 3) z = 1.91 * z - (0.91 * x[n - 2]) / Math.SQRT2;
    else z = 2 * z - x[n - 1 - (i - 2)] / Math.SQRT2;
    let pp = 0;
    for (let it = 0; it < 100; it++) {
      let p1 = Math.pow(Math.PI, -0.25);
      let p2 = 0;
      for (let j = 1; j <= n; j++) {
        const p3 = p2;
        p2 = p1;
        p1 = z * Math.sqrt(2 / j) * p2 - Math.sqrt((j - 1) / j) * p3;
      }
      pp = Math.sqrt(2 * n) * p2;
      const dz = p1 / pp;
      z -= dz;
      if (Math.abs(dz) <= 1e-15 * Math.max(1, Math.abs(z))) break;
    }
    const weight = 2 / (pp * pp) / Math.sqrt(Math.PI);
    x[i] = -z * Math.SQRT2;
    x[n - 1 - i] = z * Math.SQRT2;
    w[i] = weight;
    w[n - 1 - i] = weight;
  }
  return { x, w };
}

export interface ProductGrid {
  /** Node coordinates, point-major (size × r). */
  z: Float64Array;
  /** 1 where a node's coordinates 1 … r − 1 differ from the previous kept node's (coordinate 0 varies fastest). */
  newOuter: Uint8Array;
  weights: Float64Array;
  size: number;
  /** Total weight of the nodes that were dropped. */
  dropped: number;
}

/**
 * Product Gauss–Hermite grid in r dimensions with k nodes each, pruned of weights below prune·w_max^r.
 * With `symmetric`, of each pair of index vectors (i, k−1−i) only the lexicographically smaller is kept,
 * with twice the weight (the centre node, for odd k, once).
 */
export function productGrid(r: number, k: number, prune: number, symmetric: boolean): ProductGrid {
  const { x, w } = hermiteRule(k);
  let wmax = 0;
  for (let i = 0; i < k; i++) wmax = Math.max(wmax, w[i]);
  const floor = prune * Math.pow(wmax, r);
  const z: number[] = [];
  const newOuter: number[] = [];
  const last = new Int32Array(r).fill(-1);
  const weights: number[] = [];
  let dropped = 0;
  const idx = new Int32Array(r);
  const total = Math.pow(k, r);
  for (let p = 0; p < total; p++) {
    let weight = 1;
    for (let d = 0; d < r; d++) weight *= w[idx[d]];
    // sign of idx − mirror(idx) in lexicographic order: −1 smaller, 0 the centre, 1 larger
    let order = 0;
    for (let d = 0; d < r && order === 0; d++) order = Math.sign(idx[d] - (k - 1 - idx[d]));
    if (symmetric && order > 0) {
      // counted with its mirror
    } else if (weight >= floor) {
      for (let d = 0; d < r; d++) z.push(x[idx[d]]);
      let changed = 0;
      for (let d = 1; d < r; d++) if (idx[d] !== last[d]) changed = 1;
      newOuter.push(changed);
      last.set(idx);
      weights.push(symmetric && order < 0 ? 2 * weight : weight);
    } else {
      dropped += symmetric && order < 0 ? 2 * weight : weight;
    }
    for (let d = 0; d < r; d++) {
      if (++idx[d] < k) break;
      idx[d] = 0;
    }
  }
  return { z: Float64Array.from(z), newOuter: Uint8Array.from(newOuter), weights: Float64Array.from(weights), size: weights.length, dropped };
}

const grids = new Map<string, ProductGrid>();

/** Pruned tensor-product grid for N(0, I_r) with n nodes per dimension, cached per (r, n). */
function tensorGrid(r: number, n: number): ProductGrid {
  const cacheKey = `${r}:${n}`;
  let grid = grids.get(cacheKey);
  if (grid === undefined) {
    grid = productGrid(r, n, PRUNE, false);
    grids.set(cacheKey, grid);
  }
  return grid;
}

/**
 * Eigen-factor of a covariance: B (dim×r, row stride dim) with B Bᵀ = C, from C = V Λ Vᵀ by cyclic
 * Jacobi rotations, keeping the r eigenvalues above RANK_TOL·λ_max. Preallocated; not re-entrant.
 */
export class CovarianceFactor {
  readonly b: Float64Array;
  private readonly a: Float64Array;
  private readonly v: Float64Array;

  constructor(readonly dim: number) {
    this.a = new Float64Array(dim * dim);
    this.v = new Float64Array(dim * dim);
    this.b = new Float64Array(dim * dim);
  }

  /** Factor `cov` (dense row-major) into this.b and return r, or −1 when cov has an eigenvalue below −CONE_GUARD·λ_max. */
  factor(cov: Float64Array): number {
    const n = this.dim;
    const { a, v, b } = this;
    a.set(cov);
    symmetricEigen(a, v, n);
    let lmax = 0;
    for (let i = 0; i < n; i++) lmax = Math.max(lmax, a[i * n + i]);
    let r = 0;
    for (let j = 0; j < n; j++) {
      const lambda = a[j * n + j];
      if (lambda < -CONE_GUARD * lmax - 1e-300) return -1;
      if (lambda <= RANK_TOL * lmax) continue;
      const s = Math.sqrt(lambda);
      for (let i = 0; i < n; i++) b[i * n + r] = v[i * n + j] * s;
      r++;
    }
    for (let j = r; j < n; j++) for (let i = 0; i < n; i++) b[i * n + j] = 0;
    return r;
  }
}

/**
 * Cyclic Jacobi eigenvalue algorithm for a symmetric n×n matrix `a` (row-major, overwritten: its
 * diagonal becomes the eigenvalues); the eigenvectors are written as the columns of `v`.
 */
export function symmetricEigen(a: Float64Array, v: Float64Array, n: number): void {
  v.fill(0);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    let diag = 0;
    for (let p = 0; p < n; p++) {
      diag += a[p * n + p] * a[p * n + p];
      for (let q = p + 1; q < n; q++) off += a[p * n + q] * a[p * n + q];
    }
    if (off <= 1e-32 * diag || off < 1e-300) return;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q];
        if (apq === 0) continue;
        const theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p];
          const akq = a[k * n + q];
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k];
          const aqk = a[q * n + k];
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p];
          const vkq = v[k * n + q];
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
}

/** E[g(u)] for u ~ N(0, C): the contract shared by the tensor Gauss–Hermite and the polar rules. */
export interface Expectation {
  expect(cov: Float64Array, g: (u: Float64Array) => number): number;
}

/**
 * E[g(u)] for u ~ N(0, C), C given as a dense dim×dim row-major Float64Array, by an n-point rule per
 * retained dimension. `g` reads the fields from the Float64Array it is handed (length dim).
 * Reuses its work arrays, so it is not re-entrant; it allocates nothing per call.
 */
export class GaussianExpectation implements Expectation {
  private readonly factor: CovarianceFactor;
  private readonly u: Float64Array;

  constructor(readonly dim: number, readonly nodes: number) {
    this.factor = new CovarianceFactor(dim);
    this.u = new Float64Array(dim);
  }

  /** E[g(u)], u ~ N(0, cov). Negative eigenvalues beyond round-off give NaN (not a covariance). */
  expect(cov: Float64Array, g: (u: Float64Array) => number): number {
    const n = this.dim;
    const r = this.factor.factor(cov);
    if (r < 0) return NaN;
    const rr = Math.max(r, 1);
    const { z: points, weights, size } = tensorGrid(rr, this.nodes);
    const b = this.factor.b;
    const u = this.u;
    let sum = 0;
    for (let p = 0; p < size; p++) {
      const off = p * rr;
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let k = 0; k < r; k++) s += b[i * n + k] * points[off + k];
        u[i] = s;
      }
      sum += weights[p] * g(u);
    }
    return sum;
  }
}

/**
 * Moore–Penrose pseudo-inverse of the symmetric 2×2 matrix [[c00, c01], [c01, c11]], written into
 * out = [p00, p01, p11]: the inverse when det > 1e-12·trace², C/trace² at rank one (C = t vvᵀ with
 * |v| = 1, t = trace), and 0 for the zero matrix.
 */
export function pinvSym2(c00: number, c01: number, c11: number, out: Float64Array): void {
  const det = c00 * c11 - c01 * c01;
  const trace = c00 + c11;
  if (det > 1e-12 * trace * trace) {
    out[0] = c11 / det;
    out[1] = -c01 / det;
    out[2] = c00 / det;
  } else if (trace > 0) {
    out[0] = c00 / (trace * trace);
    out[1] = c01 / (trace * trace);
    out[2] = c11 / (trace * trace);
  } else {
    out.fill(0);
  }
}

/**
 * Conditioning of x = (u_a, u_b) on y = (u_c, u_e) for (u_a, u_b, u_c, u_e) ~ N(0, C), C given by its
 * upper triangle: x | y ~ N(M y, S) with M = C_xy C_yy⁺ (pseudo-inverse, `pinvSym2`: exact also when
 * u_c ∝ u_e) and S = C_xx − M C_yx. `set` overwrites the fields; `cov` is C_yy (row-major 2×2), the
 * covariance an outer rule over y integrates against.
 */
export class PairConditioning {
  readonly cov = new Float64Array(4);
  m00 = 0;
  m01 = 0;
  m10 = 0;
  m11 = 0;
  saa = 0;
  sab = 0;
  sbb = 0;
  private readonly pinv = new Float64Array(3);

  set(caa: number, cab: number, cac: number, cae: number, cbb: number, cbc: number, cbe: number, ccc: number, cce: number, cee: number): void {
    const { cov, pinv: p } = this;
    cov[0] = ccc;
    cov[1] = cce;
    cov[2] = cce;
    cov[3] = cee;
    pinvSym2(ccc, cce, cee, p);
    // M = C_xy C_yy⁺ with C_xy = [[cac, cae], [cbc, cbe]]
    this.m00 = cac * p[0] + cae * p[1];
    this.m01 = cac * p[1] + cae * p[2];
    this.m10 = cbc * p[0] + cbe * p[1];
    this.m11 = cbc * p[1] + cbe * p[2];
    this.saa = caa - (this.m00 * cac + this.m01 * cae);
    this.sab = cab - (this.m00 * cbc + this.m01 * cbe);
    this.sbb = cbb - (this.m10 * cbc + this.m11 * cbe);
  }
}
