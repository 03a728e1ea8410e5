/**
 * The explorer's state: what the controls set, the committee spec it stands for (the JSON `runOde`
 * and `popflow run` take), the simulation spec of the "simulate" button, and the URL that carries it.
 * Pure functions, shared by the page, its workers and the tests.
 */
import { parseCommitteeSpec } from '../src/committee/spec.ts';
import { SpecError, isRecord } from '../src/validate.ts';

export type DynamicsKind = 'gradient-flow' | 'online-sgd' | 'gd';

export interface ExplorerState {
  /** Student activation: a built-in name or a formula in x. */
  activation: string;
  /** Teacher activation (the student's when equal). */
  teacherActivation: string;
  /** Second-layer weights; m = a.length, m* = aStar.length. */
  a: number[];
  aStar: number[];
  /** Standard deviation of the student's first-layer entries at t = 0, drawn at dimension d. */
  scale: number;
  d: number;
  seed: number;
  dynamics: DynamicsKind;
  /** Learning rate η (online SGD and GD). */
  lr: number;
  /** Label-noise standard deviation. */
  noise: number;
  trainSecondLayer: boolean;
  /** Last output time (t, α = steps/d, or kη). */
  end: number;
  /** ε of the time-to-ε event. */
  target: number;
  /** Training-set size of a GD simulation. */
  n: number;
  /** Data seeds of a simulation. */
  seeds: number;
}

export const DEFAULT_STATE: ExplorerState = {
  activation: 'erf',
  teacherActivation: 'erf',
  a: [1, 1],
  aStar: [1, 1],
  scale: 0.3,
  d: 200,
  seed: 1,
  dynamics: 'online-sgd',
  lr: 0.5,
  noise: 0,
  trainSecondLayer: false,
  end: 300,
  target: 1e-3,
  n: 4000,
  seeds: 3,
};

/** Output points of the ODE (log-spaced from end·10⁻⁴ to end). */
export const ODE_POINTS = 160;
/** Threshold on |d ln ε_g/d ln t| for the plateau events, and on the normalised overlap for specialisation. */
export const PLATEAU_SLOPE = 0.05;
export const SPECIALISATION = 0.9;

/** The committee spec of a state (random initial overlaps drawn at d, events for plateau, specialisation and time-to-ε). */
export function committeeSpecJson(s: ExplorerState): Record<string, unknown> {
  return {
    model: {
      kind: 'committee',
      activation: s.activation,
      teacherActivation: s.teacherActivation,
      a: s.a,
      aStar: s.aStar,
      trainSecondLayer: s.trainSecondLayer,
      noise: s.noise,
    },
    dynamics: dynamicsJson(s),
    init: { kind: 'random', d: s.d, scale: s.scale, seed: s.seed },
    times: { end: s.end, points: ODE_POINTS, spacing: 'log' },
    solver: { rtol: 1e-8, atol: 1e-12 },
    events: { lossBelow: [s.target], plateauSlope: PLATEAU_SLOPE, specialisation: SPECIALISATION },
  };
}

function dynamicsJson(s: ExplorerState): Record<string, unknown> {
  if (s.dynamics === 'gradient-flow') return { kind: 'gradient-flow' };
  if (s.dynamics === 'gd') return { kind: 'gd', lr: s.lr };
  return { kind: 'online-sgd', lr: s.lr, lrSecondLayer: s.lr };
}

/**
 * Output times of a simulation: 0 and about `points` log-spaced times from one step to `end`, each a
 * whole number of steps (a step is η for GD, 1/d for online SGD), without repeats.
 */
export function simulationTimes(s: ExplorerState, points = 40): number[] {
  const perStep = s.dynamics === 'gd' ? 1 / s.lr : s.d;
  const last = Math.max(1, Math.round(s.end * perStep));
  const steps = new Set<number>([0]);
  for (let i = 0; i < points; i++) steps.add(Math.round(Math.pow(last, i / (points - 1))));
  return [...steps].sort((x, y) => x - y).map((k) => k / perStep);
}

