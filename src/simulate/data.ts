/**
 * Initial weights, overlaps and the teacher's samples of a finite-d simulation.
 *
 * Student W (m×d) has i.i.d. N(0, scale²) entries; the teacher W* (m*×d) has Gaussian rows
 * orthonormalised and scaled by √d, so T = W*W*ᵀ/d = I. The draw uses the same generator and order as
 * `randomOverlaps` of `src/committee`, so a simulation with init seed s starts from exactly the overlaps
 * the ODE's `{"kind": "random", "d", "scale", "seed": s}` computes.
 * Weights are held transposed and scaled, V = Wᵀ/√d (d×m) and U = W*ᵀ/√d (d×m*), so that
 * Q = VᵀV, R = VᵀU, T = UᵀU and the local fields of x are λ = Vᵀx, ν = Uᵀx.
 */
import { orthonormalRows } from '../committee/init.ts';
import { Rng } from '../random.ts';
import { SpecError } from '../validate.ts';
import type { HostBatch, ScalarActivation } from './reference.ts';

export interface InitialWeights {
  /** Student V = Wᵀ/√d, d×m row-major. */
  V: Float64Array;
  /** Teacher U = W*ᵀ/√d, d×m* row-major. */
  U: Float64Array;
}

/** Draw the initial student and the teacher at dimension d (see the module note). */
export function initialWeights(d: number, m: number, mStar: number, scale: number, seed: number): InitialWeights {
  const rng = new Rng(seed);
  const sqrtD = Math.sqrt(d);
  const V = new Float64Array(d * m);
  for (let j = 0; j < m; j++) {
    const w = rng.fillNormal(new Float64Array(d), scale);
    for (let i = 0; i < d; i++) V[i * m + j] = w[i] / sqrtD;
  }
  const U = new Float64Array(d * mStar);
  orthonormalRows(mStar, d, rng).forEach((w, k) => {
    for (let i = 0; i < d; i++) U[i * mStar + k] = w[i];
  });
  return { V, U };
}

/**
 * Weights at dimension d with exactly the overlaps Q (m×m) and R (m×m*) and T = I: m* + m random
 * orthonormal directions (Gram–Schmidt), the first m* the teacher's u_k, the others e_l, and
 * v_j = Σ_k R_jk u_k + Σ_l L_jl e_l with L the Cholesky factor of Q − R Rᵀ, so VᵀV = R Rᵀ + L Lᵀ = Q,
 * VᵀU = R. Throws `SpecError` at `init.Q` when Q − R Rᵀ is not positive definite (no such weights exist).
 */
export function weightsWithOverlaps(d: number, Q: number[][], R: number[][], seed: number): InitialWeights {
  const m = Q.length;
  const mStar = R[0].length;
  const S = Q.map((row, j) => row.map((q, l) => q - R[j].reduce((acc, r, k) => acc + r * R[l][k], 0)));
  const L = cholesky(S);
  if (L === null) throw new SpecError('init.Q', Q, 'Q − R Rᵀ positive definite (student weights with these overlaps against T = I)');
  const dirs = orthonormalRows(mStar + m, d, new Rng(seed));
  const V = new Float64Array(d * m);
  const U = new Float64Array(d * mStar);
  for (let i = 0; i < d; i++) {
    for (let k = 0; k < mStar; k++) U[i * mStar + k] = dirs[k][i];
    for (let j = 0; j < m; j++) {
      let v = 0;
      for (let k = 0; k < mStar; k++) v += R[j][k] * dirs[k][i];
      for (let l = 0; l <= j; l++) v += L[j][l] * dirs[mStar + l][i];
      V[i * m + j] = v;
    }
  }
  return { V, U };
}

/** Lower-triangular L with L Lᵀ = S, or null when S is not positive definite. */
function cholesky(S: number[][]): number[][] | null {
  const n = S.length;
  const L = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let j = 0; j < n; j++) {
    let diag = S[j][j];
    for (let k = 0; k < j; k++) diag -= L[j][k] ** 2;
    if (!(diag > 0)) return null;
    L[j][j] = Math.sqrt(diag);
    for (let i = j + 1; i < n; i++) {
      let v = S[i][j];
      for (let k = 0; k < j; k++) v -= L[i][k] * L[j][k];
      L[i][j] = v / L[j][j];
    }
  }
  return L;
}

/** AᵀB for A (d×p) and B (d×q), both row-major, as nested arrays (p×q). */
export function gram(A: Float64Array, p: number, B: Float64Array, q: number, d: number): number[][] {
  const out = Array.from({ length: p }, () => new Array<number>(q).fill(0));
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < p; j++) {
      const x = A[i * p + j];
      for (let k = 0; k < q; k++) out[j][k] += x * B[i * q + k];
    }
  }
  return out;
}

const TWO_POW_MINUS_32 = 2.3283064365386963e-10;

/**
 * Fill `out` with N(0, 1) samples by the Box–Muller transform on 32-bit uniforms of `rng`:
 * z₁ = r cos θ, z₂ = r sin θ, r = √(−2 ln u₁), θ = 2π u₂, u₁ ∈ (0, 1], u₂ ∈ [0, 1). About twice as fast
 * as `Rng.fillNormal` (one 32-bit draw per uniform, no rejection); the tail is cut at |z| ≤ √(64 ln 2)
 * ≈ 6.66 (probability 3e-11 per sample). Input sampling is the hot loop of online SGD at small d.
 */
export function fillStandardNormal(rng: Rng, out: Float64Array): Float64Array {
  const n = out.length;
  for (let i = 0; i < n; i += 2) {
    const r = Math.sqrt(-2 * Math.log((rng.nextU32() + 1) * TWO_POW_MINUS_32));
    const theta = 2 * Math.PI * rng.nextU32() * TWO_POW_MINUS_32;
    out[i] = r * Math.cos(theta);
    if (i + 1 < n) out[i + 1] = r * Math.sin(theta);
  }
  return out;
}

/**
 * Samples of the teacher: x ~ N(0, I_d), y = Σ_k a*_k σ*(ν_k) + s ζ with ν = Uᵀx, ζ ~ N(0, 1),
 * written into preallocated batches.
 */
export class TeacherSampler {
  private readonly nu: Float64Array;
  constructor(
    private readonly U: Float64Array,
    private readonly aStar: readonly number[],
    private readonly sigmaStar: ScalarActivation,
    private readonly d: number,
    private readonly noise: number,
    private readonly rng: Rng,
  ) {
    this.nu = new Float64Array(aStar.length);
  }

  /** A new batch of `size` samples (allocates; fill it with `fill`). */
  allocate(size: number): HostBatch {
    return { X: new Float64Array(size * this.d), y: new Float64Array(size), size };
  }

  /** Overwrite a batch with fresh samples; `withNoise` false gives noiseless labels (test sets). */
  fill(batch: HostBatch, withNoise = true): HostBatch {
    const { d, U, aStar, nu, sigmaStar } = this;
    const mStar = aStar.length;
    fillStandardNormal(this.rng, batch.X);
    for (let mu = 0; mu < batch.size; mu++) {
      nu.fill(0);
      const row = mu * d;
      for (let i = 0; i < d; i++) {
        const x = batch.X[row + i];
        for (let k = 0; k < mStar; k++) nu[k] += x * U[i * mStar + k];
      }
      let y = 0;
      for (let k = 0; k < mStar; k++) y += aStar[k] * sigmaStar.f(nu[k]);
      batch.y[mu] = withNoise && this.noise > 0 ? y + this.noise * this.rng.normal() : y;
    }
    return batch;
  }
}
