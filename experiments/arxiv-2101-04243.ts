/**
 * arXiv 2101.04243 (abstract only): deep ReLU networks trained by gradient descent on n samples reach
 * a global minimum of the training loss when the width is quadratic in n and linear in the depth, in a
 * time logarithmic in n and in the depth; the proof runs through a surrogate network whose activation
 * patterns are frozen. Checked by full-batch GD on deep ReLU networks (src/deep/): iterations to a
 * training loss ε against n and depth L, and the surrogate argument's premises against width (the
 * fraction of activation patterns that change during training, the relative distance ‖W − W₀‖/‖W₀‖).
 */
import {
  bootstrap, claim, fallsBelow, notTested, prefersModel, type Claim, type Estimate,
} from '../src/claims/index.ts';
import { randomDeepNet, sphereDataset, trainDeep } from '../src/deep/index.ts';
import { Rng } from '../src/random.ts';
import { fitLine, median } from '../src/stats/index.ts';
import type { FigureSpec } from '../reports/plot.ts';
import type { ReportData } from '../reports/report.ts';
import type { Experiment, ExperimentContext } from './types.ts';

/** Training-loss target ε (labels ±1, so L(0) ≈ 0.5–4). */
export const EPSILON = 1e-3;
/** Input dimension (inputs on the sphere of radius √d). */
const D = 16;
/** Iteration budget: a run that has not reached ε by then is censored. */
const BUDGET = 10000;
/** ΔAIC needed to prefer one model of iterations against n ("substantial support", Burnham & Anderson). */
export const AIC_MARGIN = 2;
/** Largest width per depth (the cost grows like n·m²·L): widths n^1.5 and n² are capped here. */
const WIDTH_CAP: Record<number, number> = { 2: 1024, 4: 512, 8: 256 };

interface Setup {
  depths: number[];
  /** Time sweep: sample sizes per depth, at width m = n. */
  timeNs: Record<number, number[]>;
  timeSeeds: number[];
  /** Width sweep: sample sizes, at widths n, n^1.5, n² (capped). */
  widthNs: number[];
  widthSeeds: number[];
}
/** Sample sizes, a factor √2 apart, from 16 (narrower networks at width n often stall: see the quick run's tables). */
const GRID = [16, 23, 32, 45, 64, 91, 128, 181, 256];
const SETUPS: Record<'quick' | 'full', Setup> = {
  quick: { depths: [2, 4, 8], timeNs: { 2: GRID.slice(0, 3), 4: GRID.slice(0, 3), 8: GRID.slice(0, 2) }, timeSeeds: [1, 2], widthNs: [16], widthSeeds: [1, 2] },
  full: { depths: [2, 4, 8], timeNs: { 2: GRID, 4: GRID.slice(0, 7), 8: GRID.slice(0, 6) }, timeSeeds: [1, 2, 3], widthNs: [16, 32], widthSeeds: [1, 2, 3] },
};

/** One training run as cached (plain JSON). */
interface Run {
  n: number;
  m: number;
  depth: number;
  seed: number;
  status: 'reached' | 'budget' | 'diverged';
  iterations: number;
  initialLoss: number;
  loss: number;
  stepSize: number;
  patternChange: number;
  relativeChange: number;
  layerRelativeChange: number[];
  history: { iteration: number[]; loss: number[] };
}

function train(n: number, m: number, depth: number, seed: number): Run {
  const data = sphereDataset(n, D, new Rng(1009 * n + seed));
  const net = randomDeepNet(D, m, depth, new Rng(7919 * seed + 104_729 * m + 31 * depth));
  const r = trainDeep(net, data.x, data.y, { targetLoss: EPSILON, maxIterations: BUDGET }, new Rng(seed));
  return {
    n, m, depth, seed,
    status: r.status,
    iterations: r.iterations,
    initialLoss: r.initialLoss,
    loss: r.loss,
    stepSize: r.stepSize,
    patternChange: r.patternChange,
    relativeChange: r.relativeChange,
    layerRelativeChange: r.layerRelativeChange,
    history: r.history,
  };
}

/** Widths n, n^1.5, n² rounded, capped for the depth (deduplicated). */
export function widthsFor(n: number, depth: number): number[] {
  const cap = WIDTH_CAP[depth] ?? 256;
  return [...new Set([n, Math.round(n ** 1.5), n * n].map((m) => Math.min(m, cap)))];
}

/** What the judge reads. */
export interface ArxivMeasurements {
  /** Time sweep: iterations to ε (null when censored) per (depth, n, seed). */
  time: { depth: number; n: number; seed: number; iterations: number | null }[];
  /** Width sweep: per (depth, n, m, seed), the surrogate premises at the end of training (null if ε was not reached). */
  width: { depth: number; n: number; m: number; seed: number; patternChange: number | null; relativeChange: number | null }[];
}

