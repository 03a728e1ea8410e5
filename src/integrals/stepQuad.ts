/**
 * I4 = E[σ'(u_a) σ'(u_b) τ(u_c) ρ(u_e)] for a student whose derivative is a step at 0,
 * σ' = α + β H (ReLU: α = 0, β = 1; leaky ReLU; |x|: α = −1, β = 2), any τ, ρ: the steps are
 * integrated analytically and only a 2-D integral over y = (u_c, u_e) remains,
 *   I4 = E_y[ τ(u_c) ρ(u_e) (α² + αβ (p_a + p_b) + β² p_ab) ],
 *   p_a = P(u_a > 0 | y) = Φ(μ_a/s_a),  p_ab = P(u_a > 0, u_b > 0 | y),
 * with x = (u_a, u_b) | y ~ N(M y, S), M = C_xy C_yy⁺, S = C_xx − M C_yx, and the orthant
 * probability Φ2(μ_a/s_a, μ_b/s_b; S_ab/(s_a s_b)) from Sheppard's formula
 *   Φ2(h, k; r) = Φ(h) Φ(k) + (1/2π) ∫_0^{arcsin r} exp(−(h² + k² − 2hk sin θ)/(2 cos² θ)) dθ. A component with S_aa = 0 (u_a fixed by y) becomes the step H(μ_a), a
 * kink along the line μ_a = 0 through the origin, which the polar rule splits at as well. The
 * outer integral is the split polar rule (kinks of τ, ρ at 0 are handled), so this converges
 * exponentially where 4-D Gauss–Hermite converges like a step function does (slowly).
 */
import * as math from 'mathjs';
import type { Activation, QuadIntegral } from './types.ts';
import { PairConditioning } from './gaussHermite.ts';
import { PolarExpectation, legendreRule } from './polar.ts';

/** Relative size below which a conditional variance counts as zero. */
const DETERMINISTIC = 1e-12;
const THETA = legendreRule(12);

const Phi = (x: number): number => 0.5 * (1 + (math.erf(x / Math.SQRT2) as number));

/**
 * Φ2(h, k; r), the probability that two standard normals with correlation r are ≤ h and ≤ k, by
 * Sheppard's integral over θ ∈ [0, arcsin r]. For |r| > 1/2 it is taken from the nearer end,
 * Φ2(h, k; ±1) ∓ (1/2π) ∫_{arcsin r}^{±π/2}, with Φ2(h, k; 1) = Φ(min(h, k)) and
 * Φ2(h, k; −1) = max(0, Φ(h) − Φ(−k)): the integrand is then resolved also as |r| → 1, where it
 * steepens near θ = ±π/2.
 */
export function bivariateNormalCdf(h: number, k: number, r: number): number {
  const t = Math.asin(Math.max(-1, Math.min(1, r)));
  if (r > 0.5) return Phi(Math.min(h, k)) - sheppard(h, k, t, Math.PI / 2);
  if (r < -0.5) return Math.max(0, Phi(h) - Phi(-k)) + sheppard(h, k, -Math.PI / 2, t);
  return Phi(h) * Phi(k) + sheppard(h, k, 0, t);
}

/**
 * (1/2π) ∫_lo^hi exp(−(h² + k² − 2hk sin θ)/(2 cos² θ)) dθ by adaptive Gauss–Legendre: an interval
 * is halved while the two halves change the value by more than 1e-16 (at most 16 levels; the
 * integrand has an essential singularity at θ = ±π/2 that is steep when h ± k is small).
 */
function sheppard(h: number, k: number, lo: number, hi: number): number {
  return adapt(h, k, lo, hi, gauss(h, k, lo, hi), 0) / (2 * Math.PI);
}

function adapt(h: number, k: number, lo: number, hi: number, whole: number, depth: number): number {
  const mid = (lo + hi) / 2;
  const left = gauss(h, k, lo, mid);
  const right = gauss(h, k, mid, hi);
  if (Math.abs(left + right - whole) <= 1e-16 || depth >= 16) return left + right;
  return adapt(h, k, lo, mid, left, depth + 1) + adapt(h, k, mid, hi, right, depth + 1);
}

