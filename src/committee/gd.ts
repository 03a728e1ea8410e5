/**
 * Discrete full-batch gradient descent on the population risk, exactly in overlap space.
 *
 * One step W ← W − η d ∇_W ε_g reads W' = W − η(AW + BW*) with A = 2G, B = H (G = ∂ε_g/∂Q, H = ∂ε_g/∂R),
 * so that, exactly,
 *
 *   Q' = Q − η(AQ + BRᵀ + QAᵀ + RBᵀ) + η²(AQAᵀ + ARBᵀ + BRᵀAᵀ + BTBᵀ),   R' = R − η(AR + BT),
 *
 * and a trained second layer takes a' = a − η ∂ε_g/∂a. Iterate k sits at time t = kη of the flow.
 */
import { VelocityOverlaps } from './flow.ts';
import type { CommitteeRisk } from './risk.ts';

/** A map y → y' of one GD step at learning rate η, allocation-free after construction. */
export function gdStep(risk: CommitteeRisk, aFixed: Float64Array, lr: number): (y: Float64Array, out: Float64Array) => void {
  const { layout, T } = risk;
  const { m, mStar, qOffset: qo, rOffset: ro, aOffset: ao, trainSecondLayer } = layout;
  const G = new Float64Array(m * m);
  const H = new Float64Array(m * mStar);
  const gA = new Float64Array(m);
  // P = AQ + BRᵀ (m×m) and S = AR + BT (m×m*): the overlaps of the rows of (W − W')/η = AW + BW*.
  const P = new Float64Array(m * m);
  const S = new Float64Array(m * mStar);
  const velocity = new VelocityOverlaps(layout, T);
  const a = trainSecondLayer ? new Float64Array(m) : aFixed;
  return (y, out) => {
    if (trainSecondLayer) for (let j = 0; j < m; j++) a[j] = y[ao + j];
    risk.valueGrad(y, a, G, H, gA);
    velocity.compute(y, G, H, P, S);
    // (AW + BW*)(AW + BW*)ᵀ/d, entry (j, l) = Σ_p A_jp P_lp + Σ_k B_jk S_lk.
    for (let j = 0; j < m; j++) {
      for (let l = j; l < m; l++) {
        let quad = 0;
        for (let p = 0; p < m; p++) quad += 2 * G[j * m + p] * P[l * m + p];
        for (let k = 0; k < mStar; k++) quad += H[j * mStar + k] * S[l * mStar + k];
        const v = y[qo + j * m + l] - lr * (P[j * m + l] + P[l * m + j]) + lr * lr * quad;
        out[qo + j * m + l] = v;
        out[qo + l * m + j] = v;
      }
      for (let k = 0; k < mStar; k++) out[ro + j * mStar + k] = y[ro + j * mStar + k] - lr * S[j * mStar + k];
    }
    if (trainSecondLayer) for (let j = 0; j < m; j++) out[ao + j] = a[j] - lr * gA[j];
  };
}
