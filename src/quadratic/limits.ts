/**
 * The two d → ∞ limits of the orthonormal quadratic flow (derivations in docs/quadratic-limits.md).
 *
 * Extensive widths (m = αd, m* = α*d): the blocks indexed by λ = cos²θ under Wachter's law, per
 * dimension; τ = tr Δ relaxes in time O(1/d) and then stays O(1), acting as the Lagrange multiplier
 * τ = −2 tr(ΔS)/tr S that keeps tr S = tr S* (plain activation); time is not rescaled. The O(1/d)
 * initial layer maps S(0) = c0 U Uᵀ to c0' U Uᵀ with c0' = c* α* /α.
 *
 * Fixed widths (m, m* fixed): all blocks start at cos θ_i = σ_i/√d. The student first relaxes to the
 * saddle s = (a*, 0), a*² = m*c* /(m + 2), τ* = −2a*²; there the component b_i towards the teacher
 * grows like c_i K e^{2c* t} (rate r = 2c*, K = a*). In the shifted time
 * t' = t − ln d/(4c*) the limit is the block family with cos θ = 0 started, as t' → −∞, from
 * b_i = K σ_i e^{2c* t'}: its only randomness is σ_i, the singular values of an m×m* Gaussian matrix.
 */
import { SpecError } from '../validate.ts';
import { initialState, type BlockFamily } from './blocks.ts';
import type { QuadraticActivation } from './matrixFlow.ts';
import { wachterMasses, wachterQuadrature, type WachterQuadratureOptions } from './wachter.ts';

/** The extensive-width limit family (weights per dimension, Wachter quadrature plus atoms). */
export function extensiveLimit(alpha: number, alphaStar: number, cStar: number, activation: QuadraticActivation, quad: WachterQuadratureOptions = {}): BlockFamily {
  const { lambda, weight } = wachterQuadrature(alpha, alphaStar, quad);
  const { shared } = wachterMasses(alpha, alphaStar);
  const k = lambda.length + (shared > 0 ? 1 : 0);
  const cos = new Float64Array(k);
  const w = new Float64Array(k);
  for (let i = 0; i < lambda.length; i++) {
    cos[i] = Math.sqrt(lambda[i]);
    w[i] = weight[i];
  }
  if (shared > 0) {
    cos[k - 1] = 1;
    w[k - 1] = shared;
  }
  return {
    cStar,
    cos,
    weight: w,
    uOnlyWeight: Math.max(0, alpha - alphaStar),
    vOnlyWeight: Math.max(0, alphaStar - alpha),
    trace: activation === 'plain' ? 'multiplier' : 'none',
  };
}

/** Student scale after the initial layer: c* α* /α for the plain activation (trace matched), c0 for the centred. */
export function extensiveStartScale(alpha: number, alphaStar: number, c0: number, cStar: number, activation: QuadraticActivation): number {
  return activation === 'plain' ? (cStar * alphaStar) / alpha : c0;
}

export interface FixedWidthLimit {
  m: number;
  mStar: number;
  cStar: number;
  /** The limit family: min(m, m*) blocks with cos θ = 0, τ = tr Δ. */
  family: BlockFamily;
  /** Saddle amplitude a* = √(m*c* /(m + 2)). */
  saddle: number;
  /** Escape rate r = 2c* of the teacher component at the saddle. */
  rate: number;
  /**
   * K: the teacher component grows as p_i = v_i·s_i ≈ cos θ_i · K e^{rt} once the transient from √c0
   * to a* has died out. Linearised in cos θ, p' = (2c* − 2a² − τ) p and a'/a = −(2a² + τ), so
   * p(t) = cos θ · a(t) e^{2c* t} exactly and K = a*, whatever c0 (docs/quadratic-limits.md).
   */
  escapeConstant: number;
}

/** The fixed-width limit for the plain activation (the same for every start S(0) = c0 U Uᵀ, c0 > 0). */
export function fixedWidthLimit(m: number, mStar: number, cStar: number, activation: QuadraticActivation): FixedWidthLimit {
  if (activation !== 'plain') {
    throw new SpecError('activation', activation, '"plain" (the centred flow has a non-hyperbolic saddle at s = 0: shift ln d/(4c*) plus ln ln d terms, see docs)');
  }
  const k = Math.min(m, mStar);
  return {
    m,
    mStar,
    cStar,
    family: { cStar, cos: new Float64Array(k), weight: new Float64Array(k).fill(1), uOnlyWeight: m - k, vOnlyWeight: mStar - k, trace: 'sum' },
    saddle: Math.sqrt((mStar * cStar) / (m + 2)),
    rate: 2 * cStar,
    escapeConstant: Math.sqrt((mStar * cStar) / (m + 2)),
  };
}

/** Shift of the limit's time: t = t' + ln d/(2r) = t' + ln d/(4c*). */
export function fixedWidthShift(limit: FixedWidthLimit, d: number): number {
  return Math.log(d) / (2 * limit.rate);
}

/**
 * Start of the limit flow at shifted time t0: s_i = (a*, K σ_i e^{r t0}), u = a*. Choose t0 so that
 * the largest b_i is small (the neglected terms are O(b²) relative).
 */
export function fixedWidthStart(limit: FixedWidthLimit, sigma: Float64Array, t0: number): Float64Array {
  const y = initialState(limit.family, limit.saddle * limit.saddle);
  for (let i = 0; i < sigma.length; i++) y[2 * i + 1] = limit.escapeConstant * sigma[i] * Math.exp(limit.rate * t0);
  return y;
}

/** The start time at which the largest teacher component of the limit equals `amplitude`. */
export function fixedWidthStartTime(limit: FixedWidthLimit, sigma: Float64Array, amplitude = 1e-7): number {
  const smax = Math.max(...sigma);
  return Math.log(amplitude / (limit.escapeConstant * smax)) / limit.rate;
}
