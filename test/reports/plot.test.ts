import test from 'ava';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadImage, createCanvas } from '@napi-rs/canvas';
import { decadeLabel, logTickLabels, redrawFigure, writeFigure, type FigureJson, type FigureSpec } from '../../reports/plot.ts';
import { readPngInfo } from '../../reports/png.ts';
import { SpecError } from '../../src/validate.ts';

const tmp = (): Promise<string> => mkdtemp(join(tmpdir(), 'popflow-plot-'));

/** RGBA pixels of a PNG, decoded by @napi-rs/canvas (Skia), independent of our chunk code. */
async function pixels(path: string): Promise<{ data: Uint8ClampedArray; width: number; height: number }> {
  const img = await loadImage(await readFile(path));
  const c = createCanvas(img.width, img.height);
  const ctx = c.getContext('2d');
  ctx.drawImage(img, 0, 0);
  return { data: ctx.getImageData(0, 0, img.width, img.height).data, width: img.width, height: img.height };
}

/** Number of pixels within ±6 per channel of an RGB colour (anti-aliasing blends edges only). */
function countColour(data: Uint8ClampedArray, rgb: [number, number, number]): number {
  let n = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (Math.abs(data[i] - rgb[0]) <= 6 && Math.abs(data[i + 1] - rgb[1]) <= 6 && Math.abs(data[i + 2] - rgb[2]) <= 6) n++;
  }
  return n;
}

const decay: FigureSpec = {
  title: 'Exponential decay',
  xLabel: 'time t',
  yLabel: 'loss',
  yScale: 'log',
  series: [
    { label: 'exp(−t)', x: [0, 1, 2, 3, 4, 5], y: [1, 0.37, 0.135, 0.05, 0.018, 0.0067] },
    { label: 'seeds', x: [0, 1, 2, 3, 4, 5], y: [1, 0.4, 0.15, 0.06, 0.02, 0.007], band: { lo: [0.9, 0.3, 0.1, 0.04, 0.015, 0.005], hi: [1.1, 0.5, 0.2, 0.08, 0.03, 0.01] }, style: 'points' },
  ],
  markers: [{ x: 2.5, label: 'event' }],
};

test('one-column figure is a 3.5 in × 2.8 in PNG at 300 dpi with the first palette colour drawn', async (t) => {
  const dir = await tmp();
  await writeFigure(join(dir, 'f.png'), decay);
  const png = await readFile(join(dir, 'f.png'));
  const info = readPngInfo(png);
  // 3.5 in · 300 dpi = 1050 px, 2.8 in · 300 dpi = 840 px.
  t.deepEqual([info.width, info.height, info.dpi], [1050, 840, 300]);
  const p = await pixels(join(dir, 'f.png'));
  t.is(p.width, 1050);
  // The first series is drawn in Okabe–Ito blue #0072B2; a 1.1 pt line over ~900 px of plot covers thousands of pixels.
  t.true(countColour(p.data, [0x00, 0x72, 0xb2]) > 2000);
  // The second series (vermillion #D55E00) as points.
  t.true(countColour(p.data, [0xd5, 0x5e, 0x00]) > 200);
});

test('two-column figure is 7 in wide: 2100 × 1050 px', async (t) => {
  const dir = await tmp();
  await writeFigure(join(dir, 'g.png'), { ...decay, size: 'two-column', yScale: 'linear' });
  const info = readPngInfo(await readFile(join(dir, 'g.png')));
  t.deepEqual([info.width, info.height], [2100, 1050]);
});

test('log-axis guard drops non-positive and non-finite points, says so in the JSON, and keeps them in the CSV', async (t) => {
  const dir = await tmp();
  const spec: FigureSpec = {
    title: 'Guard',
    xLabel: 'x',
    yLabel: 'y',
    xScale: 'log',
    yScale: 'log',
    series: [
      { label: 'a', x: [0, 1, 2, 3, 4], y: [1, 2, -1, 4, NaN] },
      { label: 'b', x: [1, 2], y: [1, 2] },
    ],
    markers: [{ x: 0, label: 'at zero' }, { x: 2, label: 'ok' }],
  };
  await writeFigure(join(dir, 'h.png'), spec);
  const json = JSON.parse(await readFile(join(dir, 'h.json'), 'utf8')) as FigureJson;
  // x = 0 (log x), y = −1 (log y) and y = NaN: three points of series "a"; series "b" untouched.
  t.is(json.render.dropped.length, 1);
  t.like(json.render.dropped[0], { series: 'a', count: 3 });
  t.deepEqual(json.render.markersDropped, [{ x: 0, label: 'at zero' }]);
  t.deepEqual(json.series[1], spec.series[1]);
  const csv = (await readFile(join(dir, 'h.csv'), 'utf8')).trim().split('\r\n');
  // Numbers only: the series index (labels live in the JSON), NaN as an empty cell.
  t.is(csv[0], 'series,x,y');
  t.is(csv.length, 1 + 5 + 2);
  t.is(csv[3], '0,2,-1');
  t.is(csv[5], '0,4,');
  t.is(csv[6], '1,1,1');
});

test('CSV carries band bounds; JSON round-trips the spec', async (t) => {
  const dir = await tmp();
  await writeFigure(join(dir, 'b.png'), decay);
  const csv = (await readFile(join(dir, 'b.csv'), 'utf8')).trim().split('\r\n');
  t.is(csv[0], 'series,x,y,band_lo,band_hi');
  t.is(csv[7], '1,0,1,0.9,1.1');
  const json = JSON.parse(await readFile(join(dir, 'b.json'), 'utf8')) as FigureJson;
  t.deepEqual(json.series, decay.series);
  t.deepEqual(json.render.dropped, []);
});

