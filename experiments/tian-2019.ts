/**
 * Tian 2019, student-teacher ReLU networks (THEORY.md §3b; the authors' code settings): a ReLU teacher
 * of m* = 10 units with fan-out weights a*_k = k^(−p), students 1×, 2×, 5×, 10× wider with both layers
 * trained, population gradient flow from a small random start. A student unit specialises to (covers) a
 * teacher unit when their activation correlation reaches 0.95, the paper's threshold. The paper's claims:
 * strong teacher units (large a*_k) are covered first and weak ones late or never; wider students cover
 * more teacher units; specialised student units carry large output weights and the others small ones
 * (the "L-shape"). A finite-d online-SGD simulation checks the flow in the same setting.
 *
 * Rules, fixed before the run (module constants below): see `judge`.
 */
import {
  allOf,
  bootstrap,
  claim,
  exceeds,
  intervalInside,
  notTested,
  proportionInterval,
  type Claim,
  type Estimate,
} from '../src/claims/index.ts';
import {
  cosineForReluCorrelation,
  normalisedOverlaps,
  parseCommitteeSpec,
  reluActivationCorrelation,
  runOde,
} from '../src/committee/index.ts';
import { Rng } from '../src/random.ts';
import { deviation } from '../src/simulate/compare.ts';
import { parseSimulationSpec, simulate } from '../src/simulate/index.ts';
import type { FigureSpec, Series } from '../reports/plot.ts';
import type { Experiment } from './types.ts';

/** Teacher width. */
const M_STAR = 10;
/** Activation correlation at which a student unit covers a teacher unit (the paper's threshold). */
export const COVERED = 0.95;
/**
 * Student weights N(0, INIT²) per entry (Q ≈ INIT²·I) and output weights |N(0, INIT²)|: positive, as the
 * teacher's. A ReLU unit with a negative output weight shrinks to zero norm in finite time under the flow
 * (its weight gradient does not shrink with its norm), and the overlap ODE is singular at Q_jj = 0.
 */
const INIT = 0.1;
const D = 100;
/** L-shape rule: median |a_j| of specialised units over that of the rest must exceed this ratio. */
export const L_SHAPE_RATIO = 2;
/** Tolerance constant K of the simulation check, relative deviation of ε_g below K/√d (src/simulate/compare.ts). */
export const SIM_K = 5;

export const teacherWeights = (p: number): number[] => Array.from({ length: M_STAR }, (_, k) => (k + 1) ** -p);

/** One flow run, reduced to what the claims and figures need (plain JSON; null = not covered by the end). */
export interface TianRun {
  p: number;
  /** Width ratio m/m*. */
  ratio: number;
  seed: number;
  status: string;
  /** First time teacher unit k is covered (event), null when never. */
  coverTime: (number | null)[];
  /** Covered at the end (max_j activation correlation ≥ COVERED). */
  coveredAtEnd: boolean[];
  /** Per student unit at the end: best activation correlation with any teacher unit, and |a_j|. */
  units: { corr: number; absA: number }[];
}

export interface TianMeasurements {
  runs: TianRun[];
  /** Simulation check: worst relative deviation of the seed-mean ε_g from the flow, and its tolerance K/√d; null when not run. */
  simulation: { d: number; maxRel: number; tolerance: number } | null;
}

/**
 * Concordance of one run's cover order with teacher strength: over pairs k < l (a*_k > a*_l) where at
 * least one unit was covered, 1 when k was covered first (an uncovered unit's time is censored beyond the
 * end, so a covered one certainly came first), 0 when l was, ½ on a tie. Pairs where neither was covered
 * say nothing and are left out; NaN when no pair remains.
 */
export function strengthConcordance(coverTime: (number | null)[]): number {
  let s = 0;
  let n = 0;
  for (let k = 0; k < coverTime.length; k++) {
    for (let l = k + 1; l < coverTime.length; l++) {
      const tk = coverTime[k];
      const tl = coverTime[l];
      if (tk === null && tl === null) continue;
      n++;
      if (tl === null || (tk !== null && tk < tl)) s += 1;
      else if (tk !== null && tk === tl) s += 0.5;
    }
  }
  return n === 0 ? NaN : s / n;
}