/**
 * Both laws of iterations T against n, compared by least squares on ln T (seed noise is multiplicative),
 * 2 parameters each: the power law ln T = c + p ln n (linear); the logarithmic law ln T = ln(a + b ln n),
 * started from weighted least squares of T on ln n (weights 1/T², the first-order equivalent) and refined
 * by Gauss–Newton steps (halved while a + b ln n would turn non-positive). Null when a run is censored.
 */
export function timeModels(points: { n: number; iterations: number | null }[]) {
  if (points.length < 4 || points.some((p) => p.iterations === null || !(p.iterations! > 0))) return null;
  const x = points.map((p) => Math.log(p.n));
  const T = points.map((p) => p.iterations!);
  const lnT = T.map(Math.log);
  const power = fitLine(x, lnT);
  const rssPower = lnT.reduce((s, v, i) => s + (v - power.intercept - power.slope * x[i]) ** 2, 0);
  const rssOf = (a: number, b: number): number =>
    x.every((xi) => a + b * xi > 0) ? lnT.reduce((s, v, i) => s + (v - Math.log(a + b * x[i])) ** 2, 0) : Infinity;
  // weighted least squares start: minimise Σ ((T − a − b x)/T)²
  let [sw, swx, swxx, swy, swxy] = [0, 0, 0, 0, 0];
  x.forEach((xi, i) => {
    const w = 1 / T[i] ** 2;
    sw += w; swx += w * xi; swxx += w * xi * xi; swy += w * T[i]; swxy += w * xi * T[i];
  });
  const det = sw * swxx - swx * swx;
  let b = (sw * swxy - swx * swy) / det;
  let a = (swy - b * swx) / sw;
  let rssLog = rssOf(a, b);
  for (let it = 0; it < 50 && Number.isFinite(rssLog); it++) {
    // Gauss–Newton on r_i = ln T_i − ln(a + b x_i), ∂r/∂a = −1/g, ∂r/∂b = −x/g
    let [jaa, jab, jbb, ga, gb] = [0, 0, 0, 0, 0];
    x.forEach((xi, i) => {
      const g = a + b * xi;
      const r = lnT[i] - Math.log(g);
      const da = 1 / g;
      const db = xi / g;
      jaa += da * da; jab += da * db; jbb += db * db; ga += da * r; gb += db * r;
    });
    const dd = jaa * jbb - jab * jab;
    let stepA = (jbb * ga - jab * gb) / dd;
    let stepB = (jaa * gb - jab * ga) / dd;
    let next = rssOf(a + stepA, b + stepB);
    for (let h = 0; h < 30 && !(next <= rssLog); h++) {
      stepA /= 2;
      stepB /= 2;
      next = rssOf(a + stepA, b + stepB);
    }
    if (!(next <= rssLog)) break;
    const done = rssLog - next <= 1e-14 * rssLog;
    a += stepA;
    b += stepB;
    rssLog = next;
    if (done) break;
  }
  return { power, log: { intercept: a, slope: b }, rssPower, rssLog, count: points.length };
}

/** Slope of ln y against ln m within each (depth, n) group, averaged over groups (NaN when any value is missing or ≤ 0). */
function meanWidthSlope(rows: ArxivMeasurements['width'], key: 'patternChange' | 'relativeChange'): number {
  const groups = new Map<string, { m: number; v: number | null }[]>();
  for (const r of rows) {
    const k = `${r.depth}/${r.n}`;
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k)!.push({ m: r.m, v: r[key] });
  }
  const slopes: number[] = [];
  for (const g of groups.values()) {
    if (g.some((p) => p.v === null || !(p.v > 0))) return NaN;
    if (new Set(g.map((p) => p.m)).size < 2) continue;
    slopes.push(fitLine(g.map((p) => Math.log(p.m)), g.map((p) => Math.log(p.v!))).slope);
  }
  return slopes.length ? slopes.reduce((a, b) => a + b, 0) / slopes.length : NaN;
}

/** Paired bootstrap over seeds of the width sweep. */
function widthSlope(rows: ArxivMeasurements['width'], key: 'patternChange' | 'relativeChange'): Estimate {
  const seeds = [...new Set(rows.map((r) => r.seed))];
  const bySeed = new Map(seeds.map((s) => [s, rows.filter((r) => r.seed === s)]));
  return bootstrap(seeds, (sample) => meanWidthSlope(sample.flatMap((s) => bySeed.get(s)!), key), { seed: 5 });
}

