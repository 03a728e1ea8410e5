/**
 * Zhou, Ge & Jin 2021 (COLT), local convergence of mildly over-parameterized two-layer networks, in the
 * paper's model: teacher Σ_k |w*_k·x|, student Σ_j ‖w_j‖ |w_j·x| (absolute-value activation, output
 * weights tied to the norms), exact population gradient flow in (Q, R) (src/committee/tied.ts).
 * Students of width r … 8r start at loss ε₀ near an r-unit teacher. Thm 4: ‖∇L‖ ≥ κ L; Thm 5:
 * L = O(1/t); both with constants independent of m. The paper's example: two δ-close students, L = Θ(δ³).
 */
import {
  bootstrap, claim, exceeds, intervalInside, matchesValue, notTested, type Claim, type Estimate,
} from '../src/claims/index.ts';
import { TiedFlow, runTiedFlow, tiedStudentsNearTeacher } from '../src/committee/index.ts';
import { fitLine, fitPowerLaw, median } from '../src/stats/index.ts';
import type { FigureSpec, Series } from '../reports/plot.ts';
import type { ReportData } from '../reports/report.ts';
import type { Experiment, ExperimentContext } from './types.ts';

/**
 * The losses the runs start at ("once L ≤ ε₀"): the theorem's ε₀ is not known, so the bounds are
 * measured from two starting losses (1e-2 is 0.6% of the loss of the zero student for r = 2).
 */
export const EPS0 = [1e-2, 1e-3];
/** Dimension at which the random perturbation of the students is drawn (only the overlaps enter). */
const D = 100;
/** Values with L ≤ RESOLVED × its floor (rounding plus integrator tolerance) are not used. */
const RESOLVED = 10;
/** Integrator tolerances. */
const RTOL = 1e-12;
const ATOL = 1e-15;
/**
 * Rules, fixed before the run. A bound "independent of m": the slope of ln κ̂ (ln Ĉ) against ln m over
 * m = r … 8r may not fall below −SLOPE_TOL (rise above +SLOPE_TOL): a change by more than 8^0.25 ≈ 1.7
 * across the range in the direction that weakens the bound counts as m-dependent.
 */
export const SLOPE_TOL = 0.25;
/** Thm 5, L = O(1/t): late power-law exponents β of L ∝ t^−β must exceed 1 for every m > r. */
export const RATE_MIN = 1;
/** popflow's derivation (docs/zhou-ge.md): β = 3 for m > r, within ±BETA_TOL. */
export const BETA_PREDICTED = 3;
export const BETA_TOL = 0.3;
/** The two-close-students example: L ∝ δ^p with p = 3 ± DELTA_TOL. */
export const DELTA_TOL = 0.1;
/** δ range of the example's fit (its correction to δ³ is O(δ)). */
const DELTA_FIT: [number, number] = [1e-4, 1e-2];

interface Setup {
  r: number;
  widths: number[];
  seeds: number[];
  end: number;
  points: number;
  eps0: number[];
}
const SETUPS: Record<'quick' | 'full', Setup> = {
  quick: { r: 2, widths: [2, 4, 8], seeds: [1, 2, 3, 4], end: 1e3, points: 61, eps0: [EPS0[0]] },
  full: { r: 2, widths: [2, 4, 6, 8, 12, 16], seeds: Array.from({ length: 10 }, (_, i) => i + 1), end: 3e3, points: 81, eps0: EPS0 },
};

/** One run, as cached: plain JSON (non-finite values never occur: unresolved points are flagged instead). */
interface Run {
  eps0: number;
  m: number;
  seed: number;
  perturbation: number;
  t: number[];
  loss: number[];
  gradNorm: number[];
  resolved: boolean[];
  status: string;
}

/** What the judge reads: per-run bounds and late exponents, and the δ example. */
export interface ZhouMeasurements {
  r: number;
  runs: { eps0: number; m: number; seed: number; kappa: number | null; C: number | null; beta: number | null }[];
  delta: { delta: number[]; loss: number[] };
}

const teacherModel = (r: number, T: number[][]) => ({ activation: 'abs', teacherActivation: 'abs', aStar: Array(r).fill(1), T });

