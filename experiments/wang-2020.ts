/**
 * Wang et al. 2020, "Understanding how over-parametrization leads to acceleration: a case of learning a
 * single teacher neuron": one quadratic teacher neuron, students of width m, output scalings a_j = 1,
 * 1/√m, 1/m; the time (flow) and the number of iterations (discrete GD) to enter the neighbourhood of the
 * global optimum (ε_g < ε_near) and to converge (ε_g < ε) versus m.
 */
import { parseCommitteeSpec, runOde, type OdeResult } from '../src/committee/index.ts';
import { interimClaim } from './interim.ts';
import type { FigureSpec, Series } from '../reports/plot.ts';
import type { ReportData } from '../reports/report.ts';
import type { Experiment } from './types.ts';
import { fitPowerLaw, median } from '../src/stats/index.ts';

/** ε_g(0) ≈ 1.5 at the initial scales used; "neighbourhood" = below a tenth of the teacher's output variance scale. */
const NEAR = 0.1;
const EPS = 1e-3;
const THRESHOLDS = [NEAR, EPS] as const;
const D = 1000;
const LR = 0.02;
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
    events: { lossBelow: [NEAR] },
    stop: { lossBelow: EPS },
  };
}

/** Time at which ε_g first fell below `eps`, or +∞. */
function hitTime(r: OdeResult, eps: number): number {
  return r.events.find((e) => e.name === `loss<${eps}`)?.t ?? Infinity;
}

/** Median over seeds (never reached = +∞), as a table cell. */
const cell = (v: number, digits = 4): string | number => (Number.isFinite(v) ? +v.toPrecision(digits) : 'not reached');

