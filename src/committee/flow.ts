/**
 * Gradient flow on the population risk in overlap space (THEORY.md §1a), exact at any d.
 * With dW/dt = −d ∇_W ε_g (first layer), G = ∂ε_g/∂Q and H = ∂ε_g/∂R:
 *
 *   dQ/dt = −(2GQ + HRᵀ) − (2QG + RHᵀ),   dR/dt = −(2GR + HT),
 *
 * and, when the second layer is trained, da/dt = −∂ε_g/∂a (the same time unit: the second layer
 * moves at O(1) speed in the same t as the first).
 */
import type { Rhs } from '../../solvers/types.ts';
import type { CommitteeRisk } from './risk.ts';
import type { CommitteeLayout } from './state.ts';
import { NtProduct, type ProductBackend } from '../linalg/ntProduct.ts';

/**
 * The overlaps of the weight velocity's rows: with U = (2G)W + HW* (so that dW/dt = −U),
 * P = UWᵀ/d = 2GQ + HRᵀ (m×m) and S = UW*ᵀ/d = 2GR + HT (m×m*), written row-major into P and S.
 * Both at once as one product [P | S] = [2G | H] C with C = [[Q, R], [Rᵀ, T]] the (symmetric)
 * covariance of the fields, so that each entry is a dot product of contiguous rows (`NtProduct`,
 * WebAssembly SIMD where available): 2m(m + m*)² flops. Buffers are allocated once, at construction.
 */
export class VelocityOverlaps {
  private readonly n: number;
  /** [P | S] = [2G | H] Cᵀ: a = [2G | H] (m × n), b = C (n × n, symmetric), c = [P | S] (m × n), row-major. */
  private readonly product: NtProduct;

  constructor(
    readonly layout: CommitteeLayout,
    T: Float64Array,
    backend?: ProductBackend,
  ) {
    const { m, mStar } = layout;
    const n = (this.n = m + mStar);
    this.product = new NtProduct(m, n, n, backend);
    const cov = this.product.b;
    for (let k = 0; k < mStar; k++) for (let l = 0; l < mStar; l++) cov[(m + k) * n + m + l] = T[k * mStar + l];
  }

  /** The kernel that computes the product. */
  get backend(): ProductBackend {
    return this.product.backend;
  }

  /** Write P (m×m) and S (m×m*) for state y and gradients G, H. */
  compute(y: Float64Array, G: Float64Array, H: Float64Array, P: Float64Array, S: Float64Array): void {
    const { m, mStar, qOffset: qo, rOffset: ro } = this.layout;
    const { n, product } = this;
    const { a: gh, b: cov, c: ps } = product;
    for (let j = 0; j < m; j++) {
      for (let l = 0; l < m; l++) {
        gh[j * n + l] = 2 * G[j * m + l];
        cov[j * n + l] = y[qo + j * m + l];
      }
      for (let k = 0; k < mStar; k++) {
        const r = y[ro + j * mStar + k];
        gh[j * n + m + k] = H[j * mStar + k];
        cov[j * n + m + k] = r;
        cov[(m + k) * n + j] = r;
      }
    }
    product.run();
    for (let j = 0; j < m; j++) {
      for (let l = 0; l < m; l++) P[j * m + l] = ps[j * n + l];
      for (let k = 0; k < mStar; k++) S[j * mStar + k] = ps[j * n + m + k];
    }
  }
}

/**
 * Right-hand side of the gradient flow; `aFixed` is used for a when the second layer is not trained.
 * dQ = −(P + Pᵀ) is written for l ≥ j and mirrored. Allocation-free after construction. `backend`
 * picks the kernel of the O(m³) product (default: WebAssembly SIMD where available).
 */
export function gradientFlowRhs(risk: CommitteeRisk, aFixed: Float64Array, backend?: ProductBackend): Rhs {
  const { layout, T } = risk;
  const { m, mStar, qOffset: qo, rOffset: ro, aOffset: ao, trainSecondLayer } = layout;
  const G = new Float64Array(m * m);
  const H = new Float64Array(m * mStar);
  const gA = new Float64Array(m);
  const P = new Float64Array(m * m);
  const S = new Float64Array(m * mStar);
  const velocity = new VelocityOverlaps(layout, T, backend);
  const a = trainSecondLayer ? new Float64Array(m) : aFixed;
  return (_t, y, dy) => {
    if (trainSecondLayer) for (let j = 0; j < m; j++) a[j] = y[ao + j];
    risk.valueGrad(y, a, G, H, gA);
    velocity.compute(y, G, H, P, S);
    for (let j = 0; j < m; j++) {
      for (let l = j; l < m; l++) {
        const v = -(P[j * m + l] + P[l * m + j]);
        dy[qo + j * m + l] = v;
        dy[qo + l * m + j] = v;
      }
    }
    for (let i = 0; i < m * mStar; i++) dy[ro + i] = -S[i];
    if (trainSecondLayer) for (let j = 0; j < m; j++) dy[ao + j] = -gA[j];
  };
}
