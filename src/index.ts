/**
 * popflow's library API. Build a spec in code, `solve` its order-parameter ODE, read Q(t), R(t) and
 * ε_g(t); run the finite-d simulator on the same model, dynamics and times; draw a figure; write a
 * trajectory with its provenance. The command line is a thin layer over these functions.
 *
 * ```ts
 * import { solve } from 'popflow';
 * const r = solve({ model: { activation: 'erf', a: [1, 1], aStar: [1, 1] }, init: { kind: 'random', d: 1000, scale: 0.5 }, times: { end: 100, points: 20 } });
 * r.loss.at(-1); // ε_g at t = 100
 * ```
 */
import { parseCommitteeSpec, runOde, type CommitteeSpec, type OdeResult, type RunHooks } from './committee/index.ts';
import type { InitialOverlaps } from './committee/overlapsFile.ts';
import type { SimulateOptions, SimulationResult } from './simulate/run.ts';
import type { BackendChoice } from './simulate/backend.ts';
import type { FigureSpec, Series } from '../reports/plot.ts';

export { parseCommitteeSpec, runOde, outputTimes, type CommitteeSpec, type OdeResult, type RunHooks, type RunStatus } from './committee/index.ts';
export type { InitialOverlaps } from './committee/overlapsFile.ts';
export type { SimulationSpec } from './simulate/spec.ts';
export type { BackendChoice } from './simulate/backend.ts';
export type { SimulationResult, SimulationRun, SimulateOptions } from './simulate/run.ts';
export type { FigureSpec, Series, Marker } from '../reports/plot.ts';
export { riskFormula } from './integrals/index.ts';
export { SpecError } from './validate.ts';
export { solve as solveIvp } from '../solvers/index.ts';
export type { OdeProblem, OdeSolution, SolveOptions, SolveStatus } from '../solvers/index.ts';
export { trajectoryColumns, trajectoryCsv, trajectoryJson } from './io/trajectory.ts';
export { provenance, specHash, type Provenance } from './io/provenance.ts';

/** A built-in activation name, or a formula in x (mathjs syntax) such as "tanh(x)". */
export type ActivationInput = 'linear' | 'quadratic' | 'erf' | 'relu' | (string & {});

/** The model part of a spec (JSON or code); omitted fields take the defaults shown. */
export interface ModelInput {
  kind?: 'committee';
  /** Student activation σ. */
  activation: ActivationInput;
  /** Teacher activation σ* (default: σ). */
  teacherActivation?: ActivationInput;
  /** Student second-layer weights; the student width m is their number. */
  a: number[];
  /** Teacher second-layer weights; m* is their number. */
  aStar: number[];
  /** Train a as well (default false). */
  trainSecondLayer?: boolean;
  /** Label-noise standard deviation (default 0). */
  noise?: number;
}

/** Dynamics: gradient flow on the population risk (default), online SGD, or full-batch GD at step η. */
export type DynamicsInput =
  | { kind: 'gradient-flow' }
  | { kind: 'online-sgd'; lr: number; lrSecondLayer?: number; weightDecay?: number }
  | { kind: 'gd'; lr: number; tolerance?: number };

/** Output times: a list, or `points` times up to `end` (linear, or log-spaced from `min`). */
export type TimesInput = number[] | { end: number; points: number; spacing?: 'log' | 'linear'; min?: number };

/**
 * A committee spec as written in JSON or in code: the input of {@link solve}. Validation and defaults
 * are those of `parseCommitteeSpec`, which throws `SpecError` naming the first bad field.
 */
export interface CommitteeSpecInput {
  model: ModelInput;
  dynamics?: DynamicsInput;
  /** Initial overlaps: random at dimension d (student entries N(0, scale²)), or given Q, R, T. */
  init:
    | { kind: 'random'; d: number; scale: number; seed?: number }
    | { kind?: 'overlaps'; Q: number[][]; R: number[][]; T: number[][] }
    | { fromSimulation: string };
  times: TimesInput;
  solver?: { method?: 'dopri5' | 'odex'; rtol?: number; atol?: number; maxSteps?: number };
  stop?: { lossBelow?: number };
  events?: { lossBelow?: number[]; plateauSlope?: number; specialisation?: number };
}

/**
 * A simulation spec: the same model, dynamics (online SGD or GD) and times as a committee spec, plus
 * the finite-size settings (d, data seeds, training-set size n for GD, initial weights, backend).
 */
export interface SimulationSpecInput {
  model: ModelInput;
  dynamics: Exclude<DynamicsInput, { kind: 'gradient-flow' }>;
  times: TimesInput;
  d: number;
  n?: number;
  batch?: number;
  seeds?: number | number[];
  init?: { scale?: number; seed?: number } | { Q: number[][]; R: number[][]; seed?: number };
  testSamples?: number;
  backend?: BackendChoice;
  workers?: number;
}

/**
 * Integrate the order-parameter ODE of a spec (validated first; `SpecError` for bad input) and return
 * t, ε_g (`loss`), Q, R and a at each output time, with the status, events and solver statistics.
 * Numerical failure is a status (`maxSteps`, `stepTooSmall`, `nonFinite`, `diverged`), never a throw.
 */
export function solve(spec: CommitteeSpecInput, hooks?: RunHooks): OdeResult {
  return runOde(parseCommitteeSpec(spec), hooks);
}

/** A validated spec with every default filled in (what {@link solve} integrates and provenance records). */
export function committeeSpec(spec: CommitteeSpecInput): CommitteeSpec {
  return parseCommitteeSpec(spec);
}

/**
 * Train finite-d networks (one run per data seed) on the spec's model and dynamics and return ε_g at
 * the output times with mean and spread over seeds, and the initial overlaps of the shared start.
 * tfjs is loaded on the first call.
 */
export async function simulate(spec: SimulationSpecInput, options: SimulateOptions = {}): Promise<SimulationResult> {
  const { parseSimulationSpec, simulate: run } = await import('./simulate/index.ts');
  return run(parseSimulationSpec(spec), options);
}

/** The `init` that starts the ODE from a simulation's measured initial overlaps (shared initial conditions). */
export function startingFrom(initial: InitialOverlaps): { kind: 'overlaps'; Q: number[][]; R: number[][]; T: number[][] } {
  return { kind: 'overlaps', Q: initial.Q, R: initial.R, T: initial.T };
}

/**
 * A figure of ε_g against time for several curves, log-log (points at t ≤ 0 or ε_g ≤ 0 left out),
 * for {@link drawFigure}. Curves are `{label, t, loss}`: an {@link OdeResult}, or a simulation's
 * `{t, loss: lossMean}`.
 */
export function lossFigure(
  title: string,
  curves: { label: string; t: number[]; loss: number[]; points?: boolean }[],
  xLabel = 'time',
): FigureSpec {
  const series: Series[] = curves.map((c) => {
    const keep = c.t.map((_, i) => i).filter((i) => c.t[i] > 0 && c.loss[i] > 0);
    return { label: c.label, x: keep.map((i) => c.t[i]), y: keep.map((i) => c.loss[i]), style: c.points ? 'points' : 'line' };
  });
  return { title, xLabel, yLabel: 'ε_g', xScale: 'log', yScale: 'log', series, size: 'one-column' };
}

/**
 * Draw a figure to a PNG file at 300 dpi (chart.js on @napi-rs/canvas), with its spec as JSON and its
 * data as CSV beside it. The canvas library is loaded on the first call.
 */
export async function drawFigure(pngPath: string, figure: FigureSpec): Promise<void> {
  const { writeFigure } = await import('../reports/plot.ts');
  await writeFigure(pngPath, figure);
}
