/**
 * Kink-aware 2-D Gaussian quadrature: E[g(u)], u = B z ~ N(0, C) in R², z ~ N(0, I), in polar
 * coordinates z = r (cos φ, sin φ), density (1/2π) r e^{−r²/2} dr dφ. The angle range is split
 * at the rays where u_1 = 0 or u_2 = 0; on each arc Gauss–Legendre in φ, and along each ray the
 * Gauss rule of the Rayleigh weight r e^{−r²/2} on [0, ∞). Activations with a kink or a step at 0
 * (ReLU, its derivative H, |x|, leaky ReLU …) are then smooth on every piece, and the rule converges
 * exponentially instead of algebraically as tensor Gauss–Hermite does across a kink.
 */
import { CovarianceFactor, type Expectation, symmetricEigen } from './gaussHermite.ts';

/** n-point Gauss–Legendre rule on [−1, 1] (Newton on the Legendre recurrence). */
export function legendreRule(n: number): { x: Float64Array; w: Float64Array } {
  const x = new Float64Array(n);
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let z = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    let dp = 0;
    for (let it = 0; it < 100; it++) {
      let p1 = 1;
      let p2 = 0;
      for (let j = 1; j <= n; j++) {
        const p3 = p2;
        p2 = p1;
        p1 = ((2 * j - 1) * z * p2 - (j - 1) * p3) / j;
      }
      dp = (n * (z * p1 - p2)) / (z * z - 1);
      const dz = p1 / dp;
      z -= dz;
      if (Math.abs(dz) < 1e-16) break;
    }
    x[n - 1 - i] = z;
    w[n - 1 - i] = 2 / ((1 - z * z) * dp * dp);
  }
  return { x, w };
}

const rayleighRules = new Map<number, { x: Float64Array; w: Float64Array }>();

/**
 * n-point Gauss rule for ∫_0^∞ h(r) r e^{−r²/2} dr (total mass 1): recurrence coefficients by the
 * Stieltjes procedure on a composite Gauss–Legendre discretisation of [0, 20] (20 panels × 40 points;
 * the mass beyond is e^{−200}), then Golub–Welsch (nodes = eigenvalues of the Jacobi matrix, weights = squared first
 * components of its eigenvectors).
 */
export function rayleighRule(n: number): { x: Float64Array; w: Float64Array } {
  const hit = rayleighRules.get(n);
  if (hit !== undefined) return hit;
  const panels = 20;
  const gl = legendreRule(40);
  const m = panels * gl.x.length;
  const t = new Float64Array(m);
  const mu = new Float64Array(m);
  const h = 20 / panels;
  for (let p = 0, k = 0; p < panels; p++) {
    for (let i = 0; i < gl.x.length; i++, k++) {
      const r = h * (p + (gl.x[i] + 1) / 2);
      t[k] = r;
      mu[k] = (h / 2) * gl.w[i] * r * Math.exp(-r * r / 2);
    }
  }
  const alpha = new Float64Array(n);
  const beta = new Float64Array(n);
  let prev = new Float64Array(m);
  let cur = new Float64Array(m).fill(1);
  let normPrev = 1;
  for (let k = 0; k < n; k++) {
    let norm = 0;
    let moment = 0;
    for (let i = 0; i < m; i++) {
      norm += mu[i] * cur[i] * cur[i];
      moment += mu[i] * t[i] * cur[i] * cur[i];
    }
    alpha[k] = moment / norm;
    beta[k] = k === 0 ? norm : norm / normPrev;
    const next = new Float64Array(m);
    for (let i = 0; i < m; i++) next[i] = (t[i] - alpha[k]) * cur[i] - (k === 0 ? 0 : beta[k] * prev[i]);
    normPrev = norm;
    prev = cur;
    cur = next;
  }
  const a = new Float64Array(n * n);
  const v = new Float64Array(n * n);
  for (let k = 0; k < n; k++) {
    a[k * n + k] = alpha[k];
    if (k > 0) a[k * n + k - 1] = a[(k - 1) * n + k] = Math.sqrt(beta[k]);
  }
  symmetricEigen(a, v, n);
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => a[i * n + i] - a[j * n + j]);
  const rule = {
    x: Float64Array.from(order, (j) => a[j * n + j]),
    w: Float64Array.from(order, (j) => beta[0] * v[j] * v[j]),
  };
  rayleighRules.set(n, rule);
  return rule;
}

