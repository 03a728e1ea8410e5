/**
 * The committee-machine spec: JSON in, a validated, typed description out. Every field error is a
 * `SpecError` with the path of the field, the value given and what is allowed.
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
import {
  SpecError,
  expectMatrix,
  expectNumber,
  expectNumberArray,
  expectOneOf,
  expectRecord,
} from '../validate.ts';
import type { MethodName } from '../../solvers/types.ts';

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

const DEFAULT_SOLVER: SolverSpec = { method: 'dopri5', rtol: 1e-10, atol: 1e-12, maxSteps: 1_000_000 };

/** Validate a JSON committee spec; throws `SpecError` naming the first bad field. */
export function parseCommitteeSpec(json: unknown): CommitteeSpec {
  const root = expectRecord(json, 'spec');
  const model = parseModel(root.model);
  const dynamics = parseDynamics(root.dynamics);
  const init = parseInit(root.init, model);
  const times = parseTimes(root.times);
  const solver = parseSolver(root.solver);
  const stop: { lossBelow?: number } = {};
  if (root.stop !== undefined) {
    const s = expectRecord(root.stop, 'stop');
    if (s.lossBelow !== undefined) {
      stop.lossBelow = expectNumber(s.lossBelow, 'stop.lossBelow', { min: 0, exclusiveMin: true });
    }
  }
  return { model, dynamics, init, times, solver, stop, events: parseEvents(root.events) };
}

function parseEvents(v: unknown): CommitteeSpec['events'] {
  if (v === undefined) return { lossBelow: [] };
  const e = expectRecord(v, 'events');
  const lossBelow = e.lossBelow === undefined ? [] : expectNumberArray(e.lossBelow, 'events.lossBelow');
  lossBelow.forEach((x, i) => expectNumber(x, `events.lossBelow[${i}]`, { min: 0, exclusiveMin: true }));
  const out: CommitteeSpec['events'] = { lossBelow };
  if (e.plateauSlope !== undefined) out.plateauSlope = expectNumber(e.plateauSlope, 'events.plateauSlope', { min: 0, exclusiveMin: true });
  if (e.specialisation !== undefined) out.specialisation = expectNumber(e.specialisation, 'events.specialisation', { min: 0, max: 1 });
  return out;
}

function parseModel(v: unknown): ModelSpec {
  const m = expectRecord(v, 'model');
  if (m.kind !== undefined) expectOneOf(m.kind, 'model.kind', ['committee'] as const);
  const activation = expectActivation(m.activation, 'model.activation');
  const teacherActivation =
    m.teacherActivation === undefined ? activation : expectActivation(m.teacherActivation, 'model.teacherActivation');
  const a = expectNumberArray(m.a, 'model.a');
  if (a.length === 0) throw new SpecError('model.a', m.a, 'at least one student unit');
  const aStar = expectNumberArray(m.aStar, 'model.aStar');
  if (aStar.length === 0) throw new SpecError('model.aStar', m.aStar, 'at least one teacher unit');
  let trainSecondLayer = false;
  if (m.trainSecondLayer !== undefined) {
    if (typeof m.trainSecondLayer !== 'boolean') throw new SpecError('model.trainSecondLayer', m.trainSecondLayer, 'true or false');
    trainSecondLayer = m.trainSecondLayer;
  }
  const noise = m.noise === undefined ? 0 : expectNumber(m.noise, 'model.noise', { min: 0 });
  return { kind: 'committee', activation, teacherActivation, a, aStar, trainSecondLayer, noise };
}

function expectActivation(v: unknown, path: string): string {
  if (typeof v !== 'string' || v.trim() === '') {
    throw new SpecError(path, v, '"linear", "quadratic", "erf", "relu" or a formula in x such as "tanh(x)"');
  }
  return v;
}

function parseDynamics(v: unknown): DynamicsSpec {
  if (v === undefined) return { kind: 'gradient-flow' };
  const d = expectRecord(v, 'dynamics');
  const kind = expectOneOf(d.kind, 'dynamics.kind', ['gradient-flow', 'online-sgd', 'gd'] as const);
  if (kind === 'gradient-flow') return { kind };
  const lr = expectNumber(d.lr, 'dynamics.lr', { min: 0, exclusiveMin: true });
  if (kind === 'gd') {
    const tolerance = d.tolerance === undefined ? 1e-3 : expectNumber(d.tolerance, 'dynamics.tolerance', { min: 0, exclusiveMin: true });
    return { kind, lr, tolerance };
  }
  const lrSecondLayer = d.lrSecondLayer === undefined ? lr : expectNumber(d.lrSecondLayer, 'dynamics.lrSecondLayer', { min: 0 });
  const weightDecay = d.weightDecay === undefined ? 0 : expectNumber(d.weightDecay, 'dynamics.weightDecay', { min: 0 });
  return { kind, lr, lrSecondLayer, weightDecay };
}

