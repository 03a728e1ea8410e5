/**
 * Integrate a committee spec: build the integrals and the right-hand side for its dynamics (gradient
 * flow, online SGD, or discrete GD), solve, and return the observables at the requested times.
 */
import { solve } from '../../solvers/index.ts';
import type { OdeSolution, Rhs, SolveOptions, SolveStats, SolveStatus } from '../../solvers/types.ts';
import { pairIntegral, parseActivation } from '../integrals/index.ts';
import type { Activation, IntegralPath } from '../integrals/types.ts';
import { overlapMinEigenvalue } from '../schema/checks.ts';
import { SpecError } from '../validate.ts';
import { provenance, type Provenance } from '../provenance.ts';
import { committeeEvents } from './events.ts';
import { DIVERGENCE_FACTOR, firstOutsidePsdCone, grewAfterDeparture, offGridWarnings, pairPlateauEvents } from './health.ts';
import { gradientFlowRhs } from './flow.ts';
import { gdStep } from './gd.ts';
import { resolveInitialOverlaps } from './initial.ts';
import { CommitteeRisk } from './risk.ts';
import { integralExpectations, onlineSgdRhs, sgdIntegrals, type SgdExpectations } from './sgd.ts';
import { jointExpectations, jointRuleFor } from './sgdJoint.ts';
import { outputTimes, type CommitteeSpec } from './spec.ts';
import { CommitteeLayout, type Overlaps } from './state.ts';

/**
 * Why a committee run ended: the solver's statuses, plus
 * - `diverged`: ε_g or the overlaps blew up (discrete GD beyond its stability edge, or an ODE whose
 *   integrator gave up while ε_g grew by more than DIVERGENCE_FACTOR); the last finite state is kept;
 * - `unstable`: discrete GD left the flow and ε_g then grew (`gd.unstableStep`); the run went on to the end;
 * - `leftPsdCone`: the overlaps stopped being a Gram matrix ([[Q, R], [Rᵀ, T]] not positive semidefinite);
 *   the outputs stop before that time.
 */
export type RunStatus = SolveStatus | 'diverged' | 'unstable' | 'leftPsdCone';

/** The state where a run stopped (end time, terminal event, or last finite state on failure). */
export interface FinalState {
  t: number;
  loss: number;
  Q: number[][];
  R: number[][];
  a: number[];
}

export interface OdeResult {
  /** Output times: t of the flow, α = steps/d for online SGD, kη for GD. */
  t: number[];
  /** ε_g at each output time. */
  loss: number[];
  /** Floor of ε_g at each time (rounding, plus the integrator's tolerance; see `collect`): values below it are not resolved. */
  lossFloor: number[];
  Q: number[][][];
  R: number[][][];
  /** Student second layer at each time (constant when not trained). */
  a: number[][];
  T: number[][];
  aStar: number[];
  status: RunStatus;
  message: string;
  stats: SolveStats;
  events: { name: string; t: number }[];
  /** Which path computed each I2, and for online SGD how its I3/I4/J2 expectations were computed. */
  integrals: { studentStudent: IntegralPath; studentTeacher: IntegralPath; teacherTeacher: IntegralPath; sgdTerms?: string };
  /** Where the run stopped and the state there; a terminal event's time and state, which need not be an output time. */
  final: FinalState;
  /** What the user should know about the outputs (e.g. output times moved to whole GD steps). */
  warnings: string[];
  provenance: Provenance;
  /**
   * Discrete GD only: GD step index of each output, the first step where it left the flow by more than
   * the tolerance, and the first step after that where ε_g grew (null when it did not).
   */
  gd?: { steps: number[]; departureStep: number | null; unstableStep: number | null; flowLoss: number[] };
}

/** Everything needed to evaluate the committee ODE of a spec. */
export interface CommitteeProblem {
  layout: CommitteeLayout;
  risk: CommitteeRisk;
  /** Right-hand side in the spec's time (the gradient flow for `gd`, which iterates its own map). */
  rhs: Rhs;
  y0: Float64Array;
  initial: Overlaps;
  aFixed: Float64Array;
  /** For online SGD, how its expectations are computed (`SgdExpectations.description`); null otherwise. */
  sgdTerms: string | null;
}

