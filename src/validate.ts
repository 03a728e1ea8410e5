/**
 * Input validation: bad input is refused up front with the path of the field, the value given and
 * what is allowed. The CLI prints `SpecError` messages without a stack trace.
 */
export class SpecError extends Error {
  /** `message` replaces the usual "path: got value; expected allowed" line (e.g. for an unknown key). */
  constructor(
    readonly path: string,
    readonly value: unknown,
    readonly allowed: string,
    message?: string,
  ) {
    super(message ?? `${path}: got ${show(value)}; expected ${allowed}`);
    this.name = 'SpecError';
  }
}

/** A value as it appears in a one-line message: JSON, cut at 80 characters. */
export function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  const s = JSON.stringify(value);
  return s === undefined ? String(value) : s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function expectRecord(v: unknown, path: string): Record<string, unknown> {
  if (!isRecord(v)) throw new SpecError(path, v, 'an object');
  return v;
}

export function expectNumber(
  v: unknown,
  path: string,
  opts: { min?: number; max?: number; integer?: boolean; exclusiveMin?: boolean } = {},
): number {
  const ok =
    typeof v === 'number' &&
    Number.isFinite(v) &&
    (!opts.integer || Number.isInteger(v)) &&
    (opts.min === undefined || (opts.exclusiveMin ? v > opts.min : v >= opts.min)) &&
    (opts.max === undefined || v <= opts.max);
  if (!ok) {
    const parts = [opts.integer ? 'an integer' : 'a finite number'];
    if (opts.min !== undefined) parts.push(`${opts.exclusiveMin ? '>' : '≥'} ${opts.min}`);
    if (opts.max !== undefined) parts.push(`≤ ${opts.max}`);
    throw new SpecError(path, v, parts.join(' '));
  }
  return v as number;
}

export function expectOneOf<T extends string>(v: unknown, path: string, allowed: readonly T[]): T {
  if (typeof v !== 'string' || !allowed.includes(v as T)) {
    throw new SpecError(path, v, `one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`);
  }
  return v as T;
}

export function expectNumberArray(v: unknown, path: string, length?: number): number[] {
  if (!Array.isArray(v) || (length !== undefined && v.length !== length)) {
    throw new SpecError(path, v, length === undefined ? 'an array of numbers' : `an array of ${length} numbers`);
  }
  return v.map((x, i) => expectNumber(x, `${path}[${i}]`));
}

export function expectMatrix(v: unknown, path: string, rows: number, cols: number): number[][] {
  if (!Array.isArray(v) || v.length !== rows) throw new SpecError(path, v, `a ${rows}×${cols} array of numbers`);
  return v.map((row, i) => expectNumberArray(row, `${path}[${i}]`, cols));
}
