/**
 * Foundation experiment: students of width m ∈ {1, 2, 4, 8} learning an erf teacher of width 2 by
 * population gradient flow from a random initialisation at d = 1000; ε_g(t) for each m on log-log axes.
 */
import { parseCommitteeSpec, resolvedCurve, runOde, type OdeResult } from '../src/committee/index.ts';
import { interimClaim } from './interim.ts';
import type { FigureSpec } from '../reports/plot.ts';
import type { ReportData } from '../reports/report.ts';
import type { Experiment } from './types.ts';

const WIDTHS = [1, 2, 4, 8];
const TEACHER_WIDTH = 2;
const THRESHOLD = 1e-4;

function specFor(m: number, quick: boolean) {
  return {
    model: { kind: 'committee', activation: 'erf', teacherActivation: 'erf', a: Array(m).fill(1), aStar: Array(TEACHER_WIDTH).fill(1) },
    dynamics: { kind: 'gradient-flow' },
    init: { kind: 'random', d: 1000, scale: 0.5, seed: 1 },
    times: { end: quick ? 1e3 : 1e4, points: quick ? 120 : 300, spacing: 'log', min: 1e-2 },
    solver: { method: 'dopri5', rtol: 1e-12, atol: 1e-14 },
  };
}

/** First output time at which ε_g is below `eps` (and resolved above the rounding floor), or null. */
function timeBelow(r: OdeResult, eps: number): number | null {
  const i = r.loss.findIndex((l) => l < eps);
  return i < 0 ? null : r.t[i];
}

export const experiment: Experiment = {
  name: 'erf-width',
  title: 'Student width and gradient flow: erf teacher of width 2, d = 1000',
  async run(ctx) {
    const runs: { m: number; spec: ReturnType<typeof specFor>; r: OdeResult }[] = [];
    for (const [i, m] of WIDTHS.entries()) {
      const spec = specFor(m, ctx.quick);
      const parsed = parseCommitteeSpec(spec);
      const r = await ctx.cached(parsed, () => runOde(parsed));
      ctx.progress?.(i + 1, WIDTHS.length);
      ctx.log(`m = ${m}: ${r.status}, ε_g(end) = ${r.loss[r.loss.length - 1].toExponential(3)}, ${r.stats.nfev} rhs evaluations`);
      runs.push({ m, spec, r });
    }
    const figure: FigureSpec = {
      title: 'Population gradient flow, erf teacher (m* = 2), d = 1000',
      xLabel: 'time t',
      yLabel: 'generalisation error ε_g',
      xScale: 'log',
      yScale: 'log',
      size: 'one-column',
      series: runs.map(({ m, r }) => {
        const curve = resolvedCurve(r);
        return { label: `m = ${m}`, x: curve.t, y: curve.loss };
      }),
    };
    const rows = runs.map(({ m, r }) => [
      m,
      r.loss[0].toExponential(3),
      r.loss[r.loss.length - 1] > r.lossFloor[r.lossFloor.length - 1] ? r.loss[r.loss.length - 1].toExponential(3) : 'below floor',
      r.lossFloor[r.lossFloor.length - 1].toExponential(1),
      timeBelow(r, THRESHOLD)?.toPrecision(4) ?? 'not reached',
      r.status,
    ]);
    const learned = runs.filter(({ m, r }) => m >= TEACHER_WIDTH && r.loss[r.loss.length - 1] < THRESHOLD).length;
    const narrow = runs.find(({ m }) => m === 1)!;
    const data: ReportData = {
      name: 'erf-width',
      title: this.title,
      claim:
        'A student at least as wide as the teacher (m ≥ m* = 2) drives the population risk towards 0 under gradient flow; a narrower one (m = 1) stalls at a positive error.',
      setting:
        'Soft committee machine, σ = σ* = erf(u/√2), a_j = a*_k = 1, teacher T = I, student weights N(0, 0.5²) at d = 1000 (overlaps Q, R drawn as a real network of that size has them), exact population gradient flow in (Q, R), dopri5 at rtol 1e-12; ε_g is reported only above its resolution floor (rounding of the sum plus the first-order effect of the integrator tolerance on the state).',
      tables: [{ caption: `ε_g at the start and the end, and the first output time with ε_g < ${THRESHOLD}`, table: { columns: ['m', 'ε_g(0)', 'ε_g(end)', 'floor (rounding + tolerance)', `t(ε_g < ${THRESHOLD})`, 'status'], rows } }],
      claims: [interimClaim('the claim stated above', learned === runs.filter(({ m }) => m >= TEACHER_WIDTH).length && narrow.r.loss[narrow.r.loss.length - 1] > THRESHOLD ? 'supported' : 'inconclusive', `${learned} of ${runs.filter(({ m }) => m >= TEACHER_WIDTH).length} students with m ≥ 2 reached ε_g < ${THRESHOLD}; m = 1 ends at ε_g = ${narrow.r.loss[narrow.r.loss.length - 1].toExponential(2)}.`)],
      command: `npx popflow run erf-width${ctx.quick ? '' : ' --full'}`,
      spec: runs.map(({ spec }) => spec),
      figures: [{ file: 'loss.png', caption: 'ε_g(t) for each student width m; each curve stops where ε_g falls below its resolution floor (rounding of the O(1) terms plus the integrator tolerance, about 1e-12 here).', spec: figure }],
      summary: `students m ≥ 2 learn the width-2 erf teacher (${learned}/${runs.length - 1} reach ε_g < ${THRESHOLD}); m = 1 stalls at ${narrow.r.loss[narrow.r.loss.length - 1].toExponential(2)}`,
    };
    return data;
  },
};