/** Students near the teacher with the perturbation scaled so that L(0) = ε₀ (fixed-point iteration on L ∝ s²). */
function startAt(eps0: number, m: number, r: number, seed: number) {
  let s = 0.1;
  let start = tiedStudentsNearTeacher(m, r, D, s, seed);
  const flow = new TiedFlow(teacherModel(r, start.T), m);
  const lossAt = (o: typeof start) => flow.loss(flow.layout.pack(o.Q, o.R, [])).value;
  for (let k = 0; k < 30 && Math.abs(lossAt(start) / eps0 - 1) > 1e-6; k++) {
    s *= Math.sqrt(eps0 / lossAt(start));
    start = tiedStudentsNearTeacher(m, r, D, s, seed);
  }
  return { ...start, perturbation: s };
}

function simulate(eps0: number, m: number, seed: number, s: Setup): Run {
  const start = startAt(eps0, m, s.r, seed);
  const times = [0, ...Array.from({ length: s.points }, (_, i) => 10 ** (-2 + ((Math.log10(s.end) + 2) * i) / (s.points - 1)))];
  const res = runTiedFlow({ model: teacherModel(s.r, start.T), Q: start.Q, R: start.R, times, rtol: RTOL, atol: ATOL, maxSteps: 1e7 });
  // a point is resolved while the loss stays above RESOLVED × its floor (and every earlier point was)
  let ok = true;
  const resolved = res.loss.map((l, i) => (ok = ok && l > RESOLVED * res.lossFloor[i]));
  return { eps0, m, seed, perturbation: start.perturbation, t: res.t, loss: res.loss, gradNorm: res.gradNorm, resolved, status: res.status };
}

/** κ̂ = min ‖∇L‖/L and Ĉ = max t·L over the resolved part; β: power-law fit of the last resolved decade (null if short). */
export function runBounds(run: Pick<Run, 't' | 'loss' | 'gradNorm' | 'resolved'>, end: number) {
  const idx = run.t.map((_, i) => i).filter((i) => run.resolved[i]);
  const kappa = idx.length ? Math.min(...idx.map((i) => run.gradNorm[i] / run.loss[i])) : null;
  const C = idx.length ? Math.max(...idx.map((i) => run.t[i] * run.loss[i])) : null;
  const late = idx.filter((i) => run.t[i] >= end / 10);
  const allLateResolved = run.t.every((t, i) => t < end / 10 || run.resolved[i]);
  const beta = allLateResolved && late.length >= 4 ? -fitPowerLaw(late.map((i) => run.t[i]), late.map((i) => run.loss[i])).slope : null;
  return { kappa, C, beta };
}

/** The paper's example: one teacher unit w*, two students (w* ± δu)/√(2(1 + δ²)), u ⊥ w*, ‖u‖ = 1. */
export function closeStudents(delta: number): { Q: number[][]; R: number[][]; T: number[][] } {
  const n = 2 * (1 + delta * delta);
  const q12 = (1 - delta * delta) / n;
  return { Q: [[0.5, q12], [q12, 0.5]], R: [[1 / Math.sqrt(n)], [1 / Math.sqrt(n)]], T: [[1]] };
}

/** Slope of ln y against ln m for the given runs (NaN when undefined). */
function logSlope(rows: { m: number; v: number | null }[]): number {
  if (rows.some((x) => x.v === null || !(x.v > 0))) return NaN;
  return fitLine(rows.map((x) => Math.log(x.m)), rows.map((x) => Math.log(x.v!))).slope;
}

/** Paired bootstrap over seeds: a resample takes all widths of each drawn seed. */
function overSeeds(runs: ZhouMeasurements['runs'], stat: (rs: ZhouMeasurements['runs']) => number): Estimate {
  const seeds = [...new Set(runs.map((x) => x.seed))];
  const bySeed = new Map(seeds.map((s) => [s, runs.filter((x) => x.seed === s)]));
  return bootstrap(seeds, (sample) => stat(sample.flatMap((s) => bySeed.get(s)!)), { seed: 7 });
}

const mean = (v: number[]): number => v.reduce((a, b) => a + b, 0) / v.length;

