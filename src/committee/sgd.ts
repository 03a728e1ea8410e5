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
import type { Activation, DerivPairIntegral, QuadIntegral, TripleIntegral } from '../integrals/types.ts';
import { derivPairIntegral, quadIntegral, tripleIntegral } from '../integrals/index.ts';
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

/** The separate integrals for students σ and teachers σ*, each by its own path (closed form, Wick or quadrature). */
export function sgdIntegrals(sigma: Activation, sigmaStar: Activation): SgdIntegrals {
  return {
    i3Teacher: tripleIntegral(sigma, sigmaStar),
    i3Student: tripleIntegral(sigma, sigma),
    i4TeacherTeacher: quadIntegral(sigma, sigmaStar, sigmaStar),
    i4StudentTeacher: quadIntegral(sigma, sigma, sigmaStar),
    i4StudentStudent: quadIntegral(sigma, sigma, sigma),
    j2: derivPairIntegral(sigma),
  };
}

export interface SgdRates {
  lr: number;
  lrSecondLayer: number;
  weightDecay: number;
  noise: number;
}

/**
 * The Gaussian expectations of the online-SGD ODE over u = (λ_1..λ_m, ν_1..ν_m*) ~ N(0, C), with the error
 * e = Σ_c coef_c σ_c(u_c) (coef_c = a_c for students, −a*_c for teachers):
 *
 *   P[i·n + z] = E[σ'(λ_i) u_z e] = Σ_c coef_c I3(i, z, c),
 *   S[i·m + k] = E[σ'(λ_i) σ'(λ_k) e²] = Σ_ce coef_c coef_e I4(i, k, c, e),
 *   J[i·m + k] = E[σ'(λ_i) σ'(λ_k)] = J2(i, k),
 *
 * S and J for k ≥ i only. `fill` writes them for C (row-major n×n) and returns false when C is not a
 * covariance; S is skipped when null (η-linear part only), J when null (no label noise).
 */
export interface SgdExpectations {
  /** How the expectations are computed, for the result's record (e.g. which quadrature rule). */
  readonly description: string;
  fill(C: Float64Array, coef: Float64Array, P: Float64Array, S: Float64Array | null, J: Float64Array | null): boolean;
}

/** The expectations of `SgdExpectations` as sums of separate I3, I4 and J2 integrals (closed form, Wick or quadrature each). */
export function integralExpectations(integrals: SgdIntegrals, m: number, mStar: number): SgdExpectations {
  const n = m + mStar;
  const { i3Teacher, i3Student, i4TeacherTeacher: i4tt, i4StudentTeacher: i4st, i4StudentStudent: i4ss, j2 } = integrals;
  const paths = [...new Set([i3Teacher, i3Student, i4tt, i4st, i4ss, j2].map((i) => i.path))].join(', ');
  return {
    description: `separate I3, I4 and J2 integrals (${paths})`,
    fill(C, coef, P, S, J) {
      for (let i = 0; i < m; i++) {
        const cii = C[i * n + i];
        for (let z = 0; z < n; z++) {
          const ciz = C[i * n + z];
          const czz = C[z * n + z];
          // one loop per integral, so that each call site sees one function (monomorphic, inlinable)
          let s = 0;
          for (let c = 0; c < m; c++) s += coef[c] * i3Student.value(cii, ciz, C[i * n + c], czz, C[z * n + c], C[c * n + c]);
          for (let c = m; c < n; c++) s += coef[c] * i3Teacher.value(cii, ciz, C[i * n + c], czz, C[z * n + c], C[c * n + c]);
          P[i * n + z] = s;
        }
      }
      for (let i = 0; i < m; i++) {
        for (let k = i; k < m; k++) {
          const cii = C[i * n + i], cik = C[i * n + k], ckk = C[k * n + k];
          if (J !== null) J[i * m + k] = j2.value(cii, cik, ckk);
          if (S === null) continue;
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
          S[i * m + k] = s;
        }
      }
      return true;
    },
  };
}

/**
 * Right-hand side of the online-SGD ODE in α, from the expectations of `SgdExpectations` (φ_i(z) = −a_i P_iz).
 * `linearOnly` drops the η² terms (the result is then η times the population gradient flow, a consistency
 * check used by the tests). A C that is not a covariance gives NaN derivatives.
 */
export function onlineSgdRhs(
  risk: CommitteeRisk,
  expectations: SgdExpectations,
  rates: SgdRates,
  aFixed: Float64Array,
  linearOnly = false,
): Rhs {
  const { layout, T, aStar } = risk;
  const { m, mStar, qOffset: qo, rOffset: ro, aOffset: ao, trainSecondLayer } = layout;
  const n = m + mStar;
  const C = new Float64Array(n * n);
  const P = new Float64Array(m * n);
  const { lr, lrSecondLayer, weightDecay, noise } = rates;
  const S = linearOnly ? null : new Float64Array(m * m);
  const J = linearOnly || noise === 0 ? null : new Float64Array(m * m);
  const G = new Float64Array(m * m);
  const H = new Float64Array(m * mStar);
  const gA = new Float64Array(m);
  // Coefficient of each field in ŷ − y*: +a_j for students, −a*_n for teachers.
  const coef = new Float64Array(n);

  const a = trainSecondLayer ? new Float64Array(m) : aFixed;
  return (_t, y, dy) => {
    if (trainSecondLayer) for (let j = 0; j < m; j++) a[j] = y[ao + j];
    for (let j = 0; j < m; j++) coef[j] = a[j];
    for (let k = 0; k < mStar; k++) coef[m + k] = -aStar[k];
    fillCovariance(C, y, T, m, mStar, qo, ro);
    if (!expectations.fill(C, coef, P, S, J)) {
      dy.fill(NaN);
      return;
    }
    for (let i = 0; i < m; i++) {
      for (let k = i; k < m; k++) {
        // η [φ_i(λ_k) + φ_k(λ_i)] with φ_i(z) = −a_i P_iz
        let v = -lr * (a[i] * P[i * n + k] + a[k] * P[k * n + i]) - 2 * lr * weightDecay * C[i * n + k];
        if (S !== null) {
          let s = S[i * m + k];
          if (J !== null) s += noise * noise * J[i * m + k];
          v += lr * lr * a[i] * a[k] * s;
        }
        dy[qo + i * m + k] = v;
        dy[qo + k * m + i] = v;
      }
      for (let p = 0; p < mStar; p++) {
        dy[ro + i * mStar + p] = -lr * a[i] * P[i * n + m + p] - lr * weightDecay * C[i * n + m + p];
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
