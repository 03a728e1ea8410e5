/**
 * Axis ticks and their labels, as pure functions of the axis range (and, on log axes, of the data):
 * nice linear ticks at 1, 2, 2.5 or 5 × 10^k inside the range; log ticks labelled at decades (10^k),
 * at powers of two when the data are powers of two, and at 1–2–5 mantissas on short ranges, so that a
 * log axis always carries at least two labels. Signs are real minus signs (U+2212).
 */

/** A tick position and its label ('' for an unlabelled minor tick). */
export interface Tick {
  value: number;
  label: string;
}

const MINUS = '\u2212';
const SUPERSCRIPT: Record<string, string> = {
  '-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹',
};

/** 10^k written with Unicode superscripts, e.g. decadeLabel(-3) = "10⁻³". */
export function decadeLabel(k: number): string {
  return '10' + String(k).replace(/./g, (c) => SUPERSCRIPT[c]);
}

/** log10 of v when v is an exact power of ten (to 1e-9 in the exponent), else undefined. */
export function decadeOf(v: number): number | undefined {
  if (!(v > 0)) return undefined;
  const k = Math.round(Math.log10(v));
  return Math.abs(Math.log10(v) - k) < 1e-9 ? k : undefined;
}

/** A number as a tick label: shortest form to `digits` significant digits, U+2212 for the sign, m×10^k outside [1e-4, 1e5). */
export function formatTick(v: number, digits = 6): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  let s: string;
  if (a < 1e-4 || a >= 1e5) {
    const k = Math.floor(Math.log10(a) + 1e-12);
    const m = Number((a / 10 ** k).toPrecision(digits));
    s = (m === 1 ? '' : `${m}×`) + decadeLabel(k);
  } else s = String(Number(a.toPrecision(digits)));
  return (v < 0 ? MINUS : '') + s;
}

/**
 * Tick labels for a log axis with at least two decades: only decades, written 10^k, thinned to at most
 * `maxLabels`; with fewer than two decades, the mantissas 1, 2 and 5 are labelled instead.
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
    return lead === 1 || lead === 2 || lead === 5 ? formatTick(v) : '';
  });
}

const inRange = (v: number, min: number, max: number): boolean => v >= min * (1 - 1e-12) && v <= max * (1 + 1e-12);

/** True when v is 2^k for an integer k (to 1e-9 in the exponent). */
function isPowerOfTwo(v: number): boolean {
  return v > 0 && Math.abs(Math.log2(v) - Math.round(Math.log2(v))) < 1e-9;
}

/**
 * Ticks of a log axis over [min, max] (0 < min < max), in this order of preference:
 * 1. `explicit` values (those inside the range), all labelled;
 * 2. the data values, when there are 2 to 8 distinct ones and all are powers of two (n = 8, 16, 32);
 * 3. m·10^k for m = 1…9, decades labelled (thinned), when the range holds at least two decades;
 * 4. otherwise the same minor ticks with 1, 2, 5 mantissas labelled; 1 to 5 when that gives fewer than
 *    three labels; every mantissa when still fewer than two; or else the two ends of the range.
 */
export function logTicks(min: number, max: number, data: number[] = [], explicit?: number[]): Tick[] {
  if (explicit) return explicit.filter((v) => inRange(v, min, max)).map((v) => ({ value: v, label: formatTick(v) }));
  const distinct = [...new Set(data.filter((v) => inRange(v, min, max)))].sort((a, b) => a - b);
  if (distinct.length >= 2 && distinct.length <= 8 && distinct.every(isPowerOfTwo)) {
    return distinct.map((v) => ({ value: v, label: formatTick(v) }));
  }
  const values: number[] = [];
  // Beyond six decades the minor ticks (2…9 × 10^k) would crowd the grid: decades only.
  const mantissas = Math.log10(max / min) > 6 ? 1 : 9;
  for (let k = Math.floor(Math.log10(min)); k <= Math.ceil(Math.log10(max)); k++) {
    for (let m = 1; m <= mantissas; m++) {
      const v = Number((m * 10 ** k).toPrecision(12));
      if (inRange(v, min, max)) values.push(v);
    }
  }
  let labels = logTickLabels(values);
  // A short range with fewer than three 1–2–5 labels: label the mantissas 1 to 5 too (6 to 9 crowd
  // together on a log axis), and every mantissa if that still leaves fewer than two.
  const lead = (v: number): number => Math.round(v / 10 ** Math.floor(Math.log10(v) + 1e-12));
  const count = (l: string[]): number => l.filter(Boolean).length;
  if (count(labels) < 3) labels = values.map((v) => (lead(v) <= 5 ? formatTick(v) : ''));
  if (count(labels) < 2) labels = values.map((v) => formatTick(v));
  if (labels.filter(Boolean).length >= 2) {
    // Too many labels on a short range (e.g. 2…9): keep every other one.
    if (labels.filter(Boolean).length > 7) labels = labels.map((l, i) => (i % 2 === 0 ? l : ''));
    return values.map((v, i) => ({ value: v, label: labels[i] }));
  }
  return [min, max].map((v) => ({ value: v, label: formatTick(v, 2) }));
}

/** Multiples of `step` inside [min, max]. */
function multiples(min: number, max: number, step: number): number[] {
  const first = Math.ceil(min / step - 1e-9);
  const last = Math.floor(max / step + 1e-9);
  return Array.from({ length: Math.max(0, last - first + 1) }, (_, i) => Number(((first + i) * step).toPrecision(12)));
}

/** Of the steps {1, 2, 2.5, 5} × 10^k, the one whose multiples inside [min, max] number closest to `target` (at least two). */
function niceMultiples(min: number, max: number, target: number): number[] {
  const k0 = Math.floor(Math.log10((max - min) / Math.max(1, target - 1)));
  let best: number[] = [];
  for (let k = k0 - 1; k <= k0 + 1; k++) {
    for (const m of [5, 2.5, 2, 1]) {
      const v = multiples(min, max, m * 10 ** k);
      const better = best.length < 2 || (v.length >= 2 && Math.abs(v.length - target) < Math.abs(best.length - target));
      if (v.length >= 2 && better) best = v;
    }
  }
  return best.length >= 2 ? best : [min, max];
}

/**
 * Linear ticks inside [min, max] at multiples of a nice step (1, 2, 2.5 or 5 × 10^k) giving about
 * `target` ticks, never fewer than two; explicit values replace them. Labels share one number of decimals.
 */
export function linearTicks(min: number, max: number, target = 5, explicit?: number[]): Tick[] {
  const values = explicit ? explicit.filter((v) => v >= min && v <= max) : niceMultiples(min, max, target);
  const a = Math.max(...values.map(Math.abs));
  if (a >= 1e5 || (a > 0 && a < 1e-3)) return values.map((v) => ({ value: v, label: formatTick(v, 4) }));
  const decimals = Math.max(0, ...values.map((v) => (String(Number(v.toPrecision(10))).split('.')[1] ?? '').length));
  return values.map((v) => ({ value: v, label: (v < 0 ? MINUS : '') + Math.abs(v).toFixed(decimals) }));
}
