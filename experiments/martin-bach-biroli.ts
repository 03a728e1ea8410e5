/**
 * Martin, Bach & Biroli (2023): quadratic networks trained by population gradient flow from
 * orthonormal families. Both d → ∞ limits (extensive widths m = αd, m* = α*d; fixed widths in
 * shifted time t − ln d/(4c*)), finite-d convergence to each with fitted slopes, Gaussian
 * initialisations against the orthonormal limit, escape times versus ln d, Wachter's law, the
 * spectrum of S(t) and the recovered teacher mass. Everything here is computed; the report only shows it.
 */
import type { FigureSpec, Series } from '../reports/plot.ts';
import { interimClaim } from './interim.ts';
import type { ReportData, ReportTable } from '../reports/report.ts';
import { Rng } from '../src/random.ts';
import {
  extensiveLimit, extensiveStartScale, fixedWidthLimit, fixedWidthShift, fixedWidthStart, fixedWidthStartTime,
  gaussianMatrix, gaussianSingularValues, initialState, integrateFamily, integrateMatrix, orthonormalReduction,
  principalCosines, randomOrthonormal, sampledPrincipalCosines, spectrum, wachterDensity, wachterEdges, wachterMasses,
  type BlockFamily, type FamilyCurve, type FixedWidthLimit,
} from '../src/quadratic/index.ts';
import type { Experiment, ExperimentContext } from './types.ts';
import { fitLine, type LineFit } from '../src/stats/index.ts';

const C_STAR = 1;
const RATIOS = [0.5, 0.75, 1, 1.25, 2, 4];
const ALPHA_STAR = 0.15;
const M_STAR = 4;
const LEVELS = [1e-2, 1e-4];
/** ε_g below this is not used in fits: the dopri5 tolerance atol = 1e-12 on s resolves ε_g ≳ 1e-14·… only. */
const FIT_FLOOR = 1e-14;
const ESCAPE_LEVEL = 1e-3;
/** Absolute rounding floor of the Gram-matrix ε_g of the weight flow (a difference of O(1) terms). */
const GRAM_FLOOR = 1e-14;

interface Sizes {
  tExtensive: number;
  tFixed: number;
  fixedDraws: number;
  dExtensive: number[];
  extensiveSeeds: number;
  dFixed: number[];
  fixedSeeds: number;
  dGaussian: number[];
  tGaussian: number;
  dEscape: number[];
  escapeSeeds: number;
  limitDraws: number;
  tailDraws: number;
  dWachter: number;
}

const QUICK: Sizes = {
  tExtensive: 12, tFixed: 10, fixedDraws: 3, dExtensive: [100, 200, 400], extensiveSeeds: 1, dFixed: [1e2, 1e3, 1e4, 1e5], fixedSeeds: 2,
  dGaussian: [40, 80], tGaussian: 16, dEscape: [1e2, 1e3, 1e4, 1e5], escapeSeeds: 8, limitDraws: 30, tailDraws: 100, dWachter: 600,
};
const FULL: Sizes = {
  tExtensive: 20, tFixed: 15, fixedDraws: 15, dExtensive: [100, 200, 400, 800, 1600], extensiveSeeds: 3, dFixed: [1e2, 1e3, 1e4, 1e5], fixedSeeds: 6,
  dGaussian: [50, 100, 200], tGaussian: 30, dEscape: [1e2, 1e3, 1e4, 1e5, 1e6], escapeSeeds: 40, limitDraws: 400, tailDraws: 1000, dWachter: 2000,
};

const grid = (a: number, b: number, n: number): number[] => Array.from({ length: n + 1 }, (_, i) => a + ((b - a) * i) / n);
const median = (x: number[]): number => quantile(x, 0.5);
function quantile(x: number[], q: number): number {
  const s = [...x].sort((a, b) => a - b);
  const p = q * (s.length - 1);
  const i = Math.floor(p);
  return i + 1 < s.length ? s[i] + (p - i) * (s[i + 1] - s[i]) : s[i];
}
const fmt = (x: number | null, digits = 4): string | number => (x === null || !Number.isFinite(x) ? 'not reached' : Number(x.toPrecision(digits)));
/** ε_g of the weight flow (Gram evaluation): values below its absolute rounding floor are shown as such. */
const fmtGram = (x: number): string | number => (Math.abs(x) < GRAM_FLOOR ? `< ${GRAM_FLOOR} (rounding floor)` : fmt(x));
const logFit = (x: number[], y: number[]): LineFit => fitLine(x.map(Math.log), y.map(Math.log));

/** One extensive-limit run (plain activation, trace-matched start after the O(1/d) layer). */
function extensiveRun(ratio: number, times: number[], levels = LEVELS): { family: BlockFamily; curve: FamilyCurve } {
  const alpha = ratio * ALPHA_STAR;
  const family = extensiveLimit(alpha, ALPHA_STAR, C_STAR, 'plain');
  const c0 = extensiveStartScale(alpha, ALPHA_STAR, 1, C_STAR, 'plain');
  return { family, curve: integrateFamily(family, initialState(family, c0), times, { lossLevels: levels }) };
}

