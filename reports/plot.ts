/**
 * Publication figures: one module of presets over chart.js 4, drawn on @napi-rs/canvas (Skia, shipped
 * as prebuilt npm packages: no compiler or system libraries at install time) with the DejaVu Sans
 * TrueType files of the `dejavu-fonts-ttf` package, so a figure looks the same on every machine.
 *
 * Presets: one-column (3.5 in) and two-column (7 in) widths at 300 dpi, fonts sized in points,
 * the Okabe–Ito colour-blind-safe palette, log axes labelled at decades (10^k), error bands drawn
 * as a filled region between two hidden datasets, and vertical event markers drawn by a small
 * inline plugin. `writeFigure` writes the PNG and, beside it, the spec as JSON and the data as CSV.
 */
import { createRequire } from 'node:module';
import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import { Chart, registerables } from 'chart.js';
import type { ChartConfiguration, ChartDataset, LegendItem, Plugin, ScaleOptions } from 'chart.js';
import { SpecError } from '../src/validate.ts';
import { toCsv } from './csv.ts';
import { dirname } from 'node:path';
import { withDpi } from './png.ts';
import { writeFileAtomic } from '../src/io/atomicWrite.ts';

export interface Series {
  label: string;
  x: number[];
  y: number[];
  band?: { lo: number[]; hi: number[] };
  style?: 'line' | 'points' | 'line+points';
  dashed?: boolean;
  /** Palette index (default: the series' position), so related series can share a colour. */
  colour?: number;
}
/** A vertical event marker at x, labelled. */
export interface Marker {
  x: number;
  label: string;
}
export interface FigureSpec {
  title: string;
  xLabel: string;
  yLabel: string;
  xScale?: 'linear' | 'log';
  yScale?: 'linear' | 'log';
  series: Series[];
  markers?: Marker[];
  size?: 'one-column' | 'two-column';
  xMin?: number;
  xMax?: number;
  yMin?: number;
  yMax?: number;
}

/** Print resolution of every figure. */
export const DPI = 300;
/** Figure sizes in inches: widths of one and two journal columns. */
export const FIGURE_SIZES = {
  'one-column': { widthIn: 3.5, heightIn: 2.8 },
  'two-column': { widthIn: 7, heightIn: 3.5 },
} as const;
/** Okabe & Ito (2008) colour-blind-safe palette, ordered for contrast on white; yellow last. */
export const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#E69F00', '#CC79A7', '#56B4E9', '#000000', '#F0E442'];

/** Pixels for a length in typographic points at the figure resolution (1 pt = 1/72 in). */
const pt = (points: number): number => (points * DPI) / 72;
const FONT = { family: 'DejaVu Sans', title: pt(9), label: pt(8), tick: pt(7), legend: pt(7), marker: pt(6.5) };
const LINE_WIDTH = pt(1.1);
const POINT_RADIUS = pt(1.6);
const BAND_ALPHA = 0.22;
const GRID_COLOUR = '#dcdcdc';
const MINOR_GRID_COLOUR = '#f2f2f2';

/** Pixel size of a figure preset. */
export function figurePixels(size: FigureSpec['size'] = 'one-column'): { width: number; height: number } {
  const s = FIGURE_SIZES[size];
  return { width: Math.round(s.widthIn * DPI), height: Math.round(s.heightIn * DPI) };
}

/** What the log-axis guard removed from one series (points with a non-positive or non-finite coordinate). */
export interface DroppedPoints {
  series: string;
  count: number;
  reason: string;
}

const SUPERSCRIPT: Record<string, string> = {
  '-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹',
};

/** 10^k written with Unicode superscripts, e.g. decadeLabel(-3) = "10⁻³". */
export function decadeLabel(k: number): string {
  return '10' + String(k).replace(/./g, (c) => SUPERSCRIPT[c]);
}

/** log10 of v when v is an exact power of ten (to 1e-9 in the exponent), else undefined. */
function decadeOf(v: number): number | undefined {
  if (!(v > 0)) return undefined;
  const k = Math.round(Math.log10(v));
  return Math.abs(Math.log10(v) - k) < 1e-9 ? k : undefined;
}

/**
 * Tick labels for a log axis: only decades, written 10^k, thinned to at most `maxLabels`; when the
 * axis spans fewer than two decades, the mantissas 1, 2 and 5 are labelled instead so it keeps labels.
 */
