import type { EventRecord, EventSpec } from './types.ts';
import { DenseOutput, type Segment } from './dense_output.ts';
import { brentRoot } from './brent.ts';

/** Relative tolerance in t to which event times are located. */
export const EVENT_TIME_RTOL = 1e-12;

/**
 * What a method hands each accepted step to, whatever the method: it stores the step's interpolant
 * (dense output), writes the requested output times, and locates event crossings by Brent's method on
 * the step's interpolant. Each event function is sampled at the step's ends and `interiorPoints` equally
 * spaced interior points (as SciML's `interp_points`, so that two crossings inside one long step are seen); a crossing is a sign change between neighbouring samples: g from < 0 to ≥ 0
 * (direction +1) or from > 0 to ≤ 0 (direction −1). A zero at t0 itself is not a crossing; crossings closer
 * together than the sampling are not resolved. `accept` returns false once a terminal event fired, or
 * when `shouldStop` asks to stop after the step (then `interrupted` is set).
 */
export class StepRecorder {
  readonly dense: DenseOutput;
  readonly t: number[] = [];
  readonly y: Float64Array[] = [];
  readonly events: EventRecord[] = [];
  /** Set when a terminal event ended the integration. */
  terminal: EventRecord | null = null;
  /** Set when `shouldStop` ended the integration. */
  interrupted = false;
  private nextEval = 0;
  private readonly gPrevious: Float64Array;
  private readonly gNew: Float64Array;
  private readonly scratch: Float64Array;
  private readonly pending: { index: number; t: number }[] = [];
  private readonly sampleT: Float64Array;
  private readonly sampleY: Float64Array[];
  private readonly sampleG: Float64Array;

  constructor(
    t0: number,
    y0: Float64Array,
    private readonly tEval: Float64Array | null,
    private readonly eventSpecs: EventSpec[],
    interiorPoints: number,
    private readonly shouldStop?: (t: number, soFar: { t: readonly number[]; y: readonly Float64Array[] }) => boolean,
    keepDense = true,
  ) {
    this.dense = new DenseOutput(t0, y0.slice(), keepDense);
    this.scratch = new Float64Array(y0.length);
    this.sampleT = new Float64Array(interiorPoints + 2);
    this.sampleG = new Float64Array(interiorPoints + 2);
    this.sampleY = Array.from({ length: interiorPoints }, () => new Float64Array(y0.length));
    this.gPrevious = new Float64Array(eventSpecs.length);
    this.gNew = new Float64Array(eventSpecs.length);
    eventSpecs.forEach((e, i) => (this.gPrevious[i] = e.fn(t0, y0)));
    if (tEval === null) this.output(t0, y0);
    else this.outputEvalUpTo(t0);
  }

  /** Record an accepted step; false when a terminal event stops the integration inside it. */
  accept(segment: Segment): boolean {
    this.dense.push(segment);
    let tStop = segment.t1;
    if (this.eventSpecs.length > 0) {
      const hit = this.locateEvents(segment);
      if (hit !== null) tStop = hit.t;
    }
    if (this.tEval === null) this.output(tStop, this.terminal ? this.terminal.y : segment.y1);
    else this.outputEvalUpTo(tStop);
    if (this.terminal !== null) return false;
    if (this.shouldStop?.(tStop, this)) this.interrupted = true;
    return !this.interrupted;
  }

  private output(t: number, y: Float64Array): void {
    this.t.push(t);
    this.y.push(y.slice());
  }

  private outputEvalUpTo(tStop: number): void {
    const tEval = this.tEval!;
    while (this.nextEval < tEval.length && tEval[this.nextEval] <= tStop) {
      const te = tEval[this.nextEval++];
      this.t.push(te);
      this.y.push(this.dense.evaluate(te));
    }
  }

  /** Finds crossings in the step, records them in time order, and truncates at the first terminal one. */
  private locateEvents(segment: Segment): EventRecord | null {
    const { eventSpecs, gPrevious, gNew, pending, scratch, sampleT, sampleY, sampleG } = this;
    const last = sampleT.length - 1;
    sampleT[0] = segment.t0;
    sampleT[last] = segment.t1;
    for (let k = 1; k < last; k++) {
      sampleT[k] = segment.t0 + (k / last) * (segment.t1 - segment.t0);
      segment.evaluate(sampleT[k], sampleY[k - 1]);
    }
    const xtol = EVENT_TIME_RTOL * Math.max(Math.abs(segment.t0), Math.abs(segment.t1));
    pending.length = 0;
    for (let i = 0; i < eventSpecs.length; i++) {
      const spec = eventSpecs[i];
      const direction = spec.direction ?? 0;
      sampleG[0] = gPrevious[i];
      for (let k = 1; k < last; k++) sampleG[k] = spec.fn(sampleT[k], sampleY[k - 1]);
      sampleG[last] = gNew[i] = spec.fn(segment.t1, segment.y1);
      const g = (t: number): number => {
        segment.evaluate(t, scratch);
        return spec.fn(t, scratch);
      };
      for (let k = 0; k < last; k++) {
        const ga = sampleG[k];
        const gb = sampleG[k + 1];
        const up = ga < 0 && gb >= 0;
        const down = ga > 0 && gb <= 0;
        if ((up && direction >= 0) || (down && direction <= 0)) {
          pending.push({ index: i, t: brentRoot(g, sampleT[k], sampleT[k + 1], ga, gb, xtol) });
        }
      }
    }
    gPrevious.set(gNew);
    pending.sort((a, b) => a.t - b.t);
    for (const { index, t } of pending) {
      const spec = eventSpecs[index];
      const y = new Float64Array(scratch.length);
      segment.evaluate(t, y);
      const record = { name: spec.name, t, y };
      this.events.push(record);
      if (spec.terminal) {
        this.terminal = record;
        this.dense.truncate(t);
        return record;
      }
    }
    return null;
  }
}
