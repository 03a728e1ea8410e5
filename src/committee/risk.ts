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
  private readonly m: number;
  /** Scratch: the diagonals of Q and T, and one row of pair integrals (value and gradient per pair). */
  private readonly qDiagonal: Float64Array;
  private readonly tDiagonal: Float64Array;
  private readonly pairs: Float64Array;
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
    this.qDiagonal = new Float64Array(this.m);
    this.tDiagonal = Float64Array.from({ length: this.mStar }, (_, k) => T[k * this.mStar + k]);
    this.pairs = new Float64Array(4 * Math.max(this.m, this.mStar));
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
   * ε_g and its gradient: G = ∂ε_g/∂Q (m×m, symmetric), H = ∂ε_g/∂R (m×m*), gA = ∂ε_g/∂a (m), written
   * into the given arrays (row-major). Uses ∂I2/∂(c11, c22, c12) from the integrals' row kernels, one
   * call per row of Q (pairs l ≥ j only: I2σσ is symmetric in its two fields, so the pair (l, j) gives
   * the mirror of (j, l)) and one per row of R. No allocation.
   */
  valueGrad(y: Float64Array, a: ArrayLike<number>, G: Float64Array, H: Float64Array, gA: Float64Array): number {
    const { m, mStar, qDiagonal, tDiagonal, pairs, aStar } = this;
    const { qOffset: qo, rOffset: ro } = this.layout;
    const { studentStudent: ss, studentTeacher: st } = this.integrals;
    G.fill(0);
    gA.fill(0);
    for (let j = 0; j < m; j++) qDiagonal[j] = y[qo + j * m + j];
    let value = this.teacherTerm;
    for (let j = 0; j < m; j++) {
      const qjj = qDiagonal[j];
      const aj = a[j];
      ss.row(qjj, qDiagonal, j, y, qo + j * m + j, m - j, pairs);
      // l = j: Q_jj enters all three arguments.
      const cjj = 0.5 * aj * aj;
      value += cjj * pairs[0];
      let gjj = cjj * (pairs[1] + pairs[2] + pairs[3]);
      let gaj = aj * pairs[0];
      for (let l = j + 1; l < m; l++) {
        const b = 4 * (l - j);
        const i2 = pairs[b];
        const al = a[l];
        const c = aj * al;
        value += c * i2;
        gjj += c * pairs[b + 1];
        G[l * m + l] += c * pairs[b + 2];
        const off = 0.5 * c * pairs[b + 3];
        G[j * m + l] = off;
        G[l * m + j] = off;
        gaj += al * i2;
        gA[l] += aj * i2;
      }
      st.row(qjj, tDiagonal, 0, y, ro + j * mStar, mStar, pairs);
      for (let k = 0; k < mStar; k++) {
        const b = 4 * k;
        const i2 = pairs[b];
        const c = aj * aStar[k];
        value -= c * i2;
        gjj -= c * pairs[b + 1];
        H[j * mStar + k] = -c * pairs[b + 3];
        gaj -= aStar[k] * i2;
      }
      G[j * m + j] += gjj;
      gA[j] += gaj;
    }
    return value;
  }
}
