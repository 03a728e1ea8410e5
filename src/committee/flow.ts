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

/** Right-hand side of the gradient flow; `aFixed` is used for a when the second layer is not trained. */
export function gradientFlowRhs(risk: CommitteeRisk, aFixed: Float64Array): Rhs {
  const { layout, T } = risk;
  const { m, mStar, qOffset: qo, rOffset: ro, aOffset: ao, trainSecondLayer } = layout;
  const G = new Float64Array(m * m);
  const H = new Float64Array(m * mStar);
  const gA = new Float64Array(m);
  return (_t, y, dy) => {
    const a = trainSecondLayer ? y.subarray(ao, ao + m) : aFixed;
    risk.valueGrad(y, a, G, H, gA);
    for (let j = 0; j < m; j++) {
      // M = 2GQ + HRᵀ, row j; dQ = −(M + Mᵀ), accumulated symmetrically below.
      for (let l = 0; l < m; l++) {
        let s = 0;
        for (let p = 0; p < m; p++) s += 2 * G[j * m + p] * y[qo + p * m + l];
        for (let k = 0; k < mStar; k++) s += H[j * mStar + k] * y[ro + l * mStar + k];
        dy[qo + j * m + l] = -s;
      }
      for (let k = 0; k < mStar; k++) {
        let s = 0;
        for (let p = 0; p < m; p++) s += 2 * G[j * m + p] * y[ro + p * mStar + k];
        for (let q = 0; q < mStar; q++) s += H[j * mStar + q] * T[q * mStar + k];
        dy[ro + j * mStar + k] = -s;
      }
    }
    for (let j = 0; j < m; j++) {
      for (let l = j; l < m; l++) {
        const v = dy[qo + j * m + l] + dy[qo + l * m + j];
        dy[qo + j * m + l] = v;
        dy[qo + l * m + j] = v;
      }
    }
    if (trainSecondLayer) for (let j = 0; j < m; j++) dy[ao + j] = -gA[j];
  };
}