export function logTickLabels(values: number[], maxLabels = 7): string[] {
  const decades = values.map(decadeOf);
  const found = decades.filter((k): k is number => k !== undefined);
  if (found.length >= 2) {
    const every = Math.ceil(found.length / maxLabels);
    return decades.map((k) => (k !== undefined && k % every === 0 ? decadeLabel(k) : ''));
  }
  return values.map((v) => {
    const lead = Number((v / 10 ** Math.floor(Math.log10(v))).toPrecision(6));
    return lead === 1 || lead === 2 || lead === 5 ? String(Number(v.toPrecision(6))) : '';
  });
}

/**
 * Keep the points of a series that a log axis can show: coordinates on log axes must be > 0 and every
 * coordinate finite. Band bounds are guarded with their point (a band lo ≤ 0 on a log y axis drops the point).
 */
export function guardSeries(
  s: Series,
  xLog: boolean,
  yLog: boolean,
): { series: Series; dropped?: DroppedPoints } {
  const ok = (v: number, log: boolean): boolean => Number.isFinite(v) && (!log || v > 0);
  const keep: number[] = [];
  for (let i = 0; i < s.x.length; i++) {
    const bandOk = !s.band || (ok(s.band.lo[i], yLog) && ok(s.band.hi[i], yLog));
    if (ok(s.x[i], xLog) && ok(s.y[i], yLog) && bandOk) keep.push(i);
  }
  const pick = (a: number[]): number[] => keep.map((i) => a[i]);
  const series: Series = { ...s, x: pick(s.x), y: pick(s.y) };
  if (s.band) series.band = { lo: pick(s.band.lo), hi: pick(s.band.hi) };
  const count = s.x.length - keep.length;
  if (count === 0) return { series };
  const axes = [xLog ? 'x' : '', yLog ? 'y' : ''].filter(Boolean).join(' and ');
  const reason = axes
    ? `non-positive or non-finite value on the log ${axes} axis`
    : 'non-finite value';
  return { series, dropped: { series: s.label, count, reason } };
}

/** Refuse a malformed figure spec up front (lengths, sizes, scale names). */
function validate(spec: FigureSpec): void {
  if (!spec.title) throw new SpecError('figure.title', spec.title, 'a non-empty title');
  if (!spec.xLabel) throw new SpecError('figure.xLabel', spec.xLabel, 'a non-empty axis label');
  if (!spec.yLabel) throw new SpecError('figure.yLabel', spec.yLabel, 'a non-empty axis label');
  if (spec.size !== undefined && !(spec.size in FIGURE_SIZES)) {
    throw new SpecError('figure.size', spec.size, '"one-column" or "two-column"');
  }
  for (const axis of ['xScale', 'yScale'] as const) {
    const v = spec[axis];
    if (v !== undefined && v !== 'linear' && v !== 'log') throw new SpecError(`figure.${axis}`, v, '"linear" or "log"');
  }
  spec.series.forEach((s, i) => {
    if (s.x.length !== s.y.length) {
      throw new SpecError(`figure.series[${i}].y`, s.y.length, `${s.x.length} values, one per x`);
    }
    if (s.band && (s.band.lo.length !== s.x.length || s.band.hi.length !== s.x.length)) {
      throw new SpecError(`figure.series[${i}].band`, [s.band.lo.length, s.band.hi.length], `lo and hi of ${s.x.length} values`);
    }
  });
}

/** Vertical dashed lines with rotated labels at event times; options under `plugins.eventMarkers`. */
const eventMarkers: Plugin<'scatter', { markers: Marker[] }> = {
  id: 'eventMarkers',
  afterDatasetsDraw(chart: Chart, _args, options) {
    const { ctx, chartArea, scales } = chart;
    const x = scales.x;
    ctx.save();
    ctx.strokeStyle = '#555555';
    ctx.lineWidth = pt(0.7);
    ctx.setLineDash([pt(2), pt(2)]);
    ctx.font = `${FONT.marker}px "${FONT.family}"`;
    ctx.textAlign = 'right';
    ctx.textBaseline = 'bottom';
    // Labels of markers closer than a label's height are stacked down the line instead of overlapping.
    const placed = (options.markers ?? [])
      .map((m) => ({ m, px: x.getPixelForValue(m.x) }))
      .filter(({ px }) => px >= chartArea.left && px <= chartArea.right)
      .sort((p, q) => p.px - q.px);
    let previous = { px: -Infinity, end: 0 };
    for (const { m, px } of placed) {
      const offset = px - previous.px < FONT.marker * 1.3 ? previous.end + pt(3) : 0;
      previous = { px, end: offset + ctx.measureText(m.label).width };
      ctx.beginPath();
      ctx.moveTo(px, chartArea.top);
      ctx.lineTo(px, chartArea.bottom);
      ctx.stroke();
      ctx.save();
      ctx.translate(px - pt(1), chartArea.top + pt(2) + offset);
      ctx.rotate(-Math.PI / 2);
      const w = ctx.measureText(m.label).width;
      ctx.fillStyle = 'rgba(255, 255, 255, 0.8)';
      ctx.fillRect(-w - pt(1), -FONT.marker * 1.15, w + pt(2), FONT.marker * 1.2);
      ctx.fillStyle = '#333333';
      ctx.fillText(m.label, 0, 0);
      ctx.restore();
    }
    ctx.restore();
  },
};

