/**
 * The event library of the committee ODEs: the usual questions about a learning curve, as event
 * functions of (t, y) that the solver locates on its dense output.
 *
 * - `loss<ε`: ε_g(t) − ε crosses downwards (time-to-ε; terminal when asked to stop there).
 * - `plateau-entry` / `plateau-exit`: the logarithmic slope s(t) = |d ln ε_g / d ln t| = |t ε_g'(t) / ε_g|
 *   falls below / rises above a threshold (ε_g' = ∇ε_g · y', exact from the gradient and the rhs).
 * - `specialised-k`: max_j R_jk / √(Q_jj T_kk) rises above a threshold (teacher unit k has a student unit aligned with it).
 */
import type { EventSpec, Rhs } from '../../solvers/types.ts';
import type { CommitteeRisk } from './risk.ts';

export interface EventOptions {
  /** Thresholds ε for time-to-ε events. */
  lossBelow?: number[];
  /** Stop at the first `lossBelow` crossing. */
  stopAtLoss?: boolean;
  /** Threshold on |d ln ε_g / d ln t| for plateau entry and exit. */
  plateauSlope?: number;
  /** Threshold on the normalised overlap for specialisation. */
  specialisation?: number;
}

/** Build the requested events for a committee problem with right-hand side `rhs`. */
export function committeeEvents(risk: CommitteeRisk, rhs: Rhs, aFixed: Float64Array, opts: EventOptions): EventSpec[] {
  const { layout, T } = risk;
  const { m, mStar, qOffset: qo, rOffset: ro, aOffset: ao, trainSecondLayer } = layout;
  const aOf = (y: Float64Array): ArrayLike<number> => (trainSecondLayer ? y.subarray(ao, ao + m) : aFixed);
  const events: EventSpec[] = [];
  for (const eps of opts.lossBelow ?? []) {
    events.push({ name: `loss<${eps}`, fn: (_t, y) => risk.loss(y, aOf(y)).value - eps, direction: -1, terminal: opts.stopAtLoss ?? false });
  }
  if (opts.plateauSlope !== undefined) {
    const threshold = opts.plateauSlope;
    const G = new Float64Array(m * m);
    const H = new Float64Array(m * mStar);
    const gA = new Float64Array(m);
    const dy = new Float64Array(layout.size);
    const slope = (t: number, y: Float64Array): number => {
      const a = aOf(y);
      const value = risk.valueGrad(y, a, G, H, gA);
      rhs(t, y, dy);
      let rate = 0;
      for (let i = 0; i < m * m; i++) rate += G[i] * dy[qo + i];
      for (let i = 0; i < m * mStar; i++) rate += H[i] * dy[ro + i];
      if (trainSecondLayer) for (let j = 0; j < m; j++) rate += gA[j] * dy[ao + j];
      return Math.abs((t * rate) / value);
    };
    events.push({ name: 'plateau-entry', fn: (t, y) => slope(t, y) - threshold, direction: -1 });
    events.push({ name: 'plateau-exit', fn: (t, y) => slope(t, y) - threshold, direction: 1 });
  }
  if (opts.specialisation !== undefined) {
    const threshold = opts.specialisation;
    for (let k = 0; k < mStar; k++) {
      const tkk = T[k * mStar + k];
      events.push({
        name: `specialised-${k}`,
        fn: (_t, y) => {
          let best = -Infinity;
          for (let j = 0; j < m; j++) best = Math.max(best, y[ro + j * mStar + k] / Math.sqrt(y[qo + j * m + j] * tkk));
          return best - threshold;
        },
        direction: 1,
      });
    }
  }
  return events;
}

/**
 * Keep the plateau events that describe a plateau: an entry after the initial transient has set in
 * (an exit before any entry only marks the end of the t → 0 regime, where the slope starts at 0), and
 * the exit that follows it.
 */
export function plateauIntervals(events: { name: string; t: number }[]): { entry: number; exit: number | null }[] {
  const out: { entry: number; exit: number | null }[] = [];
  for (const e of events) {
    if (e.name === 'plateau-entry') out.push({ entry: e.t, exit: null });
    else if (e.name === 'plateau-exit' && out.length > 0 && out[out.length - 1].exit === null) out[out.length - 1].exit = e.t;
  }
  return out;
}
