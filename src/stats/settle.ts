/**
 * Settling time of a sampled series: the first time after which y stays below `level` up to the last
 * sample, interpolated linearly between the last sample at or above the level and the next one; t[0]
 * when every sample is below; null (censored) when the last sample is not below the level.
 */
export function settleTime(t: number[], y: number[], level: number): number | null {
  let last = -1;
  for (let i = 0; i < y.length; i++) if (!(y[i] < level)) last = i;
  if (last === -1) return t[0];
  if (last === y.length - 1) return null;
  const f = (y[last] - level) / (y[last] - y[last + 1]);
  return t[last] + f * (t[last + 1] - t[last]);
}

/** Settling index of a sequence (e.g. GD iterates): the first k after which y stays below `level`; null when the last is not below. */
export function settleIndex(y: number[], level: number): number | null {
  let last = -1;
  for (let i = 0; i < y.length; i++) if (!(y[i] < level)) last = i;
  return last === y.length - 1 ? null : last + 1;
}
