/**
 * Publication figures: presets over chart.js 4, drawn on @napi-rs/canvas (Skia, shipped as prebuilt
 * npm packages: no compiler or system libraries at install time) with the DejaVu Sans TrueType files
 * of the `dejavu-fonts-ttf` package, so a figure looks the same on every machine.
 *
 * One chart configuration is drawn three times, on a raster canvas (PNG, 300 dpi), on Skia's SVG
 * canvas (text converted to paths) and on a Skia PDF page (fonts embedded as subsets), so the three
 * files show the same layout. Titles, axis titles, legend entries and marker labels are typeset by
 * the rich-text layer (`richText.ts`: sub- and superscripts, minus signs) in chart.js layout boxes
 * (`chartBoxes.ts`); ticks come from `ticks.ts`; `figureCheck.ts` checks the drawn layout.
 *
 * Presets: one-column (3.5 in) and two-column (7 in) widths, fonts sized in points, the Okabe–Ito
 * colour-blind-safe palette without its yellow, axes tight to the data (a small margin when points
 * are drawn, so none sits on the frame), seed spread as bands or error bars, histograms as bars or
 * steps, vertical event markers.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createCanvas, GlobalFonts, PDFDocument, SvgExportFlag } from '@napi-rs/canvas';
import { Chart, layouts, registerables } from 'chart.js';
import type { ChartConfiguration, ChartDataset, Plugin, Scale, ScaleOptions } from 'chart.js';
import { SpecError } from '../src/validate.ts';
import { toCsv } from './csv.ts';
import { dirname } from 'node:path';
import { withDpi } from './png.ts';
import { AxisTitleBox, LegendBox, TitleBox, type LegendEntry, type TextRect } from './chartBoxes.ts';
import { checkLayout, recordText } from './figureCheck.ts';
import { drawRich, measureRich, parseRichText, plainText, type TextContext } from './richText.ts';
import { decadeOf, linearTicks, logTicks, type Tick } from './ticks.ts';
import { writeFileAtomic } from '../src/io/atomicWrite.ts';

export { decadeLabel, logTickLabels } from './ticks.ts';

/** One curve, point set or histogram of a figure. */
export interface Series {
  /** Legend text, typeset (`_k`, `^{-2}`, …; see richText.ts). Kept in the JSON only, never in the CSV. */
  label: string;
  x: number[];
  y: number[];
  /** Shaded region between lo and hi at each x (seed spread, confidence band). */
  band?: { lo: number[]; hi: number[] };
  /** Error bars from lo to hi (absolute values, not offsets) at each point. */
  yErr?: { lo: number[]; hi: number[] };
  /**
   * 'line' (default), 'points', 'line+points'; histograms: 'bars' (filled) or 'steps' (outline),
   * with x the bin centres (bin edges halfway between centres; geometric midpoints on a log x axis).
   */
  style?: 'line' | 'points' | 'line+points' | 'bars' | 'steps';
  dashed?: boolean;
  /** Palette index (default: the series' position), so related series can share a colour. */
  colour?: number;
  /** Resolution floor: the curve is drawn up to the first y below it and stops there (reported in `render.stopped`). */
  floor?: number;
  /** Numeric parameters of the series (m, η, d, seed …): one CSV column each. */
  params?: Record<string, number>;
}
/** A vertical event marker at x, labelled (rich text). */
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
  /** Tick positions replacing the automatic ones (all labelled). */
  xTicks?: number[];
  yTicks?: number[];
}

/** Print resolution of every PNG. */
export const DPI = 300;
/** Figure sizes in inches: widths of one and two journal columns. */
export const FIGURE_SIZES = {
  'one-column': { widthIn: 3.5, heightIn: 2.8 },
  'two-column': { widthIn: 7, heightIn: 3.5 },
} as const;
/** A figure's size in inches. */
export interface FigureInches {
  widthIn: number;
  heightIn: number;
}
/**
 * Okabe & Ito (2008) colour-blind-safe palette without its yellow (#F0E442, too faint on white),
 * ordered for contrast on white.
 */
export const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#000000', '#E69F00', '#56B4E9'];

