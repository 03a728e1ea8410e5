/**
 * Test helpers: seeded random covariances and a Monte Carlo estimate of E[g(u)], u ~ N(0, C),
 * independent of the library's quadrature (its own Cholesky factor, plain sampling), returning
 * the mean and its standard error computed from the same samples.
 */
import { Rng } from '../../src/random.ts';

/** A random n×n covariance A Aᵀ/n with A standard normal (row-major), entries O(1). */
export function randomCovariance(rng: Rng, n: number): number[][] {
  const a = Array.from({ length: n }, () => Array.from({ length: n }, () => rng.normal()));
  return a.map((ri) => a.map((rj) => ri.reduce((s, x, k) => s + x * rj[k], 0) / n));
}

/** Lower Cholesky factor of a positive-definite matrix. */
export function cholesky(c: number[][]): number[][] {
  const n = c.length;
  const l = c.map(() => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = c[i][j];
      for (let k = 0; k < j; k++) s -= l[i][k] * l[j][k];
      l[i][j] = i === j ? Math.sqrt(s) : s / l[j][j];
    }
  }
  return l;
}

/** The upper triangle of c row by row (caa, cab, cac, …), the argument order of I3, I4 and J2. */
export function upper(c: number[][]): number[] {
  return c.flatMap((row, i) => row.slice(i));
}

/**
 * Monte Carlo mean and standard error of g(u) over `samples` draws u = L z. Draws are generated in
 * blocks into one Float64Array (fields of a sample contiguous).
 */
export function monteCarlo(
  rng: Rng,
  c: number[][],
  samples: number,
  g: (u: Float64Array, offset: number) => number,
): { mean: number; se: number } {
  const n = c.length;
  const l = cholesky(c);
  const block = 65536;
  const z = new Float64Array(block * n);
  const u = new Float64Array(block * n);
  let sum = 0;
  let sumSq = 0;
  for (let done = 0; done < samples; done += block) {
    const m = Math.min(block, samples - done);
    rng.fillNormal(z);
    for (let s = 0; s < m; s++) {
      for (let i = 0; i < n; i++) {
        let x = 0;
        for (let k = 0; k <= i; k++) x += l[i][k] * z[s * n + k];
        u[s * n + i] = x;
      }
      const v = g(u, s * n);
      sum += v;
      sumSq += v * v;
    }
  }
  const mean = sum / samples;
  const variance = (sumSq / samples - mean * mean) * (samples / (samples - 1));
  return { mean, se: Math.sqrt(variance / samples) };
}
