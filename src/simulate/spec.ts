/**
 * The simulation spec: the committee spec's `model`, `dynamics` and `times` (validated by
 * `parseCommitteeSpec`, so the same JSON drives the ODE and the simulation) plus the finite-size
 * settings. Every field error is a `SpecError` with the field's path.
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
import { SpecError, expectNumber, expectOneOf, expectRecord } from '../validate.ts';
import { BACKEND_CHOICES, type BackendChoice } from './backend.ts';

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

/** Validate a simulation spec. */
export function parseSimulationSpec(json: unknown): SimulationSpec {
  const root = expectRecord(json, 'spec');
  const d = expectNumber(root.d, 'd', { min: 1, integer: true });
  const initIn = root.init === undefined ? {} : expectRecord(root.init, 'init');
  const seed = initIn.seed === undefined ? 1 : expectNumber(initIn.seed, 'init.seed', { min: 0, integer: true });
  const committee = committeeOf(root, d, initIn, seed);
  const init: SimulationSpec['init'] =
    committee.init.kind === 'overlaps'
      ? { kind: 'overlaps', Q: committee.init.Q, R: committee.init.R, seed }
      : { kind: 'random', scale: committee.init.kind === 'random' ? committee.init.scale : 1, seed };
  const dyn = committee.dynamics;
  if (dyn.kind === 'gradient-flow') {
    throw new SpecError('dynamics.kind', dyn.kind, '"online-sgd" or "gd" (a simulation takes discrete steps)');
  }
  if (dyn.kind === 'online-sgd' && dyn.weightDecay !== 0) {
    throw new SpecError('dynamics.weightDecay', dyn.weightDecay, '0 (the simulator has no weight decay)');
  }
  let n: number | null = null;
  let batch = 1;
  if (dyn.kind === 'gd') {
    n = expectNumber(root.n, 'n', { min: 1, integer: true });
    if (root.batch !== undefined) throw new SpecError('batch', root.batch, 'nothing (full-batch GD uses all n samples)');
  } else {
    if (root.n !== undefined) throw new SpecError('n', root.n, 'nothing (online SGD draws a fresh sample every step)');
    batch = root.batch === undefined ? 1 : expectNumber(root.batch, 'batch', { min: 1, integer: true });
  }
  const dynamics =
    dyn.kind === 'gd' ? { kind: 'gd' as const, lr: dyn.lr } : { kind: 'online-sgd' as const, lr: dyn.lr, lrSecondLayer: dyn.lrSecondLayer };
  return {
    committee,
    dynamics,
    times: outputTimes(committee.times),
    d,
    n,
    batch,
    seeds: parseSeeds(root.seeds),
    init,
    testSamples: root.testSamples === undefined ? 10_000 : expectNumber(root.testSamples, 'testSamples', { min: 1, integer: true }),
    backend: root.backend === undefined ? 'auto' : expectOneOf(root.backend, 'backend', BACKEND_CHOICES),
    workers: root.workers === undefined ? 0 : expectNumber(root.workers, 'workers', { min: 0, max: 64, integer: true }),
  };
}

/**
 * The committee spec of the shared fields, with the ODE's view of the init: random at d with the same
 * scale and seed, or the given overlaps with T = I (its `init.d` errors are this spec's `d`).
 */
function committeeOf(root: Record<string, unknown>, d: number, init: Record<string, unknown>, seed: number): CommitteeSpec {
  const byOverlaps = init.Q !== undefined || init.R !== undefined;
  if (byOverlaps && init.scale !== undefined) throw new SpecError('init.scale', init.scale, 'nothing when Q and R are given');
  const mStar = Array.isArray((root.model as { aStar?: unknown } | undefined)?.aStar) ? ((root.model as { aStar: unknown[] }).aStar.length) : 0;
  const identity = Array.from({ length: mStar }, (_, i) => Array.from({ length: mStar }, (_, j) => (i === j ? 1 : 0)));
  try {
    return parseCommitteeSpec({
      model: root.model,
      dynamics: root.dynamics,
      times: root.times,
      init: byOverlaps ? { kind: 'overlaps', Q: init.Q, R: init.R, T: identity } : { kind: 'random', d, scale: init.scale ?? 1, seed },
    });
  } catch (e) {
    if (e instanceof SpecError && e.path === 'init.d') throw new SpecError('d', d, e.allowed);
    throw e;
  }
}

function parseSeeds(v: unknown): number[] {
  if (v === undefined) return [1];
  if (typeof v === 'number') return Array.from({ length: expectNumber(v, 'seeds', { min: 1, integer: true, max: 1000 }) }, (_, i) => i + 1);
  if (!Array.isArray(v) || v.length === 0) throw new SpecError('seeds', v, 'a count ≥ 1 or a non-empty array of integer seeds');
  return v.map((s, i) => expectNumber(s, `seeds[${i}]`, { min: 0, integer: true }));
}