/** One fixed-width limit run for singular values σ, on shifted times `times` (t' ≥ its own start). */
function fixedRun(limit: FixedWidthLimit, sigma: Float64Array, times: number[], levels = LEVELS): FamilyCurve {
  const t0 = Math.min(times[0], fixedWidthStartTime(limit, sigma));
  return integrateFamily(limit.family, fixedWidthStart(limit, sigma, t0), times, { t0, lossLevels: levels });
}

interface DecayFit { law: 'exponential' | 'power law'; exp: LineFit; pow: LineFit; sqrtExpRate: number; window: [number, number] }

/** Fits of the late-time ε_g over the second half of the run (points above FIT_FLOOR): e^{−rt}, t^{−p}, and √t e^{−rt}. */
function decayFit(t: number[], loss: number[]): DecayFit {
  const tEnd = t[t.length - 1];
  const idx = t.map((_, i) => i).filter((i) => t[i] >= tEnd / 2 && t[i] > 0 && loss[i] > FIT_FLOOR);
  const tt = idx.map((i) => t[i]);
  const ll = idx.map((i) => Math.log(loss[i]));
  const exp = fitLine(tt, ll);
  const pow = fitLine(tt.map(Math.log), ll);
  const sq = fitLine(tt, ll.map((l, k) => l - 0.5 * Math.log(tt[k])));
  return { law: exp.r2 >= pow.r2 ? 'exponential' : 'power law', exp, pow, sqrtExpRate: -sq.slope, window: [tt[0], tt[tt.length - 1]] };
}

function histogram(values: ArrayLike<number>, weights: ArrayLike<number> | null, lo: number, hi: number, bins: number, norm: number): { x: number[]; y: number[] } {
  const w = (hi - lo) / bins;
  const y = new Array<number>(bins).fill(0);
  for (let i = 0; i < values.length; i++) {
    const b = Math.floor((values[i] - lo) / w);
    if (b >= 0 && b < bins) y[b] += weights ? weights[i] : 1;
  }
  return { x: y.map((_, b) => lo + (b + 0.5) * w), y: y.map((v) => v / (norm * w)) };
}

