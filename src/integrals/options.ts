/**
 * Options shared by the integral constructors, and the default quadrature sizes: for 2-D integrals
 * (I2, I3 reduced to 2-D, J2) the split polar rule with `nodes` angles per arc and `nodes` radii;
 * for I4 with a smooth σ' the same polar rule over (u_c, u_e) and ⌈5·nodes/4⌉ Gauss–Hermite points
 * per dimension over (u_a, u_b) given them. The 2-D default reproduces the closed forms (erf and ReLU
 * alike) to ≤ 1e-13 on O(1) covariances (test/integrals/pair.test.ts), the I4 default the erf I4
 * closed form to < 1e-12 (test/integrals/sgdIntegrals.test.ts).
 */
import { SpecError } from '../validate.ts';
import type { IntegralPath } from './types.ts';

/** Default quadrature nodes, by the dimension of the integral (2: polar rule; 4: I4 of a smooth σ', polar × Gauss–Hermite). */
export const DEFAULT_NODES: Readonly<Record<2 | 4, number>> = { 2: 32, 4: 26 };

/** Largest rules the node generators are verified for: the polar rule's Rayleigh rule (I4's inner Hermite rule, ⌈5·64/4⌉ = 80, is within its verified 150). */
export const MAX_NODES: Readonly<Record<2 | 4, number>> = { 2: 64, 4: 64 };

/** Optional arguments of pairIntegral, tripleIntegral, quadIntegral and derivPairIntegral. */
export interface IntegralOptions {
  /** Force a path (e.g. 'quadrature' to cross-check a closed form); refused when it does not apply. */
  path?: IntegralPath;
  /** Quadrature size: polar nodes per arc and per ray (2-D integrals and I4); a smooth-σ' I4 adds ⌈5·nodes/4⌉ Gauss–Hermite nodes per dimension for its inner 2-D integral. */
  nodes?: number;
}

/** Paths that apply: 'closed-form' when the table has a formula, 'wick' when every activation is a polynomial, and always 'quadrature'. */
export function availablePaths(hasFormula: boolean, allPolynomial: boolean): IntegralPath[] {
  return [...(hasFormula ? ['closed-form' as const] : []), ...(allPolynomial ? ['wick' as const] : []), 'quadrature'];
}

/** The path to take: the forced one if it is available, else the first available of `available`. */
export function choosePath(available: IntegralPath[], options: IntegralOptions, what: string): IntegralPath {
  if (options.path === undefined) return available[0];
  if (!available.includes(options.path)) {
    throw new SpecError(`${what}.path`, options.path, `one of ${available.map((p) => JSON.stringify(p)).join(', ')} for these activations`);
  }
  return options.path;
}

/** Quadrature nodes: the option (an integer in [2, MAX_NODES[dim]]) or the default for `dim`. */
export function nodesFor(dim: 2 | 4, options: IntegralOptions, what: string): number {
  const n = options.nodes ?? DEFAULT_NODES[dim];
  if (!Number.isInteger(n) || n < 2 || n > MAX_NODES[dim]) throw new SpecError(`${what}.nodes`, n, `an integer in [2, ${MAX_NODES[dim]}]`);
  return n;
}
