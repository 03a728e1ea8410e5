import type { Rhs } from './types.ts';
import type { Settings } from './method.ts';
import { scaledRmsNorm } from './error_norm.ts';

/**
 * Initial step by Hairer's algorithm (Hairer, Nørsett, Wanner, Solving ODEs I, §II.4, "Starting step size";
 * scipy `select_initial_step`): with sc = atol + rtol·|y0|, d0 = ‖y0/sc‖, d1 = ‖f0/sc‖,
 * h0 = 0.01·d0/d1 (1e-6 if either is < 1e-5), an Euler step to y1 = y0 + h0 f0, d2 = ‖(f(t0+h0, y1) − f0)/sc‖/h0,
 * h1 = (0.01/max(d1, d2))^(1/(q+1)) (max(1e-6, 1e-3·h0) if both ≤ 1e-15); h = min(100·h0, h1, hMax).
 * Uses one rhs evaluation; `work` and `f1` are scratch buffers of length n. Returns h and whether f1 is finite.
 */
export function initialStep(
  rhs: Rhs,
  t0: number,
  y0: Float64Array,
  f0: Float64Array,
  errorOrder: number,
  rtol: number,
  atol: number,
  hMax: number,
  work: Float64Array,
  f1: Float64Array,
): { h: number; finite: boolean } {
  const d0 = scaledRmsNorm(y0, y0, y0, rtol, atol);
  const d1 = scaledRmsNorm(f0, y0, y0, rtol, atol);
  const h0 = Math.min(d0 < 1e-5 || d1 < 1e-5 ? 1e-6 : (0.01 * d0) / d1, hMax);
  for (let i = 0; i < y0.length; i++) work[i] = y0[i] + h0 * f0[i];
  rhs(t0 + h0, work, f1);
  for (let i = 0; i < y0.length; i++) work[i] = f1[i] - f0[i];
  const d2 = scaledRmsNorm(work, y0, y0, rtol, atol) / h0;
  if (!Number.isFinite(d2)) return { h: h0, finite: false };
  const h1 =
    d1 <= 1e-15 && d2 <= 1e-15 ? Math.max(1e-6, h0 * 1e-3) : Math.pow(0.01 / Math.max(d1, d2), 1 / (errorOrder + 1));
  return { h: Math.min(100 * h0, h1, hMax), finite: true };
}

/**
 * The first step of a method's run: `start.h` when a switching driver hands the run over, else the
 * user's `firstStep`, else {@link initialStep} (one rhs evaluation, reported in `nfev`). Null when
 * that estimate met a non-finite right-hand side.
 */
export function firstStep(
  settings: Pick<Settings, 'rhs' | 't1' | 'rtol' | 'atol' | 'maxStep' | 'firstStep'>,
  start: { h: number } | undefined,
  t: number,
  y: Float64Array,
  f0: Float64Array,
  errorOrder: number,
  work: Float64Array,
  f1: Float64Array,
): { h: number; nfev: number } | null {
  if (start !== undefined) return { h: start.h, nfev: 0 };
  if (settings.firstStep !== null) return { h: settings.firstStep, nfev: 0 };
  const { rhs, t1, rtol, atol, maxStep } = settings;
  const est = initialStep(rhs, t, y, f0, errorOrder, rtol, atol, Math.min(maxStep, t1 - t), work, f1);
  return est.finite ? { h: est.h, nfev: 1 } : null;
}