/** Build the problem of a spec; the integrals are chosen by activation (closed form, Wick or quadrature). */
export function buildCommitteeProblem(spec: CommitteeSpec): CommitteeProblem {
  const { model, dynamics } = spec;
  const sigma = activationAt(model.activation, 'model.activation');
  const sigmaStar = activationAt(model.teacherActivation, 'model.teacherActivation');
  const initial = resolveInitialOverlaps(spec);
  const layout = new CommitteeLayout(model.a.length, model.aStar.length, model.trainSecondLayer);
  const aFixed = Float64Array.from(initial.a);
  const risk = new CommitteeRisk(
    layout,
    {
      studentStudent: pairIntegral(sigma, sigma),
      studentTeacher: pairIntegral(sigma, sigmaStar),
      teacherTeacher: pairIntegral(sigmaStar, sigmaStar),
    },
    Float64Array.from(initial.T.flat()),
    Float64Array.from(model.aStar),
  );
  const expectations = dynamics.kind === 'online-sgd' ? sgdExpectations(sigma, sigmaStar, layout.m, layout.mStar) : null;
  const rhs =
    expectations !== null && dynamics.kind === 'online-sgd'
      ? onlineSgdRhs(
          risk,
          expectations,
          { lr: dynamics.lr, lrSecondLayer: dynamics.lrSecondLayer, weightDecay: dynamics.weightDecay, noise: model.noise },
          aFixed,
        )
      : gradientFlowRhs(risk, aFixed);
  const sgdTerms = expectations?.description ?? null;
  return { layout, risk, rhs, y0: layout.pack(initial.Q, initial.R, initial.a), initial, aFixed, sgdTerms };
}

/**
 * The expectations of the online-SGD ODE: separate I3, I4 and J2 integrals (closed form, Wick or
 * quadrature each), except where some of them would be quadratures and the joint rule applies
 * (`jointRuleFor`: smooth activations, m + m* ≤ 6); then one pass of the joint rule gives them all.
 */
function sgdExpectations(sigma: Activation, sigmaStar: Activation, m: number, mStar: number): SgdExpectations {
  const integrals = sgdIntegrals(sigma, sigmaStar);
  if (Object.values(integrals).some((i) => i.path === 'quadrature')) {
    const rule = jointRuleFor(sigma, sigmaStar, m, mStar);
    if (rule !== null) return jointExpectations(sigma, sigmaStar, m, mStar, rule);
  }
  return integralExpectations(integrals, m, mStar);
}

/** Hooks into a running integration (progress display, checkpoints, cancellation). */
export interface RunHooks {
  /**
   * Called after every accepted step (every GD step) with the model time reached, the end time, and a
   * function that builds the result so far (status `interrupted`). Returning true stops the run there:
   * the result is the partial one, status `interrupted`.
   */
  onStep?: (t: number, tEnd: number, partial: () => OdeResult) => boolean | void;
}

const NO_STATS = { nfev: 0, naccept: 0, nreject: 0 };

/** Integrate a spec (gradient flow or online SGD ODE; discrete GD iterates its exact overlap map). */
export function runOde(spec: CommitteeSpec, hooks: RunHooks = {}): OdeResult {
  const problem = buildCommitteeProblem(spec);
  const times = outputTimes(spec.times);
  const tEnd = times[times.length - 1];
  const isGd = spec.dynamics.kind === 'gd';
  const onStep = hooks.onStep;
  const shouldStop =
    onStep === undefined || isGd
      ? undefined
      : (t: number, soFar: { t: readonly number[]; y: readonly Float64Array[] }): boolean =>
          onStep(t, tEnd, () => partialResult(problem, spec, [...soFar.t], [...soFar.y], spec.solver, `partial trajectory up to t = ${t}`, [])) === true;
  const sol = solveFlow(problem, spec, times, shouldStop);
  if (isGd) return runGd(problem, spec, times, sol, onStep);
  let status: RunStatus = sol.status;
  let message = sol.message;
  const final = finalState(problem, sol.tFinal, sol.yFinal);
  const loss0 = problem.risk.loss(problem.y0, aOf(problem.layout, problem.y0, problem.aFixed)).value;
  if (status !== 'success' && status !== 'event' && status !== 'interrupted') {
    const edge = overlapMinEigenvalue(final.Q, final.R, problem.initial.T).relative;
    if (!(final.loss <= DIVERGENCE_FACTOR * Math.max(1, loss0))) {
      status = 'diverged';
      message = `ε_g grew from ${loss0} to ${final.loss} by t = ${final.t} (${sol.status}: ${sol.message})`;
    } else if (edge < PSD_EDGE) {
      message += `; the overlaps there are at the edge of the positive semidefinite cone (smallest eigenvalue ${edge.toExponential(2)} of the largest): a trial step left the cone, where the Gaussian integrals are undefined (tighten rtol/atol)`;
    }
  }
  const result = collect(problem, sol.t, sol.y, spec.solver, {
    status,
    message,
    stats: sol.stats,
    events: pairPlateauEvents(sol.events.map((e) => ({ name: e.name, t: e.t }))),
    final,
    warnings: [],
    provenance: odeProvenance(spec),
  });
  const outside = firstOutsidePsdCone(result.Q, result.R, result.T, spec.solver);
  return outside === null ? result : truncated(problem, result, outside);
}