/** The claims, judged by the rules fixed above (pure: synthetic measurements in the tests). */
export function judge(meas: ArxivMeasurements): Claim[] {
  const depths = [...new Set(meas.time.map((r) => r.depth))].sort((a, b) => a - b);
  const timeClaims = depths.map((depth) => {
    const pts = meas.time.filter((r) => r.depth === depth);
    const ns = [...new Set(pts.map((p) => p.n))];
    const fits = timeModels(pts);
    const statement = `Abstract: training time (iterations to a training loss ε) grows logarithmically in n (depth L = ${depth}).`;
    const observable = `iterations to L ≤ ${EPSILON} at η = 1/λ_max(K₀), width m = n, n ∈ {${ns.join(', ')}} × ${pts.length / ns.length} seeds`;
    const prediction = { text: 'T = a + b ln n preferred over T = c·n^p', source: 'arXiv 2101.04243, abstract' };
    const rule = `prefersModel(log, power) on ln T, ΔAIC margin ${AIC_MARGIN}; any censored run (budget ${BUDGET}) → inconclusive`;
    if (fits === null) {
      return claim({
        id: `time-logarithmic-in-n-L${depth}`, statement, observable, prediction, rule,
        measured: { value: NaN, lo: NaN, hi: NaN, level: 0.95, method: 'fit undefined: a run did not reach ε or too few points' },
        result: { verdict: 'inconclusive', reason: 'a run did not reach ε within the budget (censored), or fewer than 4 points' },
      });
    }
    const cmp = prefersModel({ name: 'log', rss: fits.rssLog, params: 2 }, { name: 'power', rss: fits.rssPower, params: 2 }, fits.count, AIC_MARGIN);
    const exponent: Estimate = {
      value: fits.power.slope,
      lo: fits.power.slope - 1.96 * fits.power.slopeStdErr,
      hi: fits.power.slope + 1.96 * fits.power.slopeStdErr,
      level: 0.95,
      method: `power-law exponent p of T ∝ n^p (least squares on ln T, ±1.96 s.e.); ΔAIC(power − log) = ${cmp.deltaAic.toFixed(1)}`,
    };
    return claim({ id: `time-logarithmic-in-n-L${depth}`, statement, observable, prediction, rule, measured: exponent, result: cmp });
  });
  const patterns = widthSlope(meas.width, 'patternChange');
  const moved = widthSlope(meas.width, 'relativeChange');
  const widthText = `widths n, n^1.5, n² (capped at ${Object.entries(WIDTH_CAP).map(([l, c]) => `${c} for L = ${l}`).join(', ')})`;
  return [
    ...timeClaims,
    claim({
      id: 'time-logarithmic-in-depth',
      statement: 'Abstract: training time grows logarithmically in the depth.',
      observable: 'iterations to ε against L',
      prediction: { text: 'T = a + b ln L', source: 'arXiv 2101.04243, abstract' },
      rule: 'none',
      result: notTested('three depths (2, 4, 8) cannot tell ln L from a power of L; iterations against L are tabulated and plotted'),
    }),
    claim({
      id: 'activation-patterns-freeze-with-width',
      statement: 'Proof premise (abstract: a surrogate network with fixed activation patterns): the fraction of ReLU patterns that change during training shrinks as the width grows.',
      observable: `fraction of (sample, layer, unit) signs changed between initialisation and L ≤ ${EPSILON}; slope of its log against ln m, averaged over the (L, n) groups; ${widthText}`,
      prediction: { text: 'slope < 0', source: 'arXiv 2101.04243 (surrogate argument)' },
      rule: 'fallsBelow(mean slope, 0), paired bootstrap over seeds; a run that did not reach ε is censored (→ undefined)',
      measured: patterns,
      result: fallsBelow(patterns, 0, 'mean slope of ln(pattern change) on ln m'),
    }),
    claim({
      id: 'weights-stay-close-with-width',
      statement: 'Proof premise: the weights stay close to their initialisation, relative to its size, the more so the wider the network.',
      observable: `‖W − W₀‖_F/‖W₀‖_F over all layers at L ≤ ${EPSILON}; slope of its log against ln m, averaged over the (L, n) groups; ${widthText}`,
      prediction: { text: 'slope < 0 (NTK scaling: about −1/2 to −1)', source: 'arXiv 2101.04243 (surrogate argument); NTK scaling' },
      rule: 'fallsBelow(mean slope, 0), paired bootstrap over seeds; a run that did not reach ε is censored (→ undefined)',
      measured: moved,
      result: fallsBelow(moved, 0, 'mean slope of ln(relative change) on ln m'),
    }),
    claim({
      id: 'quadratic-width-suffices',
      statement: 'Abstract: a width quadratic in n (and linear in depth) suffices for GD to reach a global minimum.',
      observable: 'reaching ε at widths n, n^1.5, n²',
      prediction: { text: 'convergence at width ≥ n²', source: 'arXiv 2101.04243, abstract' },
      rule: 'none',
      result: notTested('a sufficient width is a worst-case bound: runs converge already at width n (tables), so simulation cannot locate where width stops sufficing, nor show that quadratic width is needed; n² is also only reached for n ≤ 32'),
    }),
  ];
}

