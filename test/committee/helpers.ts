/** Shared fixtures for the committee tests: small specs and weight-space references. */
import { Rng } from '../../src/random.ts';
import { orthonormalRows } from '../../src/committee/init.ts';

/** Random student and teacher weights at dimension d (teacher rows orthonormal·√d so T = I). */
export function randomWeights(m: number, mStar: number, d: number, scale: number, seed: number) {
  const rng = new Rng(seed);
  const W = Array.from({ length: m }, () => rng.fillNormal(new Float64Array(d), scale));
  const Wstar = orthonormalRows(mStar, d, rng).map((w) => w.map((x) => x * Math.sqrt(d)));
  return { W, Wstar };
}

/** Overlaps G = AB ᵀ/d of two families of rows. */
export function overlaps(A: Float64Array[], B: Float64Array[], d: number): number[][] {
  return A.map((u) => B.map((v) => u.reduce((s, x, i) => s + x * v[i], 0) / d));
}

/** Largest absolute entry difference between two nested arrays of the same shape. */
export function maxAbsDiff(a: number[][], b: number[][]): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) for (let j = 0; j < a[i].length; j++) worst = Math.max(worst, Math.abs(a[i][j] - b[i][j]));
  return worst;
}
