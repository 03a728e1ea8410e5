/**
 * Publication figures: presets over chart.js 4, drawn on @napi-rs/canvas (Skia, shipped as prebuilt
 * npm packages: no compiler or system libraries at install time) with the DejaVu Sans TrueType files
 * of the `dejavu-fonts-ttf` package, so a figure looks the same on every machine.
 *
 * One chart configuration is drawn three times, on a raster canvas (PNG, 300 dpi), on Skia's SVG
 * canvas (text converted to paths) and on a Skia PDF page (fonts embedded as subsets), so the three
 * files show the same layout. Titles, axis titles, legend entries and marker labels are typeset by
 * the rich-text layer (`richText.ts`: sub- and superscripts, minus signs) in chart.js layout boxes
 * (`chartBoxes.ts`); ticks come from `ticks.ts`; marker lines from `markers.ts`; `figureCheck.ts`
 * checks the drawn layout. The spec, its validation and guards live in `figureSpec.ts`.
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
import {
  DPI,
  FIGURE_SIZES,
  figureFromJson,
  figurePixels,
  guardSeries,
  sizeForWidth,
  stopAtFloor,
  validateFigure,
  type DroppedPoints,
  type FigureInches,
  type FigureJson,
  type FigureSpec,
  type Series,
  type StoppedSeries,
} from './figureSpec.ts';
import { toCsv } from './csv.ts';
import { dirname } from 'node:path';
import { withDpi } from './png.ts';
import { AxisTitleBox, LegendBox, TitleBox, type LegendEntry } from './chartBoxes.ts';
import { checkLayout } from './figureCheck.ts';
import { eventMarkers, type Marker } from './markers.ts';
import { plainText } from './richText.ts';
import { decadeOf, linearTicks, logTicks, type Tick } from './ticks.ts';
import { writeFileAtomic } from '../src/io/atomicWrite.ts';

export { decadeLabel, logTickLabels } from './ticks.ts';
export type { Marker } from './markers.ts';
export * from './figureSpec.ts';

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
  if (histograms.length && !yLog && spec.yMin === undefined && extent(ys)[0] >= 0) yBounds[0] = 0;

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
    plugins: [whiteBackground, textPlugin, errorBars(bars), eventMarkers(markers, { size: FONT.marker, family: FAMILY }, pt(1))],
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