/**
 * The result cut before output `i`, where the overlaps left the PSD cone: status `leftPsdCone`, the
 * last state inside the cone as the final state.
 */
function truncated(problem: CommitteeProblem, r: OdeResult, i: number): OdeResult {
  const keep = Math.max(i, 1);
  const cut = <T>(xs: T[]): T[] => xs.slice(0, keep);
  const last = keep - 1;
  return {
    ...r,
    t: cut(r.t),
    loss: cut(r.loss),
    lossFloor: cut(r.lossFloor),
    Q: cut(r.Q),
    R: cut(r.R),
    a: cut(r.a),
    events: r.events.filter((e) => e.t <= r.t[last]),
    status: 'leftPsdCone',
    message: `the overlaps left the positive semidefinite cone between t = ${r.t[last]} and t = ${r.t[i]} (no weights have them; the integration is not trustworthy past t = ${r.t[last]})`,
    final: { t: r.t[last], loss: r.loss[last], Q: r.Q[last], R: r.R[last], a: r.a[last] },
  };
}

/** Relative smallest eigenvalue of the overlap matrix below which a failed run is reported as at the cone's edge. */
const PSD_EDGE = 1e-8;

/** The result so far of a run that is stopped (status `interrupted`), its last state as the final one. */
function partialResult(
  problem: CommitteeProblem,
  spec: CommitteeSpec,
  t: number[],
  ys: Float64Array[],
  tolerance: { rtol: number; atol: number } | null,
  message: string,
  events: { name: string; t: number }[],
): OdeResult {
  const last = ys.length - 1;
  return collect(problem, t, ys, tolerance, {
    status: 'interrupted',
    message,
    stats: NO_STATS,
    events,
    final: finalState(problem, t[last], ys[last]),
    warnings: [],
    provenance: odeProvenance(spec),
  });
}

/** ε_g and the overlaps of state `y` at time `t`. */
function finalState(problem: CommitteeProblem, t: number, y: Float64Array): FinalState {
  const { layout, risk, aFixed, initial } = problem;
  return { t, loss: risk.loss(y, aOf(layout, y, aFixed)).value, Q: layout.Q(y), R: layout.R(y), a: layout.a(y, initial.a) };
}

/** The ODE's seed is that of its random initial condition; everything runs in float64 JavaScript. */
function odeProvenance(spec: CommitteeSpec): Provenance {
  return provenance(spec.init.kind === 'random' ? spec.init.seed : null, 'float64 JavaScript');
}

function solveFlow(problem: CommitteeProblem, spec: CommitteeSpec, times: number[], shouldStop?: SolveOptions['shouldStop']): OdeSolution {
  const lossBelow = [...spec.events.lossBelow];
  const events = committeeEvents(problem.risk, problem.rhs, problem.aFixed, {
    lossBelow,
    plateauSlope: spec.events.plateauSlope,
    specialisation: spec.events.specialisation,
  });
  if (spec.stop.lossBelow !== undefined) {
    events.push(...committeeEvents(problem.risk, problem.rhs, problem.aFixed, { lossBelow: [spec.stop.lossBelow], stopAtLoss: true }));
  }
  return solve(
    { rhs: problem.rhs, y0: problem.y0, tspan: [times[0], times[times.length - 1]] },
    {
      method: spec.solver.method, rtol: spec.solver.rtol, atol: spec.solver.atol, maxSteps: spec.solver.maxSteps, tEval: times, events, shouldStop,
      // only discrete GD reads the flow between output times (at every kη); otherwise keep the last step alone
      denseOutput: spec.dynamics.kind === 'gd',
    },
  );
}

