/**
 * Integrate the quadratic flows with popflow's `solve` and return their observables at output times:
 * the block family (exact reduction or either limit) and the full weight flow at finite d.
 */
import { solve } from '../../solvers/index.ts';
import type { EventSpec, SolveStats, SolveStatus } from '../../solvers/types.ts';
import { blockFamilyRhs, blockObservables, type BlockFamily } from './blocks.ts';
import { matrixFlow, type MatrixModel } from './matrixFlow.ts';

export interface FlowOptions {
  /** Relative and absolute tolerances of dopri5 (defaults 1e-10, 1e-12). */
  rtol?: number;
  atol?: number;
  /** Start time (default 0; the fixed-width limit starts at a negative shifted time). */
  t0?: number;
  /** ε_g levels whose first downward crossing is located on the dense output. */
  lossLevels?: number[];
}

export interface FlowCurve {
  t: number[];
  /** ε_g = L/(½‖S*‖²_F) at each output time (see `blockObservables` / `matrixFlow` for its evaluation). */
  loss: number[];
  status: SolveStatus;
  message: string;
  stats: SolveStats;
  /** First time ε_g falls to each requested level (null when not reached). */
  levelTimes: (number | null)[];
}

export interface FamilyCurve extends FlowCurve {
  tau: number[];
  recoveredMass: number[];
  overlap: number[];
  /** The state at each output time (blocks then u, see blocks.ts). */
  states: Float64Array[];
}

function levelEvents(levels: number[], loss: (y: Float64Array) => number): EventSpec[] {
  // relative distance to the level: finite even where a Gram-evaluated ε_g rounds to ≤ 0
  return levels.map((eps, i) => ({ name: `level${i}`, fn: (_t, y) => loss(y) / eps - 1, direction: -1 }));
}

function firstCrossings(levels: number[], events: { name: string; t: number }[], t0: number, loss0: number): (number | null)[] {
  return levels.map((eps, i) => (loss0 <= eps ? t0 : (events.find((e) => e.name === `level${i}`)?.t ?? null)));
}

/** Integrate a block family from y0 and evaluate its observables at `times` (sorted, ≥ t0). */
export function integrateFamily(f: BlockFamily, y0: Float64Array, times: number[], opts: FlowOptions = {}): FamilyCurve {
  const t0 = opts.t0 ?? 0;
  const levels = opts.lossLevels ?? [];
  const lossOf = (y: Float64Array): number => blockObservables(f, y).loss;
  const sol = solve(
    { rhs: blockFamilyRhs(f), y0, tspan: [t0, times[times.length - 1]] },
    { rtol: opts.rtol ?? 1e-10, atol: opts.atol ?? 1e-12, tEval: times, events: levelEvents(levels, lossOf) },
  );
  const obs = sol.y.map((y) => blockObservables(f, y));
  return {
    t: sol.t,
    loss: obs.map((o) => o.loss),
    tau: obs.map((o) => o.tau),
    recoveredMass: obs.map((o) => o.recoveredMass),
    overlap: obs.map((o) => o.overlap),
    states: sol.y,
    status: sol.status,
    message: sol.message,
    stats: sol.stats,
    levelTimes: firstCrossings(levels, sol.events, t0, lossOf(y0)),
  };
}

/** Integrate the full weight flow from W(0) = w0 (d×m, row-major) and evaluate ε_g at `times`. */
export function integrateMatrix(model: MatrixModel, w0: Float64Array, times: number[], opts: FlowOptions = {}): FlowCurve {
  const flow = matrixFlow(model);
  const levels = opts.lossLevels ?? [];
  const t0 = opts.t0 ?? 0;
  const sol = solve(
    { rhs: flow.rhs, y0: w0, tspan: [t0, times[times.length - 1]] },
    { rtol: opts.rtol ?? 1e-10, atol: opts.atol ?? 1e-12, tEval: times, events: levelEvents(levels, flow.loss) },
  );
  return {
    t: sol.t,
    loss: sol.y.map(flow.loss),
    status: sol.status,
    message: sol.message,
    stats: sol.stats,
    levelTimes: firstCrossings(levels, sol.events, t0, flow.loss(w0)),
  };
}
