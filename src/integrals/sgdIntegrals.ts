/**
 * The integrals of the online-SGD ODE (THEORY.md §1b):
 *   I3 = E[σ'(u_a) u_b τ(u_c)],  I4 = E[σ'(u_a) σ'(u_b) τ(u_c) ρ(u_e)],  J2 = E[σ'(u_a) σ'(u_b)],
 * each by closed form (erf: all three; ReLU and |x|: I3 and J2), Wick polynomial (all activations
 * polynomial) or quadrature, in that order of preference. I3 and J2 are 2-D integrals (split polar
 * rule, exact-to-round-off also across kinks at 0). I4 is conditioned on (u_c, u_e), integrated with
 * the split polar rule: for students with a step derivative σ' = α + βH (ReLU, leaky ReLU, |x|) the
 * steps are then integrated analytically (stepQuad.ts), for other students the smooth conditional
 * expectation of σ'σ' is a 2-D Gauss–Hermite sum (`conditionalQuad` below).
 */
import type { Activation, DerivPairIntegral, QuadIntegral, TripleIntegral } from './types.ts';
import {
  DERIV_PAIR_FORMS, DERIV_PAIR_VARS, QUAD_FORMS, QUAD_VARS, TRIPLE_FORMS, TRIPLE_VARS, compileForm,
} from './closedForms.ts';
import { CONE_GUARD, PairConditioning, hermiteRule, pinvSym2 } from './gaussHermite.ts';
import { PolarExpectation } from './polar.ts';
import { stepDerivative, stepStudentQuad } from './stepQuad.ts';
import { availablePaths, choosePath, nodesFor, type IntegralOptions } from './options.ts';
import { wickDerivPair, wickQuad, wickTriple } from './wickIntegrals.ts';

const isPoly = (...acts: Activation[]) => acts.every((a) => a.polynomial !== null);

/**
 * I3 = E[σ'(u_a) u_b τ(u_c)], C given by (caa, cab, cac, cbb, cbc, ccc). Quadrature is 2-D: u_b
 * enters linearly, so it is replaced by E[u_b | u_a, u_c] = β_a u_a + β_c u_c,
 * β = C_{b,(ac)} C_{(ac)}⁺ (pseudo-inverse: exact also when u_a ∝ u_c).
 */
export function tripleIntegral(sigma: Activation, tau: Activation, options: IntegralOptions = {}): TripleIntegral {
  const formula = TRIPLE_FORMS[`${sigma.key}|${tau.key}`];
  const path = choosePath(availablePaths(formula !== undefined, isPoly(sigma, tau)), options, 'tripleIntegral');
  const nodes = nodesFor(2, options, 'tripleIntegral');
  if (path === 'closed-form') return { path, value: compileForm<TripleIntegral['value']>(formula, TRIPLE_VARS, false).value };
  if (path === 'wick') return wickTriple(sigma.polynomial!, tau.polynomial!);
  const gauss = new PolarExpectation(nodes);
  const cov = new Float64Array(4);
  const pinv = new Float64Array(3);
  const { df } = sigma;
  const g = tau.f;
  let betaA = 0;
  let betaC = 0;
  const integrand = (u: Float64Array) => df(u[0]) * (betaA * u[0] + betaC * u[1]) * g(u[1]);
  return {
    path,
    value: (caa, cab, cac, cbb, cbc, ccc) => {
      cov[0] = caa;
      cov[1] = cac;
      cov[2] = cac;
      cov[3] = ccc;
      // β = (cab, cbc) · pinv([[caa, cac], [cac, ccc]])
      pinvSym2(caa, cac, ccc, pinv);
      betaA = cab * pinv[0] + cbc * pinv[1];
      betaC = cab * pinv[1] + cbc * pinv[2];
      return gauss.expect(cov, integrand);
    },
  };
}

/**
 * I4 = E[σ'(u_a) σ'(u_b) τ(u_c) ρ(u_e)], C given by its upper triangle. Quadrature conditions
 * x = (u_a, u_b) on y = (u_c, u_e): x | y ~ N(M y, S) (`PairConditioning`), so
 *   I4 = E_y[ τ(u_c) ρ(u_e) E[σ'(x_a) σ'(x_b) | y] ],
 * the outer expectation over y by the split polar rule (τ, ρ may be step-like or kinked at 0). For
 * σ' = α + βH (ReLU, leaky ReLU, |x|) the inner one is analytic (stepQuad.ts, `nodes` as for 2-D
 * integrals); otherwise σ' is smooth and the inner one is Gauss–Hermite (`conditionalQuad`), with
 * `nodes` polar nodes (default DEFAULT_NODES[4] = 26) and ⌈5·nodes/4⌉ Hermite nodes per dimension.
 */
export function quadIntegral(sigma: Activation, tau: Activation, rho: Activation, options: IntegralOptions = {}): QuadIntegral {
  const formula = QUAD_FORMS[`${sigma.key}|${tau.key}|${rho.key}`];
  const path = choosePath(availablePaths(formula !== undefined, isPoly(sigma, tau, rho)), options, 'quadIntegral');
  if (path === 'closed-form') return { path, value: compileForm<QuadIntegral['value']>(formula, QUAD_VARS, false).value };
  if (path === 'wick') return wickQuad(sigma.polynomial!, tau.polynomial!, rho.polynomial!);
  const step = stepDerivative(sigma);
  if (step !== null) return stepStudentQuad(step, tau, rho, nodesFor(2, options, 'quadIntegral'));
  return conditionalQuad(sigma, tau, rho, nodesFor(4, options, 'quadIntegral'));
}

