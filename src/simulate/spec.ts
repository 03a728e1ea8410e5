/**
 * The simulation spec: the committee spec's `model` and `times`, discrete `dynamics`, plus the
 * finite-size settings; the JSON form is the zod schema `simulationSpecSchema` (src/schema/simulation.ts).
 * Every field error is a `SpecError` with the field's path.
 *
 * ```
 * {"model": {...}, "dynamics": {"kind": "online-sgd", "lr": 0.5, "lrSecondLayer": 0.5} | {"kind": "gd", "lr": 0.1},
 *  "times": [0, 10, 100] | {"end": 100, "points": 50, "spacing": "log"},
 *  "d": 500, "n": 20000, "batch": 1, "seeds": [1, 2, 3] | 3,
 *  "init": {"scale": 1, "seed": 1} | {"Q": [[...]], "R": [[...]], "seed": 1},
 *  "testSamples": 10000, "backend": "auto", "workers": 1}
 * ```
 * Time: full-batch GD iterate k sits at t = kη; online SGD step k at α = k/d, also with a mini-batch
 * of B samples (the B gradients are averaged: the η-linear drift is unchanged, the noise term
 * shrinks by 1/B).
 */
import { outputTimes, parseCommitteeSpec, type CommitteeSpec } from '../committee/index.ts';
import { checkActivation, checkIncreasing, checkOverlaps } from '../schema/checks.ts';
import { simulationSpecSchema, type SimulationSpecJson } from '../schema/simulation.ts';
import { parseWith } from '../schema/zod.ts';
import { SpecError } from '../validate.ts';
import type { BackendChoice } from './backendChoices.ts';

export interface SimulationSpec {
  /** The committee spec of the same model, dynamics and times, with init random at d (for the ODE). */
  committee: CommitteeSpec;
  dynamics: { kind: 'online-sgd'; lr: number; lrSecondLayer: number } | { kind: 'gd'; lr: number };
  /** Output times (t for GD, α for online SGD). */
  times: number[];
  d: number;
  /** Training-set size (GD only). */
  n: number | null;
  /** Mini-batch size (online SGD only). */
  batch: number;
  /** Data seeds: one run per seed (fresh samples, training set, test set, label noise). */
  seeds: number[];
  /**
   * Initial weights (shared by every run), drawn with `seed`: student entries N(0, scale²) (`random`), or
   * weights with exactly the given overlaps Q, R (`overlaps`, the same start at every d); teacher T = I.
   */
  init: { kind: 'random'; scale: number; seed: number } | { kind: 'overlaps'; Q: number[][]; R: number[][]; seed: number };
  /** Fresh samples for the test error when ε_g has no closed form. */
  testSamples: number;
  backend: BackendChoice;
  /** Worker threads splitting the batch (tfjs backends only); 0 = automatic. */
  workers: number;
}

/**
 * The spec as written with every default filled in (the schema's, and the second-layer learning rate)
 * and without `$schema`: what cache keys hash and outputs record. `d` may still be a list (for `compare`). Throws `SpecError`.
 */
export function normaliseSimulationSpec(json: unknown): SimulationSpecJson {
  const spec = parseWith(simulationSpecSchema, json);
  delete spec.$schema; // where the editor found the schema is no part of the question
  const { model, dynamics, init } = spec;
  // the shared fields, checked as the committee spec checks them
  const m = model.a.length;
  const mStar = model.aStar.length;
  model.teacherActivation ??= model.activation;
  checkActivation(model.activation, 'model.activation');
  checkActivation(model.teacherActivation, 'model.teacherActivation');
  if (Array.isArray(spec.times)) checkIncreasing(spec.times, 'times');
  for (const [i, d] of (Array.isArray(spec.d) ? spec.d : [spec.d]).entries()) {
    if (d < Math.max(m, mStar)) throw new SpecError(Array.isArray(spec.d) ? `d[${i}]` : 'd', d, `an integer ≥ ${Math.max(m, mStar)} (at least m and m*)`);
  }
  if ('Q' in init) checkOverlaps(init.Q, init.R, identity(mStar), m, mStar, 'init');
  if (dynamics.kind === 'online-sgd') {
    dynamics.lrSecondLayer ??= dynamics.lr;
    if (spec.n !== undefined) throw new SpecError('n', spec.n, 'nothing (online SGD draws a fresh sample every step)');
    spec.batch ??= 1;
  } else {
    if (spec.n === undefined) throw new SpecError('n', spec.n, 'an integer ≥ 1 (the training-set size of full-batch GD)');
    if (spec.batch !== undefined) throw new SpecError('batch', spec.batch, 'nothing (full-batch GD uses all n samples)');
  }
  return spec;
}

/** Validate a simulation spec with one dimension `d` (see `normaliseSimulationSpec`). */
export function parseSimulationSpec(json: unknown): SimulationSpec {
  const s = normaliseSimulationSpec(json);
  if (Array.isArray(s.d)) throw new SpecError('d', s.d, 'one dimension (a list of dimensions is for compare)');
  const d = s.d;
  const mStar = s.model.aStar.length;
  const { seed } = s.init;
  const init: SimulationSpec['init'] = 'Q' in s.init ? { kind: 'overlaps', Q: s.init.Q, R: s.init.R, seed } : { kind: 'random', scale: s.init.scale, seed };
  const committee = parseCommitteeSpec({
    model: s.model,
    dynamics: s.dynamics,
    times: s.times,
    init: init.kind === 'overlaps' ? { kind: 'overlaps', Q: init.Q, R: init.R, T: identity(mStar) } : { kind: 'random', d, scale: init.scale, seed },
  });
  const dyn = s.dynamics;
  return {
    committee,
    dynamics: dyn.kind === 'gd' ? { kind: 'gd', lr: dyn.lr } : { kind: 'online-sgd', lr: dyn.lr, lrSecondLayer: dyn.lrSecondLayer ?? dyn.lr },
    times: outputTimes(committee.times),
    d,
    n: s.n ?? null,
    batch: s.batch ?? 1,
    seeds: typeof s.seeds === 'number' ? Array.from({ length: s.seeds }, (_, i) => i + 1) : s.seeds,
    init,
    testSamples: s.testSamples,
    backend: s.backend,
    workers: s.workers,
  };
}

function identity(n: number): number[][] {
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
}
