/**
 * The integrals of the online-SGD ODE (THEORY.md §1b):
 *   I3 = E[σ'(u_a) u_b τ(u_c)],  I4 = E[σ'(u_a) σ'(u_b) τ(u_c) ρ(u_e)],  J2 = E[σ'(u_a) σ'(u_b)],
 * each by closed form (erf: all three; ReLU: I3 and J2), Wick polynomial (all activations
 * polynomial) or quadrature, in that order of preference. I3 and J2 are 2-D integrals (split polar
 * rule, exact-to-round-off also across kinks at 0); I4 is 4-D tensor Gauss–Hermite, which converges
 * exponentially for smooth activations but only algebraically across a kink, except for students
 * with a step derivative σ' = α + βH (ReLU, leaky ReLU, |x|), whose steps are integrated
 * analytically (stepQuad.ts).
 */
import type { Activation, DerivPairIntegral, QuadIntegral, TripleIntegral } from './types.ts';
import {
  DERIV_PAIR_FORMS, DERIV_PAIR_VARS, QUAD_FORMS, QUAD_VARS, TRIPLE_FORMS, TRIPLE_VARS, compileForm,
} from './closedForms.ts';
import { GaussianExpectation, pinvSym2 } from './gaussHermite.ts';
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
 * I4 = E[σ'(u_a) σ'(u_b) τ(u_c) ρ(u_e)], C given by its upper triangle. Quadrature: for σ' = α + βH
 * (ReLU, leaky ReLU, |x|) the semi-analytic 2-D rule of stepQuad.ts (`nodes` as for 2-D integrals),
 * else 4-D tensor Gauss–Hermite (fewer dimensions when C is singular).
 */
export function quadIntegral(sigma: Activation, tau: Activation, rho: Activation, options: IntegralOptions = {}): QuadIntegral {
  const formula = QUAD_FORMS[`${sigma.key}|${tau.key}|${rho.key}`];
  const path = choosePath(availablePaths(formula !== undefined, isPoly(sigma, tau, rho)), options, 'quadIntegral');
  const nodes = nodesFor(4, options, 'quadIntegral');
  if (path === 'closed-form') return { path, value: compileForm<QuadIntegral['value']>(formula, QUAD_VARS, false).value };
  if (path === 'wick') return wickQuad(sigma.polynomial!, tau.polynomial!, rho.polynomial!);
  const step = stepDerivative(sigma);
  if (step !== null) return stepStudentQuad(step, tau, rho, nodesFor(2, options, 'quadIntegral'));
  const gauss = new GaussianExpectation(4, nodes);
  const cov = new Float64Array(16);
  const { df } = sigma;
  const g = tau.f;
  const h = rho.f;
  const integrand = (u: Float64Array) => df(u[0]) * df(u[1]) * g(u[2]) * h(u[3]);
  return {
    path,
    value: (caa, cab, cac, cae, cbb, cbc, cbe, ccc, cce, cee) => {
      setSymmetric4(cov, caa, cab, cac, cae, cbb, cbc, cbe, ccc, cce, cee);
      return gauss.expect(cov, integrand);
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

function setSymmetric4(
  m: Float64Array,
  caa: number, cab: number, cac: number, cae: number, cbb: number, cbc: number, cbe: number, ccc: number, cce: number, cee: number,
): void {
  m[0] = caa; m[1] = cab; m[2] = cac; m[3] = cae;
  m[4] = cab; m[5] = cbb; m[6] = cbc; m[7] = cbe;
  m[8] = cac; m[9] = cbc; m[10] = ccc; m[11] = cce;
  m[12] = cae; m[13] = cbe; m[14] = cce; m[15] = cee;
}