function parseInit(v: unknown, model: ModelSpec): InitSpec {
  const init = expectRecord(v, 'init');
  const m = model.a.length;
  const mStar = model.aStar.length;
  if (init.fromSimulation !== undefined) {
    if (typeof init.fromSimulation !== 'string') throw new SpecError('init.fromSimulation', init.fromSimulation, 'a path to a simulation initial-overlaps JSON file');
    return { kind: 'fromSimulation', file: init.fromSimulation };
  }
  if (init.kind === 'random') {
    const d = expectNumber(init.d, 'init.d', { min: Math.max(m, mStar), integer: true });
    const scale = expectNumber(init.scale, 'init.scale', { min: 0, exclusiveMin: true });
    const seed = init.seed === undefined ? 1 : expectNumber(init.seed, 'init.seed', { integer: true, min: 0 });
    return { kind: 'random', d, scale, seed };
  }
  if (init.kind !== undefined && init.kind !== 'overlaps') {
    throw new SpecError('init.kind', init.kind, '"random", "overlaps" (or omitted with Q, R, T given), or {"fromSimulation": file}');
  }
  const Q = expectMatrix(init.Q, 'init.Q', m, m);
  const R = expectMatrix(init.R, 'init.R', m, mStar);
  const T = expectMatrix(init.T, 'init.T', mStar, mStar);
  checkSymmetric(Q, 'init.Q');
  checkSymmetric(T, 'init.T');
  return { kind: 'overlaps', Q, R, T };
}

function checkSymmetric(M: number[][], path: string): void {
  for (let i = 0; i < M.length; i++) {
    if (!(M[i][i] > 0)) throw new SpecError(`${path}[${i}][${i}]`, M[i][i], 'a positive diagonal entry (a squared norm)');
    for (let j = 0; j < i; j++) {
      if (Math.abs(M[i][j] - M[j][i]) > 1e-12 * (1 + Math.abs(M[i][j]))) {
        throw new SpecError(`${path}[${i}][${j}]`, M[i][j], `a symmetric matrix (${path}[${j}][${i}] = ${M[j][i]})`);
      }
    }
  }
}

function parseTimes(v: unknown): TimesSpec {
  if (Array.isArray(v)) {
    const times = expectNumberArray(v, 'times');
    if (times.length < 2) throw new SpecError('times', v, 'at least two output times');
    for (let i = 0; i < times.length; i++) {
      if (times[i] < 0 || (i > 0 && !(times[i] > times[i - 1]))) {
        throw new SpecError(`times[${i}]`, times[i], 'non-negative, strictly increasing times');
      }
    }
    return { kind: 'list', times };
  }
  const r = expectRecord(v, 'times');
  const end = expectNumber(r.end, 'times.end', { min: 0, exclusiveMin: true });
  const points = expectNumber(r.points, 'times.points', { min: 2, integer: true, max: 1_000_000 });
  const spacing = r.spacing === undefined ? 'linear' : expectOneOf(r.spacing, 'times.spacing', ['log', 'linear'] as const);
  const min = r.min === undefined ? undefined : expectNumber(r.min, 'times.min', { min: 0, exclusiveMin: true, max: end });
  return { kind: 'range', end, points, spacing, min };
}

function parseSolver(v: unknown): SolverSpec {
  if (v === undefined) return { ...DEFAULT_SOLVER };
  const s = expectRecord(v, 'solver');
  return {
    method: s.method === undefined ? DEFAULT_SOLVER.method : expectOneOf(s.method, 'solver.method', ['dopri5', 'odex', 'rkc', 'rodas3', 'auto'] as const),
    rtol: s.rtol === undefined ? DEFAULT_SOLVER.rtol : expectNumber(s.rtol, 'solver.rtol', { min: 1e-15, max: 1 }),
    atol: s.atol === undefined ? DEFAULT_SOLVER.atol : expectNumber(s.atol, 'solver.atol', { min: 0, exclusiveMin: true }),
    maxSteps: s.maxSteps === undefined ? DEFAULT_SOLVER.maxSteps : expectNumber(s.maxSteps, 'solver.maxSteps', { min: 1, integer: true }),
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