/**
 * 2-D expectation by the split polar rule: `nodes` Gauss–Legendre angles per arc (at most 4 arcs)
 * and `nodes` radial points per angle. Preallocated; not re-entrant.
 */
export class PolarExpectation implements Expectation {
  private readonly factor = new CovarianceFactor(2);
  private readonly u = new Float64Array(2);
  private readonly breaks = new Float64Array(9);
  private readonly angle: { x: Float64Array; w: Float64Array };
  private readonly radius: { x: Float64Array; w: Float64Array };

  constructor(readonly nodes: number) {
    this.angle = legendreRule(nodes);
    this.radius = rayleighRule(nodes);
  }

  private integrand: (u: Float64Array) => number = () => 0;
  private sum = 0;
  private readonly accumulate = (u: Float64Array, w: number): void => {
    this.sum += w * this.integrand(u);
  };

  /**
   * E[g(u)]; the arcs are split where u_1 = 0, u_2 = 0 and, for each of the `nExtra` extra
   * functionals ℓ_k (pairs in `extra`), where ℓ_k · u = 0 (a kink of g along another line
   * through the origin). NaN when `cov` is not a covariance.
   */
  expect(cov: Float64Array, g: (u: Float64Array) => number, extra: Float64Array | null = null, nExtra = 0): number {
    this.integrand = g;
    this.sum = 0;
    return this.visit(cov, this.accumulate, extra, nExtra) ? this.sum : NaN;
  }

  /**
   * Hand every point u of the rule to `visitor` with its weight (the weights sum to 1), so that
   * several expectations can share one pass and their function values. False when `cov` is not a
   * covariance (nothing visited).
   */
  visit(cov: Float64Array, visitor: (u: Float64Array, w: number) => void, extra: Float64Array | null = null, nExtra = 0): boolean {
    const r = this.factor.factor(cov);
    if (r < 0) return false;
    const b = this.factor.b;
    const u = this.u;
    if (r === 0) {
      u[0] = 0;
      u[1] = 0;
      visitor(u, 1);
      return true;
    }
    // rays where b_i · (cos φ, sin φ) = 0, i.e. φ = atan2(b_i1, b_i0) ± π/2, in [0, 2π)
    const br = this.breaks;
    let nb = 0;
    for (let i = 0; i < 2 + nExtra; i++) {
      // direction in z of the functional: row i of B, or ℓᵀ B for an extra one
      const l0 = i < 2 ? (i === 0 ? 1 : 0) : extra![(i - 2) * 2];
      const l1 = i < 2 ? (i === 0 ? 0 : 1) : extra![(i - 2) * 2 + 1];
      const b0 = l0 * b[0] + l1 * b[2];
      const b1 = l0 * b[1] + l1 * b[3];
      if (b0 === 0 && b1 === 0) continue;
      const base = Math.atan2(b1, b0) + Math.PI / 2;
      br[nb++] = wrap(base);
      br[nb++] = wrap(base + Math.PI);
    }
    if (nb === 0) br[nb++] = 0;
    sortPrefix(br, nb);
    br[nb] = br[0] + 2 * Math.PI;
    const { x: ax, w: aw } = this.angle;
    const { x: rx, w: rw } = this.radius;
    for (let k = 0; k < nb; k++) {
      const lo = br[k];
      const half = (br[k + 1] - lo) / 2;
      if (half <= 0) continue;
      for (let i = 0; i < ax.length; i++) {
        const phi = lo + half * (ax[i] + 1);
        const c = Math.cos(phi);
        const s = Math.sin(phi);
        const d0 = b[0] * c + b[1] * s;
        const d1 = b[2] * c + b[3] * s;
        const wa = (aw[i] * half) / (2 * Math.PI);
        for (let j = 0; j < rx.length; j++) {
          u[0] = d0 * rx[j];
          u[1] = d1 * rx[j];
          visitor(u, wa * rw[j]);
        }
      }
    }
    return true;
  }
}

function wrap(phi: number): number {
  const t = phi % (2 * Math.PI);
  return t < 0 ? t + 2 * Math.PI : t;
}

function sortPrefix(a: Float64Array, n: number): void {
  for (let i = 1; i < n; i++) {
    const v = a[i];
    let j = i - 1;
    while (j >= 0 && a[j] > v) {
      a[j + 1] = a[j];
      j--;
    }
    a[j + 1] = v;
  }
}
