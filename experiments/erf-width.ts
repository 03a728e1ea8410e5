/**
 * Foundation experiment: students of width m ∈ {1, 2, 4, 8} learning an erf teacher of width 2 by
 * population gradient flow from random initialisations at d = 1000, over several seeds. The runs are
 * a sweep (`sweep`), so the full version can run on a cluster with `popflow sweep submit
 * experiment:erf-width --full --executor slurm` and then be reported from the shared run cache.
 */
import { normaliseCommitteeSpec, parseCommitteeSpec, resolvedCurve, runOde, type OdeResult } from '../src/committee/index.ts';
import { parseSweepSpec, parsedRuns } from '../src/sweep/index.ts';
import { claim, exceeds, intervalInside, meanInterval, proportionInterval, type Claim } from '../src/claims/index.ts';
import type { FigureSpec, Series } from '../reports/plot.ts';
import type { ReportData } from '../reports/report.ts';
import type { Experiment } from './types.ts';

const WIDTHS = [1, 2, 4, 8];
const TEACHER_WIDTH = 2;
/** ε_g a student must reach to count as having learned the teacher. */
const LEARNED = 1e-4;
/** Rule for "m ≥ m* learns": the Wilson interval of the fraction of (m, seed) runs that learned lies in [0.5, 1]. */
const LEARNED_FRACTION_MIN = 0.5;
/** Rule for "m = 1 stalls": the t-interval of log10 of its final ε_g lies above log10(LEARNED) + 1 (ten times the learning threshold). */
const STALL_LOG10_MIN = Math.log10(LEARNED) + 1;

/** The experiment's runs as a sweep: widths × seeds over one base spec. */
export function erfWidthSweep(quick: boolean) {
  return {
    name: `erf-width-${quick ? 'quick' : 'full'}`,
    base: {
      model: { kind: 'committee', activation: 'erf', teacherActivation: 'erf', a: [1], aStar: Array(TEACHER_WIDTH).fill(1) },
      dynamics: { kind: 'gradient-flow' },
      init: { kind: 'random', d: 1000, scale: 0.5, seed: 1 },
      times: { end: quick ? 1e3 : 1e4, points: quick ? 120 : 300, spacing: 'log', min: 1e-2 },
      solver: { method: 'dopri5', rtol: 1e-12, atol: 1e-14 },
    },
    grid: { 'model.a': WIDTHS.map((m) => Array(m).fill(1)), 'init.seed': { range: [1, quick ? 4 : 16] } },
  };
}

/** What the claims are judged on: per run, the width, and the final ε_g if resolved (null below its floor). */
export interface ErfWidthRun {
  m: number;
  learned: boolean;
  finalLoss: number | null;
}

/** The claims, from the runs: a pure function of the measurements, with its rules fixed above. */
export function judge(runs: ErfWidthRun[]): Claim[] {
  const wide = runs.filter((r) => r.m >= TEACHER_WIDTH);
  const learnedFraction = proportionInterval(wide.filter((r) => r.learned).length, wide.length);
  const narrow = runs.filter((r) => r.m < TEACHER_WIDTH);
  const stall = meanInterval(narrow.map((r) => (r.finalLoss === null ? -Infinity : Math.log10(r.finalLoss))));
  return [
    claim({
      id: 'wide-learns',
      statement: 'A student at least as wide as the teacher (m ≥ m*) drives ε_g towards 0 under gradient flow (the realisable case).',
      observable: `fraction of runs with m ≥ ${TEACHER_WIDTH} reaching ε_g < ${LEARNED}`,
      prediction: { text: 'all of them', source: 'a global minimum with ε_g = 0 exists for m ≥ m*' },
      rule: `intervalInside(Wilson 95% interval, [${LEARNED_FRACTION_MIN}, 1])`,
      measured: learnedFraction,
      result: intervalInside(learnedFraction, { min: LEARNED_FRACTION_MIN, max: 1 }, 'fraction learned'),
    }),
    claim({
      id: 'narrow-stalls',
      statement: 'A student narrower than the teacher (m = 1 < m* = 2) cannot represent it and stalls at a positive ε_g.',
      observable: 'log10 of the final ε_g of the m = 1 runs',
      prediction: { text: `above log10(${LEARNED}) + 1 = ${STALL_LOG10_MIN}`, source: 'no width-1 erf network equals a width-2 one' },
      rule: `exceeds(t-interval of the mean, ${STALL_LOG10_MIN})`,
      measured: stall,
      result: exceeds(stall, STALL_LOG10_MIN, 'log10 ε_g(end), m = 1'),
    }),
  ];
}

