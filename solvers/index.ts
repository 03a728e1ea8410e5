/**
 * popflow's ODE layer: `solve(problem, options)` in the spirit of scipy's solve_ivp and SciML.
 * Methods by name: `dopri5` (Dormand–Prince 5(4), written here, the default), `odex`
 * (Hairer & Wanner's extrapolation code via the odex package), the stiff methods `rkc`
 * (Runge–Kutta–Chebyshev) and `rodas3` (Rosenbrock), and `auto` (switches between them, as LSODA). Bad input throws `SpecError`;
 * numerical failure comes back as a status with a message and the partial solution.
 */
import type { MethodName, MethodUse, OdeProblem, OdeSolution, SolveOptions, SolveStatus } from './types.ts';
import type { Method } from './method.ts';
import { validateSolve } from './validate_options.ts';
import { StepRecorder } from './recorder.ts';
import { explicitRk } from './explicit_rk.ts';
import { DORMAND_PRINCE_54 } from './tableau.ts';
import { odexMethod } from './odex.ts';
import { rkcMethod } from './rkc.ts';
import { rosenbrockMethod } from './rosenbrock.ts';
import { autoMethod } from './auto.ts';

export type * from './types.ts';

const METHODS: Record<Exclude<MethodName, 'rodas3'>, Method> = {
  dopri5: explicitRk(DORMAND_PRINCE_54),
  odex: odexMethod,
  rkc: rkcMethod(),
  auto: autoMethod,
};

/**
 * Integrate y' = f(t, y), y(t0) = y0 over tspan with the chosen method. Returns the values at `tEval`
 * (or at every accepted step), the located events, dense output `sol(t)` over [t0, tFinal], statistics
 * and a status: `success`, `event` (terminal event; ends at its time), `maxSteps`, `stepTooSmall` or
 * `nonFinite` (last finite state kept), or `interrupted` (by `shouldStop`). Never throws for numerical failure.
 */
export function solve(problem: OdeProblem, options: SolveOptions = {}): OdeSolution {
  const settings = validateSolve(problem, options);
  const recorder = new StepRecorder(settings.t0, settings.y0, settings.tEval, settings.events, settings.eventInteriorPoints, settings.shouldStop, settings.denseOutput);
  const method = settings.method === 'rodas3' ? rosenbrockMethod(settings.jacobian) : METHODS[settings.method];
  const outcome = method(settings, recorder);
  const terminal = recorder.terminal;
  if (outcome.status === 'switch') throw new Error('a method asked to switch outside auto');
  const status: SolveStatus = outcome.status !== 'stopped' ? outcome.status : recorder.interrupted ? 'interrupted' : 'event';
  const message = terminal
    ? `terminal event "${terminal.name}" at t = ${terminal.t}`
    : recorder.interrupted
      ? `interrupted at t = ${outcome.tLast}`
      : outcome.message;
  const dense = recorder.dense;
  return {
    status,
    success: status === 'success' || status === 'event',
    message,
    t: recorder.t,
    y: recorder.y,
    events: recorder.events,
    stats: outcome.stats,
    methods: outcome.methods ?? [{ method: settings.method as MethodUse['method'], t0: settings.t0, reason: 'requested' }],
    tFinal: terminal ? terminal.t : outcome.tLast,
    yFinal: terminal ? terminal.y.slice() : outcome.yLast,
    tSteps: dense.tSteps,
    sol: (t: number, out?: Float64Array) => dense.evaluate(t, out),
  };
}
