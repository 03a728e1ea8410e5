/**
 * Options shared by the integral constructors, and the default number of Gauss–Hermite nodes per
 * dimension (chosen so that the smooth closed-form cases are reproduced to 1e-12 on O(1)
 * covariances; see test/integrals/quadrature.test.ts).
 */
import { SpecError } from '../validate.ts';
import type { IntegralPath } from './types.ts';

/** Default Gauss–Hermite nodes per dimension, by the dimension of the integral. */
export const DEFAULT_NODES: Readonly<Record<2 | 3 | 4, number>> = { 2: 96, 3: 32, 4: 20 };

/** Largest rule the node generator is verified for (weights sum to 1 within 2e-15 up to 150). */
export const MAX_NODES = 150;

export interface IntegralOptions {
  /** Force a path (e.g. 'quadrature' to cross-check a closed form); refused when it does not apply. */
  path?: IntegralPath;
  /** Gauss–Hermite nodes per dimension for the quadrature path. */
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

/** Nodes per dimension: the option (an integer in [2, MAX_NODES]) or the default for `dim`. */
export function nodesFor(dim: 2 | 3 | 4, options: IntegralOptions, what: string): number {
  const n = options.nodes ?? DEFAULT_NODES[dim];
  if (!Number.isInteger(n) || n < 2 || n > MAX_NODES) throw new SpecError(`${what}.nodes`, n, `an integer in [2, ${MAX_NODES}]`);
  return n;
}