/** The claims, judged by the rules above (pure: synthetic measurements in the tests). */
export function judge(meas: ZhouMeasurements): Claim[] {
  const { r, runs } = meas;
  const widthsOver = [...new Set(runs.filter((x) => x.m > r).map((x) => x.m))].sort((a, b) => a - b);
  const betaOf = (rs: ZhouMeasurements['runs'], m: number): number => {
    const b = rs.filter((x) => x.m === m).map((x) => x.beta);
    return b.some((x) => x === null) ? NaN : mean(b as number[]);
  };
  const eps0s = [...new Set(runs.map((x) => x.eps0))].sort((a, b) => b - a);
  const first = runs.filter((x) => x.eps0 === eps0s[0]);
  const betaMin = overSeeds(first, (rs) => Math.min(...widthsOver.map((m) => betaOf(rs, m))));
  const betaMean = overSeeds(first, (rs) => mean(widthsOver.map((m) => betaOf(rs, m))));
  const { delta, loss } = meas.delta;
  const fitIdx = delta.map((_, i) => i).filter((i) => delta[i] >= DELTA_FIT[0] && delta[i] <= DELTA_FIT[1]);
  const local = fitIdx.slice(1).map((i, k) => Math.log(loss[i] / loss[fitIdx[k]]) / Math.log(delta[i] / delta[fitIdx[k]]));
  const fit = fitPowerLaw(fitIdx.map((i) => delta[i]), fitIdx.map((i) => loss[i]));
  const deltaExp: Estimate = {
    value: fit.slope,
    lo: local.length ? Math.min(fit.slope, ...local) : NaN,
    hi: local.length ? Math.max(fit.slope, ...local) : NaN,
    level: 1,
    method: `least-squares slope of ln L on ln δ over δ ∈ [${DELTA_FIT.join(', ')}]; interval: range of the local slopes between successive δ (deterministic, no seeds)`,
  };
  const widthsText = `m ∈ {${[...new Set(runs.map((x) => x.m))].join(', ')}}, r = ${r}`;
  return [
    ...eps0s.flatMap((eps0, k) => {
      const at = runs.filter((x) => x.eps0 === eps0);
      const suffix = k === 0 ? '' : `-eps0-${eps0}`;
      const kappaSlope = overSeeds(at, (rs) => logSlope(rs.map((x) => ({ m: x.m, v: x.kappa }))));
      const cSlope = overSeeds(at, (rs) => logSlope(rs.map((x) => ({ m: x.m, v: x.C }))));
      return [
        claim({
          id: `gradient-bound-independent-of-m${suffix}`,
          statement: 'Thm 4: once L ≤ ε₀, ‖∇L‖ ≥ κ·L with κ independent of the number m of student neurons.',
          observable: `κ̂ = min over the run of ‖∇_w L‖/L, each run started at L = ${eps0}; slope of ln κ̂ against ln m (${widthsText})`,
          prediction: { text: `no decrease with m: slope ≥ −${SLOPE_TOL}`, source: 'Zhou, Ge & Jin 2021, Thm 4' },
          rule: `intervalInside(slope, [−${SLOPE_TOL}, ∞)), paired bootstrap over seeds`,
          measured: kappaSlope,
          result: intervalInside(kappaSlope, { min: -SLOPE_TOL }, 'slope of ln κ̂ on ln m'),
        }),
        claim({
          id: `rate-bound-independent-of-m${suffix}`,
          statement: 'Thm 5: reaching loss ε takes O(1/ε) time, i.e. t·L(t) stays below a constant independent of m.',
          observable: `Ĉ = max over the run of t·L(t) (t from the start at L = ${eps0}); slope of ln Ĉ against ln m (${widthsText})`,
          prediction: { text: `no increase with m: slope ≤ ${SLOPE_TOL}`, source: 'Zhou, Ge & Jin 2021, Thm 5' },
          rule: `intervalInside(slope, (−∞, ${SLOPE_TOL}]), paired bootstrap over seeds`,
          measured: cSlope,
          result: intervalInside(cSlope, { max: SLOPE_TOL }, 'slope of ln Ĉ on ln m'),
        }),
      ];
    }),
    claim({
      id: 'loss-decays-at-least-as-1/t',
      statement: 'Thm 5: L = O(1/t) for over-parameterized students (m > r).',
      observable: `late exponent β of L ∝ t^−β (fit over the last decade of time), runs from L = ${eps0s[0]}, mean over seeds, the smallest over m > r`,
      prediction: { text: `β ≥ ${RATE_MIN}`, source: 'Zhou, Ge & Jin 2021, Thm 5' },
      rule: `exceeds(min_m β̄(m), ${RATE_MIN}), bootstrap over seeds; an unresolved late decade is a censored value and widens the interval`,
      measured: betaMin,
      result: exceeds(betaMin, RATE_MIN, 'min over m of the mean late exponent'),
    }),
    claim({
      id: 'late-exponent-three',
      statement: 'popflow derivation (docs/zhou-ge.md): students sharing a teacher unit close in angle like δ ∝ 1/t and L ∝ δ³, so L ∝ t^−3 for every m > r.',
      observable: `late exponent β of L ∝ t^−β, runs from L = ${eps0s[0]}, mean over m > r and seeds`,
      prediction: { text: `β = ${BETA_PREDICTED}`, source: 'docs/zhou-ge.md (derived here, not in the paper)' },
      rule: `matchesValue(β, ${BETA_PREDICTED}, ±${BETA_TOL}), bootstrap over seeds`,
      measured: betaMean,
      result: matchesValue(betaMean, BETA_PREDICTED, BETA_TOL, 'mean late exponent'),
    }),
    claim({
      id: 'two-close-students-delta-cubed',
      statement: 'The paper\'s example (§ on the lower bound): two students δ-close to one teacher neuron have L = Θ(δ³).',
      observable: 'exponent p of L ∝ δ^p at δ → 0, exact population loss',
      prediction: { text: 'p = 3', source: 'Zhou, Ge & Jin 2021 (two-close-students example)' },
      rule: `matchesValue(p, 3, ±${DELTA_TOL}) on the range of local slopes`,
      measured: deltaExp,
      result: matchesValue(deltaExp, 3, DELTA_TOL, 'exponent of L in δ'),
    }),
    claim({
      id: 'threshold-and-constants',
      statement: 'Thm 4/5: the threshold ε₀ and the constants depend on r, w_max and the teacher\'s separation only.',
      observable: '—',
      prediction: { text: 'explicit ε₀, κ', source: 'Zhou, Ge & Jin 2021, Thms 4–5' },
      rule: 'none',
      result: notTested('the theorems bound the worst case over all starts with L ≤ ε₀; random starts at L = ε₀ measure typical constants, not the worst case, and the explicit ε₀ is not computed'),
    }),
  ];
}