/**
 * Discrete GD: iterate the exact overlap map to the last output time, recording iterates at
 * k = round(t/η) for each output time, the flow's ε_g at kη, and the first step where the two differ
 * by more than `tolerance` relative to the flow; `events.lossBelow` thresholds are recorded at the first
 * iterate below them, and `stop.lossBelow` ends the run there (status `event`). Divergence (ε_g non-finite or above 10⁶·max(1, ε_g(0)))
 * ends the run with status `diverged` and the last finite iterate kept.
 */
function runGd(problem: CommitteeProblem, spec: CommitteeSpec, times: number[], flow: OdeSolution, onStep?: RunHooks['onStep']): OdeResult {
  if (spec.dynamics.kind !== 'gd') throw new Error('runGd needs gd dynamics');
  const { lr, tolerance } = spec.dynamics;
  const { risk, layout, aFixed } = problem;
  const step = gdStep(risk, aFixed, lr);
  const lossOf = (y: Float64Array): number => risk.loss(y, aOf(layout, y, aFixed)).value;
  const flowY = new Float64Array(layout.size);
  const lastStep = Math.round(times[times.length - 1] / lr);
  const blowUp = 1e6 * Math.max(1, lossOf(problem.y0));
  let y = Float64Array.from(problem.y0);
  let next = new Float64Array(layout.size);
  const ys: Float64Array[] = [];
  const steps: number[] = [];
  const flowLoss: number[] = [];
  let departureStep: number | null = null;
  let lowest = Infinity;
  let unstableStep: number | null = null;
  let status: RunStatus = 'success';
  let message = `${lastStep} GD steps at η = ${lr}`;
  const thresholds = [...spec.events.lossBelow];
  const stopBelow = spec.stop.lossBelow;
  const events: { name: string; t: number }[] = [];
  const record = (k: number): void => {
    ys.push(Float64Array.from(y));
    steps.push(k);
    flowLoss.push(k * lr <= flow.tFinal ? lossOf(flow.sol(k * lr, flowY)) : NaN);
  };
  let lossY = lossOf(y);
  let floorY = 0;
  let lastTaken = 0;
  let out = 0;
  for (let k = 0; ; k++) {
    if (departureStep === null && k * lr <= flow.tFinal) {
      const lf = lossOf(flow.sol(k * lr, flowY));
      if (Math.abs(lossY - lf) > tolerance * Math.abs(lf)) departureStep = k;
    }
    if (departureStep !== null && unstableStep === null && grewAfterDeparture(lowest, lossY, floorY, tolerance)) unstableStep = k;
    lowest = Math.min(lowest, lossY);
    for (let i = thresholds.length - 1; i >= 0; i--) {
      if (lossY < thresholds[i]) events.push({ name: `loss<${thresholds.splice(i, 1)[0]}`, t: k * lr });
    }
    let recorded = false;
    while (out < times.length && Math.round(times[out] / lr) === k) {
      record(k);
      recorded = true;
      out++;
    }
    if (stopBelow !== undefined && lossY < stopBelow) {
      events.push({ name: `loss<${stopBelow}`, t: k * lr });
      status = 'event';
      message = `ε_g < ${stopBelow} after ${k} GD steps (t = ${k * lr})`;
      if (!recorded) record(k);
      break;
    }
    if (k >= lastStep) break;
    const partial = (): OdeResult => partialResult(problem, spec, steps.map((j) => j * lr), ys.slice(), null, `partial run up to GD step ${k}`, [...events]);
    if (onStep?.(k * lr, lastStep * lr, partial) === true) {
      status = 'interrupted';
      message = `interrupted at GD step ${k} (t = ${k * lr})`;
      if (!recorded) record(k);
      break;
    }
    step(y, next);
    const { value: l, floor } = risk.loss(next, aOf(layout, next, aFixed));
    if (!Number.isFinite(l) || l > blowUp || next.some((v) => !Number.isFinite(v))) {
      status = 'diverged';
      message = `GD diverged at step ${k + 1} (ε_g = ${l}); η = ${lr} is beyond the stability edge; the last finite iterate (step ${k}) is kept`;
      if (!recorded) record(k);
      break;
    }
    [y, next] = [next, y];
    lossY = l;
    floorY = floor;
    lastTaken = k + 1;
  }
  if (status === 'success' && unstableStep !== null) {
    status = 'unstable';
    message = `GD left the flow at step ${departureStep} (t = ${departureStep! * lr}) and ε_g grew from step ${unstableStep} (t = ${unstableStep * lr}): η = ${lr} is too large to follow the flow; ${message}`;
  }
  const taken = steps[steps.length - 1];
  const used = steps.map((k) => k * lr);
  const result = collect(problem, used, ys, null, {
    status,
    message,
    stats: { nfev: taken, naccept: taken, nreject: 0 },
    events,
    final: finalState(problem, lastTaken * lr, y),
    warnings: offGridWarnings(times.slice(0, out), used.slice(0, out), `η = ${lr}`),
    provenance: odeProvenance(spec),
  });
  result.gd = { steps, departureStep, unstableStep, flowLoss };
  return result;
}

