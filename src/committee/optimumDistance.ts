/**
 * Distance to the set of global optima for a quadratic committee (σ(u) = u², output weights 1)
 * learning one teacher neuron (Wang et al. 2020, §2). In the paper's units w̃ = w/√d, the optima are
 * the students with Σ_k w̃_k w̃_kᵀ = w̃* w̃*ᵀ, that is w̃_k = c_k w̃* with Σ c_k² = 1, and
 *   dist² = min_{|c| = 1} Σ_k ‖w̃_k − c_k w̃*‖² = Σ_k Q_kk + T − 2‖R‖   (the minimiser is c = R/‖R‖),
 * with Q_kk = ‖w̃_k‖², R_k = w̃_k·w̃*, T = ‖w̃*‖². Computed as a difference of O(1) terms, so its
 * resolution floor is about √(rounding of Q and R) ≈ 1e-7 at ODE tolerances atol 1e-14.
 */
export function optimumDistance(Q: number[][], R: number[][], T: number[][]): number {
  if (T.length !== 1) throw new Error('optimumDistance: one teacher neuron');
  let trace = 0;
  let r2 = 0;
  for (let k = 0; k < Q.length; k++) {
    trace += Q[k][k];
    r2 += R[k][0] * R[k][0];
  }
  return Math.sqrt(Math.max(0, trace + T[0][0] - 2 * Math.sqrt(r2)));
}
