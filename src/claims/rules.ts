/**
 * Verdict rules: pure functions from measured numbers with their uncertainty to a verdict. Each rule is
 * fixed, with its parameters, before an experiment runs, and each can fail: the tests feed every rule
 * a counter-case ("not supported") and a case too noisy to decide ("inconclusive").
 *
 * The interval rules read a 95% interval against a region the claim allows, in the manner of an
 * equivalence test: supported when the whole interval lies in the region, not supported when none of
 * it does, inconclusive when it straddles the edge. A non-finite or NaN endpoint never supports
 * anything; an interval that is not an interval (lo > hi, NaN) is inconclusive.
 */
import { fmt, showEstimate as show } from './format.ts';
import { leastSquaresAic } from './preference.ts';
import type { Estimate, RuleResult, Verdict } from './types.ts';

function malformed(e: Estimate): string | undefined {
  if ([e.value, e.lo, e.hi].some(Number.isNaN)) return `the measurement is undefined (${show(e)})`;
  if (e.lo > e.hi) return `the interval is empty (${show(e)})`;
  return undefined;
}

/**
 * Supported when the interval [lo, hi] lies inside the allowed region [min, max] (either end may be
 * ±∞ for a one-sided region); not supported when it lies wholly outside; inconclusive otherwise. A
 * supported verdict needs a finite value and interval ends finite on each side where the region is bounded.
 */
export function intervalInside(measured: Estimate, region: { min?: number; max?: number }, what: string): RuleResult {
  const bad = malformed(measured);
  if (bad) return { verdict: 'inconclusive', reason: `${what}: ${bad}` };
  const min = region.min ?? -Infinity;
  const max = region.max ?? Infinity;
  const regionText = `[${fmt(min)}, ${fmt(max)}]`;
  if (measured.hi < min || measured.lo > max) {
    return { verdict: 'not supported', reason: `${what} = ${show(measured)} lies outside ${regionText}` };
  }
  const inside = measured.lo >= min && measured.hi <= max;
  // An end may be infinite only where the region itself is unbounded, and the value must be finite:
  // "never happened" (∞) is a censored measurement, never a supporting one.
  const finiteWhereBounded = (min === -Infinity || Number.isFinite(measured.lo)) && (max === Infinity || Number.isFinite(measured.hi));
  if (inside && finiteWhereBounded && Number.isFinite(measured.value)) {
    return { verdict: 'supported', reason: `${what} = ${show(measured)} lies inside ${regionText}` };
  }
  return { verdict: 'inconclusive', reason: `${what} = ${show(measured)} straddles the edge of ${regionText}` };
}

/** Supported when the interval lies within ±tolerance of the predicted value (see {@link intervalInside}). */
export function matchesValue(measured: Estimate, predicted: number, tolerance: number, what: string): RuleResult {
  return intervalInside(measured, { min: predicted - tolerance, max: predicted + tolerance }, what);
}

/**
 * Supported when the interval lies wholly above `threshold` (a strict effect in one direction), not
 * supported when it lies wholly at or below it, inconclusive when it contains it.
 */
export function exceeds(measured: Estimate, threshold: number, what: string): RuleResult {
  const bad = malformed(measured);
  if (bad) return { verdict: 'inconclusive', reason: `${what}: ${bad}` };
  if (measured.lo > threshold && Number.isFinite(measured.lo) && Number.isFinite(measured.value)) {
    return { verdict: 'supported', reason: `${what} = ${show(measured)} lies above ${fmt(threshold)}` };
  }
  if (measured.hi <= threshold) return { verdict: 'not supported', reason: `${what} = ${show(measured)} does not exceed ${fmt(threshold)}` };
  return { verdict: 'inconclusive', reason: `${what} = ${show(measured)} contains ${fmt(threshold)}` };
}

/** Mirror of {@link exceeds}: supported when the interval lies wholly below `threshold`. */
export function fallsBelow(measured: Estimate, threshold: number, what: string): RuleResult {
  const mirrored: Estimate = { ...measured, value: -measured.value, lo: -measured.hi, hi: -measured.lo };
  const r = exceeds(mirrored, -threshold, what);
  const reason = r.reason
    .replace(show(mirrored), show(measured))
    .replace(`above ${fmt(-threshold)}`, `below ${fmt(threshold)}`)
    .replace(`does not exceed ${fmt(-threshold)}`, `is not below ${fmt(threshold)}`)
    .replace(`contains ${fmt(-threshold)}`, `contains ${fmt(threshold)}`);
  return { verdict: r.verdict, reason };
}

/**
 * Which of two models the data prefer, by Akaike's information criterion (AIC = n ln(RSS/n) + 2k;
 * Burnham & Anderson 2002): supported (model A) when AIC_B − AIC_A ≥ `margin`, not supported when
 * AIC_A − AIC_B ≥ `margin`, inconclusive in between. `margin` 2 is "substantial support", 10 "decisive".
 */
export function prefersModel(
  a: { name: string; rss: number; params: number },
  b: { name: string; rss: number; params: number },
  n: number,
  margin: number,
): RuleResult & { deltaAic: number; weightA: number } {
  const delta = leastSquaresAic(b.rss, n, b.params) - leastSquaresAic(a.rss, n, a.params);
  const weightA = 1 / (1 + Math.exp(-delta / 2));
  const text = `ΔAIC(${b.name} − ${a.name}) = ${fmt(delta)}, Akaike weight of ${a.name} ${fmt(weightA)}`;
  if (!Number.isFinite(delta)) return { verdict: 'inconclusive', reason: `${text}: undefined`, deltaAic: delta, weightA };
  const verdict: Verdict = delta >= margin ? 'supported' : -delta >= margin ? 'not supported' : 'inconclusive';
  const reason = `${text} (${verdict === 'supported' ? `${a.name} preferred` : verdict === 'not supported' ? `${b.name} preferred` : `neither by ${margin} or more`})`;
  return { verdict, reason, deltaAic: delta, weightA };
}

/** Every part must hold: not supported if any part is not; else inconclusive if any part is; else supported. */
export function allOf(parts: RuleResult[]): RuleResult {
  if (parts.length === 0) return { verdict: 'not tested', reason: 'no part was measured' };
  const pick = (v: Verdict): RuleResult[] => parts.filter((p) => p.verdict === v);
  for (const v of ['not supported', 'not tested', 'inconclusive'] as const) {
    const hit = pick(v);
    if (hit.length > 0) return { verdict: v, reason: hit.map((p) => p.reason).join('; ') };
  }
  return { verdict: 'supported', reason: parts.map((p) => p.reason).join('; ') };
}

/** A claim the experiment does not test, with the reason. */
export function notTested(reason: string): RuleResult {
  return { verdict: 'not tested', reason };
}
