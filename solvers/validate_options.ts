import { SpecError, expectNumber, expectOneOf, isRecord } from '../src/validate.ts';
import { METHOD_NAMES, type EventSpec, type OdeProblem, type SolveOptions } from './types.ts';
import type { Settings } from './method.ts';

/** Defaults as in scipy's solve_ivp. */
export const DEFAULT_RTOL = 1e-3;
export const DEFAULT_ATOL = 1e-6;
export const DEFAULT_MAX_STEPS = 1e6;
/** Event sampling points inside each step (SciML's default `interp_points` is 10; 4 suffices for smooth g). */
export const DEFAULT_EVENT_INTERIOR_POINTS = 4;

/**
 * Checks a problem and its options up front and fills in defaults. Every refusal is a `SpecError`
 * naming the field (`problem.tspan`, `solver.rtol`, `solver.events[0].direction`, …), the value and
 * what is allowed.
 */
export function validateSolve(problem: OdeProblem, options: SolveOptions): Settings {
  if (!isRecord(problem)) throw new SpecError('problem', problem, 'an object {rhs, y0, tspan}');
  if (typeof problem.rhs !== 'function') throw new SpecError('problem.rhs', problem.rhs, 'a function (t, y, dydt) => void');
  const { tspan } = problem;
  if (!Array.isArray(tspan) || tspan.length !== 2) throw new SpecError('problem.tspan', tspan, 'a pair [t0, t1]');
  const t0 = expectNumber(tspan[0], 'problem.tspan[0]');
  const t1 = expectNumber(tspan[1], 'problem.tspan[1]', { min: t0, exclusiveMin: true });
  const y0Raw = problem.y0 as unknown;
  if (!isNumberList(y0Raw) || y0Raw.length === 0) {
    throw new SpecError('problem.y0', y0Raw, 'a non-empty array of finite numbers');
  }
  const y0 = Float64Array.from(y0Raw as ArrayLike<number>, (v, i) => expectNumber(v, `problem.y0[${i}]`));

  if (!isRecord(options)) throw new SpecError('solver', options, 'an object of solver options');
  const method = options.method === undefined ? 'dopri5' : expectOneOf(options.method, 'solver.method', METHOD_NAMES);
  const rtol = options.rtol === undefined ? DEFAULT_RTOL : expectNumber(options.rtol, 'solver.rtol', { min: 0, exclusiveMin: true });
  const atol = options.atol === undefined ? DEFAULT_ATOL : expectNumber(options.atol, 'solver.atol', { min: 0, exclusiveMin: true });
  const maxSteps =
    options.maxSteps === undefined ? DEFAULT_MAX_STEPS : expectNumber(options.maxSteps, 'solver.maxSteps', { min: 1, integer: true });
  const span = t1 - t0;
  const maxStep =
    options.maxStep === undefined ? span : expectNumber(options.maxStep, 'solver.maxStep', { min: 0, exclusiveMin: true });
  const firstStep =
    options.firstStep === undefined
      ? null
      : expectNumber(options.firstStep, 'solver.firstStep', { min: 0, exclusiveMin: true, max: span });

  let tEval: Float64Array | null = null;
  if (options.tEval !== undefined) {
    const raw = options.tEval as unknown;
    if (!isNumberList(raw)) throw new SpecError('solver.tEval', raw, 'an array of times');
    tEval = Float64Array.from(raw as ArrayLike<number>, (v, i) => {
      const t = expectNumber(v, `solver.tEval[${i}]`, { min: t0, max: t1 });
      if (i > 0 && t < (raw as ArrayLike<number>)[i - 1]) throw new SpecError(`solver.tEval[${i}]`, t, 'times sorted in increasing order');
      return t;
    });
  }

  const eventsRaw = (options.events ?? []) as unknown;
  if (!Array.isArray(eventsRaw)) throw new SpecError('solver.events', eventsRaw, 'an array of events');
  const events = eventsRaw.map((e, i) => validateEvent(e, `solver.events[${i}]`));
  const eventInteriorPoints =
    options.eventInteriorPoints === undefined
      ? DEFAULT_EVENT_INTERIOR_POINTS
      : expectNumber(options.eventInteriorPoints, 'solver.eventInteriorPoints', { min: 0, max: 100, integer: true });
  if (options.denseOutput !== undefined && typeof options.denseOutput !== 'boolean') {
    throw new SpecError('solver.denseOutput', options.denseOutput, 'a boolean');
  }
  const denseOutput = options.denseOutput ?? true;
  if (problem.jacobian !== undefined && typeof problem.jacobian !== 'function') {
    throw new SpecError('problem.jacobian', problem.jacobian, 'a function (t, y, J) => void');
  }
  if (options.shouldStop !== undefined && typeof options.shouldStop !== 'function') {
    throw new SpecError('solver.shouldStop', options.shouldStop, 'a function (t, soFar) => boolean');
  }
  const shouldStop = options.shouldStop as SolveOptions['shouldStop'];
  return { method, rhs: problem.rhs, jacobian: problem.jacobian, y0, t0, t1, rtol, atol, tEval, events, eventInteriorPoints, maxSteps, firstStep, maxStep, denseOutput, shouldStop };
}

/** An array or a typed array (anything else is refused before its entries are read). */
function isNumberList(v: unknown): v is ArrayLike<unknown> {
  return Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView));
}

function validateEvent(e: unknown, path: string): EventSpec {
  if (!isRecord(e)) throw new SpecError(path, e, 'an object {name, fn, direction?, terminal?}');
  if (typeof e.name !== 'string' || e.name === '') throw new SpecError(`${path}.name`, e.name, 'a non-empty string');
  if (typeof e.fn !== 'function') throw new SpecError(`${path}.fn`, e.fn, 'a function (t, y) => number');
  if (e.direction !== undefined && e.direction !== -1 && e.direction !== 0 && e.direction !== 1) {
    throw new SpecError(`${path}.direction`, e.direction, 'one of -1, 0, 1');
  }
  if (e.terminal !== undefined && typeof e.terminal !== 'boolean') throw new SpecError(`${path}.terminal`, e.terminal, 'a boolean');
  return e as unknown as EventSpec;
}
