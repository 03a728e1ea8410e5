/**
 * Model preference with uncertainty: the difference of Akaike's information criterion between two
 * fits, ΔAIC = AIC_B − AIC_A (positive favours A), measured with an interval (e.g. a bootstrap over
 * seeds), judged like an equivalence test.
 */
import { showEstimate } from './format.ts';
import type { Estimate, RuleResult } from './types.ts';

/** AIC of a least-squares fit with `params` parameters and residual sum of squares `rss` over n points. */
export function leastSquaresAic(rss: number, n: number, params: number): number {
  // floored so that an exact fit (rss = 0) still gives a finite AIC
  return n * Math.log(Math.max(rss / n, 1e-300)) + 2 * params;
}

/**
 * Supported (A preferred) when the whole interval of ΔAIC = AIC_B − AIC_A lies at or above `margin`;
 * not supported (B preferred) when it lies at or below −margin; inconclusive otherwise, or when any
 * part is not finite. `margin` 2 is "substantial", 10 "decisive" (Burnham & Anderson 2002).
 */
export function prefersModelWithin(deltaAic: Estimate, a: string, b: string, margin: number): RuleResult {
  const text = `ΔAIC(${b} − ${a}) = ${showEstimate(deltaAic)}`;
  if (![deltaAic.value, deltaAic.lo, deltaAic.hi].every(Number.isFinite) || deltaAic.lo > deltaAic.hi) {
    return { verdict: 'inconclusive', reason: `${text}: not a finite interval` };
  }
  if (deltaAic.lo >= margin) return { verdict: 'supported', reason: `${text} ≥ ${margin}: ${a} preferred` };
  if (deltaAic.hi <= -margin) return { verdict: 'not supported', reason: `${text} ≤ −${margin}: ${b} preferred` };
  return { verdict: 'inconclusive', reason: `${text}: neither model preferred by ${margin} or more over the whole interval` };
}