const mean = (v: number[]): number => v.reduce((s, x) => s + x, 0) / v.length;
const finiteMean = (v: number[]): number => {
  const f = v.filter(Number.isFinite);
  return f.length === 0 ? NaN : mean(f);
};
function medianOf(v: number[]): number {
  if (v.length === 0) return NaN;
  const s = [...v].sort((x, y) => x - y);
  const h = Math.floor(s.length / 2);
  return s.length % 2 ? s[h] : 0.5 * (s[h - 1] + s[h]);
}
const coveredCount = (r: TianRun): number => r.coveredAtEnd.filter(Boolean).length;

/** Median |a_j| of specialised units over that of unspecialised ones, pooled over `runs` (NaN if either set is empty). */
export function lShapeRatio(runs: TianRun[]): number {
  const units = runs.flatMap((r) => r.units);
  const spec = units.filter((u) => u.corr >= COVERED).map((u) => u.absA);
  const rest = units.filter((u) => u.corr < COVERED).map((u) => u.absA);
  return medianOf(spec) / medianOf(rest);
}

/** Mean covered count at the widest ratio minus at 1×, over seed indices paired between the two widths. */
function widthGain(narrow: TianRun[], wide: TianRun[]): (sample: number[]) => number {
  return (sample) => mean(sample.map((i) => coveredCount(wide[i]))) - mean(sample.map((i) => coveredCount(narrow[i])));
}

const B = { resamples: 2000, seed: 11 };

