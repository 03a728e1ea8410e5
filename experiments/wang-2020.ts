/**
 * Wang et al. 2020, "Understanding how over-parametrization leads to acceleration: a case of learning a
 * single teacher neuron": one quadratic teacher neuron, students of width m, output scalings a_j = 1,
 * 1/√m, 1/m; the time (flow) and the number of iterations (discrete GD) to reach ε_g < ε versus m.
 */
import { parseCommitteeSpec, runOde, type OdeResult } from '../src/committee/index.ts';
import { fitPowerLaw } from '../src/stats/linear-fit.ts';
import { median } from '../src/stats/median.ts';
import type { FigureSpec, Series } from '../reports/plot.ts';
import type { ReportData } from '../reports/report.ts';
import type { Experiment } from './types.ts';

const EPS = 1e-3;
const D = 1000;
const SCALINGS = [
  { name: 'a_j = 1', value: (_m: number) => 1 },
  { name: 'a_j = 1/√m', value: (m: number) => 1 / Math.sqrt(m) },
  { name: 'a_j = 1/m', value: (m: number) => 1 / m },
];

function spec(m: number, a: number, initScale: number, dynamics: object, seed: number) {
  return {
    model: { activation: 'quadratic', a: Array(m).fill(a), aStar: [1] },
    dynamics,
    init: { kind: 'random', d: D, scale: initScale, seed },
    times: { end: 2e4, points: 2, spacing: 'linear' },
    solver: { rtol: 1e-8, atol: 1e-12 },
    stop: { lossBelow: EPS },
  };
}

/** Time at which ε_g first fell below EPS (the terminal event), or null. */
function hitTime(r: OdeResult): number | null {
  return r.events.find((e) => e.name === `loss<${EPS}`)?.t ?? null;
}

/** Median of times where null (never reached) counts as +∞; null when the median is not reached. */
function medianReached(values: (number | null)[]): number | null {
  const m = median(values.map((v) => v ?? Infinity));
  return Number.isFinite(m) ? m : null;
}

