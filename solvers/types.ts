/**
 * The contract of popflow's ODE layer, in the spirit of scipy's `solve_ivp` and SciML:
 * a problem, a method chosen by name, a solution with dense output, events, statistics
 * and a status. Nothing here knows about neural networks.
 */

/** Right-hand side f(t, y) written into `dydt` (preallocated by the solver; never allocate here). */
export type Rhs = (t: number, y: Float64Array, dydt: Float64Array) => void;

/** Jacobian ∂f/∂y at (t, y), written row-major into `J` (n × n, preallocated by the solver). */
export type Jacobian = (t: number, y: Float64Array, J: Float64Array) => void;

/**
 * An initial-value problem y' = f(t, y), y(t0) = y0, integrated over tspan = [t0, t1] (t1 > t0).
 * `jacobian` is optional: the Rosenbrock method uses it when given, else forward differences.
 */
export interface OdeProblem {
  rhs: Rhs;
  y0: ArrayLike<number>;
  tspan: readonly [number, number];
  jacobian?: Jacobian;
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

/**
 * The integrators `solve` accepts by name: the one list that specs, validation and docs read.
 * - `dopri5`: Dormand–Prince 5(4), explicit (the default).
 * - `odex`: Gragg–Bulirsch–Stoer extrapolation (odex package).
 * - `rkc`: Runge–Kutta–Chebyshev, explicit with an extended real stability interval, for large stiff
 *   systems with a nearly real spectrum; no Jacobian.
 * - `rodas3`: Rosenbrock, L-stable, order 3, for small stiff systems; Jacobian given or by differences.
 * - `auto`: dopri5 while the problem is not stiff; on stiffness (detected as in DOPRI5) it switches to
 *   rodas3 (n ≤ 60) or rkc (larger), and back when the stiffness is gone, as LSODA does.
 */
export const METHOD_NAMES = ['dopri5', 'odex', 'rkc', 'rodas3', 'auto'] as const;

export type MethodName = (typeof METHOD_NAMES)[number];

/** One stretch of an integration done by one method, and why that method was used. */
export interface MethodUse {
  method: 'dopri5' | 'odex' | 'rkc' | 'rodas3';
  /** Where the stretch started. */
  t0: number;
  reason: string;
}

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
   * Keep every step's interpolant for `sol(t)` (default true). False keeps only the last step's: memory
   * O(n) instead of O(n × steps), for large systems; `tEval` outputs and events are unaffected.
   */
  denseOutput?: boolean;
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
  /** The methods used, in order, with where each took over and why (one entry unless `auto` switched). */
  methods: MethodUse[];
  /** Where the integration stopped, and the state there (last finite state on failure). */
  tFinal: number;
  yFinal: Float64Array;
  /** Accepted step end points (t0 included). */
  tSteps: number[];
  /** Dense output over [t0, tFinal]: the state at any time in that range, written into `out` if given. */
  sol: (t: number, out?: Float64Array) => Float64Array;
}
