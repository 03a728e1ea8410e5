/**
 * The committee-machine spec: JSON in, a validated, typed description out. The JSON form is the zod
 * schema `committeeSpecSchema` (src/schema/committee.ts; its JSON Schema is schema/ode-spec.schema.json);
 * every refusal is a `SpecError` with the path of the field, the value given and what is allowed.
 *
 * ```
 * {"model": {"kind": "committee", "activation": "erf", "teacherActivation": "erf", "a": [1, 1], "aStar": [1, 1],
 *            "trainSecondLayer": false, "noise": 0},
 *  "dynamics": {"kind": "gradient-flow"},
 *  "init": {"Q": [[...]], "R": [[...]], "T": [[...]]} | {"kind": "random", "d": 1000, "scale": 0.5, "seed": 1},
 *  "times": [0, 1, 10] | {"end": 1000, "points": 200, "spacing": "log" | "linear", "min": 0.01},
 *  "solver": {"method": "dopri5" | "odex", "rtol": 1e-10, "atol": 1e-12},
 *  "stop": {"lossBelow": 1e-4},
 *  "events": {"lossBelow": [1e-3], "plateauSlope": 0.1, "specialisation": 0.9}}
 * ```
 */
import type { MethodName } from '../../solvers/types.ts';
import { checkActivation, checkIncreasing, checkOverlaps } from '../schema/checks.ts';
import { committeeSpecSchema, type CommitteeSpecJson } from '../schema/committee.ts';
import { parseWith } from '../schema/zod.ts';
import { SpecError } from '../validate.ts';

export interface ModelSpec {
  kind: 'committee';
  /** Student activation σ: a built-in name or a mathjs expression in x. */
  activation: string;
  /** Teacher activation σ* (defaults to σ). */
  teacherActivation: string;
  /** Student second-layer weights (initial values when trained); m = a.length. */
  a: number[];
  /** Teacher second-layer weights; m* = aStar.length. */
  aStar: number[];
  trainSecondLayer: boolean;
  /** Label-noise standard deviation s (enters the SGD noise term; excluded from ε_g). */
  noise: number;
}

export type DynamicsSpec =
  | { kind: 'gradient-flow' }
  | { kind: 'online-sgd'; lr: number; lrSecondLayer: number; weightDecay: number }
  | { kind: 'gd'; lr: number; tolerance: number };

export type InitSpec =
  | { kind: 'overlaps'; Q: number[][]; R: number[][]; T: number[][] }
  | { kind: 'random'; d: number; scale: number; seed: number }
  | { kind: 'fromSimulation'; file: string };

export type TimesSpec =
  | { kind: 'list'; times: number[] }
  | { kind: 'range'; end: number; points: number; spacing: 'log' | 'linear'; min?: number };

export interface SolverSpec {
  method: MethodName;
  rtol: number;
  atol: number;
  maxSteps: number;
}

export interface CommitteeSpec {
  model: ModelSpec;
  dynamics: DynamicsSpec;
  init: InitSpec;
  times: TimesSpec;
  solver: SolverSpec;
  /** Optional terminal condition: stop when ε_g falls below this value (time-to-ε). */
  stop: { lossBelow?: number };
  /** Events to locate along the way (see `src/committee/events.ts`). */
  events: { lossBelow: number[]; plateauSlope?: number; specialisation?: number };
}

/**
 * The spec as written with every default filled in (the schema's defaults, the teacher activation and
 * the second-layer learning rate) and without `$schema`: what cache keys hash and outputs record.
 * Throws `SpecError`.
 */
export function normaliseCommitteeSpec(json: unknown): CommitteeSpecJson {
  const spec = parseWith(committeeSpecSchema, json);
  delete spec.$schema; // where the editor found the schema is no part of the question
  const { model, init, times, dynamics } = spec;
  model.teacherActivation ??= model.activation;
  checkActivation(model.activation, 'model.activation');
  checkActivation(model.teacherActivation, 'model.teacherActivation');
  if (dynamics.kind === 'online-sgd') dynamics.lrSecondLayer ??= dynamics.lr;
  const m = model.a.length;
  const mStar = model.aStar.length;
  if (init.kind === 'overlaps') checkOverlaps(init.Q, init.R, init.T, m, mStar, 'init');
  if (init.kind === 'random' && init.d < Math.max(m, mStar)) {
    throw new SpecError('init.d', init.d, `an integer ≥ ${Math.max(m, mStar)} (at least m and m* for orthogonal teacher rows)`);
  }
  if (Array.isArray(times)) checkIncreasing(times, 'times');
  else if (times.min !== undefined && times.min > times.end) throw new SpecError('times.min', times.min, `a number ≤ times.end = ${times.end}`);
  return spec;
}

/** Validate a JSON committee spec (see `normaliseCommitteeSpec`); throws `SpecError` naming the first bad field. */
export function parseCommitteeSpec(json: unknown): CommitteeSpec {
  const s = normaliseCommitteeSpec(json);
  const { model, dynamics, init, times } = s;
  return {
    model: { ...model, teacherActivation: model.teacherActivation ?? model.activation },
    dynamics: dynamics.kind === 'online-sgd' ? { ...dynamics, lrSecondLayer: dynamics.lrSecondLayer ?? dynamics.lr } : dynamics,
    init: init.kind === 'fromSimulation' ? { kind: 'fromSimulation', file: init.fromSimulation } : init,
    times: Array.isArray(times) ? { kind: 'list', times } : { kind: 'range', ...times },
    solver: s.solver,
    stop: s.stop,
    events: s.events,
  };
}

/**
 * Output times of a spec: a list as given, or `points` times on [0, end] (linear), or t = 0 followed by
 * `points − 1` geometrically spaced times from `min` (default end·10⁻⁴) to `end` (log).
 */
export function outputTimes(times: TimesSpec): number[] {
  if (times.kind === 'list') return times.times.slice();
  const { end, points } = times;
  if (times.spacing === 'linear') {
    return Array.from({ length: points }, (_, i) => (end * i) / (points - 1));
  }
  const lo = times.min ?? end * 1e-4;
  const n = points - 1;
  const out = [0];
  for (let i = 0; i < n; i++) out.push(n === 1 ? end : lo * Math.pow(end / lo, i / (n - 1)));
  out[out.length - 1] = end;
  return out;
}
