/**
 * The figure spec: what a figure shows (series, axes, markers, size), its validation, the guards that
 * decide which points can be drawn (log axes, resolution floors), and reading a figure back from the
 * JSON file written beside it. Nothing here draws; plot.ts does.
 */
import { isRecord, SpecError } from '../src/validate.ts';
import type { Marker } from './markers.ts';

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

/** Restore numbers that JSON wrote as null (NaN, ±Infinity) as NaN, so the guards drop them again. */
function numbers(a: unknown, path: string): number[] {
  if (!Array.isArray(a)) throw new SpecError(path, a, 'an array of numbers');
  return a.map((v, i) => {
    if (v === null) return NaN;
    if (typeof v !== 'number') throw new SpecError(`${path}[${i}]`, v, 'a number');
    return v;
  });
}

const FIGURE_KEYS = ['title', 'xLabel', 'yLabel', 'xScale', 'yScale', 'series', 'markers', 'size', 'xMin', 'xMax', 'yMin', 'yMax', 'xTicks', 'yTicks', 'render'];
const SERIES_KEYS = ['label', 'x', 'y', 'band', 'yErr', 'style', 'dashed', 'colour', 'floor', 'params'];

/** Refuse keys a figure does not have (a misspelt `yscale` would otherwise be ignored silently). */
function knownKeys(v: unknown, path: string, keys: string[]): void {
  if (!isRecord(v)) throw new SpecError(path, v, 'an object');
  for (const k of Object.keys(v)) if (!keys.includes(k)) throw new SpecError(`${path}.${k}`, v[k], `no such key; known: ${keys.join(', ')}`);
}

/** Parse a figure JSON (as written by writeFigure) back into a spec; the render notes are recomputed. */
export function figureFromJson(json: unknown, path = 'figure'): FigureSpec {
  knownKeys(json, path, FIGURE_KEYS);
  const { render: _render, ...rest } = json as FigureJson;
  const spec = rest as FigureSpec;
  if (!Array.isArray(spec.series)) throw new SpecError(`${path}.series`, spec.series, 'an array of series');
  (spec.markers ?? []).forEach((m, i) => knownKeys(m, `${path}.markers[${i}]`, ['x', 'label']));
  spec.series = spec.series.map((s, i) => {
    const at = `${path}.series[${i}]`;
    knownKeys(s, at, SERIES_KEYS);
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

