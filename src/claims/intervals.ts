/**
 * Confidence intervals for experiments: percentile bootstrap (Efron & Tibshirani 1993, ch. 13) with a
 * seeded generator, so that a report is reproducible, and Student-t intervals for means.
 */
import { Rng } from '../random.ts';
import type { Estimate } from './types.ts';

export interface BootstrapOptions {
  /** Number of resamples (default 2000). */
  resamples?: number;
  /** Confidence level (default 0.95). */
  level?: number;
  /** Seed of the resampling generator (default 1). */
  seed?: number;
}

/** The q-quantile of sorted values by linear interpolation between order statistics. */
export function quantileSorted(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const i = Math.floor(pos);
  const f = pos - i;
  return i + 1 < sorted.length ? sorted[i] * (1 - f) + sorted[i + 1] * f : sorted[i];
}

/**
 * Percentile bootstrap of `statistic` over `units` (seeds, runs): resample the units with replacement,
 * recompute the statistic, and take the (1 − level)/2 and (1 + level)/2 quantiles. Resamples where the
 * statistic is not finite (e.g. a fit with one distinct x) count as infinite on both sides, which
 * widens the interval instead of hiding the failure: if more than the tail fraction are non-finite,
 * the interval is unbounded.
 */
export function bootstrap<T>(units: T[], statistic: (sample: T[]) => number, options: BootstrapOptions = {}): Estimate {
  const { resamples = 2000, level = 0.95, seed = 1 } = options;
  const value = statistic(units);
  const rng = new Rng(seed);
  const finite: number[] = [];
  let bad = 0;
  const sample: T[] = new Array(units.length);
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < units.length; i++) sample[i] = units[Math.floor(rng.uniform() * units.length)];
    const s = statistic(sample);
    if (Number.isFinite(s)) finite.push(s);
    else bad++;
  }
  finite.sort((a, b) => a - b);
  const tail = (1 - level) / 2;
  // Non-finite resamples are placed at both ends; each end loses its share before the quantile is read.
  const lowSide = [...new Array(Math.ceil(bad / 2)).fill(-Infinity), ...finite];
  const highSide = [...finite, ...new Array(Math.ceil(bad / 2)).fill(Infinity)];
  return {
    value,
    lo: units.length > 1 ? quantileSorted(lowSide, tail) : -Infinity,
    hi: units.length > 1 ? quantileSorted(highSide, 1 - tail) : Infinity,
    level,
    method: `percentile bootstrap over ${units.length} units (${resamples} resamples, seed ${seed})`,
  };
}

/** Two-sided Student-t quantile t_{(1+level)/2, ν} by bisection on the regularised incomplete beta. */
export function studentQuantile(level: number, dof: number): number {
  const cdf = (t: number): number => 1 - 0.5 * incompleteBeta(dof / (dof + t * t), dof / 2, 0.5);
  const target = (1 + level) / 2;
  let lo = 0;
  let hi = 1e3;
  for (let i = 0; i < 200; i++) {
    const mid = 0.5 * (lo + hi);
    if (cdf(mid) < target) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

/** Mean of `values` with a Student-t interval (mean ± t·s/√n); unbounded with fewer than two values. */
export function meanInterval(values: number[], level = 0.95): Estimate {
  const n = values.length;
  const mean = values.reduce((s, v) => s + v, 0) / n;
  if (n < 2) return { value: mean, lo: -Infinity, hi: Infinity, level, method: `mean of ${n} value` };
  const s2 = values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1);
  const half = studentQuantile(level, n - 1) * Math.sqrt(s2 / n);
  return { value: mean, lo: mean - half, hi: mean + half, level, method: `mean of ${n} values, Student-t interval` };
}

/** A fraction k/n with its Wilson score interval (Wilson 1927), which stays inside [0, 1]. */
export function proportionInterval(k: number, n: number, level = 0.95): Estimate {
  const z = studentQuantile(level, 1e7);
  const p = k / n;
  const denom = 1 + (z * z) / n;
  const centre = (p + (z * z) / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / denom;
  return { value: p, lo: Math.max(0, centre - half), hi: Math.min(1, centre + half), level, method: `Wilson interval, ${k} of ${n}` };
}

/** Regularised incomplete beta I_x(a, b) by its continued fraction (Numerical Recipes §6.4, Lentz). */
function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const lnFront = lnGamma(a + b) - lnGamma(a) - lnGamma(b) + a * Math.log(x) + b * Math.log(1 - x);
  if (x > (a + 1) / (a + b + 2)) return 1 - incompleteBeta(1 - x, b, a);
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let f = d;
  for (let m = 1; m <= 300; m++) {
    for (const even of [true, false]) {
      const num = even
        ? (m * (b - m) * x) / ((a + 2 * m - 1) * (a + 2 * m))
        : (-(a + m) * (a + b + m) * x) / ((a + 2 * m) * (a + 2 * m + 1));
      d = 1 + num * d;
      if (Math.abs(d) < tiny) d = tiny;
      c = 1 + num / c;
      if (Math.abs(c) < tiny) c = tiny;
      d = 1 / d;
      f *= d * c;
    }
    if (Math.abs(d * c - 1) < 1e-15) break;
  }
  return (Math.exp(lnFront) * f) / a;
}

/** ln Γ(x) by the Lanczos approximation (g = 7, n = 9), accurate to ~1e-15 for x > 0. */
function lnGamma(x: number): number {
  const g = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61563921095232,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
  const xm = x - 1;
  let a = g[0];
  const t = xm + 7.5;
  for (let i = 1; i < 9; i++) a += g[i] / (xm + i);
  return 0.5 * Math.log(2 * Math.PI) + (xm + 0.5) * Math.log(t) - t + Math.log(a);
}