/** Pixels for a length in typographic points at the figure resolution (1 pt = 1/72 in). */
const pt = (points: number): number => (points * DPI) / 72;
const FAMILY = 'DejaVu Sans';
const FONT = { title: pt(9), label: pt(8), tick: pt(7), legend: pt(7), marker: pt(6.5) };
const LINE_WIDTH = pt(1.1);
/** Dashed lines (fits, references) are drawn a little heavier so the dashes read at print size. */
const DASHED_WIDTH = pt(1.4);
const DASH = [pt(3.5), pt(2)];
const POINT_RADIUS = pt(1.7);
const BAND_ALPHA = 0.22;
const BAR_ALPHA = 0.35;
const GRID_COLOUR = '#dcdcdc';
const MINOR_GRID_COLOUR = '#f2f2f2';
/** Margin (fraction of the axis range) around point-like data, so no marker sits on the frame. */
const POINT_MARGIN = 0.04;

/** Pixel size of a figure preset (or of a size in inches) at 300 dpi. */
export function figurePixels(size: FigureSpec['size'] | FigureInches = 'one-column'): { width: number; height: number } {
  const s = typeof size === 'string' ? FIGURE_SIZES[size] : size;
  return { width: Math.round(s.widthIn * DPI), height: Math.round(s.heightIn * DPI) };
}

/** What the log-axis guard removed from one series (points with a non-positive or non-finite coordinate). */
export interface DroppedPoints {
  series: string;
  count: number;
  reason: string;
}
/** Where a series with a `floor` stopped: the first x whose y is below the floor, and how many points were not drawn. */
export interface StoppedSeries {
  series: string;
  x: number;
  count: number;
}

/**
 * Keep the points of a series that a log axis can show: coordinates on log axes must be > 0 and every
 * coordinate finite. Band and error-bar bounds are guarded with their point.
 */
export function guardSeries(s: Series, xLog: boolean, yLog: boolean): { series: Series; dropped?: DroppedPoints } {
  const ok = (v: number, log: boolean): boolean => Number.isFinite(v) && (!log || v > 0);
  const keep: number[] = [];
  for (let i = 0; i < s.x.length; i++) {
    const bandOk = !s.band || (ok(s.band.lo[i], yLog) && ok(s.band.hi[i], yLog));
    const errOk = !s.yErr || (ok(s.yErr.lo[i], yLog) && ok(s.yErr.hi[i], yLog));
    if (ok(s.x[i], xLog) && ok(s.y[i], yLog) && bandOk && errOk) keep.push(i);
  }
  const pick = (a: number[]): number[] => keep.map((i) => a[i]);
  const series: Series = { ...s, x: pick(s.x), y: pick(s.y) };
  if (s.band) series.band = { lo: pick(s.band.lo), hi: pick(s.band.hi) };
  if (s.yErr) series.yErr = { lo: pick(s.yErr.lo), hi: pick(s.yErr.hi) };
  const count = s.x.length - keep.length;
  if (count === 0) return { series };
  const axes = [xLog ? 'x' : '', yLog ? 'y' : ''].filter(Boolean).join(' and ');
  const reason = axes ? `non-positive or non-finite value on the log ${axes} axis` : 'non-finite value';
  return { series, dropped: { series: s.label, count, reason } };
}

/** Cut a series at its floor: keep the points before the first y < floor. */
export function stopAtFloor(s: Series): { series: Series; stopped?: StoppedSeries } {
  if (s.floor === undefined) return { series: s };
  const floor = s.floor;
  const i = s.y.findIndex((y) => y < floor);
  if (i < 0) return { series: s };
  const cut = (a: number[]): number[] => a.slice(0, i);
  const series: Series = { ...s, x: cut(s.x), y: cut(s.y) };
  if (s.band) series.band = { lo: cut(s.band.lo), hi: cut(s.band.hi) };
  if (s.yErr) series.yErr = { lo: cut(s.yErr.lo), hi: cut(s.yErr.hi) };
  return { series, stopped: { series: s.label, x: s.x[i], count: s.x.length - i } };
}

const STYLES = ['line', 'points', 'line+points', 'bars', 'steps'];

/** Refuse a malformed figure spec up front (lengths, sizes, scale names, styles, ticks, parameters). */
export function validateFigure(spec: FigureSpec): void {
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
  for (const key of ['xTicks', 'yTicks'] as const) {
    const v = spec[key];
    if (v !== undefined && (!Array.isArray(v) || !v.every(Number.isFinite))) throw new SpecError(`figure.${key}`, v, 'an array of finite numbers');
  }
  if (!Array.isArray(spec.series)) throw new SpecError('figure.series', spec.series, 'an array of series');
  spec.series.forEach((s, i) => {
    const at = `figure.series[${i}]`;
    if (!Array.isArray(s.x) || !Array.isArray(s.y)) throw new SpecError(`${at}.x`, s.x, 'arrays x and y of numbers');
    if (s.x.length !== s.y.length) throw new SpecError(`${at}.y`, s.y.length, `${s.x.length} values, one per x`);
    for (const key of ['band', 'yErr'] as const) {
      const b = s[key];
      if (b && (b.lo?.length !== s.x.length || b.hi?.length !== s.x.length)) {
        throw new SpecError(`${at}.${key}`, [b.lo?.length, b.hi?.length], `lo and hi of ${s.x.length} values`);
      }
    }
    if (s.style !== undefined && !STYLES.includes(s.style)) throw new SpecError(`${at}.style`, s.style, STYLES.join(', '));
    for (const [k, v] of Object.entries(s.params ?? {})) {
      if (typeof v !== 'number') throw new SpecError(`${at}.params.${k}`, v, 'a number (text belongs in the label)');
      if (!/^[A-Za-z][\w.]*$/.test(k)) throw new SpecError(`${at}.params`, k, 'parameter names of letters, digits, "_" and "."');
    }
  });
}

