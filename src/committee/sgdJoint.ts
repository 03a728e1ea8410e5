/**
 * The expectations of the online-SGD ODE (`SgdExpectations`) in one pass over one quadrature rule for the
 * joint Gaussian of all n = m + m* fields (`JointGaussianRule`), instead of m·n·n I3 and m(m+1)/2 · n(n+1)/2
 * I4 integrals each computed on its own. At every node u_p, with σ_c the student or teacher activation of
 * field c:
 *
 *   e_p = Σ_c coef_c σ_c(u_pc),  d_pi = σ'(u_pi) (students i),
 *   P_iz += w_p d_pi u_pz e_p,   S_ik += w_p d_pi d_pk e_p²,   J_ik += w_p d_pi d_pk,
 *
 * so σ and σ' are evaluated once per node and field.
 */
import type { Activation } from '../integrals/types.ts';
import { JointGaussianRule } from '../integrals/jointGaussian.ts';
import type { SgdExpectations } from './sgd.ts';

/** Expectations of the online-SGD ODE by `rule` (its dim must be m + m*), students σ, teachers σ*. */
export function jointExpectations(sigma: Activation, sigmaStar: Activation, m: number, mStar: number, rule: JointGaussianRule): SgdExpectations {
  const n = m + mStar;
  if (rule.dim !== n) throw new Error(`joint rule over ${rule.dim} fields for ${n} fields`);
  const { f, df } = sigma;
  const g = sigmaStar.f;
  const d = new Float64Array(m);
  return {
    fill(C, coef, P, S, J) {
      if (!rule.set(C)) return false;
      const { fields: u, weights, size } = rule;
      P.fill(0);
      if (S !== null) S.fill(0);
      if (J !== null) J.fill(0);
      for (let p = 0; p < size; p++) {
        const w = weights[p];
        const o = p * n;
        let e = 0;
        for (let c = 0; c < m; c++) {
          const x = u[o + c];
          e += coef[c] * f(x);
          d[c] = df(x);
        }
        for (let c = m; c < n; c++) e += coef[c] * g(u[o + c]);
        const we = w * e;
        for (let i = 0; i < m; i++) {
          const t = we * d[i];
          const po = i * n;
          for (let z = 0; z < n; z++) P[po + z] += t * u[o + z];
        }
        if (S !== null) {
          for (let i = 0; i < m; i++) {
            const t = we * e * d[i];
            for (let k = i; k < m; k++) S[i * m + k] += t * d[k];
          }
        }
        if (J !== null) {
          for (let i = 0; i < m; i++) {
            const t = w * d[i];
            for (let k = i; k < m; k++) J[i * m + k] += t * d[k];
          }
        }
      }
      return true;
    },
  };
}