let chartReady = false;
/** Register chart.js's controllers, the marker plugin and the bundled fonts, once. */
function prepareChart(): void {
  if (chartReady) return;
  const fontDir = dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')) + '/ttf';
  for (const file of ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf', 'DejaVuSans-Oblique.ttf']) {
    GlobalFonts.registerFromPath(`${fontDir}/${file}`, FONT.family);
  }
  Chart.register(...registerables, eventMarkers as Plugin);
  Chart.defaults.font.family = FONT.family;
  Chart.defaults.color = '#000000';
  chartReady = true;
}

/** Fill the canvas white before chart.js draws (PNG has no transparent background). */
const whiteBackground: Plugin = {
  id: 'whiteBackground',
  beforeDraw(chart) {
    const { ctx, width, height } = chart;
    ctx.save();
    ctx.fillStyle = 'white';
    ctx.fillRect(0, 0, width, height);
    ctx.restore();
  },
};

/** Draw a chart.js configuration on a fresh @napi-rs/canvas and return the PNG bytes. */
async function renderPng(config: ChartConfiguration, width: number, height: number): Promise<Buffer> {
  prepareChart();
  const canvas = createCanvas(width, height);
  const chart = new Chart(canvas.getContext('2d') as unknown as CanvasRenderingContext2D, {
    ...config,
    plugins: [...(config.plugins ?? []), whiteBackground],
  });
  try {
    return await canvas.encode('png');
  } finally {
    chart.destroy();
  }
}

