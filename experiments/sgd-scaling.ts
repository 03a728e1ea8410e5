/**
 * Finite-d scaling of online SGD around its d → ∞ ODE (THEORY.md §1b): the erf committee, m = m* = 2,
 * a = a* = 1, T = I, η = 0.5, simulated at several d from one initial weight draw per d and compared
 * with the ODE started from that draw's own overlaps, over the same α window (the transient and the
 * approach to the plateau, α ≤ 10, before the plateau's unstable direction amplifies fluctuations into
 * escape-time shifts). The relative deviation of ε_g should shrink like d^(−1/2).
 */
import type { FigureSpec } from '../reports/plot.ts';
import { interimClaim } from './interim.ts';
import type { ReportData } from '../reports/report.ts';
import { compareOdeAndSimulation } from '../src/simulate/index.ts';
import type { Experiment } from './types.ts';
import { fitPowerLaw } from '../src/stats/index.ts';

const LR = 0.5;
/**
 * The same initial overlaps at every d (weights built to have exactly these), so the ODE trajectory is
 * one and the same and only the finite-d fluctuations change with d. Sizes as a random N(0, 0.3²) student
 * at d ≈ 500 has them: Q ≈ 0.09·I, R = O(0.3/√d).
 */
const INITIAL_Q = [[0.09, 0.004], [0.004, 0.085]];
const INITIAL_R = [[0.015, -0.008], [0.006, 0.012]];
/** Accepted band for the fitted exponent: −½ ± 0.15 (four to five d values over a decade, a few seeds each). */
const SLOPE_BAND = 0.15;

function setting(quick: boolean) {
  return {
    // the RMS over k seeds has a relative standard error of about 1/√(2k) (times along one run are
    // correlated): k = 12 gives ±20% per d, k = 24 about ±14%
    dims: quick ? [100, 200, 400, 800] : [100, 200, 400, 800, 1600, 3200],
    seeds: quick ? 12 : 24,
    alphaEnd: 10,
  };
}

/**
 * RMS over seeds and output times (α > 0) of the relative deviation (ε_seed − ε_ODE)/ε_ODE: the size of a
 * single run's fluctuation around the ODE.
 */
function rmsRelativeDeviation(runs: { loss: number[] }[], ode: number[], t: number[]): number {
  let s = 0;
  let k = 0;
  for (const r of runs) {
    for (let i = 0; i < t.length; i++) {
      if (t[i] <= 0) continue;
      s += ((r.loss[i] - ode[i]) / ode[i]) ** 2;
      k++;
    }
  }
  return Math.sqrt(s / k);
}

export const experiment: Experiment = {
  name: 'sgd-scaling',
  title: 'Online SGD versus its ODE: deviation against d',
  async run(ctx) {
    const { dims, seeds, alphaEnd } = setting(ctx.quick);
    const spec = {
      model: { kind: 'committee', activation: 'erf', teacherActivation: 'erf', a: [1, 1], aStar: [1, 1] },
      dynamics: { kind: 'online-sgd', lr: LR },
      times: { end: alphaEnd, points: 21, spacing: 'linear' },
      d: dims,
      seeds,
      init: { Q: INITIAL_Q, R: INITIAL_R, seed: 1 },
    };
    // One cached unit: the simulations at every d and their ODEs (the spec names all of it).
    const cmp = await ctx.cached(spec, () => compareOdeAndSimulation(spec, { log: ctx.log, progress: ctx.progress }));
    const D = cmp.simulations.map((sim, i) => rmsRelativeDeviation(sim.runs, cmp.odes[i].loss, sim.t));
    const fit = fitPowerLaw(dims, D);
    dims.forEach((d, i) => ctx.log(`d = ${d}: RMS relative deviation ${D[i].toExponential(3)}`));
    const within = Math.abs(fit.slope + 0.5) <= SLOPE_BAND;
    const fitted = dims.map((d) => Math.exp(fit.intercept) * d ** fit.slope);
    const reference = dims.map((d) => D[0] * Math.sqrt(dims[0] / d));
    const figure: FigureSpec = {
      title: `Online SGD vs ODE (erf, m = m* = 2, η = ${LR}, α ≤ ${alphaEnd})`,
      xLabel: 'input dimension d',
      yLabel: 'RMS relative deviation of ε_g',
      xScale: 'log',
      yScale: 'log',
      size: 'one-column',
      series: [
        { label: `simulation (${seeds} seeds per d)`, x: dims, y: D, style: 'points' },
        { label: `fit: slope ${fit.slope.toFixed(3)} ± ${fit.slopeStdErr.toFixed(3)}`, x: dims, y: fitted, style: 'line' },
        { label: 'slope −1/2', x: dims, y: reference, style: 'line', dashed: true },
      ],
    };
    const sim0 = cmp.simulations[0];
    const data: ReportData = {
      name: 'sgd-scaling',
      title: this.title,
      claim: 'Online SGD at finite d fluctuates around the d → ∞ ODE with a relative deviation of ε_g that shrinks like d^(−1/2).',
      setting: `erf committee, m = m* = 2, a = a* = 1, T = I, η = ${LR}, student N(0, 0.3²) (one draw per d, init seed 1), d ∈ {${dims.join(', ')}}, ${seeds} data seeds per d, α ∈ [0, ${alphaEnd}] (21 times); ODE from each simulation's own initial overlaps; ε_g exact from the overlaps; backend ${sim0.backend.name} (${sim0.backend.description}).`,
      tables: [
        {
          caption: 'RMS over seeds and times of (ε_seed − ε_ODE)/ε_ODE, and the seed-mean deviation of the compare harness',
          table: {
            columns: ['d', 'RMS relative deviation', '√d × RMS', 'seed-mean max |Δε_g|/ε_g', 'wall s'],
            rows: dims.map((d, i) => [d, D[i].toExponential(3), (Math.sqrt(d) * D[i]).toFixed(3), cmp.deviations[i].maxRel.toExponential(3), cmp.simulations[i].wallSeconds.toFixed(1)]),
          },
        },
        {
          caption: 'Power-law fit of the deviation against d (least squares in log–log)',
          table: { columns: ['slope', 'std. error', 'R²', 'expected'], rows: [[fit.slope.toFixed(3), fit.slopeStdErr.toFixed(3), fit.r2.toFixed(3), -0.5]] },
        },
      ],
      claims: [interimClaim('the claim stated above', within ? 'supported' : 'not supported', `fitted slope ${fit.slope.toFixed(3)} ± ${fit.slopeStdErr.toFixed(3)}; accepted band −0.5 ± ${SLOPE_BAND}`)],
      command: `npx popflow run sgd-scaling${ctx.quick ? '' : ' --full'}`,
      spec,
      figures: [{ file: 'scaling.png', caption: 'RMS relative deviation of ε_g from the ODE against d, with the least-squares power law and slope −1/2.', spec: figure }],
      backend: `${sim0.backend.name} (${sim0.backend.description})`,
      summary: `deviation ∝ d^${fit.slope.toFixed(2)} (± ${fit.slopeStdErr.toFixed(2)}), expected d^-0.5`,
    };
    return data;
  },
};
