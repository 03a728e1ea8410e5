import test from 'ava';
import { renderFigure, type FigureSpec, type Series } from '../../reports/plot.ts';

/** Every preset and series kind the figure layer offers, each of which must pass the layout check. */
const t8 = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024];
const decay = (rate: number): number[] => t8.map((t) => Math.exp(-rate * Math.log(t)));
const many: Series[] = Array.from({ length: 9 }, (_, k) => ({ label: `m = ${k + 1}, η = ${(0.1 * (k + 1)).toFixed(1)}`, x: t8, y: decay(0.2 + 0.1 * k) }));
const features: Record<string, FigureSpec> = {
  'log-log with a band, error bars, a dashed fit and markers': {
    title: 'Generalisation error ε_g against time for students a*_k of width m = 4 trained by SGD',
    xLabel: 'time t',
    yLabel: 'ε_g(t) · d^{-1/2}',
    xScale: 'log',
    yScale: 'log',
    series: [
      { label: 'ODE', x: t8, y: decay(1), band: { lo: decay(1.1), hi: decay(0.9) } },
      { label: 'SGD, mean ± sd over seeds', x: [8, 64, 512], y: [0.13, 0.016, 0.002], yErr: { lo: [0.1, 0.012, 0.0015], hi: [0.16, 0.02, 0.0025] }, style: 'points' },
      { label: 'fit ∝ t^{-1}', x: t8, y: decay(1).map((v) => 1.1 * v), dashed: true },
    ],
    markers: [{ x: 16, label: 't_{plateau}' }, { x: 18, label: 't_{exit}' }],
  },
  'powers of two on a short log axis': {
    title: 'Finite-d deviation',
    xLabel: 'd',
    yLabel: 'max |Δε_g|',
    xScale: 'log',
    yScale: 'log',
    series: [{ label: 'measured', x: [8, 16, 32], y: [0.04, 0.02, 0.01], style: 'line+points' }],
  },
  'histogram bars and steps, two columns': {
    title: 'Spectrum of the overlap matrix',
    xLabel: 'eigenvalue λ',
    yLabel: 'density',
    size: 'two-column',
    series: [
      { label: 'empirical', x: [0.1, 0.3, 0.5, 0.7, 0.9], y: [0.4, 1.2, 1.5, 0.8, 0.1], style: 'bars' },
      { label: 'seed 2', x: [0.1, 0.3, 0.5, 0.7, 0.9], y: [0.5, 1.1, 1.4, 0.9, 0.2], style: 'steps' },
      { label: 'Marchenko–Pastur', x: [0, 0.25, 0.5, 0.75, 1], y: [0, 1.1, 1.5, 0.9, 0] },
    ],
  },
  'nine series in the legend, linear axes with negative values': {
    title: 'Order parameters',
    xLabel: 'time t',
    yLabel: 'R_{ik} − Q_{ii}',
    series: many.map((s) => ({ ...s, y: s.y.map((v) => v - 0.5) })),
  },
  'one series, log y over fourteen decades': {
    title: 'Loss',
    xLabel: 'time t',
    yLabel: 'ε_g',
    yScale: 'log',
    series: [{ label: 'only', x: t8, y: t8.map((t) => 10 ** -(t / 80)), floor: 1e-12 }],
  },
  'log axis inside one decade': {
    title: 'Narrow',
    xLabel: 'x',
    yLabel: 'y',
    yScale: 'log',
    series: [{ label: 'a', x: [1, 2, 3], y: [2.1, 3.5, 4.9] }],
  },
};

for (const [name, spec] of Object.entries(features)) {
  test(`figure check passes: ${name}`, async (t) => {
    for (const format of ['png', 'pdf'] as const) {
      const { problems } = await renderFigure(spec, format);
      t.deepEqual(problems, [], format);
    }
  });
}

test('the figure check reports a legend series with no point in the plot', async (t) => {
  const { problems } = await renderFigure({ ...features['powers of two on a short log axis'], series: [
    { label: 'inside', x: [8, 16], y: [1, 2] },
    { label: 'outside', x: [100, 200], y: [1, 2] },
  ], xMax: 20 }, 'png');
  t.deepEqual(problems, ['series "outside" is in the legend but has no point inside the plot']);
});

test('the figure check reports a log axis with a single labelled tick', async (t) => {
  const { problems } = await renderFigure({ ...features['log axis inside one decade'], yTicks: [3] }, 'png');
  t.deepEqual(problems, ['log axis y has 1 labelled tick (at least 2 needed)']);
});

test('the figure check reports overlapping tick labels and text leaving the canvas', async (t) => {
  const crowded = await renderFigure({ ...features['log axis inside one decade'], xTicks: [1, 1.01, 1.02, 1.03] }, 'png');
  t.true(crowded.problems.some((p) => /text "1\.01" overlaps "1\.02"/.test(p)), crowded.problems.join('\n'));
  const long = await renderFigure({ ...features['log axis inside one decade'], markers: [{ x: 2, label: 'a marker label far longer than the plot is high, so it runs off' }] }, 'png');
  t.true(long.problems.some((p) => /a marker label far longer/.test(p)), long.problems.join('\n'));
});
