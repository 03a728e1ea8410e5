/**
 * Wachter's law (Wachter 1980; THEORY.md §2b): for independent uniformly random subspaces of
 * dimensions m = αd and m* = α*d, the values λ = cos²θ of the principal angles, counted with weight
 * 1/d over d slots, converge to
 *   (1 − min(α, α*)) δ₀ + max(0, α + α* − 1) δ₁ + √((λ − λ−)(λ+ − λ)) / (2π λ (1 − λ)) dλ on [λ−, λ+],
 *   λ± = ( √(α(1 − α*)) ± √(α*(1 − α)) )².
 * The atom at 0 holds the d − min(m, m*) slots that are not angles plus the |m − m*| student-only or
 * teacher-only directions; the atom at 1 the shared directions (θ = 0).
 */
import { legendreRule } from '../integrals/polar.ts';
import { SpecError } from '../validate.ts';

function checkRatios(alpha: number, alphaStar: number): void {
  for (const [k, v] of [['alpha', alpha], ['alphaStar', alphaStar]] as const) {
    if (!(v > 0 && v < 1)) throw new SpecError(k, v, 'a number in (0, 1)');
  }
}

/** Edges λ− ≤ λ+ of the continuous part. */
export function wachterEdges(alpha: number, alphaStar: number): { lo: number; hi: number } {
  checkRatios(alpha, alphaStar);
  const p = Math.sqrt(alpha * (1 - alphaStar));
  const q = Math.sqrt(alphaStar * (1 - alpha));
  return { lo: (p - q) * (p - q), hi: Math.min(1, (p + q) * (p + q)) };
}

/** Density of the continuous part at λ (0 outside [λ−, λ+]). */
export function wachterDensity(lambda: number, alpha: number, alphaStar: number): number {
  const { lo, hi } = wachterEdges(alpha, alphaStar);
  if (!(lambda > lo && lambda < hi)) return 0;
  return Math.sqrt((lambda - lo) * (hi - lambda)) / (2 * Math.PI * lambda * (1 - lambda));
}

/** Masses (per dimension) of the shared directions (θ = 0) and of the continuous part. */
export function wachterMasses(alpha: number, alphaStar: number): { shared: number; continuous: number } {
  checkRatios(alpha, alphaStar);
  const shared = Math.max(0, alpha + alphaStar - 1);
  return { shared, continuous: Math.min(alpha, alphaStar) - shared };
}

export interface WachterQuadratureOptions {
  /** Gauss–Legendre nodes per panel (default 6). */
  nodes?: number;
  /** Geometrically graded panels towards the lower edge: φ ∈ [π 2^{-j-1}, π 2^{-j}], j = 1..graded (default 64: the escape front λ ~ t e^{−4c*t} stays resolved up to c*t ≈ 40). */
  graded?: number;
  /** Uniform panels on φ ∈ [π/2, π] (default 8). */
  uniform?: number;
}

/**
 * Quadrature of the continuous part: nodes λ_q and masses w_q with Σ w_q g(λ_q) ≈ ∫ g(λ) ρ(λ) dλ.
 * With λ = λ− + 2h sin²(φ/2), h = (λ+ − λ−)/2, φ ∈ [0, π], the measure becomes
 *   ρ dλ = h² sin²φ / (2π λ (1 − λ)) dφ,
 * which is bounded at both edges even when λ− = 0 (α = α*, where ρ ~ λ^{-1/2}) or λ+ = 1; panels
 * graded geometrically towards φ = 0 resolve the escape front of the flow, which moves into
 * λ ~ t e^{−4c*t} at late times (docs/quadratic-limits.md).
 */
export function wachterQuadrature(alpha: number, alphaStar: number, opts: WachterQuadratureOptions = {}): { lambda: Float64Array; weight: Float64Array } {
  const { lo, hi } = wachterEdges(alpha, alphaStar);
  const n = opts.nodes ?? 6;
  const graded = opts.graded ?? 64;
  const uniform = opts.uniform ?? 8;
  const panels: [number, number][] = [[0, Math.PI * 2 ** -(graded + 1)]];
  for (let j = graded; j >= 1; j--) panels.push([Math.PI * 2 ** -(j + 1), Math.PI * 2 ** -j]);
  for (let j = 0; j < uniform; j++) panels.push([(Math.PI / 2) * (1 + j / uniform), (Math.PI / 2) * (1 + (j + 1) / uniform)]);
  const gl = legendreRule(n);
  const h = (hi - lo) / 2;
  const lambda = new Float64Array(panels.length * n);
  const weight = new Float64Array(panels.length * n);
  let q = 0;
  for (const [a, b] of panels) {
    for (let i = 0; i < n; i++) {
      const phi = 0.5 * (a + b) + 0.5 * (b - a) * gl.x[i];
      const sh = Math.sin(phi / 2);
      const ch = Math.cos(phi / 2);
      const lam = lo + 2 * h * sh * sh;
      const oneMinus = 1 - hi + 2 * h * ch * ch;
      const s = Math.sin(phi);
      lambda[q] = lam;
      weight[q] = (0.5 * (b - a) * gl.w[i] * h * h * s * s) / (2 * Math.PI * lam * oneMinus);
      q++;
    }
  }
  return { lambda, weight };
}