/** The claims, from the measurements, by the rules stated in each claim. */
export function judge(m: TianMeasurements): Claim[] {
  const claims: Claim[] = [];
  const ps = [...new Set(m.runs.map((r) => r.p))].sort((a, b) => a - b);
  for (const p of ps) {
    const runs = m.runs.filter((r) => r.p === p);
    const conc = runs.map((r) => strengthConcordance(r.coverTime));
    const est = bootstrap(conc, finiteMean, B);
    claims.push(
      claim({
        id: `strong-first-p${p}`,
        statement: `Teacher units with large fan-out weights are learned first, weak ones late (Tian 2019, its success-rate-per-teacher-unit plots); here a*_k = k^−${p}`,
        observable: 'concordance of the cover order with the strength order (pairs of teacher units, at least one covered), mean over runs of all widths',
        prediction: { text: 'above ½ (½ = cover order unrelated to strength)', source: 'the paper' },
        rule: 'exceeds(concordance, 0.5) on a bootstrap interval over runs',
        measured: est,
        result: exceeds(est, 0.5, 'concordance'),
      }),
    );
  }
  // Width: p = 1, the widest student against 1×, seeds paired by index.
  const atP1 = m.runs.filter((r) => r.p === 1);
  const ratios = [...new Set(atP1.map((r) => r.ratio))].sort((a, b) => a - b);
  const narrow = atP1.filter((r) => r.ratio === ratios[0]);
  const wideRatio = ratios[ratios.length - 1];
  const wide = atP1.filter((r) => r.ratio === wideRatio);
  const n = Math.min(narrow.length, wide.length);
  if (ratios.length < 2 || n === 0) {
    claims.push(claim({ id: 'wider-covers-more', statement: 'Over-parameterisation covers more teacher units (Tian 2019, abstract)', observable: 'teacher units covered at the end', prediction: { text: 'more at larger width', source: 'the paper' }, rule: 'exceeds(gain, 0)', result: notTested('fewer than two widths at p = 1') }));
  } else {
    const gain = bootstrap(Array.from({ length: n }, (_, i) => i), widthGain(narrow, wide), B);
    claims.push(
      claim({
        id: 'wider-covers-more',
        statement: `Over-parameterisation covers more teacher units (Tian 2019, abstract): ${wideRatio}× against 1× the teacher width, p = 1`,
        observable: `teacher units covered at the end (activation correlation ≥ ${COVERED}), mean over seeds, ${wideRatio}× minus 1×`,
        prediction: { text: 'a positive gain', source: 'the paper' },
        rule: 'exceeds(gain, 0) on a bootstrap interval over seed indices (paired)',
        measured: gain,
        result: exceeds(gain, 0, 'covered-units gain'),
      }),
    );
  }
  // L-shape: over-parameterised students (≥ 2×) at p = 1.
  const over = atP1.filter((r) => r.ratio >= 2);
  const lEst: Estimate | null = over.length > 0 ? bootstrap(over, lShapeRatio, B) : null;
  claims.push(
    claim({
      id: 'l-shape',
      statement: 'Specialised student units have large fan-out weights and unspecialised ones small (the "L-shape" plot of Tian 2019)',
      observable: `median |a_j| of units with best activation correlation ≥ ${COVERED} over that of the rest, students ≥ 2× wide, p = 1, pooled over runs`,
      prediction: { text: `ratio above ${L_SHAPE_RATIO}`, source: 'the paper (a clear separation of the two groups)' },
      rule: `exceeds(ratio, ${L_SHAPE_RATIO}) on a bootstrap interval over runs`,
      measured: lEst ?? undefined,
      result: lEst ? exceeds(lEst, L_SHAPE_RATIO, 'norm ratio') : notTested('no student wider than 1× was run'),
    }),
  );
  const sim = m.simulation;
  const exact = (v: number): Estimate => ({ value: v, lo: v, hi: v, level: 0.95, method: 'worst case over output times of the seed mean' });
  claims.push(
    claim({
      id: 'simulation-follows-flow',
      statement: 'popflow check, not a claim of the paper: finite-d online SGD with a small step follows the population flow the claims above are read from',
      observable: 'max over output times of |mean ε_sim − ε_flow|/ε_flow (time t = ηα)',
      prediction: { text: `below ${SIM_K}/√d${sim ? ` = ${(SIM_K / Math.sqrt(sim.d)).toPrecision(3)} at d = ${sim.d}` : ''}`, source: 'O(1/√d) fluctuations (src/simulate/compare.ts)' },
      rule: `intervalInside([0, ${SIM_K}/√d])`,
      measured: sim ? exact(sim.maxRel) : undefined,
      result: sim ? allOf([intervalInside(exact(sim.maxRel), { min: 0, max: sim.tolerance }, 'max |Δε_g|/ε_g')]) : notTested('no simulation in this run'),
    }),
  );
  return claims;
}

/** Settings of the quick and full runs. */
function plan(quick: boolean): { p: number; ratio: number; seeds: number }[] {
  if (quick) return [{ p: 1, ratio: 1, seeds: 5 }, { p: 1, ratio: 2, seeds: 5 }];
  return [
    ...[0.5, 1, 1.5, 2].flatMap((p) => [1, 2].map((ratio) => ({ p, ratio, seeds: 12 }))),
    { p: 1, ratio: 5, seeds: 8 },
    { p: 1, ratio: 10, seeds: 4 },
  ];
}

function flowSpec(p: number, ratio: number, seed: number, end: number, cosine: number) {
  const m = ratio * M_STAR;
  const rng = new Rng(1000 * seed + m);
  return {
    model: { activation: 'relu', a: Array.from({ length: m }, () => INIT * Math.abs(rng.normal())), aStar: teacherWeights(p), trainSecondLayer: true },
    dynamics: { kind: 'gradient-flow' },
    init: { kind: 'random', d: D, scale: INIT, seed },
    times: { end, points: 25, spacing: 'log', min: 0.1 },
    solver: { rtol: 1e-6, atol: 1e-9 },
    events: { specialisation: cosine },
  };
}

/** Best activation correlation of each student unit with any teacher unit, and per teacher unit with any student unit. */
function correlations(Q: number[][], R: number[][], T: number[][]): { perStudent: number[]; perTeacher: number[] } {
  const c = normalisedOverlaps(Q, R, T).map((row) => row.map(reluActivationCorrelation));
  return { perStudent: c.map((row) => Math.max(...row)), perTeacher: T.map((_, k) => Math.max(...c.map((row) => row[k]))) };
}

