import type { EventSpec, MethodName, Rhs, SolveOptions, SolveStats } from './types.ts';
import type { StepRecorder } from './recorder.ts';

/** A validated problem with options filled in (see `validate_options.ts`). */
export interface Settings {
  method: MethodName;
  rhs: Rhs;
  y0: Float64Array;
  t0: number;
  t1: number;
  rtol: number;
  atol: number;
  tEval: Float64Array | null;
  events: EventSpec[];
  eventInteriorPoints: number;
  maxSteps: number;
  firstStep: number | null;
  maxStep: number;
  shouldStop?: SolveOptions['shouldStop'];
}

/**
 * How a method's run ended. `stopped` means the recorder asked it to stop (a terminal event or `shouldStop`);
 * `tLast`/`yLast` are the end of the last accepted step (the last finite state on failure).
 */
export interface MethodOutcome {
  status: 'success' | 'stopped' | 'maxSteps' | 'stepTooSmall' | 'nonFinite';
  message: string;
  stats: SolveStats;
  tLast: number;
  yLast: Float64Array;
}

/** A method integrates `settings` and hands every accepted step to the recorder. */
export type Method = (settings: Settings, recorder: StepRecorder) => MethodOutcome;