function run(ctx: ExperimentContext): ReportData {
  const S = ctx.quick ? QUICK : FULL;
  const tables: { caption: string; table: ReportTable }[] = [];
  const figures: { file: string; caption: string; spec: FigureSpec }[] = [];

  // (a) ε_g(t) and recovered mass in both limits, for each m/m*.
  const tExt = grid(0, S.tExtensive, 20 * S.tExtensive);
  const ext = RATIOS.map((ratio) => ({ ratio, ...extensiveRun(ratio, tExt) }));
  ctx.log(`extensive limit: ${ext.map((e) => `${e.ratio}: ε_g(T) = ${e.curve.loss[e.curve.loss.length - 1].toExponential(2)}`).join(', ')}`);
  const tFix = grid(-2, S.tFixed, 20 * (S.tFixed + 2));
  const drawRng = new Rng(2023);
  const fixed = RATIOS.map((ratio) => {
    const m = ratio * M_STAR;
    const limit = fixedWidthLimit(m, M_STAR, C_STAR, 'plain');
    const draws = Array.from({ length: S.fixedDraws }, () => fixedRun(limit, gaussianSingularValues(m, M_STAR, drawRng), tFix));
    return { ratio, m, limit, curve: draws[0], draws };
  });
  ctx.log(`fixed-width limit: ${fixed.map((f) => `${f.ratio}: ε_g(T') = ${f.curve.loss[f.curve.loss.length - 1].toExponential(2)}`).join(', ')}`);
  const lossSeries = (runs: { ratio: number; curve: FamilyCurve }[], skipFirst: boolean): Series[] =>
    runs.map(({ ratio, curve }) => ({ label: `m/m* = ${ratio}`, x: curve.t.slice(skipFirst ? 1 : 0), y: curve.loss.slice(skipFirst ? 1 : 0).map((l) => Math.max(l, FIT_FLOOR)) }));
  figures.push({
    file: 'loss-extensive.png',
    caption: `ε_g(t) in the extensive-width limit (α* = ${ALPHA_STAR}, α = (m/m*)α*, plain activation, trace-matched start); dashed: the unlearnable teacher mass 1 − m/m* for m < m*.`,
    spec: {
      title: 'Extensive-width limit: ε_g(t) for each m/m*', xLabel: 'time t', yLabel: 'ε_g = L / (½‖S*‖²)', yScale: 'log', size: 'two-column', yMin: FIT_FLOOR,
      series: [...lossSeries(ext, false), ...RATIOS.filter((r) => r < 1).map((r) => ({ label: `1 − m/m* = ${1 - r}`, x: [0, S.tExtensive], y: [1 - r, 1 - r], dashed: true }))],
    },
  });
  figures.push({
    file: 'loss-fixed.png',
    caption: `ε_g in the fixed-width limit (m* = ${M_STAR}) against shifted time t' = t − ln d/(4c*), one draw of the singular values σ_i per width.`,
    spec: {
      title: 'Fixed-width limit: ε_g against t − ln d/(4c*)', xLabel: "shifted time t' = t − ln d / (4c*)", yLabel: 'ε_g = L / (½‖S*‖²)', yScale: 'log', size: 'two-column', yMin: FIT_FLOOR,
      series: [...lossSeries(fixed, false), ...RATIOS.filter((r) => r < 1).map((r) => ({ label: `1 − m/m* = ${1 - r}`, x: [-2, S.tFixed], y: [1 - r, 1 - r], dashed: true }))],
    },
  });
  figures.push({
    file: 'recovered-mass.png',
    caption: 'Share of the teacher mass whose block has escaped ((v·s)² ≥ c*/2), extensive-width limit.',
    spec: {
      title: 'Recovered teacher mass, extensive-width limit', xLabel: 'time t', yLabel: 'recovered mass', size: 'one-column', yMin: 0, yMax: 1.05,
      series: ext.map(({ ratio, curve }) => ({ label: `m/m* = ${ratio}`, x: curve.t, y: curve.recoveredMass })),
    },
  });
  const end = (c: FamilyCurve, k: 'loss' | 'recoveredMass'): number => c[k][c[k].length - 1];
  tables.push({
    caption: `Extensive-width limit (α* = ${ALPHA_STAR}): unlearnable teacher mass, ε_g and recovered mass at t = ${S.tExtensive}, first times with ε_g ≤ 1e-2 and ≤ 1e-4`,
    table: {
      columns: ['m/m*', 'α', 'unlearnable mass 1 − m/m*', 'ε_g(T)', 'recovered mass(T)', 't(ε_g ≤ 1e-2)', 't(ε_g ≤ 1e-4)'],
      rows: ext.map(({ ratio, curve }) => [ratio, ratio * ALPHA_STAR, Math.max(0, 1 - ratio), fmt(end(curve, 'loss')), fmt(end(curve, 'recoveredMass')), fmt(curve.levelTimes[0]), fmt(curve.levelTimes[1])]),
    },
  });
  tables.push({
    caption: `Fixed-width limit (m* = ${M_STAR}), shifted time t' = t − ln d/(4c*): ε_g and recovered mass at t' = ${S.tFixed} (first draw), median over ${S.fixedDraws} draws of σ of the first t' with ε_g ≤ 1e-2 and ≤ 1e-4`,
    table: {
      columns: ['m/m*', 'm', 'unlearnable mass', "ε_g(T')", "recovered mass(T')", "median t'(ε_g ≤ 1e-2)", "median t'(ε_g ≤ 1e-4)"],
      rows: fixed.map(({ ratio, m, curve, draws }) => {
        const med = (k: number): number | null => (draws.every((c) => c.levelTimes[k] !== null) ? median(draws.map((c) => c.levelTimes[k] as number)) : null);
        return [ratio, m, Math.max(0, 1 - ratio), fmt(end(curve, 'loss')), fmt(end(curve, 'recoveredMass')), fmt(med(0)), fmt(med(1))];
      }),
    },
  });

  // (b) late-time decay at m = m* versus m > m*.
  const decayRows: (string | number)[][] = [];
  const decaySeries: Series[] = [];
  for (const [name, runs] of [['extensive', ext], ['fixed width', fixed]] as const) {
    for (const r of runs.filter((x) => x.ratio >= 1 && x.ratio <= 2)) {
      const f = decayFit(r.curve.t, r.curve.loss);
      decayRows.push([name, r.ratio, `${fmt(f.window[0], 3)}–${fmt(f.window[1], 3)}`, fmt(-f.exp.slope), fmt(f.exp.r2, 6), fmt(-f.pow.slope), fmt(f.pow.r2, 6), fmt(f.sqrtExpRate), f.law]);
      if (name === 'extensive') {
        const keep = r.curve.t.map((t, i) => i).filter((i) => r.curve.t[i] > 0.5 && r.curve.loss[i] > FIT_FLOOR);
        decaySeries.push({ label: `m/m* = ${r.ratio}`, x: keep.map((i) => r.curve.t[i]), y: keep.map((i) => r.curve.loss[i]) });
        const fitTimes = r.curve.t.filter((t) => t >= f.window[0] && t <= f.window[1]);
        const fit = f.law === 'exponential' ? (t: number) => Math.exp(f.exp.intercept + f.exp.slope * t) : (t: number) => Math.exp(f.pow.intercept) * t ** f.pow.slope;
        decaySeries.push({ label: f.law === 'exponential' ? `fit e^{−${(-f.exp.slope).toFixed(2)} t}` : `fit t^{−${(-f.pow.slope).toFixed(2)}}`, x: fitTimes, y: fitTimes.map(fit), dashed: true });
      }
    }
  }
  tables.push({
    caption: 'Late-time decay of ε_g, fitted over the second half of each run (ε_g > 1e-14): exponential e^{−rt}, power law t^{−p}, and √t e^{−rt} (the law derived for α = α*); the law with the higher r² is named',
    table: { columns: ['limit', 'm/m*', 'fit window', 'rate r (exp)', 'r² (exp)', 'exponent p (power)', 'r² (power)', 'rate r of √t e^{−rt}', 'better law'], rows: decayRows },
  });
  figures.push({
    file: 'late-decay.png',
    caption: 'Late-time ε_g in the extensive-width limit at m = m* and m > m*, with the better of the exponential and power-law fits (dashed) on log-log axes.',
    spec: { title: 'Late-time decay, extensive-width limit', xLabel: 'time t', yLabel: 'ε_g', xScale: 'log', yScale: 'log', size: 'one-column', series: decaySeries },
  });

  // (c) finite d converges to the limits.
  const tCmp = grid(0, 8, 32);
  const convRows: (string | number)[][] = [];
  const convSeries: Series[] = [];
  const slopes: Record<string, LineFit> = {};
  for (const ratio of [1, 2]) {
    const alpha = ratio * ALPHA_STAR;
    const lim = extensiveRun(ratio, tCmp).curve;
    const c0 = extensiveStartScale(alpha, ALPHA_STAR, 1, C_STAR, 'plain');
    const departures: (number | null)[] = [];
    const errs = S.dExtensive.map((d) => {
      const m = Math.round(alpha * d);
      const ms = Math.round(ALPHA_STAR * d);
      const e = Array.from({ length: S.extensiveSeeds }, (_, seed) => {
        const fam = orthonormalReduction(sampledPrincipalCosines(d, m, ms, new Rng(1000 * seed + d)), m, ms, C_STAR, 'plain');
        const c = integrateFamily(fam, initialState(fam, c0), tCmp);
        if (ratio === 1 && seed === 0) convSeries.push({ label: `d = ${d}`, x: c.t, y: c.loss });
        const leave = c.loss.findIndex((l, i) => !(l >= 0.5 * lim.loss[i] && l <= 2 * lim.loss[i]));
        return { sup: Math.max(...c.loss.map((l, i) => Math.abs(l - lim.loss[i]))), departure: leave < 0 ? null : c.t[leave] };
      });
      const dep = e.map((x) => x.departure);
      departures.push(dep.every((x) => x !== null) ? (dep as number[]).reduce((a, b) => a + b, 0) / dep.length : null);
      return e.reduce((a, b) => a + b.sup, 0) / e.length;
    });
    if (ratio === 1) convSeries.push({ label: 'd → ∞ (Wachter limit)', x: lim.t, y: lim.loss, dashed: true });
    const fit = logFit(S.dExtensive, errs);
    slopes[`extensive ${ratio}`] = fit;
    S.dExtensive.forEach((d, i) => convRows.push(['extensive', ratio, d, fmt(errs[i]), i === 0 ? `${fit.slope.toFixed(2)} ± ${fit.slopeStdErr.toFixed(2)}` : '', departures[i] === null ? 'stays within' : fmt(departures[i], 3), ratio === 1 ? fmt(Math.log(d) / (2 * C_STAR), 3) : '']));
    ctx.log(`extensive m/m* = ${ratio}: sup errors ${errs.map((e) => e.toExponential(2)).join(', ')}; slope ${fit.slope.toFixed(2)}`);
  }
  figures.push({
    file: 'finite-d-extensive.png',
    caption: `Finite-d flows from random orthonormal U, V (exact reduction, one seed) against the extensive-width limit, m = m*, α = α* = ${ALPHA_STAR}.`,
    spec: { title: 'Finite d → extensive-width limit (m = m*)', xLabel: 'time t', yLabel: 'ε_g', yScale: 'log', size: 'one-column', series: convSeries },
  });
  {
    const m = 3, ms = 2, c0 = 0.5;
    const limit = fixedWidthLimit(m, ms, C_STAR, 'plain');
    const series: Series[] = [];
    const errs = S.dFixed.map((d) => {
      const e = Array.from({ length: S.fixedSeeds }, (_, seed) => {
        const rng = new Rng(77 + 31 * seed);
        const cos = principalCosines(randomOrthonormal(d, m, rng), randomOrthonormal(d, ms, rng), d, m, ms);
        const sigma = cos.map((c) => c * Math.sqrt(d));
        const shift = fixedWidthShift(limit, d);
        const fam = orthonormalReduction(cos, m, ms, C_STAR, 'plain');
        const finite = integrateFamily(fam, initialState(fam, c0), tCmp.map((x) => x + shift));
        const lim = fixedRun(limit, sigma, tCmp, []);
        if (seed === 0) series.push({ label: `d = ${d} (σ = ${Array.from(sigma, (s) => s.toFixed(2)).join(', ')})`, x: tCmp, y: finite.loss.map((l, i) => Math.max(Math.abs(l - lim.loss[i]), 1e-12)) });
        return Math.max(...finite.loss.map((l, i) => Math.abs(l - lim.loss[i])));
      });
      return e.reduce((a, b) => a + b, 0) / e.length;
    });
    const fit = logFit(S.dFixed, errs);
    slopes.fixed = fit;
    S.dFixed.forEach((d, i) => convRows.push(['fixed width (m = 3, m* = 2)', 1.5, d, fmt(errs[i]), i === 0 ? `${fit.slope.toFixed(2)} ± ${fit.slopeStdErr.toFixed(2)}` : '', '', '']));
    ctx.log(`fixed width: sup errors ${errs.map((e) => e.toExponential(2)).join(', ')}; slope ${fit.slope.toFixed(2)}`);
    figures.push({
      file: 'finite-d-fixed.png',
      caption: "Distance |ε_g(finite d) − ε_g(limit)| in shifted time t' = t − ln d/4 between finite-d flows (m = 3, m* = 2, c0 = 0.5, one seed per d) and the fixed-width limit with the same σ_i = √d cos θ_i.",
      spec: { title: 'Finite d → fixed-width limit, shifted time', xLabel: "t' = t − ln d / (4c*)", yLabel: '|ε_g(d) − ε_g(limit)|', yScale: 'log', size: 'one-column', series },
    });
  }
  tables.push({
    caption: 'Sup over the output times (t ∈ [0, 8], shifted for fixed widths) of |ε_g(finite d) − ε_g(limit)|, mean over seeds, with the fitted slope of log error against log d; for the extensive limit also the first time at which ε_g(d)/ε_g(limit) leaves [1/2, 2] (mean over seeds), against ln d/(2c*), the time at which the escape front λ ~ e^{−4c*t} reaches the smallest angle λ_min ~ d^{−2} of a finite-d sample at α = α*',
    table: { columns: ['limit', 'm/m*', 'd', 'sup |Δε_g|', 'slope in d', 't where ratio leaves [1/2, 2]', 'ln d/(2c*)'], rows: convRows },
  });

  // (c') general (Gaussian) initialisations at finite d against the orthonormal extensive limit.
  const gaussRows: (string | number)[][] = [];
  const gaussEnd: { d: number; loss: number }[] = [];
  for (const ratio of [1, 2]) {
    const alpha = ratio * ALPHA_STAR;
    const lim = extensiveRun(ratio, tCmp, [ESCAPE_LEVEL]).curve;
    const limEsc = lim.levelTimes[0];
    for (const d of S.dGaussian) {
      const m = Math.round(alpha * d);
      const ms = Math.round(ALPHA_STAR * d);
      for (const teacher of ['orthonormal', 'Gaussian'] as const) {
        const rng = new Rng(5 + d);
        // trace-matched in expectation: E tr S(0) = d·var = c* m* = tr S*
        const w0 = gaussianMatrix(d, m, rng, Math.sqrt((C_STAR * ms) / d));
        const wStar = teacher === 'orthonormal' ? randomOrthonormal(d, ms, rng).map((x) => x * Math.sqrt(C_STAR * ms)) : gaussianMatrix(d, ms, rng, Math.sqrt((C_STAR * ms) / d));
        const c = integrateMatrix({ d, m, mStar: ms, activation: 'plain', wStar }, w0, [...tCmp, S.tGaussian], { rtol: 1e-8, atol: 1e-10, lossLevels: [ESCAPE_LEVEL] });
        const err = Math.max(...tCmp.map((_, i) => Math.abs(c.loss[i] - lim.loss[i])));
        gaussEnd.push({ d, loss: c.loss[tCmp.length] });
        ctx.log(`Gaussian start, m/m* = ${ratio}, d = ${d}, ${teacher} teacher: ε_g(${S.tGaussian}) = ${c.loss[tCmp.length].toExponential(2)} (${c.stats.nfev} right-hand sides)`);
        gaussRows.push([ratio, d, teacher, fmtGram(c.loss[tCmp.length - 1]), fmt(lim.loss[lim.loss.length - 1]), fmt(err), fmtGram(c.loss[tCmp.length]), fmt(c.levelTimes[0]), fmt(limEsc)]);
      }
    }
  }
  tables.push({
    caption: `Gaussian student initialisation (entries N(0, c*m*/d), trace matched in expectation) at finite d, full weight flow, against the orthonormal extensive-width limit: ε_g at t = 8, sup |Δε_g| over t ∈ [0, 8], ε_g at t = ${S.tGaussian}, first time with ε_g ≤ ${ESCAPE_LEVEL}. A Gaussian teacher (entries N(0, c*m*/d)) has a Marchenko–Pastur spectrum of S* instead of c* = 1 on its span`,
    table: { columns: ['m/m*', 'd', 'teacher', 'ε_g(8), Gaussian init', 'ε_g(8), limit', 'sup |Δε_g| on [0, 8]', `ε_g(${S.tGaussian}), Gaussian init`, `t(ε_g ≤ ${ESCAPE_LEVEL}), Gaussian`, `t(ε_g ≤ ${ESCAPE_LEVEL}), limit`], rows: gaussRows },
  });

  // (d) escape time versus ln d at fixed widths.
  const escRows: (string | number)[][] = [];
  const escSeries: Series[] = [];
  {
    const m = 3, ms = 2, c0 = 0.5;
    const limit = fixedWidthLimit(m, ms, C_STAR, 'plain');
    const rngLim = new Rng(99);
    const tLim = grid(-4, 12, 16);
    const limitTimes = Array.from({ length: S.limitDraws }, () => fixedRun(limit, gaussianSingularValues(m, ms, rngLim), tLim, [ESCAPE_LEVEL]).levelTimes[0]).filter((x): x is number => x !== null);
    const all: { x: number[]; y: number[] } = { x: [], y: [] };
    const paired: { x: number[]; y: number[] } = { x: [], y: [] };
    const med: number[] = [];
    const q1: number[] = [];
    const q3: number[] = [];
    for (const d of S.dEscape) {
      const shift = fixedWidthShift(limit, d);
      const runs = Array.from({ length: S.escapeSeeds }, (_, seed) => {
        const rng = new Rng(500 + seed * 13 + d);
        const cos = principalCosines(randomOrthonormal(d, m, rng), randomOrthonormal(d, ms, rng), d, m, ms);
        const fam = orthonormalReduction(cos, m, ms, C_STAR, 'plain');
        const finite = integrateFamily(fam, initialState(fam, c0), [0, shift + 12], { lossLevels: [ESCAPE_LEVEL] }).levelTimes[0];
        const own = fixedRun(limit, cos.map((c) => c * Math.sqrt(d)), tLim, [ESCAPE_LEVEL]).levelTimes[0];
        return { finite, own };
      }).filter((r): r is { finite: number; own: number } => r.finite !== null && r.own !== null);
      const times = runs.map((r) => r.finite);
      const residual = runs.map((r) => r.finite - r.own);
      times.forEach((t) => { all.x.push(Math.log(d)); all.y.push(t); });
      residual.forEach((t) => { paired.x.push(Math.log(d)); paired.y.push(t); });
      med.push(median(times)); q1.push(quantile(times, 0.25)); q3.push(quantile(times, 0.75));
      escRows.push([d, fmt(Math.log(d), 4), times.length, fmt(median(times)), `${fmt(quantile(times, 0.25))}–${fmt(quantile(times, 0.75))}`, fmt(shift + median(limitTimes)), `${fmt(shift + quantile(limitTimes, 0.25))}–${fmt(shift + quantile(limitTimes, 0.75))}`, fmt(median(residual.map((r) => r - shift)))]);
    }
    const fit = fitLine(all.x, all.y);
    const pairedFit = fitLine(paired.x, paired.y);
    slopes.escape = fit;
    slopes.escapePaired = pairedFit;
    const lnd = S.dEscape.map(Math.log);
    escSeries.push(
      { label: `finite d, median and quartiles of ${S.escapeSeeds} seeds`, x: lnd, y: med, band: { lo: q1, hi: q3 }, style: 'line+points' },
      { label: `limit: ln d/(4c*) + median T'(σ) (${limitTimes.length} draws)`, x: lnd, y: lnd.map((l) => l / (4 * C_STAR) + median(limitTimes)), dashed: true },
      { label: `fit: ${fit.slope.toFixed(3)} ln d + ${fit.intercept.toFixed(2)}`, x: lnd, y: lnd.map((l) => fit.intercept + fit.slope * l), dashed: true },
    );
    tables.push({
      caption: `Escape time (first t with ε_g ≤ ${ESCAPE_LEVEL}), m = 3, m* = 2, c0 = 0.5, c* = 1: finite-d reduction over seeds against the fixed-width limit ln d/(4c*) + T'(σ), σ the singular values of a 3×2 Gaussian matrix. Fitted slope of all escape times against ln d: ${fit.slope.toFixed(3)} ± ${fit.slopeStdErr.toFixed(3)}; of T_d − T'(σ) with each run's own σ = √d cos θ (paired, free of the σ sampling noise): ${pairedFit.slope.toFixed(4)} ± ${pairedFit.slopeStdErr.toFixed(4)} (predicted 1/(4c*) = ${(1 / (4 * C_STAR)).toFixed(3)})`,
      table: { columns: ['d', 'ln d', 'runs', 'median escape time', 'quartiles', 'limit median', 'limit quartiles', "median T_d − ln d/(4c*) − T'(σ), own σ"], rows: escRows },
    });
  }
  // (d') the escape-time law of the fixed-width limit: the tail of T'(σ) set by σ_min.
  {
    const rows: (string | number)[][] = [];
    for (const [m, ms] of [[2, 2], [3, 2], [4, 2]]) {
      const limit = fixedWidthLimit(m, ms, C_STAR, 'plain');
      const rng = new Rng(31 * m + ms);
      const tLaw = grid(-4, 30, 34);
      const law = Array.from({ length: S.tailDraws }, () => fixedRun(limit, gaussianSingularValues(m, ms, rng), tLaw, [ESCAPE_LEVEL]).levelTimes[0])
        .filter((x): x is number => x !== null)
        .sort((a, b) => a - b);
      const u = quantile(law, 0.75);
      const excess = law.filter((x) => x > u).map((x) => x - u);
      const rate = excess.length / excess.reduce((a, b) => a + b, 0);
      rows.push([m, ms, law.length, fmt(median(law)), fmt(u), fmt(rate, 3), fmt(rate / Math.sqrt(excess.length), 2), 2 * C_STAR * (Math.abs(m - ms) + 1)]);
    }
    tables.push({
      caption: `Escape-time law of the fixed-width limit: T'(σ) = first shifted time with ε_g ≤ ${ESCAPE_LEVEL}, σ the singular values of an m×m* Gaussian matrix; the exponential tail rate of T' above its upper quartile (maximum likelihood, ± its standard error) against 2c*(|m − m*| + 1), from P(σ_min < x) ∝ x^{|m−m*|+1} and T' ≈ −ln σ_min/(2c*) + const (docs/quadratic-limits.md)`,
      table: { columns: ['m', 'm*', 'draws', "median T'", 'upper quartile', 'tail rate', '± (standard error)', 'predicted rate'], rows },
    });
  }
  figures.push({
    file: 'escape-time.png',
    caption: 'Escape time against ln d at fixed widths (m = 3, m* = 2): finite-d medians with quartile band, the fixed-width limit prediction, and the fitted line.',
    spec: { title: 'Escape time against ln d, fixed widths', xLabel: 'ln d', yLabel: `time to ε_g ≤ ${ESCAPE_LEVEL}`, size: 'one-column', series: escSeries },
  });

  // (e) Wachter density against the empirical angle histogram.
  {
    const d = S.dWachter, alpha = 0.3, alphaStar = 0.2;
    const cos = sampledPrincipalCosines(d, alpha * d, alphaStar * d, new Rng(4));
    const lam = Array.from(cos, (c) => c * c);
    const { lo, hi } = wachterEdges(alpha, alphaStar);
    const h = histogram(lam, null, lo, hi, 30, d);
    const xs = grid(lo, hi, 300).slice(1, -1);
    figures.push({
      file: 'wachter.png',
      caption: `Empirical density of λ = cos²θ (counted with weight 1/d) at d = ${d}, α = ${alpha}, α* = ${alphaStar}, against Wachter's law.`,
      spec: {
        title: `Principal angles at d = ${d}: histogram against Wachter's law`, xLabel: 'λ = cos²θ', yLabel: 'density (per dimension)', size: 'one-column',
        series: [{ label: 'empirical', x: h.x, y: h.y, style: 'points' }, { label: "Wachter's law", x: xs, y: xs.map((x) => wachterDensity(x, alpha, alphaStar)) }],
      },
    });
    tables.push({
      caption: `Principal angles at d = ${d} (α = ${alpha}, α* = ${alphaStar}) against Wachter's law`,
      table: {
        columns: ['quantity', 'law', 'empirical'],
        rows: [['λ− (lower edge)', fmt(lo), fmt(Math.min(...lam))], ['λ+ (upper edge)', fmt(hi), fmt(Math.max(...lam))], ['continuous mass', fmt(wachterMasses(alpha, alphaStar).continuous), fmt(lam.length / d)], ['mean of λ per dimension (αα*)', fmt(alpha * alphaStar), fmt(lam.reduce((s, x) => s + x, 0) / d)]],
      },
    });
  }

  // (f) spectrum of S(t) in the extensive limit, m/m* = 2.
  {
    // a denser quadrature than the flow needs, so that the histogram of its nodes resolves a density
    const alpha = 2 * ALPHA_STAR;
    const family = extensiveLimit(alpha, ALPHA_STAR, C_STAR, 'plain', { nodes: 8, uniform: 48 });
    const showAt = [0, 0.5, 1, 2, 4, 8];
    const curve = integrateFamily(family, initialState(family, extensiveStartScale(alpha, ALPHA_STAR, 1, C_STAR, 'plain')), showAt);
    const series = showAt.map((t, i) => {
      const sp = spectrum(family, curve.states[i]);
      return { label: `t = ${t}`, ...histogram(sp.values, sp.weights, 0, 1.5 * C_STAR, 60, 1), style: 'line' as const };
    });
    figures.push({
      file: 'spectrum.png',
      caption: `Histogram of the nonzero eigenvalues of S(t) (mass per dimension) in the extensive-width limit, m/m* = 2 (α = ${2 * ALPHA_STAR}, α* = ${ALPHA_STAR}): the block eigenvalues move to c* = 1, the student-only ones decay towards 0.`,
      spec: { title: 'Spectrum of S(t), extensive-width limit, m/m* = 2', xLabel: 'eigenvalue of S', yLabel: 'density (per dimension)', size: 'one-column', yMin: 0, series },
    });
  }

  // Verdict: strong recovery (ε_g → 0 and the whole teacher mass recovered) for every m ≥ m* in both
  // limits, none below (ε_g stays above half the unlearnable mass), and Gaussian starts recovering too.
  const decaysToZero = (c: FamilyCurve): boolean => {
    const f = decayFit(c.t, c.loss);
    return (f.exp.r2 >= 0.99 && -f.exp.slope > 0.1) || (f.pow.r2 >= 0.99 && -f.pow.slope >= 1);
  };
  const strong = (c: FamilyCurve): boolean => end(c, 'loss') <= 1e-3 && end(c, 'recoveredMass') >= 0.999 && decaysToZero(c);
  const over = [...ext, ...fixed].filter((r) => r.ratio >= 1);
  const under = [...ext, ...fixed].filter((r) => r.ratio < 1);
  const overOk = over.filter((r) => strong(r.curve)).length;
  const underStuck = under.filter((r) => end(r.curve, 'loss') >= 0.5 * (1 - r.ratio)).length;
  const minimal = [ext, fixed].every((runs) => strong(runs.find((r) => r.ratio === 1)!.curve));
  const gaussBig = gaussEnd.filter((r) => r.d === S.dGaussian[S.dGaussian.length - 1]);
  const gaussOk = gaussBig.filter((r) => r.loss <= ESCAPE_LEVEL).length;
  const verdict: string = minimal && overOk === over.length && underStuck === under.length ? (gaussOk === gaussBig.length ? 'supported' : 'inconclusive') : 'not supported';
  const e1 = ext.find((r) => r.ratio === 1)!.curve;
  const f1 = fixed.find((r) => r.ratio === 1)!.curve;
  const reason =
    `m = m* reaches ε_g = ${end(e1, 'loss').toExponential(2)} (extensive limit, t = ${S.tExtensive}) and ${end(f1, 'loss').toExponential(2)} (fixed-width limit, t' = ${S.tFixed}) with recovered mass ${end(e1, 'recoveredMass').toFixed(4)} and ${end(f1, 'recoveredMass').toFixed(4)}; ` +
    `${overOk}/${over.length} runs with m ≥ m* show strong recovery (recovered mass ≥ 0.999, ε_g ≤ 1e-3 and decaying to 0 by the late-time fit: exponential, or a power law with exponent ≥ 1), ${underStuck}/${under.length} runs with m < m* stay above half the unlearnable mass; ` +
    `${gaussOk}/${gaussBig.length} Gaussian-initialised runs at d = ${S.dGaussian[S.dGaussian.length - 1]} reach ε_g ≤ ${ESCAPE_LEVEL} by t = ${S.tGaussian}.`;
  const spec = { cStar: C_STAR, ratios: RATIOS, alphaStar: ALPHA_STAR, mStar: M_STAR, activation: 'plain', solver: { method: 'dopri5', rtol: 1e-10, atol: 1e-12 }, sizes: S };
  return {
    name: 'martin-bach-biroli',
    title: 'Quadratic networks in high dimension: minimal overparameterization and the two d → ∞ limits',
    claim: 'Martin, Bach & Biroli (2023): for a quadratic network trained by population gradient flow from independent orthonormal student and teacher families, the high-dimensional limit recovers the teacher strongly with minimal overparameterization (m = m*); numerics say the same for general initialisations.',
    setting:
      `f(x) = xᵀSx, S = WWᵀ/m, S* = c*VVᵀ (c* = 1), plain activation u² (L = ½‖Δ‖² + ¼(trΔ)²), ε_g = L/(½‖S*‖²). Exact block reduction at finite d (equal to the weight flow), extensive-width limit (m = αd, m* = α*d, α* = ${ALPHA_STAR}; Wachter quadrature; τ as Lagrange multiplier, trace-matched start), fixed-width limit (m* = ${M_STAR}; shifted time t − ln d/(4c*), σ_i of an m×m* Gaussian matrix). ` +
      'ε_g of block families is evaluated as sums of squares of Δ\'s entries per block (cancellation-free); the weight flow uses Gram matrices (absolute floor ~1e-16). dopri5, rtol 1e-10, atol 1e-12 (Gaussian weight flows rtol 1e-8). Derivations: docs/quadratic-limits.md.',
    tables,
    claims: [interimClaim('the claim stated above', verdict, reason)],
    command: `npx popflow run martin-bach-biroli${ctx.quick ? '' : ' --full'}`,
    spec,
    figures,
    summary: `m = m* recovers the teacher in both limits (ε_g(T) = ${end(e1, 'loss').toExponential(1)} extensive, ${end(f1, 'loss').toExponential(1)} fixed width); finite-d error slopes ${slopes['extensive 1'].slope.toFixed(2)} (extensive) and ${slopes.fixed.slope.toFixed(2)} (fixed width) in d; escape time slope ${slopes.escape.slope.toFixed(3)} per ln d (paired with each run's σ: ${slopes.escapePaired.slope.toFixed(4)}; predicted 0.25)`,
  };
}

export const experiment: Experiment = {
  name: 'martin-bach-biroli',
  title: 'Quadratic networks in high dimension: minimal overparameterization and the two d → ∞ limits',
  async run(ctx) {
    return run(ctx);
  },
};
