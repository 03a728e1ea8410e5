/**
 * Population risk of the committee machine as a function of the overlaps (THEORY.md §1):
 *
 *   ε_g = ½ Σ_jl a_j a_l I2σσ(Q_jj, Q_ll, Q_jl) − Σ_jk a_j a*_k I2σσ*(Q_jj, T_kk, R_jk) + ½ Σ_kl a*_k a*_l I2σ*σ*(T_kk, T_ll, T_kl)
 *
 * and its derivatives with respect to the full matrices Q and R (Q_jl and Q_lj counted as separate
 * variables, so ∂ε_g/∂Q is symmetric) and to a. Label noise is excluded from ε_g.
 */
import type { PairIntegral } from '../integrals/types.ts';
import type { CommitteeLayout } from './state.ts';

export interface RiskIntegrals {
  /** I2 for (σ, σ), (σ, σ*), (σ*, σ*). */
  studentStudent: PairIntegral;
  studentTeacher: PairIntegral;
  teacherTeacher: PairIntegral;
}

export class CommitteeRisk {
  private readonly grad = new Float64Array(3);
  private readonly m: number;
  private readonly mStar: number;
  /** ½ Σ_kl a*_k a*_l I2σ*σ*(T_kk, T_ll, T_kl): constant along the flow. */
  readonly teacherTerm: number;

  constructor(
    readonly layout: CommitteeLayout,
    readonly integrals: RiskIntegrals,
    readonly T: Float64Array,
    readonly aStar: Float64Array,
  ) {
    this.m = layout.m;
    this.mStar = layout.mStar;
    let s = 0;
    const ms = this.mStar;
    for (let k = 0; k < ms; k++) {
      for (let l = 0; l < ms; l++) {
        s += 0.5 * aStar[k] * aStar[l] * integrals.teacherTeacher.value(T[k * ms + k], T[l * ms + l], T[k * ms + l]);
      }
    }
    this.teacherTerm = s;
  }

  /**
   * ε_g at state y with second layer a. Also returns `floor`: the rounding error of the sum,
   * 4·eps·Σ|terms|, below which a computed ε_g carries no information (the sum cancels O(1) terms).
   */
  loss(y: Float64Array, a: ArrayLike<number>): { value: number; floor: number } {
    const { m, mStar } = this;
    const { qOffset: qo, rOffset: ro } = this.layout;
    const { studentStudent: ss, studentTeacher: st } = this.integrals;
    let value = this.teacherTerm;
    let magnitude = Math.abs(this.teacherTerm);
    for (let j = 0; j < m; j++) {
      const qjj = y[qo + j * m + j];
      for (let l = 0; l < m; l++) {
        const term = 0.5 * a[j] * a[l] * ss.value(qjj, y[qo + l * m + l], y[qo + j * m + l]);
        value += term;
        magnitude += Math.abs(term);
      }
      for (let k = 0; k < mStar; k++) {
        const term = a[j] * this.aStar[k] * st.value(qjj, this.T[k * mStar + k], y[ro + j * mStar + k]);
        value -= term;
        magnitude += Math.abs(term);
      }
    }
    return { value, floor: 4 * Number.EPSILON * magnitude };
  }

  /**
   * ε_g and its gradient: G = ∂ε_g/∂Q (m×m), H = ∂ε_g/∂R (m×m*), gA = ∂ε_g/∂a (m), written into the
   * given arrays (row-major). Uses ∂I2/∂(c11, c22, c12) from the integrals.
   */
  valueGrad(y: Float64Array, a: ArrayLike<number>, G: Float64Array, H: Float64Array, gA: Float64Array): number {
    const { m, mStar, grad } = this;
    const { qOffset: qo, rOffset: ro } = this.layout;
    const { studentStudent: ss, studentTeacher: st } = this.integrals;
    G.fill(0);
    H.fill(0);
    gA.fill(0);
    let value = this.teacherTerm;
    for (let j = 0; j < m; j++) {
      const qjj = y[qo + j * m + j];
      for (let l = 0; l < m; l++) {
        const i2 = ss.valueGrad(qjj, y[qo + l * m + l], y[qo + j * m + l], grad);
        const c = 0.5 * a[j] * a[l];
        value += c * i2;
        G[j * m + j] += c * grad[0];
        G[l * m + l] += c * grad[1];
        G[j * m + l] += c * grad[2];
        gA[j] += a[l] * i2;
      }
      for (let k = 0; k < mStar; k++) {
        const tkk = this.T[k * mStar + k];
        const i2 = st.valueGrad(qjj, tkk, y[ro + j * mStar + k], grad);
        const c = a[j] * this.aStar[k];
        value -= c * i2;
        G[j * m + j] -= c * grad[0];
        H[j * mStar + k] -= c * grad[2];
        gA[j] -= this.aStar[k] * i2;
      }
    }
    return value;
  }
}
