/**
 * Zhou, Ge & Jin 2021 (mildly over-parameterized two-layer networks): once the loss is below a
 * threshold, every student neuron converges to a teacher neuron (or its output weight to 0) and the
 * loss goes to 0 at a rate independent of the number m of student neurons. Checked with the exact
 * population gradient flow in (Q, R, a) of an erf committee with a trainable second layer.
 */
import { normalisedOverlaps, parseCommitteeSpec, runOde, type OdeResult } from '../src/committee/index.ts';
import { interimClaim } from './interim.ts';
import type { FigureSpec } from '../reports/plot.ts';
import type { ReportData } from '../reports/report.ts';
import type { Experiment, ExperimentContext } from './types.ts';
import { lastResolvedIndex, lateDecay, type LateDecay, localExponents, median } from '../src/stats/index.ts';

const TEACHER = [1, 1];
/** "Below a threshold": the local phase starts once ε_g < THRESHOLD. */
const THRESHOLD = 1e-3;
/** Values within RESOLVED × the loss floor (rounding plus the integrator's error allowance, a first-order bound) are not used for rates. */
const RESOLVED = 10;
/** A student neuron is aligned with teacher neuron k when its cosine ρ_jk ≥ ALIGNED … */
const ALIGNED = 0.99;
/** … and counts as switched off when |a_j| ≤ VANISHED (teacher output weights are 1). */
const VANISHED = 0.05;

interface Setup {
  widths: number[];
  seeds: number[];
  end: number;
  points: number;
  d: number;
  /** Integrator tolerances: they set the loss floor, hence how late a decay can be resolved. */
  rtol: number;
  atol: number;
}
const SETUPS: Record<'quick' | 'full', Setup> = {
  quick: { widths: [2, 3, 4, 6], seeds: [1], end: 1e5, points: 120, d: 1000, rtol: 1e-10, atol: 1e-12 },
  full: { widths: [2, 3, 4, 6, 8], seeds: [1, 2, 3], end: 1e6, points: 200, d: 1000, rtol: 1e-12, atol: 1e-14 },
};

function specFor(m: number, seed: number, s: Setup) {
  return {
    model: {
      kind: 'committee',
      activation: 'erf',
      teacherActivation: 'erf',
      a: Array(m).fill(TEACHER.length / m),
      aStar: TEACHER,
      trainSecondLayer: true,
    },
    dynamics: { kind: 'gradient-flow' },
    init: { kind: 'random', d: s.d, scale: 0.5, seed },
    times: { end: s.end, points: s.points, spacing: 'log', min: 1e-2 },
    solver: { method: 'dopri5', rtol: s.rtol, atol: s.atol },
  };
}

const DECAY = { threshold: THRESHOLD, resolvedFactor: RESOLVED };
const lateRate = (r: OdeResult): LateDecay | null => lateDecay(r.t, r.loss, r.lossFloor, DECAY);
const lastResolved = (r: OdeResult): number => lastResolvedIndex(r.loss, r.lossFloor, RESOLVED);
/** An exponent that moved by more than this between the last two decades is still drifting. */
const DRIFT = 0.1;

/** β fitted over the decade before the late window: β(last decade) − this is the exponent's drift. */
function previousBeta(r: OdeResult, rate: LateDecay): number | null {
  const cut = r.t.findIndex((t) => t > rate.window[0]);
  const d = lateDecay(r.t.slice(0, cut), r.loss.slice(0, cut), r.lossFloor.slice(0, cut), DECAY);
  return d ? -d.power.slope : null;
}

interface Neuron {
  j: number;
  teacher: number;
  cosine: number;
  a: number;
  fate: 'aligned' | 'output weight → 0' | 'neither';
}

