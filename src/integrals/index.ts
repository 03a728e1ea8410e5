/**
 * Gaussian integrals of activations (issue #3): parsing activations, the closed-form table, exact
 * Wick polynomials, quadrature (split polar rule in 2-D; I4 conditioned on two fields, polar × Gauss–Hermite)
 * and the population-risk formula.
 */
export { parseActivation, BUILT_IN_ACTIVATIONS } from './activation.ts';
export { pairIntegral } from './pair.ts';
export { DEFAULT_NODES, type IntegralOptions } from './options.ts';
export { wickMoment } from './wickIntegrals.ts';
export { Polynomial } from './polynomial.ts';
export type * from './types.ts';
export { tripleIntegral, quadIntegral, derivPairIntegral } from './sgdIntegrals.ts';
export { riskFormula, type RiskModel, type RiskFormula } from './risk.ts';