function withAlpha(hex: string, alpha: number): string {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

type Points = { x: number; y: number }[];
const points = (x: number[], y: number[]): Points => x.map((xi, i) => ({ x: xi, y: y[i] }));

/** chart.js datasets for the guarded series: each band as two hidden bounds, filled between, then the line. */
function datasets(series: Series[]): { data: ChartDataset<'scatter', Points>[]; bandIndices: Set<number> } {
  const data: ChartDataset<'scatter', Points>[] = [];
  const bandIndices = new Set<number>();
  series.forEach((s, i) => {
    const colour = PALETTE[(s.colour ?? i) % PALETTE.length];
    if (s.band) {
      const bound = { showLine: true, borderWidth: 0, pointRadius: 0, borderColor: 'transparent', order: 2 };
      bandIndices.add(data.length);
      data.push({ ...bound, label: `${s.label} (band low)`, data: points(s.x, s.band.lo), fill: false });
      bandIndices.add(data.length);
      data.push({
        ...bound,
        label: `${s.label} (band high)`,
        data: points(s.x, s.band.hi),
        fill: '-1',
        backgroundColor: withAlpha(colour, BAND_ALPHA),
      });
    }
    const style = s.style ?? 'line';
    data.push({
      label: s.label,
      data: points(s.x, s.y),
      showLine: style !== 'points',
      pointRadius: style === 'line' ? 0 : POINT_RADIUS,
      borderColor: colour,
      backgroundColor: colour,
      borderWidth: LINE_WIDTH,
      borderDash: s.dashed ? [pt(3), pt(2)] : [],
      fill: false,
      order: 1,
    });
  });
  return { data, bandIndices };
}

function axis(
  kind: 'linear' | 'log',
  title: string,
  min: number | undefined,
  max: number | undefined,
  grace: string | undefined,
): ScaleOptions<'linear'> | ScaleOptions<'logarithmic'> {
  const common = {
    min,
    max,
    title: { display: true, text: title, font: { size: FONT.label } },
    grid: { color: GRID_COLOUR, lineWidth: pt(0.4) },
    border: { color: '#000000', width: pt(0.6) },
  };
  if (kind === 'log') {
    return {
      ...common,
      type: 'logarithmic',
      grid: { ...common.grid, color: (c: { tick?: { value: number } }) => (decadeOf(c.tick?.value ?? 0) === undefined ? MINOR_GRID_COLOUR : GRID_COLOUR) },
      ticks: {
        font: { size: FONT.tick },
        autoSkip: false,
        maxRotation: 0,
        callback: (_v: unknown, index: number, ticks: { value: number }[]) =>
          logTickLabels(ticks.map((t) => t.value))[index],
      },
    } as ScaleOptions<'logarithmic'>;
  }
  return {
    ...common,
    type: 'linear',
    grace,
    ticks: { font: { size: FONT.tick }, maxTicksLimit: 7, maxRotation: 0 },
  } as ScaleOptions<'linear'>;
}

/** The chart.js configuration for a (guarded) figure spec. */
function configuration(spec: FigureSpec, series: Series[], markers: Marker[]): ChartConfiguration<'scatter', Points> {
  const { data, bandIndices } = datasets(series);
  return {
    type: 'scatter',
    data: { datasets: data },
    options: {
      responsive: false,
      animation: false,
      devicePixelRatio: 1,
      layout: { padding: { top: pt(2), right: pt(9), bottom: pt(2), left: pt(2) } },
      scales: {
        x: axis(spec.xScale ?? 'linear', spec.xLabel, spec.xMin, spec.xMax, undefined),
        // Head-room on a linear y axis so that curves at the extremes are not drawn on the frame.
        y: axis(spec.yScale ?? 'linear', spec.yLabel, spec.yMin, spec.yMax, '4%'),
      },
      plugins: {
        title: { display: true, text: spec.title, font: { size: FONT.title, weight: 'bold' }, padding: pt(3) },
        legend: {
          display: series.length > 1,
          position: 'top',
          labels: {
            font: { size: FONT.legend },
            boxWidth: pt(14),
            boxHeight: pt(1),
            padding: pt(4),
            filter: (item: LegendItem) => !bandIndices.has(item.datasetIndex ?? -1),
          },
        },
        tooltip: { enabled: false },
        eventMarkers: { markers },
      } as Record<string, unknown>,
    },
  };
}

/** The JSON written beside a figure: the spec as given (all data), plus what rendering left out. */
export interface FigureJson extends FigureSpec {
  render: { widthPx: number; heightPx: number; dpi: number; dropped: DroppedPoints[]; markersDropped: Marker[] };
}

/**
 * Write a figure: the PNG at `pngPath` (300 dpi, size preset from `spec.size`, one-column by default),
 * `<name>.json` with the full spec plus a `render` note of points the log-axis guard dropped, and
 * `<name>.csv` in long form (series, x, y, band_lo, band_hi) with every point of the spec.
 * Throws SpecError for a malformed spec (empty title or labels, mismatched lengths, unknown size).
 */
export async function writeFigure(pngPath: string, spec: FigureSpec): Promise<void> {
  validate(spec);
  const xLog = spec.xScale === 'log';
  const yLog = spec.yScale === 'log';
  const guarded = spec.series.map((s) => guardSeries(s, xLog, yLog));
  const dropped = guarded.flatMap((g) => (g.dropped ? [g.dropped] : []));
  const markers = (spec.markers ?? []).filter((m) => Number.isFinite(m.x) && (!xLog || m.x > 0));
  const markersDropped = (spec.markers ?? []).filter((m) => !markers.includes(m));
  const { width, height } = figurePixels(spec.size);
  const config = configuration(spec, guarded.map((g) => g.series), markers);
  const png = withDpi(await renderPng(config as ChartConfiguration, width, height), DPI);

  const base = pngPath.replace(/\.png$/i, '');
  const json: FigureJson = { ...spec, render: { widthPx: width, heightPx: height, dpi: DPI, dropped, markersDropped } };
  const rows = spec.series.flatMap((s) =>
    s.x.map((x, i) => [s.label, x, s.y[i], s.band?.lo[i], s.band?.hi[i]] as (string | number | undefined)[]),
  );
  await Promise.all([
    writeFileAtomic(pngPath, png),
    writeFileAtomic(`${base}.json`, JSON.stringify(json, null, 1) + '\n'),
    writeFileAtomic(`${base}.csv`, toCsv(['series', 'x', 'y', 'band_lo', 'band_hi'], rows)),
  ]);
}