export const experiment: Experiment = {
  name: 'arxiv-2101-04243',
  title: 'Deep ReLU networks on n samples: iterations to ε, activation-pattern changes and weight movement (arXiv 2101.04243)',
  async run(ctx: ExperimentContext): Promise<ReportData> {
    const s = ctx.quick ? SETUPS.quick : SETUPS.full;
    const started = Date.now();
    const cachedTrain = (n: number, m: number, depth: number, seed: number): Promise<Run> =>
      ctx.cached({ model: 'deep relu, NTK parameterisation', n, m, depth, seed, d: D, epsilon: EPSILON, budget: BUDGET, step: '1/lambda_max(K0)' }, () => train(n, m, depth, seed));
    const timeRuns: Run[] = [];
    for (const depth of s.depths) {
      for (const n of s.timeNs[depth]) {
        for (const seed of s.timeSeeds) timeRuns.push(await cachedTrain(n, n, depth, seed));
        const at = timeRuns.filter((r) => r.depth === depth && r.n === n);
        ctx.log(`time sweep L = ${depth}, n = ${n}: iterations ${at.map((r) => (r.status === 'reached' ? r.iterations : r.status)).join(', ')}`);
      }
    }
    const widthRuns: Run[] = [];
    for (const depth of s.depths) {
      for (const n of s.widthNs) {
        for (const m of widthsFor(n, depth)) {
          for (const seed of s.widthSeeds) widthRuns.push(await cachedTrain(n, m, depth, seed));
          const at = widthRuns.filter((r) => r.depth === depth && r.n === n && r.m === m);
          ctx.log(`width sweep L = ${depth}, n = ${n}, m = ${m}: pattern change ${at.map((r) => r.patternChange.toExponential(2)).join(', ')}`);
        }
      }
    }
    const reached = (r: Run) => r.status === 'reached';
    const meas: ArxivMeasurements = {
      time: timeRuns.map((r) => ({ depth: r.depth, n: r.n, seed: r.seed, iterations: reached(r) ? r.iterations : null })),
      width: widthRuns.map((r) => ({
        depth: r.depth, n: r.n, m: r.m, seed: r.seed,
        patternChange: reached(r) ? r.patternChange : null,
        relativeChange: reached(r) ? r.relativeChange : null,
      })),
    };
    const claims = judge(meas);
    const wall = (Date.now() - started) / 1000;

    const timeFigure: FigureSpec = {
      title: 'Iterations to training loss ε against n (width m = n)',
      xLabel: 'samples n',
      yLabel: 'GD iterations to ε',
      xScale: 'log',
      yScale: 'log',
      series: s.depths.flatMap((depth, k) => {
        const ns = s.timeNs[depth];
        const per = ns.map((n) => timeRuns.filter((r) => r.depth === depth && r.n === n && reached(r)).map((r) => r.iterations));
        const ok = ns.map((_, i) => per[i].length === s.timeSeeds.length);
        const xs = ns.filter((_, i) => ok[i]);
        const fits = timeModels(meas.time.filter((r) => r.depth === depth));
        const data = {
          label: `L = ${depth}`,
          x: xs,
          y: per.filter((_, i) => ok[i]).map((v) => median(v)),
          band: { lo: per.filter((_, i) => ok[i]).map((v) => Math.min(...v)), hi: per.filter((_, i) => ok[i]).map((v) => Math.max(...v)) },
          style: 'points' as const,
          colour: k,
        };
        if (fits === null) return [data];
        return [
          data,
          { label: `L = ${depth}: a + b ln n`, x: xs, y: xs.map((n) => fits.log.intercept + fits.log.slope * Math.log(n)), dashed: true, style: 'line' as const, colour: k },
          { label: `L = ${depth}: c·n^p`, x: xs, y: xs.map((n) => Math.exp(fits.power.intercept) * n ** fits.power.slope), style: 'line' as const, colour: k },
        ];
      }),
    };
    const widthFigure = (key: 'patternChange' | 'relativeChange', title: string, yLabel: string): FigureSpec => ({
      title,
      xLabel: 'width m',
      yLabel,
      xScale: 'log',
      yScale: 'log',
      series: s.depths.flatMap((depth, k) =>
        s.widthNs.map((n, q) => {
          const ms = widthsFor(n, depth);
          const per = ms.map((m) => widthRuns.filter((r) => r.depth === depth && r.n === n && r.m === m && reached(r)).map((r) => r[key]));
          return {
            label: `L = ${depth}, n = ${n}`,
            x: ms,
            y: per.map((v) => median(v)),
            band: { lo: per.map((v) => Math.min(...v)), hi: per.map((v) => Math.max(...v)) },
            style: 'line+points' as const,
            dashed: q > 0,
            colour: k,
          };
        }),
      ),
    });

    const runRow = (r: Run) => [r.depth, r.n, r.m, r.seed, reached(r) ? r.iterations : '', r.initialLoss, r.loss, r.stepSize, r.patternChange, r.relativeChange, r.status];
    const columns = ['L', 'n', 'm', 'seed', 'iterations', 'L(0)', 'L(end)', 'step size', 'pattern change', 'relative weight change', 'status'];
    return {
      name: 'arxiv-2101-04243',
      title: this.title,
      claim:
        'Deep ReLU networks trained by gradient descent on n samples reach a global minimum of the training loss when the width is quadratic in n and linear in the depth, in a time logarithmic in n and the depth; the proof goes through a surrogate network with fixed activation patterns (arXiv 2101.04243, abstract).',
      setting:
        `${ctx.quick ? 'Quick run' : `Full run (wall time ${wall.toFixed(0)} s on 2 cores shared with other jobs)`}. Fully connected ReLU networks with L ∈ {${s.depths.join(', ')}} hidden layers of width m in the NTK parameterisation ` +
        `(z_l = √(2/m_{l−1}) W_l h_{l−1}, f = a·h_L/√m, W ~ N(0, 1) trained, a = ±1 fixed); n inputs uniform on the sphere of radius √d, d = ${D}, labels ±1 at random; ` +
        `full-batch GD on L = (1/2n)Σ(f − y)² with η = 1/λ_max of the Gram JJᵀ/n at initialisation; iterations until L ≤ ε = ${EPSILON} (budget ${BUDGET}). ` +
        `Time sweep: width m = n, n ∈ {${s.depths.map((l) => `L = ${l}: ${s.timeNs[l].join(', ')}`).join('; ')}}, seeds {${s.timeSeeds.join(', ')}}. ` +
        `Width sweep: n ∈ {${s.widthNs.join(', ')}}, widths n, n^1.5, n² capped at ${Object.entries(WIDTH_CAP).map(([l, c]) => `${c} (L = ${l})`).join(', ')} because the cost grows like n·m²·L, seeds {${s.widthSeeds.join(', ')}}. ` +
        'Deviations: the paper\'s text beyond its abstract was not available, so its exact parameterisation, initialisation, step size and ε are not known; the time sweep uses width n, below the quadratic width of the theorem (width n² is affordable only for n ≤ 32); ' +
        'the output layer is not trained; no bias terms.',
      tables: [
        { caption: 'Time sweep (width m = n): iterations to ε per run; empty iterations with a status other than "reached" are censored', table: { columns, rows: timeRuns.map(runRow) } },
        { caption: 'Width sweep: the surrogate premises at the end of training', table: { columns, rows: widthRuns.map(runRow) } },
      ],
      claims,
      command: `npx popflow run arxiv-2101-04243${ctx.quick ? '' : ' --full'}`,
      spec: { setup: s, d: D, epsilon: EPSILON, budget: BUDGET, widthCap: WIDTH_CAP, aicMargin: AIC_MARGIN },
      figures: [
        { file: 'iterations-vs-n.png', caption: 'GD iterations to ε against n at width n (median and min–max over seeds), with the two fitted laws (dashed: a + b ln n; solid: c·n^p).', spec: timeFigure },
        { file: 'pattern-change-vs-width.png', caption: 'Fraction of ReLU activation patterns changed during training against width (median, min–max over seeds; dashed: the larger n).', spec: widthFigure('patternChange', 'Activation patterns changed during training', 'fraction changed') },
        { file: 'weight-change-vs-width.png', caption: 'Relative distance travelled by the weights, ‖W − W₀‖_F/‖W₀‖_F, against width.', spec: widthFigure('relativeChange', 'Relative weight movement', '‖W − W₀‖ / ‖W₀‖') },
      ],
      summary: claims.map((c) => `${c.id}: ${c.verdict}`).join('; '),
    };
  },
};