/**
 * The simulation spec of a state (`parseSimulationSpec`'s format): the same model, dynamics and initial
 * draw at d; gradient flow is simulated as GD at the state's η. `backend` names the tfjs backend.
 */
export function simulationSpecJson(s: ExplorerState, backend: string): Record<string, unknown> {
  const gd = s.dynamics !== 'online-sgd';
  const discrete: ExplorerState = gd ? { ...s, dynamics: 'gd' } : s;
  const committee = committeeSpecJson(discrete);
  return {
    model: committee.model,
    dynamics: dynamicsJson(discrete),
    times: simulationTimes(discrete),
    d: s.d,
    ...(gd ? { n: s.n } : {}),
    seeds: s.seeds,
    init: { scale: s.scale, seed: s.seed },
    backend,
  };
}

/**
 * The state of a spec: a committee spec with random initial overlaps, a simulation spec (`d`,
 * `init: {scale, seed}`, `seeds`, `n`), or a list of them (the first is taken), as reports store them.
 * Validated by `parseCommitteeSpec`; throws `SpecError` for what the explorer cannot show.
 */
export function stateFromSpec(json: unknown): ExplorerState {
  const root = Array.isArray(json) ? json[0] : json;
  if (!isRecord(root)) throw new SpecError('spec', json, 'a committee or simulation spec (an object with model, dynamics, init, times)');
  const init = isRecord(root.init) ? root.init : {};
  if (init.Q !== undefined || init.R !== undefined) {
    throw new SpecError('init', init, 'a random start ({"kind": "random", "d", "scale", "seed"}); the explorer draws its initial overlaps at d');
  }
  const d = typeof root.d === 'number' ? root.d : Array.isArray(root.d) ? root.d[0] : init.d;
  const spec = parseCommitteeSpec({
    model: root.model,
    dynamics: root.dynamics,
    times: root.times,
    init: { kind: 'random', d, scale: init.scale ?? DEFAULT_STATE.scale, seed: init.seed ?? DEFAULT_STATE.seed },
  });
  const { model, dynamics, times } = spec;
  if (spec.init.kind !== 'random') throw new SpecError('init', init, 'a random start');
  const end = times.kind === 'list' ? times.times[times.times.length - 1] : times.end;
  const lossBelow = isRecord(root.events) && Array.isArray(root.events.lossBelow) ? root.events.lossBelow : [];
  return {
    activation: model.activation,
    teacherActivation: model.teacherActivation,
    a: model.a,
    aStar: model.aStar,
    scale: spec.init.scale,
    d: spec.init.d,
    seed: spec.init.seed,
    dynamics: dynamics.kind,
    lr: dynamics.kind === 'gradient-flow' ? DEFAULT_STATE.lr : dynamics.lr,
    noise: model.noise,
    trainSecondLayer: model.trainSecondLayer,
    end,
    target: typeof lossBelow[0] === 'number' ? lossBelow[0] : DEFAULT_STATE.target,
    n: typeof root.n === 'number' ? root.n : DEFAULT_STATE.n,
    seeds: typeof root.seeds === 'number' ? root.seeds : Array.isArray(root.seeds) ? root.seeds.length : DEFAULT_STATE.seeds,
  };
}

/** The spec a URL carries (`?spec=<JSON>`), as a state; the default state without one. */
export function stateFromSearch(search: string): ExplorerState {
  const text = new URLSearchParams(search).get('spec');
  if (text === null) return { ...DEFAULT_STATE };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new SpecError('spec', text, 'JSON in the ?spec= parameter');
  }
  return stateFromSpec(json);
}

/** The search string that carries a state: its committee spec plus the simulation's n and seeds. */
export function searchOfState(s: ExplorerState): string {
  const spec = { ...committeeSpecJson(s), d: s.d, n: s.n, seeds: s.seeds };
  return `?${new URLSearchParams({ spec: JSON.stringify(spec) }).toString()}`;
}
