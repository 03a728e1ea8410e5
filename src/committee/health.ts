/**
 * Checks that turn a trajectory into an honest status: plateau events in entry/exit pairs, overlaps
 * that stay a Gram matrix (inside the positive semidefinite cone), growth of the loss after discrete
 * GD left the flow, and output times that GD cannot hit exactly. Pure functions of the results.
 */
import { overlapMinEigenvalue } from '../schema/checks.ts';

/**
 * How far below 0 the smallest eigenvalue of [[Q, R], [Rᵀ, T]] may go along an integrated trajectory:
 * the integrator moves each of the n² entries by up to atol + rtol·|entry| per step, and errors
 * accumulate over steps (measured: up to 2.5× the per-step allowance at rtol = 10⁻², 1.2× at 10⁻⁶, for
 * two identical students, a singular overlap matrix), so the bound ‖E‖₂ ≤ n·max|E_ij| gets a factor 10.
 * Rounding (10⁻¹⁴ relative) is always allowed.
 */
export function psdAllowance(n: number, maxEntry: number, tolerance: { rtol: number; atol: number }): number {
  return 10 * n * (tolerance.atol + tolerance.rtol * maxEntry) + 1e-14 * maxEntry;
}

/** ε_g above this multiple of max(1, ε_g(0)) when the integrator gave up counts as divergence. */
export const DIVERGENCE_FACTOR = 1e3;

/**
 * Plateau events as pairs: an exit with no open entry is dropped (at t → 0 the log-slope starts at 0,
 * so the first upward crossing marks the end of the initial transient, not of a plateau).
 */
export function pairPlateauEvents<E extends { name: string }>(events: E[]): E[] {
  let open = false;
  return events.filter((e) => {
    if (e.name === 'plateau-entry') {
      if (open) return false;
      open = true;
    } else if (e.name === 'plateau-exit') {
      if (!open) return false;
      open = false;
    }
    return true;
  });
}

/**
 * Index of the first state whose overlap matrix [[Q, R], [Rᵀ, T]] lies outside the PSD cone by more
 * than `psdAllowance` (no weights have such overlaps), or null.
 */
export function firstOutsidePsdCone(Q: number[][][], R: number[][][], T: number[][], tolerance: { rtol: number; atol: number }): number | null {
  for (let i = 0; i < Q.length; i++) {
    const entries = [...Q[i].flat(), ...R[i].flat(), ...T.flat()].map(Math.abs);
    const { min } = overlapMinEigenvalue(Q[i], R[i], T);
    if (min < -psdAllowance(Q[i].length + T.length, Math.max(...entries), tolerance)) return i;
  }
  return null;
}

/**
 * Discrete GD after it left the flow: has ε_g risen above `reference` (the lowest ε_g of the earlier
 * steps) by more than the relative `tolerance` plus the rounding `floor`? Gradient flow never
 * increases ε_g, so such a rise is GD's own, unstable, behaviour.
 */
export function grewAfterDeparture(reference: number, loss: number, floor: number, tolerance: number): boolean {
  return loss > reference * (1 + tolerance) + floor;
}

/**
 * Warnings for requested output times that are not whole steps of a discrete dynamics (t = kη for GD,
 * α = k/d for online SGD): each is reported at the nearest step, and the warning says where. `step`
 * names the step, e.g. "η = 0.5".
 */
export function offGridWarnings(requested: number[], used: number[], step: string): string[] {
  const moved = requested.flatMap((t, i) => (Math.abs(t - used[i]) > 1e-9 * Math.max(1, Math.abs(t)) ? [`${t} → ${used[i]}`] : []));
  if (moved.length === 0) return [];
  const shown = moved.slice(0, 5).join(', ') + (moved.length > 5 ? `, and ${moved.length - 5} more` : '');
  return [`${moved.length} output time${moved.length === 1 ? ' is' : 's are'} not a multiple of the step ${step}; reported at the nearest step: ${shown}`];
}
