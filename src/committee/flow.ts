/**
 * Gradient flow on the population risk in overlap space (THEORY.md §1a), exact at any d.
 * With dW/dt = −d ∇_W ε_g (first layer), G = ∂ε_g/∂Q and H = ∂ε_g/∂R:
 *
 *   dQ/dt = −(2GQ + HRᵀ) − (2QG + RHᵀ),   dR/dt = −(2GR + HT),
 *
 * and, when the second layer is trained, da/dt = −∂ε_g/∂a (the same time unit: the second layer
 * moves at O(1) speed in the same t as the first).
 */
import type { Rhs } from '../../solvers/types.ts';
import type { CommitteeRisk } from './risk.ts';
import type { CommitteeLayout } from './state.ts';

/**
 * The overlaps of the weight velocity's rows: with U = (2G)W + HW* (so that dW/dt = −U),
 * P = UWᵀ/d = 2GQ + HRᵀ (m×m) and S = UW*ᵀ/d = 2GR + HT (m×m*), written row-major into P and S.
 */
export function velocityOverlaps(
  layout: CommitteeLayout,
  y: Float64Array,
  T: Float64Array,
  G: Float64Array,
  H: Float64Array,
  P: Float64Array,
  S: Float64Array,
): void {
  const { m, mStar, qOffset: qo, rOffset: ro } = layout;
  for (let j = 0; j < m; j++) {
    for (let l = 0; l < m; l++) {
      let s = 0;
      for (let p = 0; p < m; p++) s += 2 * G[j * m + p] * y[qo + p * m + l];
      for (let k = 0; k < mStar; k++) s += H[j * mStar + k] * y[ro + l * mStar + k];
      P[j * m + l] = s;
    }
    for (let k = 0; k < mStar; k++) {
      let s = 0;
      for (let p = 0; p < m; p++) s += 2 * G[j * m + p] * y[ro + p * mStar + k];
      for (let q = 0; q < mStar; q++) s += H[j * mStar + q] * T[q * mStar + k];
      S[j * mStar + k] = s;
    }
  }
}

/** Right-hand side of the gradient flow; `aFixed` is used for a when the second layer is not trained. */
export function gradientFlowRhs(risk: CommitteeRisk, aFixed: Float64Array): Rhs {
  const { layout, T } = risk;
  const { m, mStar, qOffset: qo, rOffset: ro, aOffset: ao, trainSecondLayer } = layout;
  const G = new Float64Array(m * m);
  const H = new Float64Array(m * mStar);
  const gA = new Float64Array(m);
  const P = new Float64Array(m * m);
  const S = new Float64Array(m * mStar);
  return (_t, y, dy) => {
    const a = trainSecondLayer ? y.subarray(ao, ao + m) : aFixed;
    risk.valueGrad(y, a, G, H, gA);
    velocityOverlaps(layout, y, T, G, H, P, S);
    for (let j = 0; j < m; j++) {
      for (let l = 0; l < m; l++) dy[qo + j * m + l] = -(P[j * m + l] + P[l * m + j]);
      for (let k = 0; k < mStar; k++) dy[ro + j * mStar + k] = -S[j * mStar + k];
    }
    if (trainSecondLayer) for (let j = 0; j < m; j++) dy[ao + j] = -gA[j];
  };
}