export const experiment: Experiment = {
  name: 'wang-2020',
  title: 'Over-parametrization and a single quadratic teacher neuron (Wang et al. 2020)',
  async run(ctx) {
    const widths = ctx.quick ? [1, 2, 4, 8, 16] : [1, 2, 4, 8, 16, 32, 64];
    const seeds = ctx.quick ? [1, 2, 3] : [1, 2, 3, 4, 5];
    const initScales = ctx.quick ? [0.1] : [0.1, 0.3];
    const rows: (string | number)[][] = [];
    const flowSeries: Series[] = [];
    const gdSeries: Series[] = [];
    const fits: { key: string; eps: number; slope: number; reached: number }[] = [];
    let done = 0;
    const total = initScales.length * SCALINGS.length * widths.length;
    for (const initScale of initScales) {
      for (const [scalingIndex, scaling] of SCALINGS.entries()) {
        // medians[threshold][width] for the flow (time) and GD (steps)
        const flowMed = THRESHOLDS.map(() => [] as number[]);
        const gdMed = THRESHOLDS.map(() => [] as number[]);
        for (const m of widths) {
          const a = scaling.value(m);
          const solveCached = async (dynamics: Parameters<typeof spec>[3], seed: number): Promise<OdeResult> => {
            const parsed = parseCommitteeSpec(spec(m, a, initScale, dynamics, seed));
            return ctx.cached(parsed, () => runOde(parsed));
          };
          const flows: OdeResult[] = [];
          const gds: OdeResult[] = [];
          for (const seed of seeds) flows.push(await solveCached({ kind: 'gradient-flow' }, seed));
          for (const seed of seeds) gds.push(await solveCached({ kind: 'gd', lr: LR }, seed));
          const diverged = gds.filter((r) => r.status === 'diverged').length;
          ctx.progress?.(++done, total);
          THRESHOLDS.forEach((eps, i) => {
            flowMed[i].push(median(flows.map((r) => hitTime(r, eps))));
            gdMed[i].push(median(gds.map((r) => Math.round(hitTime(r, eps) / LR))));
          });
          rows.push([initScale, scaling.name, m, cell(flowMed[0].at(-1)!), cell(flowMed[1].at(-1)!), cell(gdMed[0].at(-1)!), cell(gdMed[1].at(-1)!), diverged]);
          ctx.log(`s = ${initScale}, ${scaling.name}, m = ${m}: flow t(<${NEAR}) = ${cell(flowMed[0].at(-1)!)}, t(<${EPS}) = ${cell(flowMed[1].at(-1)!)}; GD steps ${cell(gdMed[0].at(-1)!)}, ${cell(gdMed[1].at(-1)!)}`);
        }
        THRESHOLDS.forEach((eps, i) => {
          const key = `${scaling.name}${initScales.length > 1 ? `, s = ${initScale}` : ''}`;
          const pts = widths.map((m, j) => [m, flowMed[i][j]] as const).filter((p) => Number.isFinite(p[1]));
          const gdPts = widths.map((m, j) => [m, gdMed[i][j]] as const).filter((p) => Number.isFinite(p[1]));
          fits.push({ key, eps, slope: pts.length >= 3 ? fitPowerLaw(pts.map((p) => p[0]), pts.map((p) => p[1])).slope : NaN, reached: pts.length });
          const style = { style: 'line+points' as const, dashed: i === 1, colour: scalingIndex + SCALINGS.length * initScales.indexOf(initScale) };
          flowSeries.push({ label: `${key}, ε < ${eps}`, x: pts.map((p) => p[0]), y: pts.map((p) => p[1]), ...style });
          gdSeries.push({ label: `${key}, ε < ${eps}`, x: gdPts.map((p) => p[0]), y: gdPts.map((p) => p[1]), ...style });
        });
      }
    }
    const first = (eps: number) => fits.filter((f) => f.eps === eps && f.key.startsWith('a_j = 1') && !f.key.startsWith('a_j = 1/'));
    const nearA1 = first(NEAR)[0];
    const epsA1 = first(EPS)[0];
    const spreadNear = fits.filter((f) => f.eps === NEAR).map((f) => f.slope);
    // Acceleration counts when the neighbourhood time falls at least as fast as m^−0.1 (a 24% saving
    // from m = 1 to m = 16); a rise faster than m^0.05 contradicts the claim; in between is inconclusive.
    const nearAccelerates = nearA1.slope < -0.1;
    const nearSlows = nearA1.slope > 0.05;
    const scalingMatters = Math.max(...spreadNear) - Math.min(...spreadNear) > 0.3;
    const verdict: string = nearAccelerates && scalingMatters ? 'supported' : nearSlows ? 'not supported' : 'inconclusive';
    const fitText = (eps: number) => fits.filter((f) => f.eps === eps).map((f) => `${f.key}: m^${f.slope.toFixed(2)}`).join(', ');
    const figure = (title: string, yLabel: string, series: Series[]): FigureSpec => ({
      title, xLabel: 'student width m', yLabel, xScale: 'log', yScale: 'log', size: 'two-column', series,
    });
    return {
      name: 'wang-2020',
      title: this.title,
      claim:
        'With a single quadratic teacher neuron, more student neurons let gradient descent enter the neighbourhood of a global optimum (zero test error) in fewer iterations; the scaling of the output weights (1, 1/√m, 1/m) changes the convergence time.',
      setting: `σ = σ* = u², one teacher neuron (a* = 1, T = 1), m student neurons with fixed output weights a_j, random initialisation at d = ${D} (student weights N(0, s²), s ∈ {${initScales.join(', ')}}, so ε_g(0) ≈ 1.5), ${seeds.length} seeds; medians of the time for the population gradient flow and of the number of discrete population GD steps (η = ${LR}) to reach the neighbourhood ε_g < ${NEAR} and convergence ε_g < ${EPS}.`,
      tables: [
        { caption: `Median flow time and GD steps to ε_g < ${NEAR} (neighbourhood) and < ${EPS}`, table: { columns: ['s', 'output scaling', 'm', `flow t(<${NEAR})`, `flow t(<${EPS})`, `GD steps(<${NEAR})`, `GD steps(<${EPS})`, `GD diverged (of ${seeds.length})`], rows } },
        { caption: 'Power-law exponent of the median flow time versus m', table: { columns: ['setting', 'threshold', 'exponent', 'widths reached'], rows: fits.map((f) => [f.key, f.eps, +f.slope.toFixed(3), f.reached]) } },
      ],
      claims: [interimClaim('the claim stated above', verdict, `neighbourhood (ε_g < ${NEAR}): ${fitText(NEAR)}; convergence (ε_g < ${EPS}): ${fitText(EPS)}. ${nearAccelerates ? 'With a_j = 1 more neurons reach the neighbourhood sooner' : nearSlows ? 'With a_j = 1 more neurons reach the neighbourhood later' : `With a_j = 1 the neighbourhood time barely depends on m (exponent ${nearA1.slope.toFixed(2)}, within ±0.1)`}; the exponents ${scalingMatters ? 'differ' : 'do not differ'} across output scalings. ${epsA1.slope > 0 ? 'Convergence to ε_g < ' + EPS + ' slows down with m: the student directions orthogonal to the teacher decay only polynomially once over-parametrised (ds/dt = −2s³ at late times).' : ''}`)],
      command: `npx popflow run wang-2020${ctx.quick ? '' : ' --full'}`,
      spec: spec(widths[0], 1, initScales[0], { kind: 'gradient-flow' }, seeds[0]),
      figures: [
        { file: 'flow-time.png', caption: `Median flow time to ε_g < ${NEAR} (solid) and < ${EPS} (dashed) versus width, per output scaling.`, spec: figure('Time to the neighbourhood and to convergence (gradient flow)', 'time t', flowSeries) },
        { file: 'gd-steps.png', caption: `Median GD steps (η = ${LR}) to ε_g < ${NEAR} (solid) and < ${EPS} (dashed) versus width.`, spec: figure(`GD steps to the neighbourhood and to convergence (η = ${LR})`, 'GD steps', gdSeries) },
      ],
      summary: `time to ε_g < ${NEAR} ∝ m^${nearA1.slope.toFixed(2)} at a_j = 1, m^${spreadNear[spreadNear.length - 1].toFixed(2)} at a_j = 1/m`,
    };
  },
};