/** Median and [min, max] over seeds of y at each time where every seed is resolved. */
function seedBand(runs: Run[], y: (run: Run, i: number) => number, from: number): Series['band'] & { x: number[]; y: number[] } {
  const x: number[] = [];
  const mid: number[] = [];
  const lo: number[] = [];
  const hi: number[] = [];
  for (let i = from; i < runs[0].t.length; i++) {
    if (!runs.every((r) => r.resolved[i])) break;
    const v = runs.map((r) => y(r, i));
    x.push(runs[0].t[i]);
    mid.push(median(v));
    lo.push(Math.min(...v));
    hi.push(Math.max(...v));
  }
  return { x, y: mid, lo, hi };
}

export const experiment: Experiment = {
  name: 'zhou-ge-2021',
  title: 'Local convergence of mildly over-parameterized students with tied output weights (Zhou, Ge & Jin 2021)',
  async run(ctx: ExperimentContext): Promise<ReportData> {
    const s = ctx.quick ? SETUPS.quick : SETUPS.full;
    const started = Date.now();
    const runs: Run[] = [];
    for (const eps0 of s.eps0) {
      for (const m of s.widths) {
        for (const seed of s.seeds) {
          const spec = { model: 'tied abs committee', r: s.r, m, seed, eps0, d: D, end: s.end, points: s.points, rtol: RTOL, atol: ATOL, resolved: RESOLVED };
          const run = await ctx.cached(spec, () => simulate(eps0, m, seed, s));
          ctx.log(`ε₀ = ${eps0}, m = ${m}, seed ${seed}: ${run.status}, L(end) = ${run.loss[run.loss.length - 1].toExponential(2)}`);
          runs.push(run);
        }
      }
    }
    const measuredRuns = runs.map((run) => ({ eps0: run.eps0, m: run.m, seed: run.seed, ...runBounds(run, s.end) }));

    const deltas = Array.from({ length: 13 }, (_, i) => 10 ** (-4 + 0.25 * i));
    const example = deltas.map((delta) => {
      const o = closeStudents(delta);
      const flow = new TiedFlow(teacherModel(1, o.T), 2);
      const y = flow.layout.pack(o.Q, o.R, []);
      return { delta, loss: flow.loss(y).value, floor: flow.loss(y).floor, gradNorm: flow.gradNorm(y) };
    });
    const meas: ZhouMeasurements = { r: s.r, runs: measuredRuns, delta: { delta: deltas, loss: example.map((e) => e.loss) } };
    const claims = judge(meas);
    const wall = (Date.now() - started) / 1000;

    const byM = s.widths.map((m) => ({ m, rs: runs.filter((x) => x.m === m && x.eps0 === s.eps0[0]) }));
    const bandFigure = (title: string, yLabel: string, y: (run: Run, i: number) => number): FigureSpec => ({
      title,
      xLabel: `time t (from L = ${s.eps0[0]})`,
      yLabel,
      xScale: 'log',
      yScale: 'log',
      series: byM.map(({ m, rs }, k) => {
        const b = seedBand(rs, y, 1);
        return { label: `m = ${m}`, x: b.x, y: b.y, band: { lo: b.lo, hi: b.hi }, colour: k };
      }),
    });
    const ratioFigure = bandFigure('‖∇L‖/L along the flow (Thm 4: bounded below)', '‖∇L‖ / L', (r, i) => r.gradNorm[i] / r.loss[i]);
    const tlFigure = bandFigure('t·L(t) along the flow (Thm 5: bounded above)', 't · L(t)', (r, i) => r.t[i] * r.loss[i]);
    const lossFigure = bandFigure('Loss from L(0) = ε₀', 'L(t)', (r, i) => r.loss[i]);
    const fitted = example.filter((e) => e.delta >= DELTA_FIT[0] && e.delta <= DELTA_FIT[1]);
    const c3 = fitted[0].loss / fitted[0].delta ** 3;
    const deltaFigure: FigureSpec = {
      title: 'Two δ-close students on one teacher neuron',
      xLabel: 'δ',
      yLabel: 'L',
      xScale: 'log',
      yScale: 'log',
      series: [
        { label: 'L(δ), exact', x: example.map((e) => e.delta), y: example.map((e) => e.loss), style: 'points' },
        { label: 'c·δ³', x: example.map((e) => e.delta), y: example.map((e) => c3 * e.delta ** 3), dashed: true, style: 'line' },
      ],
    };
    const boundsFigure: FigureSpec = {
      title: 'Measured bounds against width (median, min–max over seeds)',
      xLabel: 'student width m',
      yLabel: 'κ̂ = min ‖∇L‖/L,  Ĉ = max t·L',
      xScale: 'log',
      yScale: 'log',
      series: s.eps0.flatMap((eps0, q) => (['kappa', 'C'] as const).map((key, k) => {
        const per = s.widths.map((m) => measuredRuns.filter((x) => x.m === m && x.eps0 === eps0).map((x) => x[key]).filter((v): v is number => v !== null));
        return {
          label: `${key === 'kappa' ? 'κ̂' : 'Ĉ'}, L(0) = ${eps0}`,
          dashed: q > 0,
          x: s.widths,
          y: per.map((v) => median(v)),
          band: { lo: per.map((v) => Math.min(...v)), hi: per.map((v) => Math.max(...v)) },
          style: 'line+points' as const,
          colour: k,
        };
      })),
    };

    const runRows = runs.map((run, i) => {
      const b = measuredRuns[i];
      return [run.eps0, run.m, run.seed, run.perturbation, run.loss[0], b.kappa ?? '', b.C ?? '', b.beta ?? '', b.beta === null ? 'late decade unresolved' : 'resolved', run.status];
    });
    const deltaRows = example.map((e) => [e.delta, e.loss, e.floor, e.gradNorm]);
    const short = (c: Claim) => `${c.id}: ${c.verdict}`;
    return {
      name: 'zhou-ge-2021',
      title: this.title,
      claim:
        'Once the loss is below a threshold ε₀, a student Σ_j ‖w_j‖|w_j·x| of any width m ≥ r learning a teacher Σ_k |w*_k·x| satisfies ‖∇L‖ ≥ κL (Thm 4) and L = O(1/t) (Thm 5), with constants independent of m; two δ-close students have L = Θ(δ³) (Zhou, Ge & Jin 2021).',
      setting:
        `${ctx.quick ? 'Quick run' : `Full run (wall time ${wall.toFixed(0)} s on 2 shared cores)`}. The paper's model: absolute-value activation for teacher and student, student output weights tied to the norms (a_j = ‖w_j‖ = √Q_jj), ` +
        `teacher of r = ${s.r} orthonormal unit-norm neurons (T = I, a* = 1); widths m ∈ {${s.widths.join(', ')}}; seeds {${s.seeds.join(', ')}}. ` +
        `Start: each student sits on teacher neuron j mod r with random positive shares of its squared norm, plus a Gaussian perturbation drawn at d = ${D}, scaled so that L(0) = ε₀ exactly, ε₀ ∈ {${s.eps0.join(', ')}} (figures of curves: ε₀ = ${s.eps0[0]}). ` +
        `Exact population gradient flow in (Q, R) (dw/dt = −∇_w L in the paper's weights), dopri5 at rtol ${RTOL}, atol ${ATOL}, to t = ${s.end}; values within ${RESOLVED}× the loss floor are not used. ` +
        'Deviations from the paper: L is ½E[(f − f*)²] (the paper has no ½; ratios and exponents are unchanged up to constant factors); gradient flow instead of GD with a small step; ' +
        'random starts at L = ε₀ measure typical, not worst-case, constants; the teacher is orthonormal (the paper allows any separated teacher); the population (d → ∞ of the sample average) risk.',
      tables: [
        {
          caption: 'Per run: perturbation scale, L(0), κ̂ = min ‖∇L‖/L, Ĉ = max t·L, late exponent β (last decade of time; empty when not resolved)',
          table: { columns: ['eps0', 'm', 'seed', 'perturbation', 'L(0)', 'kappa', 'C', 'beta', 'beta status', 'solver status'], rows: runRows },
        },
        {
          caption: 'Two δ-close students on one teacher neuron: exact loss, its rounding floor, and ‖∇L‖',
          table: { columns: ['delta', 'L', 'L floor', 'grad norm'], rows: deltaRows },
        },
      ],
      claims,
      command: `npx popflow run zhou-ge-2021${ctx.quick ? '' : ' --full'}`,
      spec: { setup: s, eps0: EPS0, d: D, rtol: RTOL, atol: ATOL, resolved: RESOLVED },
      figures: [
        { file: 'gradient-ratio.png', caption: '‖∇L‖/L against time for each width: median and min–max band over seeds. Thm 4 says it stays above a constant κ independent of m.', spec: ratioFigure },
        { file: 't-loss.png', caption: 't·L(t) against time: median and min–max over seeds. Thm 5 says it stays below a constant independent of m.', spec: tlFigure },
        { file: 'bounds.png', caption: 'The measured bounds κ̂ (min ‖∇L‖/L) and Ĉ (max t·L) of each run against width.', spec: boundsFigure },
        { file: 'loss.png', caption: 'L(t) from L(0) = ε₀: exponential at m = r, a power law for m > r; curves stop where the loss reaches its resolution floor.', spec: lossFigure },
        { file: 'delta-cubed.png', caption: 'The paper\'s example: the exact loss of two students δ-close to one teacher neuron, against c·δ³.', spec: deltaFigure },
      ],
      summary: claims.map(short).join('; '),
    };
  },
};
