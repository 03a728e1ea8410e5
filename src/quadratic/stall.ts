/**
 * Where a too-narrow quadratic student (m < m*) stalls: the least risk among students of rank m, for
 * S* = c* V Vᵀ (docs/quadratic-limits.md §7). With the m eigenvalues of S equal to s inside span V,
 *   plain activation at finite d: L = ½[m(s − c*)² + (m* − m)c*²] + ¼(m s − m* c*)², minimised at
 *   s = c*(m* + 2)/(m + 2), so ε_g = [m(r − 1)² + (m* − m) + ½(m r − m*)²]/m* with r = (m* + 2)/(m + 2);
 *   extensive limit (trace held at tr S*, so s = c* m* / m): ε_g = m* / m − 1 = α* / α − 1.
 * ε_g = L/(½‖S*‖²), independent of c*.
 */
export function stallLoss(m: number, mStar: number): { finite: number; limit: number } {
  if (!(m < mStar)) return { finite: 0, limit: 0 };
  const r = (mStar + 2) / (m + 2);
  return { finite: (m * (r - 1) ** 2 + (mStar - m) + 0.5 * (m * r - mStar) ** 2) / mStar, limit: mStar / m - 1 };
}
