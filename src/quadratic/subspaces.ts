/**
 * Orthonormal families and their principal angles: random Gaussian and orthonormal weights, weights
 * from JSON, cos θ_i from an SVD of UᵀV (Björck & Golub 1973), a sampler of the cosines of two
 * independent uniformly random subspaces that never forms a d×d or d×m* basis, and the exact block
 * reduction of THEORY.md §2a built from the cosines.
 */
import { CholeskyDecomposition, Matrix, SingularValueDecomposition } from 'ml-matrix';
import type { Rng } from '../random.ts';
import { expectMatrix, SpecError } from '../validate.ts';
import type { BlockFamily } from './blocks.ts';
import type { QuadraticActivation } from './matrixFlow.ts';

/** A d×k matrix (row-major) of independent N(0, scale²) entries. */
export function gaussianMatrix(d: number, k: number, rng: Rng, scale = 1): Float64Array {
  return rng.fillNormal(new Float64Array(d * k), scale);
}

/**
 * Orthonormalise the columns of a row-major d×k matrix in place by modified Gram–Schmidt, run twice
 * ("twice is enough", Giraud et al. 2005) so the columns are orthonormal to rounding. Throws if the
 * columns are linearly dependent.
 */
export function orthonormalizeColumns(x: Float64Array, d: number, k: number): Float64Array {
  for (let pass = 0; pass < 2; pass++) {
    for (let j = 0; j < k; j++) {
      for (let i = 0; i < j; i++) {
        let dot = 0;
        for (let r = 0; r < d; r++) dot += x[r * k + i] * x[r * k + j];
        for (let r = 0; r < d; r++) x[r * k + j] -= dot * x[r * k + i];
      }
      let n2 = 0;
      for (let r = 0; r < d; r++) n2 += x[r * k + j] * x[r * k + j];
      if (!(n2 > 0)) throw new SpecError(`columns[${j}]`, 'linearly dependent', 'linearly independent columns');
      const inv = 1 / Math.sqrt(n2);
      for (let r = 0; r < d; r++) x[r * k + j] *= inv;
    }
  }
  return x;
}

/** Orthonormal columns spanning a uniformly random k-dimensional subspace of R^d (d×k, row-major). */
export function randomOrthonormal(d: number, k: number, rng: Rng): Float64Array {
  if (k > d) throw new SpecError('k', k, `at most d = ${d}`);
  return orthonormalizeColumns(gaussianMatrix(d, k, rng), d, k);
}

/** Weights W (d×m) from JSON: a d×m array of numbers, validated. */
export function weightsFromJson(json: unknown, d: number, m: number, path = 'weights'): Float64Array {
  return Float64Array.from(expectMatrix(json, path, d, m).flat());
}

function toMatrix(x: Float64Array, rows: number, cols: number): Matrix {
  const out = new Matrix(rows, cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out.set(i, j, x[i * cols + j]);
  return out;
}

/** Singular values in decreasing order. */
function singularValues(a: Matrix): Float64Array {
  const s = new SingularValueDecomposition(a, { computeLeftSingularVectors: false, computeRightSingularVectors: false, autoTranspose: true }).diagonal;
  return Float64Array.from(s).sort().reverse();
}

/** Cosines from singular values: clipped to [0, 1] (rounding can push a cosine of 1 just above it). */
function clipCosines(s: Float64Array): Float64Array {
  return s.map((v) => Math.min(1, Math.max(0, v)));
}

/**
 * cos θ_i, i < min(m, m*), of the principal angles between span U and span V (U: d×m, V: d×m*,
 * orthonormal columns): the singular values of UᵀV, clipped to [0, 1], in decreasing order.
 */
export function principalCosines(u: Float64Array, v: Float64Array, d: number, m: number, mStar: number): Float64Array {
  const utv = new Matrix(m, mStar);
  for (let r = 0; r < d; r++) {
    for (let i = 0; i < m; i++) {
      const ui = u[r * m + i];
      for (let j = 0; j < mStar; j++) utv.set(i, j, utv.get(i, j) + ui * v[r * mStar + j]);
    }
  }
  return clipCosines(singularValues(utv));
}

/**
 * The principal cosines of two independent uniformly random subspaces of dimensions m and m* in R^d,
 * sampled without forming either basis: by rotation invariance V may be the first m* axes and
 * U = X L^{-ᵀ} for Gaussian X (d×m) with XᵀX = L Lᵀ (U has orthonormal columns), so UᵀV is the
 * transpose of L^{-1} X₁ᵀ, X₁ the first m* rows of X. Cost O(d m² + m² m*), against O(d m² + d m*²)
 * for `randomOrthonormal` twice plus the product UᵀV.
 */
export function sampledPrincipalCosines(d: number, m: number, mStar: number, rng: Rng): Float64Array {
  if (m > d || mStar > d) throw new SpecError('m, mStar', [m, mStar], `each at most d = ${d}`);
  const x = gaussianMatrix(d, m, rng);
  const xtx = new Matrix(m, m);
  const row = new Float64Array(m);
  const acc = new Float64Array(m * m);
  for (let r = 0; r < d; r++) {
    for (let i = 0; i < m; i++) row[i] = x[r * m + i];
    for (let i = 0; i < m; i++) {
      const xi = row[i];
      for (let j = 0; j <= i; j++) acc[i * m + j] += xi * row[j];
    }
  }
  for (let i = 0; i < m; i++) for (let j = 0; j <= i; j++) { xtx.set(i, j, acc[i * m + j]); xtx.set(j, i, acc[i * m + j]); }
  const l = new CholeskyDecomposition(xtx).lowerTriangularMatrix;
  const x1t = new Matrix(m, mStar);
  for (let r = 0; r < mStar; r++) for (let i = 0; i < m; i++) x1t.set(i, r, x[r * m + i]);
  // forward substitution: Z = L^{-1} X₁ᵀ
  for (let i = 0; i < m; i++) {
    const lii = l.get(i, i);
    for (let c = 0; c < mStar; c++) {
      let s = x1t.get(i, c);
      for (let k = 0; k < i; k++) s -= l.get(i, k) * x1t.get(k, c);
      x1t.set(i, c, s / lii);
    }
  }
  return clipCosines(singularValues(x1t));
}

/** Singular values (decreasing) of an m×m* matrix of independent N(0, 1) entries. */
export function gaussianSingularValues(m: number, mStar: number, rng: Rng): Float64Array {
  return singularValues(toMatrix(gaussianMatrix(m, mStar, rng), m, mStar));
}

/**
 * The exact reduction (THEORY.md §2a) of the flow started at S(0) = c0 U Uᵀ with S* = c* V Vᵀ:
 * one block per principal cosine (θ = 0 blocks are the shared directions, θ = π/2 blocks a
 * student-only plus a teacher-only direction, both exactly), m − k student-only and m* − k
 * teacher-only directions, k = min(m, m*); τ = tr Δ for the plain activation, none for the centred.
 */
export function orthonormalReduction(cos: Float64Array, m: number, mStar: number, cStar: number, activation: QuadraticActivation): BlockFamily {
  const k = Math.min(m, mStar);
  if (cos.length !== k) throw new SpecError('cos', `length ${cos.length}`, `min(m, m*) = ${k} cosines`);
  return {
    cStar,
    cos: Float64Array.from(cos),
    weight: new Float64Array(k).fill(1),
    uOnlyWeight: m - k,
    vOnlyWeight: mStar - k,
    trace: activation === 'plain' ? 'sum' : 'none',
  };
}
