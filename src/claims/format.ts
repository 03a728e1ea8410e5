/** How rules write numbers in their reasons: three significant digits, non-finite values as they are. */
import type { Estimate } from './types.ts';

/** A number with three significant digits ("0.0849", "-517", "Infinity"). */
export const fmt = (v: number): string => (Number.isFinite(v) ? Number(v.toPrecision(3)).toString() : String(v));

/** An estimate as "value [lo, hi]". */
export const showEstimate = (e: Estimate): string => `${fmt(e.value)} [${fmt(e.lo)}, ${fmt(e.hi)}]`;