/**
 * Gauss–Hermite nodes per dimension of the inner integral of `conditionalQuad` for n outer polar
 * nodes: ⌈5n/4⌉, since the inner rule gains about 4/5 of the digits per node that the outer one
 * does (erf I4, measured in test/integrals/sgdIntegrals.test.ts).
 */
const innerNodes = (polarNodes: number): number => Math.ceil((5 * polarNodes) / 4);

/**
 * Points of the 4-D product rule (outer polar weight × inner Gauss–Hermite weights, each rule
 * summing to 1) with weight below this are dropped: about 30 % of them at the default, of total mass
 * 4e-16 (counted for four equal arcs).
 */
const PRUNE_4D = 1e-20;

/**
 * I4 for a smooth σ': with x | y ~ N(μ, S), μ = M y, and the Cholesky factor of S,
 *   x_a = μ_a + l_aa z_1,  x_b = μ_b + l_ba z_1 + l_bb z_2,  z ~ N(0, I_2),
 * the inner expectation is the nested m-point Gauss–Hermite sum (m = `innerNodes(n)`)
 *   E[σ'(x_a) σ'(x_b) | y] ≈ Σ_i w_i σ'(μ_a + l_aa z_i) Σ_j w_j σ'(μ_b + l_ba z_i + l_bb z_j)
 * (m + m² evaluations of σ' instead of 2m²), and the outer one the split polar rule with n nodes;
 * terms with (outer weight)·w_i w_j < PRUNE_4D are dropped. A singular S (u_a or u_b fixed by y, or
 * u_a ∝ u_b, as in I4(i, i, n, p)) gives l_aa = 0 or l_bb = 0, exactly; a singular C_yy
 * (u_c ∝ u_e) is handled by the pseudo-inverse in M and the polar rule's rank-1 case.
 */
function conditionalQuad(sigma: Activation, tau: Activation, rho: Activation, polarNodes: number): QuadIntegral {
  const polar = new PolarExpectation(polarNodes);
  const nodes = innerNodes(polarNodes);
  const { x: z, w } = hermiteRule(nodes);
  const rising = (nodes + 1) >> 1; // w increases on [0, rising), symmetric about the middle
  const wmax = w[rising - 1];
  /** First k with w[k] ≥ t; the nodes with w ≥ t are then k ≤ index < nodes − k. */
  const firstAbove = (t: number): number => {
    let lo = 0;
    let hi = rising;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (w[mid] < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const c = new PairConditioning();
  const { df } = sigma;
  const g = tau.f;
  const h = rho.f;
  // state of the current call, read by the visitor
  let laa = 0, lba = 0, lbb = 0;
  let total = 0;
  const visitor = (y: Float64Array, weight: number): void => {
    const f = g(y[0]) * h(y[1]);
    if (f === 0) return;
    const floor = PRUNE_4D / weight;
    const ma = c.m00 * y[0] + c.m01 * y[1];
    const mb = c.m10 * y[0] + c.m11 * y[1];
    let sum = 0;
    const first = firstAbove(floor / wmax);
    for (let i = first; i < nodes - first; i++) {
      const lo = firstAbove(floor / w[i]);
      const cb = mb + lba * z[i];
      let inner = 0;
      for (let j = lo; j < nodes - lo; j++) inner += w[j] * df(cb + lbb * z[j]);
      sum += w[i] * df(ma + laa * z[i]) * inner;
    }
    total += weight * f * sum;
  };
  return {
    path: 'quadrature',
    value: (caa, cab, cac, cae, cbb, cbc, cbe, ccc, cce, cee) => {
      c.set(caa, cab, cac, cae, cbb, cbc, cbe, ccc, cce, cee);
      const { saa, sab, sbb } = c;
      // Cholesky factor of S; a variance within round-off (1e-12) of zero counts as zero, and so does
      // one down to −CONE_GUARD (a covariance just outside the cone, as the polar rule takes C_yy);
      // further below, C is not a covariance: NaN
      const tol = 1e-12 * (caa + cbb);
      laa = saa > tol ? Math.sqrt(saa) : 0;
      lba = laa > 0 ? sab / laa : 0;
      const rest = laa > 0 ? sbb - lba * lba : sbb;
      const guard = CONE_GUARD * (caa + cbb);
      if (saa < -guard || rest < -guard) return NaN;
      lbb = Math.sqrt(Math.max(rest, 0));
      total = 0;
      return polar.visit(c.cov, visitor) ? total : NaN;
    },
  };
}

/** J2 = E[σ'(u_a) σ'(u_b)], C given by (caa, cab, cbb). */
export function derivPairIntegral(sigma: Activation, options: IntegralOptions = {}): DerivPairIntegral {
  const formula = DERIV_PAIR_FORMS[sigma.key];
  const path = choosePath(availablePaths(formula !== undefined, isPoly(sigma)), options, 'derivPairIntegral');
  const nodes = nodesFor(2, options, 'derivPairIntegral');
  if (path === 'closed-form') return { path, value: compileForm<DerivPairIntegral['value']>(formula, DERIV_PAIR_VARS, false).value };
  if (path === 'wick') return wickDerivPair(sigma.polynomial!);
  const gauss = new PolarExpectation(nodes);
  const cov = new Float64Array(4);
  const { df } = sigma;
  const integrand = (u: Float64Array) => df(u[0]) * df(u[1]);
  return {
    path,
    value: (caa, cab, cbb) => {
      cov[0] = caa;
      cov[1] = cab;
      cov[2] = cab;
      cov[3] = cbb;
      return gauss.expect(cov, integrand);
    },
  };
}