export const experiment: Experiment = {
  name: 'erf-width',
  title: 'Student width and gradient flow: erf teacher of width 2, d = 1000',
  sweep: erfWidthSweep,
  async run(ctx) {
    const sweep = erfWidthSweep(ctx.quick);
    const planned = parsedRuns(parseSweepSpec(sweep), sweep.base, normaliseCommitteeSpec);
    const runs: { m: number; seed: number; r: OdeResult }[] = [];
    for (const [i, run] of planned.entries()) {
      const r = await ctx.cached(run.spec, () => runOde(parseCommitteeSpec(run.spec)));
      ctx.progress?.(i + 1, planned.length);
      runs.push({ m: run.spec.model.a.length, seed: run.params['init.seed'] as number, r });
    }
    const last = (r: OdeResult): number => r.loss.length - 1;
    const resolvedEnd = (r: OdeResult): number | null => (r.loss[last(r)] > r.lossFloor[last(r)] ? r.loss[last(r)] : null);
    const firstBelow = (r: OdeResult): number | null => {
      const i = r.loss.findIndex((l) => l < LEARNED);
      return i < 0 ? null : r.t[i];
    };
    const measured: ErfWidthRun[] = runs.map(({ m, r }) => ({ m, learned: firstBelow(r) !== null, finalLoss: resolvedEnd(r) }));
    const seedOne = runs.filter((x) => x.seed === 1);
    const series: Series[] = seedOne.map(({ m, r }) => {
      const curve = resolvedCurve(r);
      return { label: `m = ${m}`, x: curve.t, y: curve.loss };
    });
    const figure: FigureSpec = {
      title: 'Population gradient flow, erf teacher (m* = 2), d = 1000',
      xLabel: 'time t',
      yLabel: 'generalisation error ε_g',
      xScale: 'log',
      yScale: 'log',
      size: 'one-column',
      series,
    };
    const rows = runs.map(({ m, seed, r }) => [m, seed, r.loss[0], resolvedEnd(r) ?? '', r.lossFloor[last(r)], firstBelow(r) ?? '', r.status, resolvedEnd(r) === null ? 'below floor' : 'resolved']);
    const claims = judge(measured);
    const seeds = Math.max(...runs.map((x) => x.seed));
    return {
      name: 'erf-width',
      title: this.title,
      claim: 'A student at least as wide as the teacher (m ≥ m* = 2) drives the population risk towards 0 under gradient flow; a narrower one (m = 1) stalls at a positive error.',
      setting: `Soft committee machine, σ = σ* = erf(u/√2), a_j = a*_k = 1, teacher T = I, student weights N(0, 0.5²) at d = 1000 (overlaps Q, R drawn as a real network of that size has them), ${seeds} seeds per width, exact population gradient flow in (Q, R) to t = ${sweep.base.times.end}, dopri5 at rtol 1e-12; ε_g is reported only above its resolution floor (rounding of the sum plus the first-order effect of the integrator tolerance on the state). ${ctx.quick ? 'Quick run.' : 'Full run.'}`,
      tables: [
        {
          caption: `Every run: ε_g at the start and the end (empty when below its resolution floor), the floor, and the first output time with ε_g < ${LEARNED} (empty when not reached)`,
          table: { columns: ['m', 'seed', 'ε_g(0)', 'ε_g(end)', 'floor', `t(ε_g < ${LEARNED})`, 'status', 'end state'], rows },
        },
      ],
      claims,
      command: `npx popflow run erf-width${ctx.quick ? '' : ' --full'}`,
      spec: sweep,
      figures: [{ file: 'loss.png', caption: 'ε_g(t) for each student width m (seed 1); each curve stops where ε_g falls below its resolution floor (rounding of the O(1) terms plus the integrator tolerance, about 1e-12 here).', spec: figure }],
      summary: `m ≥ 2 learn the width-2 erf teacher in ${measured.filter((x) => x.m >= TEACHER_WIDTH && x.learned).length}/${measured.filter((x) => x.m >= TEACHER_WIDTH).length} runs; m = 1 stalls`,
    } satisfies ReportData;
  },
};