/** Vertical dashed lines with rotated, typeset labels at event times, stacked down the line when close. */
function eventMarkers(markers: Marker[]): Plugin {
  return {
    id: 'eventMarkers',
    afterDatasetsDraw(chart: Chart) {
      const { ctx, chartArea, scales } = chart;
      const tctx = ctx as unknown as TextContext;
      const font = { size: FONT.marker, family: FAMILY };
      const placed = markers
        .map((m) => ({ m, px: scales.x.getPixelForValue(m.x), runs: parseRichText(m.label) }))
        .filter(({ px }) => px >= chartArea.left && px <= chartArea.right)
        .sort((p, q) => p.px - q.px);
      const rects: TextRect[] = [];
      let previous = { px: -Infinity, end: 0 };
      for (const { m, px, runs } of placed) {
        const metrics = measureRich(tctx, runs, font);
        const height = metrics.ascent + metrics.descent;
        const offset = px - previous.px < height * 1.1 ? previous.end + pt(3) : 0;
        previous = { px, end: offset + metrics.width };
        ctx.save();
        ctx.strokeStyle = '#555555';
        ctx.lineWidth = pt(0.7);
        ctx.setLineDash([pt(2), pt(2)]);
        ctx.beginPath();
        ctx.moveTo(px, chartArea.top);
        ctx.lineTo(px, chartArea.bottom);
        ctx.stroke();
        // Rotated a quarter turn: text reads upwards, its top edge against the line's left side.
        const top = chartArea.top + pt(2) + offset;
        ctx.translate(px - pt(1) - metrics.descent, top);
        ctx.rotate(-Math.PI / 2);
        ctx.fillStyle = 'rgba(255, 255, 255, 0.8)';
        ctx.fillRect(-metrics.width - pt(1), -metrics.ascent, metrics.width + pt(2), height);
        drawRich(tctx, runs, font, 0, 0, 'right', 'alphabetic', '#333333');
        ctx.restore();
        rects.push({ text: m.label, left: px - pt(1) - height, right: px - pt(1), top, bottom: top + metrics.width });
      }
      recordText(chart, 'markers', rects);
    },
  };
}

/** Error bars (vertical, with caps) for the datasets that carry them. */
function errorBars(bars: { datasetIndex: number; x: number[]; lo: number[]; hi: number[]; colour: string }[]): Plugin {
  return {
    id: 'errorBars',
    afterDatasetsDraw(chart: Chart) {
      const { ctx, scales } = chart;
      ctx.save();
      ctx.lineWidth = pt(0.8);
      for (const b of bars) {
        ctx.strokeStyle = b.colour;
        const cap = pt(1.8);
        ctx.beginPath();
        b.x.forEach((x, i) => {
          const px = scales.x.getPixelForValue(x);
          const lo = scales.y.getPixelForValue(b.lo[i]);
          const hi = scales.y.getPixelForValue(b.hi[i]);
          ctx.moveTo(px, lo);
          ctx.lineTo(px, hi);
          ctx.moveTo(px - cap, lo);
          ctx.lineTo(px + cap, lo);
          ctx.moveTo(px - cap, hi);
          ctx.lineTo(px + cap, hi);
        });
        ctx.stroke();
      }
      ctx.restore();
    },
  };
}

let fontsReady = false;
/** Register chart.js's controllers and the bundled fonts, once. */
function prepareChart(): void {
  if (fontsReady) return;
  const fontDir = dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')) + '/ttf';
  for (const file of ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf', 'DejaVuSans-Oblique.ttf']) {
    GlobalFonts.registerFromPath(`${fontDir}/${file}`, FAMILY);
  }
  Chart.register(...registerables);
  Chart.defaults.font.family = FAMILY;
  Chart.defaults.color = '#000000';
  fontsReady = true;
}

