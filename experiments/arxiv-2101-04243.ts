/**
 * arXiv 2101.04243 (2021): over-parameterized ReLU networks trained by gradient descent reach a global
 * minimum of the training loss when the width is quadratic in the sample size n, in a number of
 * iterations logarithmic in n. Checked here by simulation, two-layer only: full-batch GD on n samples
 * with random labels, for widths m = 2, 4, … up to n², in two data regimes (d fixed; d = n).
 */
import { Rng } from '../src/random.ts';
import { interimClaim } from './interim.ts';
import {
  extremeEigenvalues,
  fullBatchGd,
  ntkGram,
  randomLabelDataset,
  randomNet,
  relu,
} from '../src/weightspace/index.ts';
import type { FigureSpec, Series } from '../reports/plot.ts';
import type { ReportData } from '../reports/report.ts';
import type { Experiment, ExperimentContext } from './types.ts';
import { fitPowerLaw, type LineFit, median } from '../src/stats/index.ts';

/** A data regime: input dimension fixed, or proportional to n. */
interface Regime {
  label: string;
  /** d as a function of n. */
  d: (n: number) => number;
  /** How d is chosen, for the spec. */
  rule: string;
}

interface Sweep {
  ns: number[];
  fixedD: number;
  maxWidth: number;
  seeds: number;
  epsilon: number;
  budget: number;
}

const SWEEPS: Record<'quick' | 'full', Sweep> = {
  quick: { ns: [8, 16, 32], fixedD: 8, maxWidth: 1024, seeds: 2, epsilon: 1e-4, budget: 3000 },
  full: { ns: [16, 32, 64, 128], fixedD: 16, maxWidth: 4096, seeds: 4, epsilon: 1e-4, budget: 20000 },
};

function regimes(s: Sweep): Regime[] {
  return [
    { label: `d = ${s.fixedD}`, d: () => s.fixedD, rule: `d = ${s.fixedD} for every n` },
    { label: 'd = n', d: (n) => n, rule: 'd = n' },
  ];
}

/** Widths 2, 4, 8, … up to min(n², maxWidth). */
const widthsFor = (n: number, s: Sweep): number[] => {
  const out: number[] = [];
  for (let m = 2; m <= Math.min(n * n, s.maxWidth); m *= 2) out.push(m);
  return out;
};

interface Run {
  regime: string;
  n: number;
  d: number;
  m: number;
  seed: number;
  status: 'reached' | 'budget' | 'diverged';
  iterations: number;
  finalLoss: number;
  stepSize: number;
  /** Condition number λ_max/λ_min of the NTK Gram at initialisation (Infinity when singular). */
  kappa: number;
  history?: { iteration: number[]; loss: number[] };
}

/**
 * One training run: data x ~ N(0, I_d), y ~ N(0, 1) (seeded by regime, n, seed: the same data for every
 * width); f(x) = (1/√m) Σ a_j relu(w_j·x/√d), a_j = ±1 fixed, w_j ~ N(0, I); step η = n / λ_max(G₀).
 */
function train(regime: Regime, regimeIndex: number, n: number, m: number, seed: number, s: Sweep, keepHistory: boolean): Run {
  const d = regime.d(n);
  const data = randomLabelDataset(n, d, new Rng(1_000_003 * (regimeIndex + 1) + 1009 * n + seed));
  const net = randomNet(d, m, relu, new Rng(7919 * seed + 104_729 * m + n), { scaling: 'ntk', secondLayer: 'signs' });
  const ev = extremeEigenvalues(ntkGram(net, data), n);
  const stepSize = n / ev.max;
  const r = fullBatchGd(net, data, { stepSize, maxIterations: s.budget, targetLoss: s.epsilon, recordEvery: keepHistory ? 1 : s.budget });
  return {
    regime: regime.label,
    n,
    d,
    m,
    seed,
    status: r.status,
    iterations: r.iterations,
    finalLoss: r.loss,
    stepSize,
    kappa: ev.min > 1e-12 * ev.max ? ev.max / ev.min : Infinity,
    history: keepHistory ? r.history : undefined,
  };
}

/** Smallest width from which on every width of the grid had every seed reach ε (null if none). */
function widthNeeded(runs: Run[], widths: number[]): number | null {
  let needed: number | null = null;
  for (let i = widths.length - 1; i >= 0; i--) {
    if (!runs.filter((r) => r.m === widths[i]).every((r) => r.status === 'reached')) break;
    needed = widths[i];
  }
  return needed;
}