/** Each student neuron at the final time: its closest teacher neuron, cosine and output weight. */
function fates(r: OdeResult): Neuron[] {
  const k = r.t.length - 1;
  const rho = normalisedOverlaps(r.Q[k], r.R[k], r.T);
  return rho.map((row, j) => {
    const teacher = row.reduce((best, v, i) => (v > row[best] ? i : best), 0);
    const cosine = row[teacher];
    const a = r.a[k][j];
    const fate = cosine >= ALIGNED ? 'aligned' : Math.abs(a) <= VANISHED ? 'output weight → 0' : 'neither';
    return { j: j + 1, teacher: teacher + 1, cosine, a, fate };
  });
}

export const experiment: Experiment = {
  name: 'zhou-ge-2021',
  title: 'Late-time convergence of mildly over-parameterized students (Zhou, Ge & Jin 2021)',
  async run(ctx: ExperimentContext): Promise<ReportData> {
    const s = ctx.quick ? SETUPS.quick : SETUPS.full;
    const mStar = TEACHER.length;
    const solved = new Map<string, OdeResult>();
    for (const m of s.widths) {
      for (const seed of s.seeds) {
        const parsed = parseCommitteeSpec(specFor(m, seed, s));
        solved.set(`${m}/${seed}`, await ctx.cached(parsed, () => runOde(parsed)));
      }
    }
    const runs = s.widths.flatMap((m) =>
      s.seeds.map((seed) => {
        const spec = specFor(m, seed, s);
        const r = solved.get(`${m}/${seed}`)!;
        const rate = lateRate(r);
        const betaBefore = rate ? previousBeta(r, rate) : null;
        const neurons = fates(r);
        const tBelow = r.t.find((_, i) => r.loss[i] < THRESHOLD) ?? null;
        ctx.log(
          `m = ${m}, seed ${seed}: ${r.status}, ε_g(end) = ${r.loss[r.loss.length - 1].toExponential(2)}, ` +
            `late decay ${rate ? `${rate.kind}, β = ${(-rate.power.slope).toFixed(3)}` : 'not resolved'}`,
        );
        return { m, seed, spec, r, rate, betaBefore, neurons, tBelow };
      }),
    );

    const over = runs.filter((x) => x.m > mStar);
    const powerRuns = over.filter((x) => x.rate?.kind === 'power law');
    const betas = powerRuns.map((x) => -x.rate!.power.slope);
    const betaMedian = betas.length ? median(betas) : NaN;
    const spread = betas.length ? (Math.max(...betas) - Math.min(...betas)) / betaMedian : NaN;
    const allBelow = runs.every((x) => x.tBelow !== null && x.rate !== null);
    const undecided = runs.flatMap((x) => x.neurons.filter((n) => n.fate === 'neither').map((n) => `m = ${x.m} seed ${x.seed} neuron ${n.j}`));
    const overExponential = over.filter((x) => x.rate?.kind === 'exponential');
    /** Teacher neurons with two or more aligned student neurons (a split output weight). */
    const duplicated = (x: (typeof runs)[number]): number =>
      TEACHER.filter((_, k) => x.neurons.filter((n) => n.fate === 'aligned' && n.teacher === k + 1).length >= 2).length;
    const sharedInPower = powerRuns.every((x) => duplicated(x) > 0);
    const pattern = !sharedInPower
      ? ''
      : overExponential.length === 0
        ? ' Every power-law run ends with some teacher neuron shared by two or more aligned student neurons.'
        : overExponential.every((x) => duplicated(x) === 0)
          ? ' Every power-law run ends with some teacher neuron shared by two or more aligned student neurons, and every exponential one with none (its extra neurons switched off): the late rate follows the final configuration rather than m itself.'
          : '';
    const fateCounts = (x: (typeof runs)[number]): string =>
      (['aligned', 'output weight → 0', 'neither'] as const).map((f) => x.neurons.filter((n) => n.fate === f).length).join('/');
    const drifting = powerRuns.filter(
      (x) => x.rate !== null && (x.betaBefore === null || Math.abs(-x.rate.power.slope - x.betaBefore) > DRIFT),
    );
    const verdict: string =
      !allBelow || betas.length < 2
        ? 'inconclusive'
        : spread <= 0.25 && undecided.length === 0
          ? 'supported'
          : spread > 0.5 && drifting.length === 0
            ? 'not supported'
            : 'inconclusive';
    const exact = runs.filter((x) => x.m === mStar);

    const rateRows = runs.map((x) => {
      return [
        x.m,
        x.seed,
        x.tBelow ?? 'never',
        x.r.loss[x.r.loss.length - 1],
        x.rate ? `${x.rate.window[0].toPrecision(3)}–${x.rate.window[1].toPrecision(3)}` : 'n/a',
        x.rate ? -x.rate.power.slope : 'n/a',
        x.betaBefore ?? 'n/a',
        x.rate ? x.rate.power.r2 : 'n/a',
        x.rate ? -x.rate.exponential.slope : 'n/a',
        x.rate ? x.rate.exponential.r2 : 'n/a',
        x.rate ? x.rate.kind : 'n/a',
        fateCounts(x),
        duplicated(x),
        x.r.status,
      ];
    });
    const neuronRows = runs.flatMap((x) => x.neurons.map((n) => [x.m, x.seed, n.j, n.teacher, n.cosine, n.a, n.fate]));

    const seed1 = runs.filter((x) => x.seed === s.seeds[0]);
    const lossFigure: FigureSpec = {
      title: `ε_g(t), erf teacher m* = ${mStar}, trained a`,
      xLabel: 'time t',
      yLabel: 'generalisation error ε_g',
      xScale: 'log',
      yScale: 'log',
      series: seed1.map((x) => {
        const last = lastResolved(x.r);
        return { label: `m = ${x.m}`, x: x.r.t.slice(1, last + 1), y: x.r.loss.slice(1, last + 1) };
      }),
    };
    const exponentFigure: FigureSpec = {
      title: 'Local decay exponent −d ln ε_g / d ln t',
      xLabel: 'time t',
      yLabel: 'local exponent',
      xScale: 'log',
      yMin: 0,
      yMax: 6,
      series: seed1.map((x) => {
        const loc = localExponents(x.r.t, x.r.loss, x.r.lossFloor, { stride: 4, below: 1e-2, resolvedFactor: RESOLVED });
        return { label: `m = ${x.m}`, x: loc.t, y: loc.exponent, style: 'line' as const };
      }),
    };
    const fateFigure: FigureSpec = {
      title: 'Student neurons at the final time',
      xLabel: 'output weight |a_j|',
      yLabel: 'cosine with closest teacher neuron',
      series: s.widths.map((m) => {
        const ns = runs.filter((x) => x.m === m).flatMap((x) => x.neurons);
        return { label: `m = ${m}`, x: ns.map((n) => Math.abs(n.a)), y: ns.map((n) => n.cosine), style: 'points' as const };
      }),
    };

    const reason = [
      allBelow
        ? `Every run fell below ε_g = ${THRESHOLD} and had a resolved late decade to fit.`
        : 'Some run never fell below the threshold or had no resolved late decade: rates cannot be compared.',
      `Over-parameterized students (m > m* = ${mStar}) decay as power laws in ${over.length - overExponential.length} of ${over.length} runs${
        overExponential.length ? ` (exponentially: ${overExponential.map((x) => `m = ${x.m} seed ${x.seed}, fates ${fateCounts(x)}`).join('; ')})` : ''
      }, with late-time power-law fits β = ${betas.map((b) => b.toFixed(2)).join(', ')} (median ${betaMedian.toFixed(2)}, relative spread ${(100 * spread).toFixed(0)}%; ≤ 25% counts as independent of m, > 50% as dependent).`,
      `At m = m* the decay is ${exact.map((x) => x.rate?.kind ?? 'unresolved').join(', ')} (γ = ${exact.map((x) => (x.rate ? (-x.rate.exponential.slope).toExponential(2) : 'n/a')).join(', ')}), faster than any power law: over-parameterization slows the local convergence from exponential to polynomial${
        spread <= 0.25
          ? ', and the polynomial rate does not depend on how many extra neurons there are'
          : drifting.length > 0
            ? `; the exponents still drift at the final time (by more than ${DRIFT} between the last two decades in ${drifting.length} of ${powerRuns.length} power-law runs), so whether the asymptotic rate depends on m is not settled by this horizon`
            : ', and the polynomial rates differ between runs although they no longer drift'
      }.${pattern}`,
      undecided.length === 0
        ? `At the final time every student neuron is aligned with a teacher neuron (cosine ≥ ${ALIGNED}) or has output weight |a_j| ≤ ${VANISHED}.`
        : `Not yet aligned nor switched off at the final time: ${undecided.join('; ')}.`,
      'Population gradient flow (d enters only through the random initial overlaps); finite time, so the fates of neurons are read at t_end.',
    ].join(' ');

    return {
      name: 'zhou-ge-2021',
      title: this.title,
      claim:
        'Once the loss is below a threshold, every student neuron of a mildly over-parameterized two-layer network converges to a teacher neuron (or its output weight goes to 0) and the loss goes to 0 at a rate independent of the number of student neurons m (Zhou, Ge & Jin 2021).',
      setting:
        `Soft committee, σ = σ* = erf(u/√2), teacher m* = ${mStar} with a* = (${TEACHER.join(', ')}), T from a random d = ${s.d} network; students m ∈ {${s.widths.join(', ')}}, ` +
        `a_j(0) = m*/m, first layer N(0, 0.5²) at d = ${s.d}, seeds {${s.seeds.join(', ')}}; exact population gradient flow in (Q, R, a) with a trainable second layer, dopri5 at rtol ${s.rtol}, atol ${s.atol} to t = ${s.end}. ` +
        `Late rate: least-squares fits of ln ε_g against ln t and against t over the last resolved decade of time after ε_g < ${THRESHOLD} (values within ${RESOLVED}× the loss floor — rounding plus integrator tolerance — excluded).`,
      tables: [
        {
          caption: 'Late-time decay per run: power-law exponent β and exponential rate γ with their R², neuron fates (aligned / output weight → 0 / neither), and how many teacher neurons have two or more aligned student neurons',
          table: {
            columns: ['m', 'seed', `t(ε_g < ${THRESHOLD})`, 'ε_g(end)', 'fit window', 'β', 'β, decade before', 'R² (power)', 'γ', 'R² (exp)', 'decay', 'fates', 'shared teacher neurons', 'status'],
            rows: rateRows,
          },
        },
        {
          caption: `Each student neuron at t = ${s.end}: closest teacher neuron, cosine ρ_jk and output weight a_j`,
          table: { columns: ['m', 'seed', 'neuron j', 'teacher k', 'cosine', 'a_j', 'fate'], rows: neuronRows },
        },
      ],
      claims: [interimClaim('the claim stated above', verdict, reason)],
      command: `npx popflow run zhou-ge-2021${ctx.quick ? '' : ' --full'}`,
      spec: runs.map((x) => x.spec),
      figures: [
        { file: 'loss.png', caption: `ε_g(t) for each width (seed ${s.seeds[0]}), drawn while resolved above ${RESOLVED}× the loss floor.`, spec: lossFigure },
        { file: 'local-exponent.png', caption: 'Local exponent of the decay: a plateau at the same height for every m > m* is an m-independent power law; growth without bound (off the top) is exponential decay.', spec: exponentFigure },
        { file: 'neurons.png', caption: 'Every student neuron at the final time (all seeds): aligned neurons sit at cosine ≈ 1, switched-off ones at |a_j| ≈ 0.', spec: fateFigure },
      ],
      summary: `late-time decay of over-parameterized students ∝ t^−β with β = ${betas.map((b) => b.toFixed(2)).join('/')} for m = ${powerRuns.map((x) => x.m).join('/')} (spread ${(100 * spread).toFixed(0)}%)`,
    };
  },
};
