/**
 * The empirical neural tangent kernel (NTK) Gram matrix of a two-layer network on a data set,
 *   G_ik = Σ_p ∂f(x_i)/∂θ_p ∂f(x_k)/∂θ_p
 *        = c² Σ_j a_j² σ'(z_ij) σ'(z_kj) (x_i·x_k)/d   [ + c² Σ_j σ(z_ij) σ(z_kj) with a trainable second layer ],
 * and its extreme eigenvalues. Full-batch GD on L = (1/2n)‖r‖² moves the residuals, to first order,
 * by r ← (I − η G/n) r (Du et al. 2019), so it is stable for η < 2n/λ_max(G) and, at η = n/λ_max(G),
 * needs about (λ_max/λ_min) ln(L₀/ε) steps to reach loss ε while the kernel stays near its initial value.
 */
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import type { Dataset } from './data.ts';
import type { TwoLayerNet } from './network.ts';

/** G (n × n, row-major) at the network's current weights. */
export function ntkGram(net: TwoLayerNet, data: Dataset, trainSecondLayer = false): Float64Array {
  const { n, d, x } = data;
  const { m, W, a, act, outputScale } = net;
  const s = 1 / Math.sqrt(d);
  // Per input: the first-layer factors a_j σ'(z_ij) and, when needed, σ(z_ij).
  const dz = new Float64Array(n * m);
  const fz = new Float64Array(trainSecondLayer ? n * m : 0);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      let u = 0;
      for (let k = 0; k < d; k++) u += W[j * d + k] * x[i * d + k];
      u *= s;
      dz[i * m + j] = a[j] * act.df(u);
      if (trainSecondLayer) fz[i * m + j] = act.f(u);
    }
  }
  const G = new Float64Array(n * n);
  const c2 = outputScale * outputScale;
  for (let i = 0; i < n; i++) {
    for (let k = i; k < n; k++) {
      let xx = 0;
      for (let l = 0; l < d; l++) xx += x[i * d + l] * x[k * d + l];
      let first = 0;
      let second = 0;
      for (let j = 0; j < m; j++) {
        first += dz[i * m + j] * dz[k * m + j];
        if (trainSecondLayer) second += fz[i * m + j] * fz[k * m + j];
      }
      const g = c2 * (first * (xx / d) + second);
      G[i * n + k] = g;
      G[k * n + i] = g;
    }
  }
  return G;
}

/** Smallest and largest eigenvalue of a symmetric n × n matrix (row-major), by ml-matrix's symmetric QL. */
export function extremeEigenvalues(G: Float64Array, n: number): { min: number; max: number } {
  const rows = Array.from({ length: n }, (_, i) => Array.from(G.subarray(i * n, (i + 1) * n)));
  const values = new EigenvalueDecomposition(new Matrix(rows), { assumeSymmetric: true }).realEigenvalues;
  return { min: Math.min(...values), max: Math.max(...values) };
}