export const experiment: Experiment = {
  name: 'tian-2019',
  title: 'ReLU student-teacher: strong teacher units are covered first (Tian 2019)',
  async run(ctx) {
    const started = Date.now();
    const end = ctx.quick ? 300 : 1000;
    const cosine = cosineForReluCorrelation(COVERED);
    const cells = plan(ctx.quick);
    const total = cells.reduce((s, c) => s + c.seeds, 0);
    const runs: TianRun[] = [];
    for (const cell of cells) {
      for (let seed = 1; seed <= cell.seeds; seed++) {
        const spec = flowSpec(cell.p, cell.ratio, seed, end, cosine);
        runs.push(
          await ctx.cached({ experiment: 'tian-2019', spec }, () => {
            const r = runOde(parseCommitteeSpec(spec));
            const last = r.t.length - 1;
            const c = correlations(r.Q[last], r.R[last], r.T);
            return {
              p: cell.p,
              ratio: cell.ratio,
              seed,
              status: r.status,
              coverTime: Array.from({ length: M_STAR }, (_, k) => r.events.find((e) => e.name === `specialised-${k}`)?.t ?? null),
              coveredAtEnd: c.perTeacher.map((v) => v >= COVERED),
              units: c.perStudent.map((corr, j) => ({ corr, absA: Math.abs(r.a[last][j]) })),
            };
          }),
        );
        ctx.progress?.(runs.length, total);
      }
      const mine = runs.filter((r) => r.p === cell.p && r.ratio === cell.ratio);
      ctx.log(`p = ${cell.p}, ${cell.ratio}×: covered units per seed ${mine.map(coveredCount).join(' ')}`);
    }
    const failed = runs.filter((r) => r.status !== 'success');
    // Simulation check: online SGD at finite d, small step, against the flow from its own initial overlaps.
    const simSetting = ctx.quick ? { d: 200, lr: 0.1, tEnd: 5, seeds: 2 } : { d: 500, lr: 0.05, tEnd: 15, seeds: 2 };
    const simModel = { activation: 'relu', a: flowSpec(1, 1, 1, end, cosine).model.a, aStar: teacherWeights(1), trainSecondLayer: true };
    const alphas = Array.from({ length: 16 }, (_, i) => (i * simSetting.tEnd) / simSetting.lr / 15);
    const simSpec = { model: simModel, dynamics: { kind: 'online-sgd', lr: simSetting.lr }, times: alphas, d: simSetting.d, seeds: simSetting.seeds, init: { scale: INIT, seed: 1 }, backend: 'js' };
    const sim = await ctx.cached({ experiment: 'tian-2019', simulation: simSpec }, async () => {
      const s = await simulate(parseSimulationSpec(simSpec));
      const ode = runOde(parseCommitteeSpec({ model: simModel, dynamics: { kind: 'gradient-flow' }, init: { Q: s.initial.Q, R: s.initial.R, T: s.initial.T }, times: alphas.map((a) => a * simSetting.lr), solver: { rtol: 1e-8, atol: 1e-11 } }));
      if (ode.status !== 'success') ctx.log(`simulation check: flow ${ode.status}: ${ode.message}`);
      const row = deviation(simSetting.d, s, ode, SIM_K / Math.sqrt(simSetting.d));
      const lastS = s.t.length - 1;
      const simCorr = s.runs.map((run) => correlations(run.Q[lastS], run.R[lastS], s.initial.T).perTeacher);
      return {
        t: ode.t,
        simLoss: s.lossMean,
        simLo: s.lossMean.map((v, i) => v - s.lossStd[i]),
        simHi: s.lossMean.map((v, i) => v + s.lossStd[i]),
        odeLoss: ode.loss,
        maxRel: row.maxRel,
        tolerance: row.tolerance,
        simCorr: M_STAR > 0 ? Array.from({ length: M_STAR }, (_, k) => mean(simCorr.map((c) => c[k]))) : [],
        odeCorr: correlations(ode.Q[lastS], ode.R[lastS], ode.T).perTeacher,
        wall: s.timing.wallSeconds,
        backend: `${s.backend.name} (${s.backend.description})`,
      };
    });
    ctx.log(`simulation d = ${simSetting.d}: max |Δε_g|/ε_g = ${sim.maxRel.toPrecision(3)} (tolerance ${sim.tolerance.toPrecision(3)})`);
    const measurements: TianMeasurements = { runs, simulation: { d: simSetting.d, maxRel: sim.maxRel, tolerance: sim.tolerance } };
    const claims = judge(measurements);
    const wall = (Date.now() - started) / 1000;

    // Figures: coverage fraction per teacher index with Wilson intervals.
    // Series i of n is shifted sideways by a tenth of a unit per step so that points and bands do not hide each other.
    const coverageSeries = (sel: TianRun[], label: string, i: number, n: number): Series => {
      const ests = Array.from({ length: M_STAR }, (_, k) => proportionInterval(sel.filter((r) => r.coveredAtEnd[k]).length, sel.length));
      const shift = 0.1 * (i - (n - 1) / 2);
      return { label, x: ests.map((_, k) => k + 1 + shift), y: ests.map((e) => e.value), band: { lo: ests.map((e) => e.lo), hi: ests.map((e) => e.hi) }, style: 'line+points', colour: i };
    };
    const ratiosAtP1 = [...new Set(runs.filter((r) => r.p === 1).map((r) => r.ratio))];
    const ps = [...new Set(runs.map((r) => r.p))];
    /** Fraction of seeds covering each teacher unit, one series per group of runs. */
    const coverageFigure = (title: string, decay: string, groups: { label: string; sel: typeof runs }[]): FigureSpec => ({
      title,
      xLabel: `teacher unit k (a*_k = k^{−${decay}})`,
      yLabel: 'fraction of seeds covering k',
      size: 'one-column',
      xMin: 0.5,
      xMax: M_STAR + 0.5,
      yMin: -0.05,
      yMax: 1.05,
      series: groups.map((g, i) => coverageSeries(g.sel, `${g.label} (${g.sel.length} seeds)`, i, groups.length)),
    });
    const coverageByWidth = coverageFigure(
      'Teacher units covered, by student width (p = 1)',
      '1',
      ratiosAtP1.map((ratio) => ({ label: `${ratio}×`, sel: runs.filter((r) => r.p === 1 && r.ratio === ratio) })),
    );
    const coverageByP = coverageFigure(
      'Teacher units covered, by fan-out decay (1× width)',
      'p',
      ps.map((p) => ({ label: `p = ${p}`, sel: runs.filter((r) => r.p === p && r.ratio === 1) })),
    );
    const lShape: FigureSpec = {
      title: 'L-shape: best correlation against output weight (p = 1)',
      xLabel: '|a_j| (output weight of student unit j)',
      yLabel: 'best activation correlation',
      xScale: 'log',
      xMin: Math.min(...runs.filter((r) => r.p === 1).flatMap((r) => r.units.map((u) => u.absA))) / 2,
      xMax: Math.max(...runs.filter((r) => r.p === 1).flatMap((r) => r.units.map((u) => u.absA))) * 2,
      yMin: 0,
      yMax: 1.05,
      size: 'one-column',
      series: ratiosAtP1.map((ratio, i) => {
        const units = runs.filter((r) => r.p === 1 && r.ratio === ratio).flatMap((r) => r.units);
        return { label: `${ratio}×`, x: units.map((u) => u.absA), y: units.map((u) => u.corr), style: 'points' as const, colour: i };
      }),
    };
    const positive = sim.t.map((_, i) => i).filter((i) => sim.t[i] > 0);
    const simFigure: FigureSpec = {
      title: `Online SGD at d = ${simSetting.d} against the flow (m = m* = 10, p = 1)`,
      xLabel: 'time t = ηα',
      yLabel: 'ε_g',
      xScale: 'log',
      yScale: 'log',
      xMin: sim.t[positive[0]] / 1.3,
      xMax: sim.t[positive[positive.length - 1]] * 1.3,
      yMin: Math.min(...positive.map((i) => Math.min(sim.odeLoss[i], sim.simLo[i]))) / 1.3,
      yMax: Math.max(...positive.map((i) => Math.max(sim.odeLoss[i], sim.simHi[i]))) * 1.3,
      size: 'one-column',
      series: [
        { label: 'flow from the simulation start', x: positive.map((i) => sim.t[i]), y: positive.map((i) => sim.odeLoss[i]), style: 'line' },
        { label: `SGD, mean ± sd of ${simSetting.seeds} seeds`, x: positive.map((i) => sim.t[i]), y: positive.map((i) => sim.simLoss[i]), band: { lo: positive.map((i) => sim.simLo[i]), hi: positive.map((i) => sim.simHi[i]) }, style: 'points' },
      ],
    };
    // Cover times: median over seeds where at least half the seeds covered the unit; the others are named.
    const coverRows: (string | number)[][] = [];
    for (const cell of cells) {
      const sel = runs.filter((r) => r.p === cell.p && r.ratio === cell.ratio);
      for (let k = 0; k < M_STAR; k++) {
        const times = sel.map((r) => r.coverTime[k]).filter((t): t is number => t !== null);
        const frac = proportionInterval(sel.filter((r) => r.coveredAtEnd[k]).length, sel.length);
        const med = times.length * 2 >= sel.length ? medianOf(times.concat(Array(sel.length - times.length).fill(Infinity))) : NaN;
        coverRows.push([cell.p, cell.ratio * M_STAR, k + 1, teacherWeights(cell.p)[k], sel.length, times.length, frac.value, frac.lo, frac.hi, Number.isFinite(med) ? med : '', Number.isFinite(med) ? 'median' : 'censored: fewer than half the seeds covered it by the end']);
      }
    }
    const censored = coverRows.filter((r) => r[0] === 1 && r[10] !== 'median');
    const coverTimeFigure: FigureSpec = {
      title: 'Median cover time (p = 1)',
      xLabel: 'teacher unit k',
      yLabel: 'cover time t',
      yScale: 'log',
      yMin: Math.min(...coverRows.filter((r) => r[10] === 'median').map((r) => r[9] as number)) / 1.5,
      yMax: Math.max(...coverRows.filter((r) => r[10] === 'median').map((r) => r[9] as number)) * 1.5,
      size: 'one-column',
      xMin: 0.5,
      xMax: M_STAR + 0.5,
      series: ratiosAtP1.map((ratio, i) => {
        const rows = coverRows.filter((r) => r[0] === 1 && r[1] === ratio * M_STAR && r[10] === 'median');
        return { label: `${ratio}×`, x: rows.map((r) => r[2] as number), y: rows.map((r) => r[9] as number), style: 'line+points' as const, colour: i };
      }),
    };
    const claimRows = claims.map((c) => [c.id, c.measured?.value ?? '', c.measured?.lo ?? '', c.measured?.hi ?? '', c.verdict]);
    return {
      name: 'tian-2019',
      title: this.title,
      claim:
        'Student units specialise to teacher units; teacher units with large fan-out weights are covered first and weak ones late; over-parameterisation covers more teacher units; specialised units carry large output weights, the rest small ones (the L-shape).',
      setting:
        `${ctx.quick ? 'Quick run' : 'Full run'} (this invocation: ${wall.toFixed(0)} s on a shared 2-core machine; units found in the run cache are not recomputed). ReLU teacher and student, teacher m* = ${M_STAR} with orthonormal rows (T = I) and fan-out weights a*_k = k^(−p), p ∈ {${ps.join(', ')}}; students ${[...new Set(cells.map((c) => c.ratio))].join('×, ')}× wider (m = ${[...new Set(cells.map((c) => c.ratio * M_STAR))].join(', ')}), both layers trained; ` +
        `population gradient flow (exact overlap ODE, dopri5, rtol 1e-6) from a random start at d = ${D}: student entries N(0, ${INIT}²), output weights |N(0, ${INIT}²)| (positive); to t = ${end}; seeds per cell: ${cells.map((c) => `p = ${c.p}, ${c.ratio}×: ${c.seeds}`).join('; ')}. ` +
        `Covered: activation correlation ≥ ${COVERED} (cosine ≥ ${cosine.toFixed(4)} for ReLU), located as an event. ` +
        `Simulation check: online SGD (one fresh sample per step, both layers at η = ${simSetting.lr}) at d = ${simSetting.d}, ${simSetting.seeds} seeds, m = m* = 10, p = 1, to t = ηα = ${simSetting.tEnd}, against the flow from its own initial overlaps (${sim.backend}, ${sim.wall.toFixed(0)} s). ` +
        `Deviations from the paper: no biases and one output (the authors' code has both); population flow instead of SGD on N = 10⁴ samples with batch 16 (the simulation check uses online SGD, not a fixed training set); init scale ${INIT} rather than 0.005; output weights started positive (with random signs, units with a negative output weight shrink to zero norm in finite time under the flow, where the ReLU overlap ODE is singular and the integration stops); the flow is stopped at t = ${end}, so "never covered" means not by then; ` +
        `the simulation check compares against the flow (the η² term of online SGD is not in it: ReLU's four-point integrals make the online-SGD ODE too slow at m = 10). ${failed.length > 0 ? `${failed.length} flow runs ended early (${failed[0].status}).` : 'Every flow run reached its end time.'}`,
      tables: [
        { caption: 'Claims: measured values with 95% intervals', table: { columns: ['claim', 'value', 'lo', 'hi', 'verdict'], rows: claimRows } },
        {
          caption: 'Coverage per teacher unit: seeds covering it at the end (Wilson interval), and the median cover time where at least half the seeds covered it (uncovered seeds count as later than any covered one)',
          table: { columns: ['p', 'm', 'k', 'a*_k', 'seeds', 'seeds with a cover event', 'fraction covered at end', 'lo', 'hi', 'median cover time', 'status'], rows: coverRows },
        },
        {
          caption: `Simulation check at d = ${simSetting.d}: seed-mean ε_g against the flow, and the best activation correlation per teacher unit at t = ${simSetting.tEnd}`,
          table: {
            columns: ['k', 'best correlation, simulation (seed mean)', 'best correlation, flow'],
            rows: sim.simCorr.map((c, k) => [k + 1, c, sim.odeCorr[k]]),
          },
        },
      ],
      claims,
      command: `npx popflow run tian-2019${ctx.quick ? '' : ' --full'}`,
      spec: flowSpec(1, 1, 1, end, cosine),
      figures: [
        { file: 'coverage-by-width.png', caption: `Fraction of seeds whose student covers teacher unit k at t = ${end} (activation correlation ≥ ${COVERED}), p = 1, per student width (series shifted sideways by 0.1 for legibility); bands: 95% Wilson intervals.`, spec: coverageByWidth },
        { file: 'coverage-by-p.png', caption: `Fraction of seeds covering teacher unit k at t = ${end}, 1× width, per fan-out decay p; bands: 95% Wilson intervals.`, spec: coverageByP },
        { file: 'l-shape.png', caption: `Each student unit's best activation correlation with a teacher unit against its output weight |a_j| at t = ${end}, p = 1, all seeds.`, spec: lShape },
        {
          file: 'cover-time.png',
          caption: `Median cover time of teacher unit k, p = 1, where at least half the seeds covered it.${censored.length > 0 ? ` Not drawn (fewer than half the seeds covered them by t = ${end}): ${censored.map((r) => `k = ${r[2]} at m = ${r[1]}`).join(', ')}.` : ''}`,
          spec: coverTimeFigure,
        },
        { file: 'simulation.png', caption: `ε_g of online SGD at d = ${simSetting.d} (points: seed mean, band ± sd) and of the population flow from the same start (line).`, spec: simFigure },
      ],
      summary: claims.map((c) => `${c.id}: ${c.verdict}`).join('; '),
    };
  },
};