/** Fill the canvas white before chart.js draws (PNG has no transparent background; PDF and SVG match it). */
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

function withAlpha(hex: string, alpha: number): string {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

type Points = { x: number; y: number }[];
const points = (x: number[], y: number[]): Points => x.map((xi, i) => ({ x: xi, y: y[i] }));

/** Bin edges for bin centres: halfway between neighbours (geometric on a log axis), the ends mirrored. */
export function binEdges(centres: number[], log: boolean): number[] {
  const f = log ? Math.log : (v: number): number => v;
  const g = log ? Math.exp : (v: number): number => v;
  const c = centres.map(f);
  if (c.length === 1) return log ? [centres[0] / Math.SQRT2, centres[0] * Math.SQRT2] : [centres[0] - 0.5, centres[0] + 0.5];
  const mids = c.slice(1).map((v, i) => (v + c[i]) / 2);
  return [c[0] - (c[1] - c[0]) / 2, ...mids, c[c.length - 1] + (c[c.length - 1] - c[c.length - 2]) / 2].map(g);
}

/** A histogram's outline: up from the base at the first edge, across each bin, down at the last edge. */
function histogramOutline(s: Series, xLog: boolean, base: number | undefined): Points {
  const e = binEdges(s.x, xLog);
  const out: Points = base === undefined ? [] : [{ x: e[0], y: base }];
  s.y.forEach((y, i) => out.push({ x: e[i], y }, { x: e[i + 1], y }));
  if (base !== undefined) out.push({ x: e[e.length - 1], y: base });
  return out;
}

/** The chart.js datasets, legend entries and error bars of the guarded series. */
function datasets(
  series: Series[],
  xLog: boolean,
  yLog: boolean,
): { data: ChartDataset<'scatter', Points>[]; legend: LegendEntry[]; bars: Parameters<typeof errorBars>[0] } {
  const data: ChartDataset<'scatter', Points>[] = [];
  const legend: LegendEntry[] = [];
  const bars: Parameters<typeof errorBars>[0] = [];
  series.forEach((s, i) => {
    const colour = PALETTE[(s.colour ?? i) % PALETTE.length];
    const style = s.style ?? 'line';
    const lineWidth = s.dashed ? DASHED_WIDTH : LINE_WIDTH;
    const dash = s.dashed ? DASH : [];
    if (s.band) {
      const bound = { showLine: true, borderWidth: 0, pointRadius: 0, borderColor: 'transparent', order: 3 };
      data.push({ ...bound, label: '', data: points(s.x, s.band.lo), fill: false });
      data.push({ ...bound, label: '', data: points(s.x, s.band.hi), fill: '-1', backgroundColor: withAlpha(colour, BAND_ALPHA) });
    }
    const histogram = style === 'bars' || style === 'steps';
    if (histogram) {
      data.push({
        label: s.label,
        data: histogramOutline(s, xLog, yLog ? undefined : 0),
        showLine: true,
        pointRadius: 0,
        borderColor: colour,
        borderWidth: pt(0.9),
        borderDash: dash,
        backgroundColor: withAlpha(colour, BAR_ALPHA),
        fill: style === 'bars' ? (yLog ? 'start' : { value: 0 }) : false,
        order: 2,
      });
    } else {
      data.push({
        label: s.label,
        data: points(s.x, s.y),
        showLine: style !== 'points',
        pointRadius: style === 'line' ? 0 : POINT_RADIUS,
        pointBorderWidth: 0,
        borderColor: colour,
        backgroundColor: colour,
        borderWidth: lineWidth,
        borderDash: dash,
        fill: false,
        // Dashed lines (fits, references) over solid lines over points over bands, so a fit stays
        // visible along the curve or through the points it fits.
        order: style === 'points' ? 1 : s.dashed ? -1 : 0,
      });
    }
    const datasetIndex = data.length - 1;
    if (s.yErr) bars.push({ datasetIndex, x: s.x, lo: s.yErr.lo, hi: s.yErr.hi, colour });
    legend.push({
      label: s.label,
      datasetIndex,
      swatch: {
        colour,
        line: style !== 'points' && style !== 'bars',
        dash,
        lineWidth: histogram ? pt(0.9) : lineWidth,
        point: style === 'points' || style === 'line+points',
        pointRadius: POINT_RADIUS,
        band: s.band ? withAlpha(colour, BAND_ALPHA) : undefined,
        bar: style === 'bars' ? withAlpha(colour, BAR_ALPHA) : undefined,
        errorBar: s.yErr !== undefined,
      },
    });
  });
  return { data, legend, bars };
}

/** The data range of one axis: every coordinate drawn on it (values, bands, error bars, bin edges). */
function extent(values: number[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}

/**
 * Axis bounds: given min/max win; otherwise the data range, widened by `margin` of the range on each
 * side (in log space on a log axis). A degenerate range is opened to ±1 (linear) or ×/÷ 2 (log).
 */
export function axisBounds(values: number[], log: boolean, margin: number, min?: number, max?: number): [number, number] {
  let [lo, hi] = extent(values);
  if (!Number.isFinite(lo)) [lo, hi] = log ? [1, 10] : [0, 1];
  const f = log ? Math.log10 : (v: number): number => v;
  const g = log ? (v: number): number => 10 ** v : (v: number): number => v;
  let a = f(lo);
  let b = f(hi);
  if (b - a < 1e-12 * Math.max(1, Math.abs(a))) {
    a -= log ? Math.log10(2) : 1;
    b += log ? Math.log10(2) : 1;
  }
  const pad = (b - a) * margin;
  return [min ?? g(a - pad), max ?? g(b + pad)];
}

/** chart.js scale options: bounds as given, ticks from ticks.ts, title drawn by AxisTitleBox. */
function axis(kind: 'linear' | 'log', bounds: [number, number], data: number[], explicit: number[] | undefined, target: number): ScaleOptions<'linear'> {
  let ticks: Tick[] = [];
  return {
    type: kind === 'log' ? 'logarithmic' : 'linear',
    min: bounds[0],
    max: bounds[1],
    title: { display: false },
    grid: {
      color: (c: { tick?: { label?: unknown; value: number } }) => (c.tick?.label ? GRID_COLOUR : MINOR_GRID_COLOUR),
      lineWidth: pt(0.4),
      tickLength: pt(3),
    },
    border: { color: '#000000', width: pt(0.6) },
    afterBuildTicks: (scale: Scale) => {
      ticks = kind === 'log' ? logTicks(scale.min, scale.max, data, explicit) : linearTicks(scale.min, scale.max, target, explicit);
      scale.ticks = ticks.map((t) => ({ value: t.value, major: kind === 'log' && decadeOf(t.value) !== undefined }));
    },
    ticks: {
      font: { size: FONT.tick },
      autoSkip: false,
      maxRotation: 0,
      padding: pt(2),
      callback: (_v: unknown, index: number) => ticks[index]?.label ?? '',
    },
  } as unknown as ScaleOptions<'linear'>;
}

/** A spec prepared for drawing: the chart configuration and what the guards removed. */
interface Prepared {
  config: ChartConfiguration<'scatter', Points>;
  dropped: DroppedPoints[];
  stopped: StoppedSeries[];
  markersDropped: Marker[];
}

/** Guard the series, compute bounds and build the chart.js configuration for a figure of `width` px. */
function prepare(spec: FigureSpec, width: number): Prepared {
  const xLog = spec.xScale === 'log';
  const yLog = spec.yScale === 'log';
  const stops = spec.series.map(stopAtFloor);
  const guarded = stops.map((s) => guardSeries(s.series, xLog, yLog));
  const series = guarded.map((g) => g.series);
  const markers = (spec.markers ?? []).filter((m) => Number.isFinite(m.x) && (!xLog || m.x > 0));
  const { data, legend, bars } = datasets(series, xLog, yLog);

  const histograms = series.filter((s) => s.style === 'bars' || s.style === 'steps');
  const xs = series.flatMap((s) => (s.style === 'bars' || s.style === 'steps' ? binEdges(s.x, xLog) : s.x));
  const ys = series.flatMap((s) => [...s.y, ...(s.band ? [...s.band.lo, ...s.band.hi] : []), ...(s.yErr ? [...s.yErr.lo, ...s.yErr.hi] : [])]);
  if (histograms.length && !yLog) ys.push(0);
  // Log ticks at the data when the data are powers of two: the x of the measured points, if any, decide.
  const measured = series.filter((s) => s.style === 'points' || s.style === 'line+points' || s.yErr);
  const xTickData = measured.length ? measured.flatMap((s) => s.x) : xs;
  const xBounds = axisBounds(xs, xLog, measured.length ? POINT_MARGIN : 0, spec.xMin, spec.xMax);
  // Head-room on y so curves at the extremes are not drawn on the frame; histograms stand on y = 0.
  const yBounds = axisBounds(ys, yLog, POINT_MARGIN, spec.yMin, spec.yMax);
  if (histograms.length && !yLog && spec.yMin === undefined && Math.min(...ys) >= 0) yBounds[0] = 0;

  const textPlugin: Plugin = {
    id: 'popflowText',
    beforeInit(chart: Chart) {
      const add = (box: object): void => void layouts.addBox(chart, box as never);
      add(new TitleBox(chart, spec.title, { size: FONT.title, family: FAMILY, weight: 'bold' }, pt(3), legend.length > 1 ? 0 : FONT.tick / 2));
      add(new AxisTitleBox(chart, 'x', spec.xLabel, { size: FONT.label, family: FAMILY }, pt(2)));
      add(new AxisTitleBox(chart, 'y', spec.yLabel, { size: FONT.label, family: FAMILY }, pt(2)));
      if (legend.length > 1) {
        add(new LegendBox(chart, legend, { size: FONT.legend, family: FAMILY }, { swatch: pt(14), gap: pt(3), spacing: pt(8), padding: pt(2), gapBelow: FONT.tick / 2 }));
      }
    },
  };
  const config: ChartConfiguration<'scatter', Points> = {
    type: 'scatter',
    data: { datasets: data },
    options: {
      responsive: false,
      animation: false,
      devicePixelRatio: 1,
      layout: { padding: { top: pt(2), right: pt(9), bottom: pt(2), left: pt(2) } },
      scales: {
        x: axis(spec.xScale ?? 'linear', xBounds, xTickData, spec.xTicks, width >= 1500 ? 8 : 5),
        y: axis(spec.yScale ?? 'linear', yBounds, ys, spec.yTicks, 5),
      },
      plugins: { legend: { display: false }, title: { display: false }, tooltip: { enabled: false } },
    },
    plugins: [whiteBackground, textPlugin, errorBars(bars), eventMarkers(markers)],
  };
  return {
    config,
    dropped: guarded.flatMap((g) => (g.dropped ? [g.dropped] : [])),
    stopped: stops.flatMap((s) => (s.stopped ? [s.stopped] : [])),
    markersDropped: (spec.markers ?? []).filter((m) => !markers.includes(m)),
  };
}

/** Output formats of a figure. */
export type FigureFormat = 'png' | 'svg' | 'pdf';
export const FIGURE_FORMATS: readonly FigureFormat[] = ['png', 'svg', 'pdf'];

/**
 * A 2D context that draws on `ctx` scaled by `s`: chart.js sets its own transform (device pixel ratio)
 * with setTransform/resetTransform, so the scale is folded into those two calls. `canvas` is what
 * chart.js reads for the size. After `detach()` every call is ignored (chart.js clears its canvas when
 * destroyed, which must not reach a finished PDF page).
 */
function scaledContext(ctx: object, s: number, canvas: object): { ctx: CanvasRenderingContext2D; detach: () => void } {
  const target = ctx as Record<string | symbol, unknown>;
  let detached = false;
  const ignore = (): void => undefined;
  const proxy = new Proxy(target, {
    get(t, p) {
      if (p === 'canvas') return canvas;
      const v = Reflect.get(t, p, t);
      if (typeof v !== 'function') return v;
      if (detached) return ignore;
      const setTransform = t.setTransform as (...v: number[]) => void;
      if (p === 'setTransform') return (a: number, b: number, c: number, d: number, e: number, f: number) => setTransform.call(t, a * s, b * s, c * s, d * s, e * s, f * s);
      if (p === 'resetTransform') return () => setTransform.call(t, s, 0, 0, s, 0, 0);
      return v.bind(t);
    },
    set(t, p, v) {
      return detached || Reflect.set(t, p, v, t);
    },
  }) as unknown as CanvasRenderingContext2D;
  return { ctx: proxy, detach: () => void (detached = true) };
}

/** Set the SVG's physical size in inches, keeping its pixel coordinates as the viewBox. */
function svgInInches(svg: string, size: FigureInches, width: number, height: number): string {
  return svg.replace(/<svg([^>]*?)\swidth="[^"]*"\s+height="[^"]*"/, `<svg$1 width="${size.widthIn}in" height="${size.heightIn}in" viewBox="0 0 ${width} ${height}"`);
}

/** A drawn figure: the file's bytes, layout problems found by the figure check, and render notes. */
export interface RenderedFigure {
  bytes: Buffer;
  problems: string[];
  dropped: DroppedPoints[];
  stopped: StoppedSeries[];
  markersDropped: Marker[];
  widthPx: number;
  heightPx: number;
}

/**
 * Draw a figure in one format. Layout is in pixels at 300 dpi for every format: the PNG is that
 * raster; the SVG keeps those coordinates with its size stated in inches; the PDF page is in points
 * (1/72 in) with the drawing scaled by 72/300. Text: SVG converts it to paths; the PDF embeds subsets
 * of the DejaVu Sans fonts.
 */
export async function renderFigure(
  spec: FigureSpec,
  format: FigureFormat,
  size: FigureInches = FIGURE_SIZES[spec.size ?? 'one-column'],
): Promise<RenderedFigure> {
  validateFigure(spec);
  prepareChart();
  const { width, height } = figurePixels(size);
  const prepared = prepare(spec, width);
  const draw = (target: unknown): { chart: Chart; problems: string[] } => {
    const chart = new Chart(target as CanvasRenderingContext2D, prepared.config as ChartConfiguration);
    return { chart, problems: checkLayout(chart) };
  };
  let bytes: Buffer;
  let problems: string[];
  if (format === 'png' || format === 'svg') {
    const canvas = format === 'png' ? createCanvas(width, height) : createCanvas(width, height, SvgExportFlag.ConvertTextToPaths);
    const { chart, problems: p } = draw(canvas.getContext('2d'));
    problems = p;
    bytes =
      'encode' in canvas
        ? withDpi(await canvas.encode('png'), DPI)
        : Buffer.from(svgInInches(canvas.getContent().toString('utf8'), size, width, height));
    chart.destroy();
  } else {
    const doc = new PDFDocument({ title: plainText(spec.title), creator: 'popflow' });
    const page = doc.beginPage(size.widthIn * 72, size.heightIn * 72);
    const fake: Record<string, unknown> = { width, height, style: {} };
    const scaled = scaledContext(page, 72 / DPI, fake);
    fake.getContext = () => scaled.ctx;
    const { chart, problems: p } = draw(fake);
    problems = p;
    doc.endPage();
    scaled.detach();
    chart.destroy();
    bytes = doc.close();
  }
  return { bytes, problems, dropped: prepared.dropped, stopped: prepared.stopped, markersDropped: prepared.markersDropped, widthPx: width, heightPx: height };
}

/** The JSON written beside a figure: the spec as given (all data), plus what rendering left out or found. */
export interface FigureJson extends FigureSpec {
  render: {
    widthPx: number;
    heightPx: number;
    dpi: number;
    dropped: DroppedPoints[];
    stopped: StoppedSeries[];
    markersDropped: Marker[];
    /** Layout problems found by the figure check (overlapping or clipped text, empty series, bare log axes). */
    problems: string[];
  };
}

/**
 * The figure's data in long form, numbers only: `series` (index into the JSON's series, whose labels
 * live there), x, y, then band_lo/band_hi and err_lo/err_hi when any series has them, then one column
 * per parameter named in any series' `params` (empty where a series lacks it).
 */
export function figureCsv(spec: FigureSpec): string {
  const hasBand = spec.series.some((s) => s.band);
  const hasErr = spec.series.some((s) => s.yErr);
  const params = [...new Set(spec.series.flatMap((s) => Object.keys(s.params ?? {})))];
  const columns = ['series', 'x', 'y', ...(hasBand ? ['band_lo', 'band_hi'] : []), ...(hasErr ? ['err_lo', 'err_hi'] : []), ...params];
  const rows = spec.series.flatMap((s, k) =>
    s.x.map((x, i) => [
      k,
      x,
      s.y[i],
      ...(hasBand ? [s.band?.lo[i], s.band?.hi[i]] : []),
      ...(hasErr ? [s.yErr?.lo[i], s.yErr?.hi[i]] : []),
      ...params.map((p) => s.params?.[p]),
    ]),
  );
  return toCsv(columns, rows);
}

/**
 * Write a figure from `pngPath` (ending in .png): `<name>.png` (300 dpi), `<name>.svg`, `<name>.pdf`,
 * `<name>.json` (the full spec plus render notes: points dropped by the log-axis guard, series stopped
 * at their floor, layout problems) and `<name>.csv` (see `figureCsv`). Size from `spec.size`
 * (one-column by default). Throws SpecError for a malformed spec. Returns the render notes.
 */
export async function writeFigure(pngPath: string, spec: FigureSpec): Promise<FigureJson['render']> {
  validateFigure(spec);
  const base = pngPath.replace(/\.png$/i, '');
  const drawn = await Promise.all(FIGURE_FORMATS.map((f) => renderFigure(spec, f)));
  const png = drawn[0];
  const render: FigureJson['render'] = {
    widthPx: png.widthPx,
    heightPx: png.heightPx,
    dpi: DPI,
    dropped: png.dropped,
    stopped: png.stopped,
    markersDropped: png.markersDropped,
    problems: png.problems,
  };
  const json: FigureJson = { ...spec, render };
  await Promise.all([
    ...FIGURE_FORMATS.map((f, i) => writeFileAtomic(`${base}.${f}`, drawn[i].bytes)),
    writeFileAtomic(`${base}.json`, JSON.stringify(json, null, 1) + '\n'),
    writeFileAtomic(`${base}.csv`, figureCsv(spec)),
  ]);
  return render;
}

/** Options of `redrawFigure`: format (default from `out`'s extension, else pdf), width, output path. */
export interface RedrawOptions {
  format?: FigureFormat;
  /** Width in inches as `<number>in`, e.g. "3.5in" or "7in"; height keeps the preset's proportions. */
  width?: string;
  /** Output file (default: the JSON's path with the format's extension). */
  out?: string;
}

/** Restore numbers that JSON wrote as null (NaN, ±Infinity) as NaN, so the guards drop them again. */
function numbers(a: unknown, path: string): number[] {
  if (!Array.isArray(a)) throw new SpecError(path, a, 'an array of numbers');
  return a.map((v, i) => {
    if (v === null) return NaN;
    if (typeof v !== 'number') throw new SpecError(`${path}[${i}]`, v, 'a number');
    return v;
  });
}

/** Parse a figure JSON (as written by writeFigure) back into a spec; the render notes are recomputed. */
export function figureFromJson(json: unknown, path = 'figure'): FigureSpec {
  if (typeof json !== 'object' || json === null) throw new SpecError(path, json, 'a figure JSON object');
  const { render: _render, ...rest } = json as FigureJson;
  const spec = rest as FigureSpec;
  if (!Array.isArray(spec.series)) throw new SpecError(`${path}.series`, spec.series, 'an array of series');
  spec.series = spec.series.map((s, i) => {
    const at = `${path}.series[${i}]`;
    const out: Series = { ...s, x: numbers(s.x, `${at}.x`), y: numbers(s.y, `${at}.y`) };
    if (s.band) out.band = { lo: numbers(s.band.lo, `${at}.band.lo`), hi: numbers(s.band.hi, `${at}.band.hi`) };
    if (s.yErr) out.yErr = { lo: numbers(s.yErr.lo, `${at}.yErr.lo`), hi: numbers(s.yErr.hi, `${at}.yErr.hi`) };
    return out;
  });
  validateFigure(spec);
  return spec;
}

/** The size for a `--width` value: "3.5in" gives the one-column proportions, wider ones the two-column ones. */
export function sizeForWidth(width: string): FigureInches {
  const m = /^(\d+(?:\.\d+)?)in$/.exec(width);
  const w = m ? Number(m[1]) : NaN;
  if (!(w >= 1 && w <= 20)) throw new SpecError('--width', width, 'a width in inches from 1in to 20in, e.g. 3.5in or 7in');
  const preset = w < 5 ? FIGURE_SIZES['one-column'] : FIGURE_SIZES['two-column'];
  return { widthIn: w, heightIn: Number(((w * preset.heightIn) / preset.widthIn).toFixed(3)) };
}

/**
 * Redraw a figure from its JSON data file alone (no recomputation): read `jsonPath`, draw it in the
 * requested format and width, write it to `out`. Returns the path written and the layout problems.
 */
export async function redrawFigure(jsonPath: string, options: RedrawOptions = {}): Promise<{ path: string; problems: string[] }> {
  let text: string;
  try {
    text = await readFile(jsonPath, 'utf8');
  } catch {
    throw new SpecError('plot <figure.json>', jsonPath, 'a readable figure JSON file');
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new SpecError(jsonPath, text.slice(0, 40), `valid JSON (${(e as Error).message})`);
  }
  const outExt = options.out?.match(/\.(png|svg|pdf)$/i)?.[1].toLowerCase() as FigureFormat | undefined;
  const format = options.format ?? outExt ?? 'pdf';
  if (!FIGURE_FORMATS.includes(format)) throw new SpecError('--format', format, FIGURE_FORMATS.join(', '));
  const spec = figureFromJson(json, jsonPath);
  const size = options.width ? sizeForWidth(options.width) : FIGURE_SIZES[spec.size ?? 'one-column'];
  const drawn = await renderFigure(spec, format, size);
  const path = options.out ?? jsonPath.replace(/\.json$/i, '') + '.' + format;
  await writeFileAtomic(path, drawn.bytes);
  return { path, problems: drawn.problems };
}
