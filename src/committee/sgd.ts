/**
 * Online SGD in the high-dimensional limit (Saad & Solla 1995; Goldt et al. 2019; THEORY.md §1b).
 *
 * Update w_i ← w_i − (η/√d) a_i σ'(λ_i) Δ x − (ηκ/d) w_i with Δ = ŷ − y (label noise ζ ~ N(0, s²)),
 * one fresh sample per step, time α = steps/d. As d → ∞:
 *
 *   dR_in/dα = η φ_i(ν_n) − ηκ R_in
 *   dQ_ik/dα = η [φ_i(λ_k) + φ_k(λ_i)] − 2ηκ Q_ik
 *              + η² a_i a_k [ Σ_np a*_n a*_p I4(i,k,n,p) − 2 Σ_jn a_j a*_n I4(i,k,j,n) + Σ_jl a_j a_l I4(i,k,j,l) + s² J2(i,k) ]
 *   φ_i(z) = a_i [ Σ_n a*_n I3(i, z, n) − Σ_j a_j I3(i, z, j) ]
 *
 * with I3(a,b,c) = E[σ'(u_a) u_b σ_c(u_c)], I4(a,b,c,e) = E[σ'(u_a) σ'(u_b) σ_c(u_c) σ_e(u_e)], J2 = E[σ'σ'],
 * σ_c the student or teacher activation by the field's owner. κ is the weight decay. A trained second
 * layer follows a_j ← a_j − (η_a/d) σ(λ_j) Δ, so da_j/dα = −η_a ∂ε_g/∂a_j.
 */
import type { Rhs } from '../../solvers/types.ts';
import type { DerivPairIntegral, QuadIntegral, TripleIntegral } from '../integrals/types.ts';
import type { CommitteeRisk } from './risk.ts';

export interface SgdIntegrals {
  /** I3 with a teacher (resp. student) field in the last slot. */
  i3Teacher: TripleIntegral;
  i3Student: TripleIntegral;
  /** I4 with the last two fields (teacher, teacher), (student, teacher), (student, student). */
  i4TeacherTeacher: QuadIntegral;
  i4StudentTeacher: QuadIntegral;
  i4StudentStudent: QuadIntegral;
  j2: DerivPairIntegral;
}

export interface SgdRates {
  lr: number;
  lrSecondLayer: number;
  weightDecay: number;
  noise: number;
}

/**
 * Right-hand side of the online-SGD ODE in α. `linearOnly` drops the η² terms (the result is then η times
 * the population gradient flow, a consistency check used by the tests).
 */
export function onlineSgdRhs(
  risk: CommitteeRisk,
  integrals: SgdIntegrals,
  rates: SgdRates,
  aFixed: Float64Array,
  linearOnly = false,
): Rhs {
  const { layout, T, aStar } = risk;
  const { m, mStar, qOffset: qo, rOffset: ro, aOffset: ao, trainSecondLayer } = layout;
  const n = m + mStar;
  const C = new Float64Array(n * n);
  /** φ_i(z) for every student i and every field z (students then teachers). */
  const phi = new Float64Array(m * n);
  const G = new Float64Array(m * m);
  const H = new Float64Array(m * mStar);
  const gA = new Float64Array(m);
  const { lr, lrSecondLayer, weightDecay, noise } = rates;
  const { i3Teacher, i3Student, i4TeacherTeacher: i4tt, i4StudentTeacher: i4st, i4StudentStudent: i4ss, j2 } = integrals;
  // Coefficient of each field in ŷ − y*: +a_j for students, −a*_n for teachers.
  const coef = new Float64Array(n);

  const a = trainSecondLayer ? new Float64Array(m) : aFixed;
  return (_t, y, dy) => {
    if (trainSecondLayer) for (let j = 0; j < m; j++) a[j] = y[ao + j];
    for (let j = 0; j < m; j++) coef[j] = a[j];
    for (let k = 0; k < mStar; k++) coef[m + k] = -aStar[k];
    fillCovariance(C, y, T, m, mStar, qo, ro);

    for (let i = 0; i < m; i++) {
      const cii = C[i * n + i];
      for (let z = 0; z < n; z++) {
        const ciz = C[i * n + z];
        const czz = C[z * n + z];
        // one loop per integral, so that each call site sees one function (monomorphic, inlinable)
        let s = 0;
        for (let c = 0; c < m; c++) s -= coef[c] * i3Student.value(cii, ciz, C[i * n + c], czz, C[z * n + c], C[c * n + c]);
        for (let c = m; c < n; c++) s -= coef[c] * i3Teacher.value(cii, ciz, C[i * n + c], czz, C[z * n + c], C[c * n + c]);
        phi[i * n + z] = a[i] * s;
      }
    }

    for (let i = 0; i < m; i++) {
      for (let k = i; k < m; k++) {
        let v = lr * (phi[i * n + k] + phi[k * n + i]) - 2 * lr * weightDecay * C[i * n + k];
        if (!linearOnly) {
          const cii = C[i * n + i], cik = C[i * n + k], ckk = C[k * n + k];
          // (c, e) with c ≤ e, split by owner so that each call site sees one integral
          const ci = i * n, ck = k * n;
          let s = 0;
          for (let c = 0; c < m; c++) {
            for (let e = c; e < m; e++) {
              const w = (e === c ? 1 : 2) * coef[c] * coef[e];
              s += w * i4ss.value(cii, cik, C[ci + c], C[ci + e], ckk, C[ck + c], C[ck + e], C[c * n + c], C[c * n + e], C[e * n + e]);
            }
            for (let e = m; e < n; e++) {
              const w = 2 * coef[c] * coef[e];
              s += w * i4st.value(cii, cik, C[ci + c], C[ci + e], ckk, C[ck + c], C[ck + e], C[c * n + c], C[c * n + e], C[e * n + e]);
            }
          }
          for (let c = m; c < n; c++) {
            for (let e = c; e < n; e++) {
              const w = (e === c ? 1 : 2) * coef[c] * coef[e];
              s += w * i4tt.value(cii, cik, C[ci + c], C[ci + e], ckk, C[ck + c], C[ck + e], C[c * n + c], C[c * n + e], C[e * n + e]);
            }
          }
          if (noise > 0) s += noise * noise * j2.value(cii, cik, ckk);
          v += lr * lr * a[i] * a[k] * s;
        }
        dy[qo + i * m + k] = v;
        dy[qo + k * m + i] = v;
      }
      for (let p = 0; p < mStar; p++) {
        dy[ro + i * mStar + p] = lr * phi[i * n + m + p] - lr * weightDecay * C[i * n + m + p];
      }
    }
    if (trainSecondLayer) {
      risk.valueGrad(y, a, G, H, gA);
      for (let j = 0; j < m; j++) dy[ao + j] = -lrSecondLayer * gA[j];
    }
  };
}

/** The covariance of (λ_1..λ_m, ν_1..ν_m*): [[Q, R], [Rᵀ, T]], written row-major into C. */
function fillCovariance(C: Float64Array, y: Float64Array, T: Float64Array, m: number, mStar: number, qo: number, ro: number): void {
  const n = m + mStar;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) C[i * n + j] = y[qo + i * m + j];
    for (let k = 0; k < mStar; k++) {
      const r = y[ro + i * mStar + k];
      C[i * n + m + k] = r;
      C[(m + k) * n + i] = r;
    }
  }
  for (let k = 0; k < mStar; k++) for (let l = 0; l < mStar; l++) C[(m + k) * n + m + l] = T[k * mStar + l];
}