test('log ticks are labelled at decades only, as 10^k with superscripts', (t) => {
  t.is(decadeLabel(-3), '10⁻³');
  t.is(decadeLabel(12), '10¹²');
  const values = [1e-2, 2e-2, 5e-2, 1e-1, 3e-1, 1, 7, 10];
  t.deepEqual(logTickLabels(values), ['10⁻²', '', '', '10⁻¹', '', '10⁰', '', '10¹']);
  // Within one decade there are no two decades to label: 1, 2, 5 mantissas instead.
  t.deepEqual(logTickLabels([2, 3, 4, 5, 6]), ['2', '', '', '5', '']);
  t.deepEqual(logTickLabels([0.02, 0.05]), ['0.02', '0.05']);
  // Twenty decades thinned to every third one so that at most 7 labels remain.
  const many = Array.from({ length: 21 }, (_, k) => 10 ** (k - 10));
  const labelled = logTickLabels(many).filter(Boolean);
  t.true(labelled.length <= 7);
  t.true(labelled.includes('10⁰'));
});

test('malformed specs are refused with the field path', async (t) => {
  const dir = await tmp();
  const err = await t.throwsAsync(writeFigure(join(dir, 'x.png'), { ...decay, series: [{ label: 'a', x: [1, 2], y: [1] }] }), {
    instanceOf: SpecError,
  });
  t.is(err?.path, 'figure.series[0].y');
  await t.throwsAsync(writeFigure(join(dir, 'x.png'), { ...decay, yLabel: '' }), { instanceOf: SpecError });
});

test('every figure is also written as SVG (text as paths, size in inches) and as a PDF with embedded fonts', async (t) => {
  const dir = await tmp();
  await writeFigure(join(dir, 'v.png'), decay);
  const svg = await readFile(join(dir, 'v.svg'), 'utf8');
  t.regex(svg, /<svg[^>]* width="3.5in" height="2.8in" viewBox="0 0 1050 840"/);
  t.false(svg.includes('<text'));
  const pdf = await readFile(join(dir, 'v.pdf'));
  t.is(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
  const text = pdf.toString('latin1');
  // 3.5 in = 252 pt wide; DejaVu Sans embedded as TrueType subsets.
  t.regex(text, /\/MediaBox \[0 0 252 20[12](\.\d+)?\]/);
  t.true(text.includes('/FontFile2'));
});

test('series parameters become CSV columns; error bars get err_lo and err_hi', async (t) => {
  const dir = await tmp();
  await writeFigure(join(dir, 'p.png'), {
    title: 'Parameters',
    xLabel: 'x',
    yLabel: 'y',
    series: [
      { label: 'm = 2, seed 1', x: [1, 2], y: [0.1, 0.2], params: { m: 2, seed: 1 } },
      { label: 'mean', x: [1, 2], y: [0.3, 0.4], yErr: { lo: [0.25, 0.35], hi: [0.35, 0.45] }, style: 'points', params: { m: 4 } },
    ],
  });
  const csv = (await readFile(join(dir, 'p.csv'), 'utf8')).trim().split('\r\n');
  t.deepEqual(csv, ['series,x,y,err_lo,err_hi,m,seed', '0,1,0.1,,,2,1', '0,2,0.2,,,2,1', '1,1,0.3,0.25,0.35,4,', '1,2,0.4,0.35,0.45,4,']);
  await t.throwsAsync(
    writeFigure(join(dir, 'q.png'), { title: 'T', xLabel: 'x', yLabel: 'y', series: [{ label: 'a', x: [1], y: [1], params: { m: 'four' as unknown as number } }] }),
    { instanceOf: SpecError, message: /series\[0\]\.params\.m/ },
  );
});

test('a series with a floor stops at the first value below it, and the JSON says where', async (t) => {
  const dir = await tmp();
  const render = await writeFigure(join(dir, 'f.png'), {
    title: 'Floor',
    xLabel: 't',
    yLabel: 'loss',
    yScale: 'log',
    series: [{ label: 'ODE', x: [0, 1, 2, 3, 4], y: [1, 1e-4, 1e-9, 1e-14, 1e-14], floor: 1e-12 }],
  });
  t.deepEqual(render.stopped, [{ series: 'ODE', x: 3, count: 2 }]);
  t.deepEqual(render.problems, []);
});

test('redrawFigure draws a figure again from its JSON alone, in another format and width', async (t) => {
  const dir = await tmp();
  await writeFigure(join(dir, 'r.png'), decay);
  const { path, problems } = await redrawFigure(join(dir, 'r.json'), { format: 'svg', width: '7in', out: join(dir, 'wide.svg') });
  t.is(path, join(dir, 'wide.svg'));
  t.deepEqual(problems, []);
  t.regex(await readFile(path, 'utf8'), /width="7in" height="3.5in" viewBox="0 0 2100 1050"/);
  const png = await redrawFigure(join(dir, 'r.json'), { out: join(dir, 'again.png') });
  t.deepEqual(readPngInfo(await readFile(png.path)).width, 1050);
  await t.throwsAsync(redrawFigure(join(dir, 'r.json'), { width: 'wide' }), { instanceOf: SpecError, message: /--width/ });
  await t.throwsAsync(redrawFigure(join(dir, 'missing.json')), { instanceOf: SpecError });
});
