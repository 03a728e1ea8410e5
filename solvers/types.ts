/**
 * The contract of popflow's ODE layer, in the spirit of scipy's `solve_ivp` and SciML:
 * a problem, a method chosen by name, a solution with dense output, events, statistics
 * and a status. Nothing here knows about neural networks.
 */

/** Right-hand side f(t, y) written into `dydt` (preallocated by the solver; never allocate here). */
export type Rhs = (t: number, y: Float64Array, dydt: Float64Array) => void;

/** An initial-value problem y' = f(t, y), y(t0) = y0, integrated over tspan = [t0, t1] (t1 > t0). */
export interface OdeProblem {
  rhs: Rhs;
  y0: ArrayLike<number>;
  tspan: readonly [number, number];
}

/**
 * An event: a scalar function g(t, y) whose zero crossings are located on the dense output.
 * direction +1 records only crossings from negative to positive, −1 only positive to negative, 0 both.
 * A terminal event stops the integration at the crossing (status `event`).
 */
export interface EventSpec {
  name: string;
  fn: (t: number, y: Float64Array) => number;
  direction?: -1 | 0 | 1;
  terminal?: boolean;
}

/** A located event crossing. */
export interface EventRecord {
  name: string;
  t: number;
  y: Float64Array;
}

/**
 * Why the integration ended.
 * - `success`: reached tspan[1].
 * - `event`: a terminal event fired; the solution ends at the event time.
 * - `maxSteps`: the step budget `maxSteps` was used up before tspan[1].
 * - `stepTooSmall`: the controller asked for a step below the floating-point resolution of t.
 * - `nonFinite`: the right-hand side returned NaN or ±Infinity; the last finite state is kept.
 * - `interrupted`: `shouldStop` asked to stop; the solution ends at the last accepted step.
 */
export type SolveStatus = 'success' | 'event' | 'maxSteps' | 'stepTooSmall' | 'nonFinite' | 'interrupted';

export type MethodName = 'dopri5' | 'odex';

export interface SolveOptions {
  method?: MethodName;
  rtol?: number;
  atol?: number;
  /** Output times (sorted, inside tspan); values there come from the dense output. */
  tEval?: ArrayLike<number>;
  events?: EventSpec[];
  /**
   * Points inside each step where event functions are also sampled, so that two crossings within one
   * step are both found (default 4, as SciML's `interp_points`; 0 checks the step ends only, which suits
   * monotone event functions and saves their evaluations).
   */
  eventInteriorPoints?: number;
  /** Maximum number of attempted steps (default 1e6). */
  maxSteps?: number;
  /** Initial step (default: estimated, Hairer's algorithm). */
  firstStep?: number;
  /** Largest step allowed (default: |t1 − t0|). */
  maxStep?: number;
  /**
   * Called after every accepted step with the time reached and the output recorded so far (times and
   * states, read-only); returning true ends the integration there with status `interrupted`. For
   * progress display, checkpoints and cancellation.
   */
  shouldStop?: (t: number, soFar: { t: readonly number[]; y: readonly Float64Array[] }) => boolean;
}

export interface SolveStats {
  /** Right-hand-side evaluations. */
  nfev: number;
  /** Accepted steps. */
  naccept: number;
  /** Rejected steps. */
  nreject: number;
}

export interface OdeSolution {
  status: SolveStatus;
  success: boolean;
  message: string;
  /** The output times that were reached (a prefix of tEval when the integration stopped early). */
  t: number[];
  /** States at those times. */
  y: Float64Array[];
  /** Every event crossing located, in time order. */
  events: EventRecord[];
  stats: SolveStats;
  /** Where the integration stopped, and the state there (last finite state on failure). */
  tFinal: number;
  yFinal: Float64Array;
  /** Accepted step end points (t0 included). */
  tSteps: number[];
  /** Dense output over [t0, tFinal]: the state at any time in that range, written into `out` if given. */
  sol: (t: number, out?: Float64Array) => Float64Array;
}
