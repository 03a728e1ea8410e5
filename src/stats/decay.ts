/**
 * Late-time decay of a loss curve sampled at increasing times: power law ε ∝ t^(−β) against
 * exponential ε ∝ e^(−γ t), fitted by least squares on ln ε over the last resolved stretch of time,
 * and the local exponent −Δ ln ε / Δ ln t.
 */
import { fitLine, type LineFit } from './linear-fit.ts';

export interface DecayOptions {
  /** The late phase starts at the first time with ε < threshold. */
  threshold: number;
  /** Values ε ≤ resolvedFactor · floor are not resolved; the fit stops before the first of them. */
  resolvedFactor: number;
  /** Fit over [t_last / 10^decades, t_last], t_last the last resolved time (default 1 decade). */
  decades?: number;
}

export interface LateDecay {
  window: [number, number];
  points: number;
  /** Line ln ε = intercept + slope · ln t: β = −slope. */
  power: LineFit;
  /** Line ln ε = intercept + slope · t: γ = −slope. */
  exponential: LineFit;
  /** The model with the larger R². */
  kind: 'power law' | 'exponential';
}

/** Index of the last sample before ε first comes within resolvedFactor × its floor (floor may be 0). */
export function lastResolvedIndex(loss: number[], floor: number[], resolvedFactor: number): number {
  const i = loss.findIndex((l, k) => l <= resolvedFactor * floor[k]);
  return i < 0 ? loss.length - 1 : i - 1;
}

/**
 * Fit both decay laws over the last resolved `decades` of time after ε < threshold; null when fewer than
 * 4 samples fall in that window (too short a late phase to tell).
 */
export function lateDecay(t: number[], loss: number[], floor: number[], options: DecayOptions): LateDecay | null {
  const last = lastResolvedIndex(loss, floor, options.resolvedFactor);
  const start = loss.findIndex((l) => l < options.threshold);
  if (start < 0 || last <= start) return null;
  const from = t[last] / 10 ** (options.decades ?? 1);
  const idx: number[] = [];
  for (let i = start; i <= last; i++) if (t[i] >= from && t[i] > 0) idx.push(i);
  if (idx.length < 4) return null;
  const lnL = idx.map((i) => Math.log(loss[i]));
  const power = fitLine(idx.map((i) => Math.log(t[i])), lnL);
  const exponential = fitLine(idx.map((i) => t[i]), lnL);
  return {
    window: [t[idx[0]], t[last]],
    points: idx.length,
    power,
    exponential,
    kind: power.r2 >= exponential.r2 ? 'power law' : 'exponential',
  };
}

/**
 * Local exponents −ln(ε_j/ε_i) / ln(t_j/t_i) between samples `stride` apart (j = i + stride), at the
 * geometric mean time, for resolved samples with t > 0 and ε below `below`.
 */
export function localExponents(
  t: number[],
  loss: number[],
  floor: number[],
  options: { stride: number; below: number; resolvedFactor: number },
): { t: number[]; exponent: number[] } {
  const last = lastResolvedIndex(loss, floor, options.resolvedFactor);
  const out = { t: [] as number[], exponent: [] as number[] };
  for (let i = 0; i + options.stride <= last; i += options.stride) {
    const j = i + options.stride;
    if (!(t[i] > 0) || loss[i] >= options.below) continue;
    out.t.push(Math.sqrt(t[i] * t[j]));
    out.exponent.push(-Math.log(loss[j] / loss[i]) / Math.log(t[j] / t[i]));
  }
  return out;
}