const fmtFit = (f: LineFit): string => `${f.slope.toFixed(2)} ± ${f.slopeStdErr.toFixed(2)}`;

export const experiment: Experiment = {
  name: 'arxiv-2101-04243',
  title: 'Width quadratic in n and time logarithmic in n: full-batch GD on ReLU networks (arXiv 2101.04243)',
  async run(ctx: ExperimentContext): Promise<ReportData> {
    const s = ctx.quick ? SWEEPS.quick : SWEEPS.full;
    const regs = regimes(s);
    const total = regs.length * s.ns.reduce((acc, n) => acc + widthsFor(n, s).length, 0) * s.seeds;
    const runs: Run[] = [];
    regs.forEach((regime, ri) => {
      for (const n of s.ns) {
        const widths = widthsFor(n, s);
        for (const m of widths) {
          for (let seed = 1; seed <= s.seeds; seed++) {
            runs.push(train(regime, ri, n, m, seed, s, seed === 1 && m === widths[widths.length - 1]));
            ctx.progress?.(runs.length, total);
          }
        }
        const at = runs.filter((r) => r.regime === regime.label && r.n === n);
        ctx.log(`${regime.label}, n = ${n}: width needed ${widthNeeded(at, widths) ?? 'none'}; ${at.filter((r) => r.status === 'reached').length}/${at.length} runs reached ε`);
      }
    });

    // Table 1: every (regime, n, m) cell.
    const cells = regs.flatMap((regime) =>
      s.ns.flatMap((n) =>
        widthsFor(n, s).map((m) => {
          const rs = runs.filter((r) => r.regime === regime.label && r.n === n && r.m === m);
          const reached = rs.filter((r) => r.status === 'reached');
          return { regime: regime.label, n, d: rs[0].d, m, rs, reached };
        }),
      ),
    );
    const cellRows = cells.map((c) => [
      c.regime,
      c.n,
      c.d,
      c.m,
      `${c.reached.length}/${c.rs.length}`,
      c.reached.length === c.rs.length ? median(c.rs.map((r) => r.iterations)) : 'not all reached',
      median(c.rs.map((r) => r.finalLoss)),
      median(c.rs.map((r) => r.kappa)),
      median(c.rs.map((r) => r.stepSize)),
    ]);

    // Width needed and iterations at the widest width (m = n² where the cap allows), per regime.
    const perRegime = regs.map((regime) => {
      const rows = s.ns.map((n) => {
        const widths = widthsFor(n, s);
        const at = runs.filter((r) => r.regime === regime.label && r.n === n);
        const widest = at.filter((r) => r.m === widths[widths.length - 1]);
        return {
          n,
          needed: widthNeeded(at, widths),
          widest: widths[widths.length - 1],
          widestIterations: widest.every((r) => r.status === 'reached') ? median(widest.map((r) => r.iterations)) : null,
          widestKappa: median(widest.map((r) => r.kappa)),
        };
      });
      const withNeeded = rows.filter((r) => r.needed !== null);
      const widthFit = withNeeded.length >= 2 ? fitPowerLaw(withNeeded.map((r) => r.n), withNeeded.map((r) => r.needed as number)) : null;
      const withTime = rows.filter((r) => r.widestIterations !== null);
      const timeFit = withTime.length >= 2 ? fitPowerLaw(withTime.map((r) => r.n), withTime.map((r) => r.widestIterations as number)) : null;
      return { regime, rows, widthFit, timeFit };
    });

    // A pure c·ln n growth over [n_min, n_max] looks, in a power-law fit, like the exponent q_log below.
    const nMin = s.ns[0];
    const nMax = s.ns[s.ns.length - 1];
    const qLog = Math.log(Math.log(nMax) / Math.log(nMin)) / Math.log(nMax / nMin);

    const everyQuadraticReached = perRegime.every((p) =>
      p.rows.every((r) => r.widest < r.n * r.n || r.widestIterations !== null),
    );
    const quadraticTested = perRegime.flatMap((p) => p.rows.filter((r) => r.widest === r.n * r.n).map((r) => `${p.regime.label}, n = ${r.n}`));
    const widthOk = perRegime.every((p) => p.widthFit !== null && p.widthFit.slope + 2 * p.widthFit.slopeStdErr < 2);
    const proportional = perRegime[1];
    const timeFit = proportional.timeFit;
    const timeLog = timeFit !== null && timeFit.slope - 2 * timeFit.slopeStdErr <= qLog;
    const timeFaster = timeFit !== null && timeFit.slope - 2 * timeFit.slopeStdErr > qLog;
    const verdict: string =
      !everyQuadraticReached || timeFaster ? 'not supported' : widthOk && timeLog ? 'supported' : 'inconclusive';

    const fixed = perRegime[0];
    const reason = [
      `Every seed reached training loss ε = ${s.epsilon} within ${s.budget} iterations at width m = n² for ${quadraticTested.length ? quadraticTested.join('; ') : 'no n (the width cap was below n²)'}` +
        (everyQuadraticReached ? '.' : ' — except at least one width-n² run, which failed.'),
      `The smallest sufficient width grows like n^p with p = ${perRegime.map((p) => `${p.widthFit ? fmtFit(p.widthFit) : 'n/a'} (${p.regime.label})`).join(', ')}: ` +
        (widthOk ? 'below 2, consistent with quadratic width being sufficient (the experiment cannot show it is necessary, and it finds far smaller widths enough: about the parameter count m·d ≳ n).' : 'not clearly below 2.'),
      `Iterations at the widest width grow like n^q with q = ${timeFit ? fmtFit(timeFit) : 'n/a'} for d = n, where the NTK Gram's condition number stays bounded (the theorem's assumption of a kernel eigenvalue bounded below); a pure c·ln n growth over n ∈ [${nMin}, ${nMax}] would show q ≈ ${qLog.toFixed(2)}. ` +
        (timeLog ? 'That is consistent with logarithmic time.' : timeFaster ? 'That is faster than logarithmic.' : 'Too few points to tell.'),
      `With d fixed (${fixed.regime.label}) the Gram's condition number grows with n and so do the iterations (q = ${fixed.timeFit ? fmtFit(fixed.timeFit) : 'n/a'}): the logarithmic time holds only while the smallest kernel eigenvalue stays bounded below, as the theorem assumes.`,
      'Simulation of two-layer networks only (the paper treats deep ReLU networks); finite n and few seeds, so this checks consistency, not the asymptotic rates.',
    ].join(' ');

    const nSeries = (regime: Regime): Series[] =>
      s.ns.map((n) => {
        const cs = cells.filter((c) => c.regime === regime.label && c.n === n && c.reached.length === c.rs.length);
        return { label: `n = ${n}`, x: cs.map((c) => c.m), y: cs.map((c) => median(c.rs.map((r) => r.iterations))), style: 'line+points' };
      });
    const iterationsFigure = (regime: Regime): FigureSpec => ({
      title: `Iterations to training loss ${s.epsilon} (${regime.label})`,
      xLabel: 'width m',
      yLabel: 'GD iterations (median over seeds)',
      xScale: 'log',
      yScale: 'log',
      series: nSeries(regime),
    });
    const widthFigure: FigureSpec = {
      title: 'Smallest width that reaches ε for every seed',
      xLabel: 'number of samples n',
      yLabel: 'width needed m',
      xScale: 'log',
      yScale: 'log',
      series: [
        ...perRegime.map((p) => ({
          label: `${p.regime.label}${p.widthFit ? `, fit n^${p.widthFit.slope.toFixed(2)}` : ''}`,
          x: p.rows.filter((r) => r.needed !== null).map((r) => r.n),
          y: p.rows.filter((r) => r.needed !== null).map((r) => r.needed as number),
          style: 'line+points' as const,
        })),
        { label: 'm = n² (sufficient per the claim)', x: s.ns, y: s.ns.map((n) => n * n), dashed: true },
      ],
    };
    const timeFigure: FigureSpec = {
      title: 'Iterations at the widest width (m = min(n², cap))',
      xLabel: 'number of samples n',
      yLabel: 'GD iterations (median over seeds)',
      xScale: 'log',
      yScale: 'log',
      series: perRegime.map((p) => ({
        label: `${p.regime.label}${p.timeFit ? `, fit n^${p.timeFit.slope.toFixed(2)}` : ''}`,
        x: p.rows.filter((r) => r.widestIterations !== null).map((r) => r.n),
        y: p.rows.filter((r) => r.widestIterations !== null).map((r) => r.widestIterations as number),
        style: 'line+points',
      })),
    };
    const curves = runs.filter((r) => r.history && r.regime === proportional.regime.label);
    const lossFigure: FigureSpec = {
      title: 'Training loss, widest width, d = n',
      xLabel: 'GD iteration',
      yLabel: 'training loss (1/2n)Σ r²',
      yScale: 'log',
      series: curves.map((r) => ({ label: `n = ${r.n}, m = ${r.m}`, x: r.history!.iteration, y: r.history!.loss })),
    };

    const spec = {
      model: 'f(x) = (1/√m) Σ_j a_j relu(w_j·x/√d), a_j = ±1 fixed (random signs), w_j ~ N(0, I_d); first layer trained',
      data: 'x_i ~ N(0, I_d), y_i ~ N(0, 1) independent (random labels: a global minimum is an interpolant)',
      loss: 'L = (1/2n) Σ_i (f(x_i) − y_i)²',
      stepSize: 'η = n / λ_max(G₀), G₀ the empirical NTK Gram at initialisation',
      regimes: regs.map((r) => r.rule),
      widths: '2, 4, 8, … up to min(n², maxWidth)',
      ...s,
    };
    return {
      name: 'arxiv-2101-04243',
      title: this.title,
      claim:
        'Gradient descent on an over-parameterized ReLU network converges to a global minimum of the training loss when the width is quadratic in the sample size n, in a time logarithmic in n (arXiv 2101.04243; deep networks there, two-layer here).',
      setting:
        `Two-layer ReLU network in NTK scaling, first layer trained by full-batch GD on n samples with Gaussian inputs and random Gaussian labels; ` +
        `widths 2, 4, … up to min(n², ${s.maxWidth}); n ∈ {${s.ns.join(', ')}}; d = ${s.fixedD} fixed and d = n; ${s.seeds} seeds; ` +
        `target training loss ε = ${s.epsilon}, budget ${s.budget} iterations, step n/λ_max of the initial NTK Gram. Plain Float64Array simulation (src/weightspace).`,
      tables: [
        {
          caption: 'Smallest sufficient width and iterations at the widest width, per regime and n',
          table: {
            columns: ['regime', 'n', 'width needed', 'widest width', 'iterations at widest (median)', 'NTK condition number at widest'],
            rows: perRegime.flatMap((p) =>
              p.rows.map((r) => [p.regime.label, r.n, r.needed ?? 'none in grid', r.widest, r.widestIterations ?? 'not all reached', r.widestKappa]),
            ),
          },
        },
        {
          caption: `Fitted powers of n (least squares in log-log; ± one standard error). A pure c·ln n growth would give q ≈ ${qLog.toFixed(2)} over this range of n.`,
          table: {
            columns: ['regime', 'width needed ∝ n^p: p', 'iterations at widest ∝ n^q: q'],
            rows: perRegime.map((p) => [p.regime.label, p.widthFit ? fmtFit(p.widthFit) : 'n/a', p.timeFit ? fmtFit(p.timeFit) : 'n/a']),
          },
        },
        {
          caption: `Every (regime, n, m): seeds reaching ε, median iterations, median final loss, median NTK condition number and step size`,
          table: {
            columns: ['regime', 'n', 'd', 'm', 'reached', 'iterations (median)', 'final loss (median)', 'NTK condition number (median)', 'step size η (median)'],
            rows: cellRows,
          },
        },
      ],
      claims: [interimClaim('the claim stated above', verdict, reason)],
      command: `npx popflow run arxiv-2101-04243${ctx.quick ? '' : ' --full'}`,
      spec,
      figures: [
        { file: 'width-needed.png', caption: 'Smallest width from which every width and seed reached ε, against n, with the claim’s sufficient width n².', spec: widthFigure },
        { file: 'iterations-vs-n.png', caption: 'Median GD iterations to ε at the widest width, against n.', spec: timeFigure },
        { file: 'iterations-vs-width-fixed-d.png', caption: `Median iterations to ε against width (${regs[0].label}); widths where a seed failed are omitted.`, spec: iterationsFigure(regs[0]) },
        { file: 'iterations-vs-width-d-n.png', caption: 'Median iterations to ε against width (d = n); widths where a seed failed are omitted.', spec: iterationsFigure(regs[1]) },
        { file: 'training-loss.png', caption: 'Training loss along GD at the widest width, d = n, seed 1: linear convergence.', spec: lossFigure },
      ],
      summary:
        `width needed ∝ n^${perRegime.map((p) => (p.widthFit ? p.widthFit.slope.toFixed(2) : '?')).join('/')} (d fixed/d = n; claim: n² suffices), ` +
        `iterations at the widest width ∝ n^${timeFit ? timeFit.slope.toFixed(2) : '?'} for d = n`,
    };
  },
};
