/**
 * Median of a sample, ±Infinity allowed (an event that never happened counts as +Infinity, so the
 * median is finite only when more than half the runs saw it); NaN for an empty sample.
 */
export function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const s = values.slice().sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : s[mid - 1] === s[mid] ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}
