import type { EventSpec, Jacobian, MethodName, MethodUse, Rhs, SolveOptions, SolveStats } from './types.ts';
import type { StepRecorder } from './recorder.ts';

/** A validated problem with options filled in (see `validate_options.ts`). */
export interface Settings {
  method: MethodName;
  rhs: Rhs;
  jacobian: Jacobian | undefined;
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
  denseOutput: boolean;
  shouldStop?: SolveOptions['shouldStop'];
}

/**
 * How a method's run ended. `stopped` means the recorder asked it to stop (a terminal event or `shouldStop`);
 * `tLast`/`yLast` are the end of the last accepted step (the last finite state on failure).
 */
export interface MethodOutcome {
  /** `switch`: a `SwitchMonitor` asked to hand over to another method (the message says why). */
  status: 'success' | 'stopped' | 'maxSteps' | 'stepTooSmall' | 'nonFinite' | 'switch';
  message: string;
  stats: SolveStats;
  tLast: number;
  yLast: Float64Array;
  /** The step size the method would try next (to continue with another method). */
  hNext?: number;
  /** Set by `auto`: the methods it used. */
  methods?: MethodUse[];
}

/** What a method reports after each accepted step to a switch monitor. */
export interface StepReport {
  /** The accepted step. */
  h: number;
  /** h·ρ: the step against the spectral radius ρ of ∂f/∂y (estimated by the method). */
  stiffness: number;
  /** Stages used (RKC), else the method's fixed count. */
  stages: number;
}

/** Called after each accepted step; returns the reason to switch method, or null to continue. */
export type SwitchMonitor = (report: StepReport) => string | null;

/** A method integrates `settings` and hands every accepted step to the recorder. */
export type Method = (settings: Settings, recorder: StepRecorder) => MethodOutcome;