export const experiment: Experiment = {
  name: 'wang-2020',
  title: 'Over-parametrization accelerates learning a single quadratic teacher neuron (Wang et al. 2020)',
  async run(ctx) {
    const widths = ctx.quick ? [1, 2, 4, 8, 16] : [1, 2, 4, 8, 16, 32, 64];
    const seeds = ctx.quick ? [1, 2, 3] : [1, 2, 3, 4, 5];
    const initScales = ctx.quick ? [0.1] : [0.1, 0.3];
    const lr = 0.02;
    const rows: (string | number)[][] = [];
    const flowSeries: Series[] = [];
    const gdSeries: Series[] = [];
    const medians: Record<string, (number | null)[]> = {};
    for (const initScale of initScales) {
      for (const scaling of SCALINGS) {
        const flowT: (number | null)[] = [];
        const gdK: (number | null)[] = [];
        for (const m of widths) {
          const a = scaling.value(m);
          const flows = seeds.map((seed) => runOde(parseCommitteeSpec(spec(m, a, initScale, { kind: 'gradient-flow' }, seed))));
          const gds = seeds.map((seed) => runOde(parseCommitteeSpec(spec(m, a, initScale, { kind: 'gd', lr }, seed))));
          const tFlow = medianReached(flows.map(hitTime));
          const gdSteps = gds.map((r) => (r.status === 'event' ? Math.round(hitTime(r)! / lr) : null));
          const kGd = medianReached(gdSteps);
          const diverged = gds.filter((r) => r.status === 'diverged').length;
          flowT.push(tFlow);
          gdK.push(kGd);
          rows.push([initScale, scaling.name, m, tFlow === null ? 'not reached' : +tFlow.toPrecision(4), kGd === null ? 'not reached' : kGd, diverged]);
          ctx.log(`scale ${initScale}, ${scaling.name}, m = ${m}: flow t = ${tFlow?.toPrecision(4) ?? '—'}, GD steps = ${kGd ?? '—'}${diverged ? `, ${diverged} diverged` : ''}`);
        }
        const key = `${scaling.name}, init ${initScale}`;
        medians[key] = flowT;
        const pts = (vals: (number | null)[]) => widths.map((m, i) => [m, vals[i]] as const).filter((p): p is readonly [number, number] => p[1] !== null);
        flowSeries.push({ label: key, x: pts(flowT).map((p) => p[0]), y: pts(flowT).map((p) => p[1]), style: 'line+points', dashed: initScale !== initScales[0] });
        gdSeries.push({ label: key, x: pts(gdK).map((p) => p[0]), y: pts(gdK).map((p) => p[1]), style: 'line+points', dashed: initScale !== initScales[0] });
      }
    }
    // Claim 1: more neurons → sooner (for a = 1 and a = 1/√m, the scalings that keep the output O(1) or larger);
    // measured as the power-law slope of the median flow time versus m.
    const fits = Object.entries(medians).map(([key, vals]) => {
      const pts = widths.map((m, i) => [m, vals[i]] as const).filter((p): p is readonly [number, number] => p[1] !== null);
      const fit = pts.length >= 3 ? fitPowerLaw(pts.map((p) => p[0]), pts.map((p) => p[1])) : null;
      return { key, slope: fit?.slope ?? NaN, reached: pts.length };
    });
    const accelerating = fits.filter((f) => f.slope < -0.05);
    const figure = (title: string, yLabel: string, series: Series[]): FigureSpec => ({
      title, xLabel: 'student width m', yLabel, xScale: 'log', yScale: 'log', size: 'one-column', series,
    });
    const verdict: ReportData['verdict'] = accelerating.length > 0 && fits.some((f) => f.slope > accelerating[0].slope + 0.3) ? 'supported' : 'inconclusive';
    const fitText = fits.map((f) => `${f.key}: t_ε ∝ m^${f.slope.toFixed(2)}`).join('; ');
    return {
      name: 'wang-2020',
      title: this.title,
      claim:
        'With a single quadratic teacher neuron, more student neurons let gradient descent reach the neighbourhood of the global optimum (ε_g < ε) in fewer iterations; the scaling of the output weights (1, 1/√m, 1/m) changes the convergence time.',
      setting: `σ = σ* = u², one teacher neuron (a* = 1, T = 1), m student neurons with fixed output weights a_j, random initialisation at d = ${D} (student weights N(0, s²), s ∈ {${initScales.join(', ')}}), ${seeds.length} seeds, median time to ε_g < ${EPS} for the population gradient flow and median number of discrete population GD steps at η = ${lr}.`,
      tables: [
        { caption: `Median time (flow) and steps (GD, η = ${lr}) to ε_g < ${EPS}; GD runs that diverged are counted as not reached`, table: { columns: ['init scale s', 'output scaling', 'm', 'flow time', 'GD steps', 'GD diverged (of ' + seeds.length + ')'], rows } },
        { caption: 'Power-law fit of the median flow time versus m', table: { columns: ['setting', 'exponent', 'widths reached'], rows: fits.map((f) => [f.key, +f.slope.toFixed(3), f.reached]) } },
      ],
      verdict,
      reason: `${fitText}. A negative exponent means acceleration with width; exponents differ across output scalings.`,
      command: `npm run --silent popflow -- run wang-2020${ctx.quick ? '' : ' --full'}`,
      spec: spec(widths[0], 1, initScales[0], { kind: 'gradient-flow' }, seeds[0]),
      figures: [
        { file: 'flow-time.png', caption: `Median flow time to ε_g < ${EPS} versus width, per output scaling.`, spec: figure('Time to ε_g < 10⁻³ (gradient flow)', 'time t_ε', flowSeries) },
        { file: 'gd-steps.png', caption: `Median GD steps (η = ${lr}) to ε_g < ${EPS} versus width.`, spec: figure(`GD steps to ε_g < 10⁻³ (η = ${lr})`, 'steps k_ε', gdSeries) },
      ],
      summary: `${verdict}: ${fitText}`,
    };
  },
};
