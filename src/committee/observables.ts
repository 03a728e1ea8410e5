/**
 * Observables of the committee machine: pure functions of the overlaps.
 */

/** Normalised overlaps ρ_jk = R_jk / √(Q_jj T_kk): the cosine between student unit j and teacher unit k. */
export function normalisedOverlaps(Q: number[][], R: number[][], T: number[][]): number[][] {
  return R.map((row, j) => row.map((r, k) => r / Math.sqrt(Q[j][j] * T[k][k])));
}

/**
 * For each teacher unit k, the largest normalised overlap max_j ρ_jk: it is near 1 once some student unit
 * has aligned with teacher unit k ("specialised" to it).
 */
export function teacherCoverage(Q: number[][], R: number[][], T: number[][]): number[] {
  const rho = normalisedOverlaps(Q, R, T);
  return T.map((_, k) => Math.max(...rho.map((row) => row[k])));
}

/**
 * The points (t, ε_g) of a learning curve that lie above their resolution floor, t = 0 excluded (for
 * log axes): below the floor a computed ε_g carries no information.
 */
export function resolvedCurve(result: { t: number[]; loss: number[]; lossFloor: number[] }): { t: number[]; loss: number[] } {
  const t: number[] = [];
  const loss: number[] = [];
  result.t.forEach((ti, i) => {
    if (ti > 0 && result.loss[i] > result.lossFloor[i]) {
      t.push(ti);
      loss.push(result.loss[i]);
    }
  });
  return { t, loss };
}
