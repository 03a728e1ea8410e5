/**
 * Initial overlaps: given explicitly, or drawn as a real network of input dimension d would have them.
 */
import { Rng } from '../random.ts';
import type { Overlaps } from './state.ts';

/**
 * Random initialisation at input dimension d: student weights W (m×d) with i.i.d. N(0, scale²) entries,
 * teacher weights W* (m*×d) Gaussian rows orthonormalised (Gram–Schmidt) and scaled by √d so that
 * T = W*W*ᵀ/d = I exactly. Returns Q = WWᵀ/d (≈ scale²·I), R = WW*ᵀ/d (entries O(scale/√d)), T.
 */
export function randomOverlaps(m: number, mStar: number, d: number, scale: number, seed: number, a: number[]): Overlaps {
  const rng = new Rng(seed);
  const W = Array.from({ length: m }, () => rng.fillNormal(new Float64Array(d), scale));
  const Wstar = orthonormalRows(mStar, d, rng);
  for (const w of Wstar) for (let i = 0; i < d; i++) w[i] *= Math.sqrt(d);
  const gram = (A: Float64Array[], B: Float64Array[]): number[][] => A.map((u) => B.map((v) => dot(u, v) / d));
  return { Q: gram(W, W), R: gram(W, Wstar), T: gram(Wstar, Wstar).map((r, i) => r.map((_, j) => (i === j ? 1 : 0))), a: a.slice() };
}

/** k orthonormal vectors in R^d: Gaussian vectors through modified Gram–Schmidt (twice, for accuracy). */
export function orthonormalRows(k: number, d: number, rng: Rng): Float64Array[] {
  const out: Float64Array[] = [];
  for (let i = 0; i < k; i++) {
    const v = rng.fillNormal(new Float64Array(d));
    for (let pass = 0; pass < 2; pass++) {
      for (const u of out) {
        const c = dot(u, v);
        for (let j = 0; j < d; j++) v[j] -= c * u[j];
      }
    }
    const n = Math.sqrt(dot(v, v));
    for (let j = 0; j < d; j++) v[j] /= n;
    out.push(v);
  }
  return out;
}

function dot(u: Float64Array, v: Float64Array): number {
  let s = 0;
  for (let i = 0; i < u.length; i++) s += u[i] * v[i];
  return s;
}