/**
 * Observables along a list of states (shared by every committee runner). The loss floor adds to the
 * rounding floor of the sum the first-order effect of the integrator's error allowance on the state,
 * Σ_i |∂ε_g/∂y_i| (atol + rtol |y_i|), when the states come from an integrator (`tolerance` not null):
 * near a global minimum the overlap matrix is singular and ε_g is linear in state errors, so values
 * below this floor are not resolved.
 */
export function collect(
  problem: CommitteeProblem,
  t: number[],
  ys: Float64Array[],
  tolerance: { rtol: number; atol: number } | null,
  outcome: Pick<OdeResult, 'status' | 'message' | 'stats' | 'events' | 'final' | 'warnings' | 'provenance'>,
): OdeResult {
  const { layout, risk, aFixed, initial } = problem;
  const { m, mStar } = layout;
  const G = new Float64Array(m * m);
  const H = new Float64Array(m * mStar);
  const gA = new Float64Array(m);
  const loss: number[] = [];
  const lossFloor: number[] = [];
  for (const y of ys) {
    const a = aOf(layout, y, aFixed);
    const l = risk.loss(y, a);
    let floor = l.floor;
    if (tolerance !== null) {
      risk.valueGrad(y, a, G, H, gA);
      const allowance = (v: number): number => tolerance.atol + tolerance.rtol * Math.abs(v);
      G.forEach((g, i) => (floor += Math.abs(g) * allowance(y[layout.qOffset + i])));
      H.forEach((h, i) => (floor += Math.abs(h) * allowance(y[layout.rOffset + i])));
      if (layout.trainSecondLayer) gA.forEach((g, j) => (floor += Math.abs(g) * allowance(y[layout.aOffset + j])));
    }
    loss.push(l.value);
    lossFloor.push(floor);
  }
  return {
    t: t.slice(),
    loss,
    lossFloor,
    Q: ys.map((y) => layout.Q(y)),
    R: ys.map((y) => layout.R(y)),
    a: ys.map((y) => layout.a(y, initial.a)),
    T: initial.T,
    aStar: Array.from(risk.aStar),
    ...outcome,
    integrals: {
      studentStudent: risk.integrals.studentStudent.path,
      studentTeacher: risk.integrals.studentTeacher.path,
      teacherTeacher: risk.integrals.teacherTeacher.path,
      ...(problem.sgdTerms === null ? {} : { sgdTerms: problem.sgdTerms }),
    },
  };
}

/** Parse an activation, reporting a bad one at the spec path it came from. */
function activationAt(expr: string, path: string): Activation {
  try {
    return parseActivation(expr);
  } catch (e) {
    if (e instanceof SpecError) throw new SpecError(path, expr, e.allowed);
    throw e;
  }
}

function aOf(layout: CommitteeLayout, y: Float64Array, aFixed: Float64Array): ArrayLike<number> {
  return layout.trainSecondLayer ? y.subarray(layout.aOffset, layout.aOffset + layout.m) : aFixed;
}