function gauss(h: number, k: number, lo: number, hi: number): number {
  const half = (hi - lo) / 2;
  let sum = 0;
  for (let i = 0; i < THETA.x.length; i++) {
    const s = Math.sin(lo + half * (THETA.x[i] + 1));
    const c2 = 1 - s * s;
    sum += THETA.w[i] * (c2 > 0 ? Math.exp(-(h * h + k * k - 2 * h * k * s) / (2 * c2)) : 0);
  }
  return half * sum;
}

/**
 * (α, β) when σ' = α + β H(x): σ' constant on each side of 0 (checked at ±0.05, ±0.4, ±1.3, ±3.1)
 * and σ'' = 0 there; else null.
 */
export function stepDerivative(act: Activation): { alpha: number; beta: number } | null {
  const xs = [0.05, 0.4, 1.3, 3.1];
  const right = act.df(xs[0]);
  const left = act.df(-xs[0]);
  const piecewiseConstant = xs.every(
    (x) => act.df(x) === right && act.df(-x) === left && act.d2f(x) === 0 && act.d2f(-x) === 0,
  );
  return piecewiseConstant && Number.isFinite(left) && Number.isFinite(right) ? { alpha: left, beta: right - left } : null;
}

/** The step-derivative I4 described in the module comment, with `nodes` for the polar rule. */
export function stepStudentQuad(
  { alpha, beta }: { alpha: number; beta: number },
  tau: Activation,
  rho: Activation,
  nodes: number,
): QuadIntegral {
  const polar = new PolarExpectation(nodes);
  const c = new PairConditioning();
  const extra = new Float64Array(4);
  const g = tau.f;
  const h = rho.f;
  // state of the current call, read by the integrand
  let sa = 0, sb = 0, corr = 0;
  let detA = false, detB = false;
  const integrand = (y: Float64Array): number => {
    const f = g(y[0]) * h(y[1]);
    if (f === 0) return 0;
    const ma = c.m00 * y[0] + c.m01 * y[1];
    const mb = c.m10 * y[0] + c.m11 * y[1];
    const pa = detA ? (ma > 0 ? 1 : 0) : Phi(ma / sa);
    const pb = detB ? (mb > 0 ? 1 : 0) : Phi(mb / sb);
    let pab: number;
    if (detA) pab = ma > 0 ? pb : 0;
    else if (detB) pab = mb > 0 ? pa : 0;
    // P(x_a > 0, x_b > 0) = P(−x_a < 0, −x_b < 0) = Φ2(μ_a/s_a, μ_b/s_b; r)
    else pab = bivariateNormalCdf(ma / sa, mb / sb, corr);
    return f * (alpha * alpha + alpha * beta * (pa + pb) + beta * beta * pab);
  };
  return {
    path: 'quadrature',
    value: (caa, cab, cac, cae, cbb, cbc, cbe, ccc, cce, cee) => {
      c.set(caa, cab, cac, cae, cbb, cbc, cbe, ccc, cce, cee);
      const { saa, sab, sbb } = c;
      detA = saa <= DETERMINISTIC * caa;
      detB = sbb <= DETERMINISTIC * cbb;
      sa = Math.sqrt(Math.max(saa, 0));
      sb = Math.sqrt(Math.max(sbb, 0));
      corr = detA || detB ? 0 : sab / (sa * sb);
      let nExtra = 0;
      if (detA) {
        extra[2 * nExtra] = c.m00;
        extra[2 * nExtra + 1] = c.m01;
        nExtra++;
      }
      if (detB) {
        extra[2 * nExtra] = c.m10;
        extra[2 * nExtra + 1] = c.m11;
        nExtra++;
      }
      return polar.expect(c.cov, integrand, extra, nExtra);
    },
  };
}
