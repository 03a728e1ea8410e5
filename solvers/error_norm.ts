/**
 * Scaled RMS error norm shared by the step-size control and the initial-step estimate:
 * ‖e‖ = sqrt( (1/n) Σ_i ( e_i / (atol + rtol·max(|y_i|, |ŷ_i|)) )² )
 * (Hairer, Nørsett, Wanner, Solving ODEs I, eq. II.4.11). Pass the same array twice for a single state.
 */
export function scaledRmsNorm(
  e: Float64Array,
  y: Float64Array,
  yNew: Float64Array,
  rtol: number,
  atol: number,
): number {
  const n = e.length;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const sc = atol + rtol * Math.max(Math.abs(y[i]), Math.abs(yNew[i]));
    const r = e[i] / sc;
    sum += r * r;
  }
  return Math.sqrt(sum / n);
}
