/**
 * The expectations of the online-SGD ODE (`SgdExpectations`) in one pass over one quadrature rule for the
 * joint Gaussian of all n = m + m* fields (`JointGaussianRule`), instead of m·n·n I3 and m(m+1)/2 · n(n+1)/2
 * I4 integrals each computed on its own. At every node u_p, with σ_c the student or teacher activation of
 * field c:
 *
 *   e_p = Σ_c coef_c σ_c(u_pc),  d_pi = σ'(u_pi) (students i),
 *   P_iz += w_p d_pi u_pz e_p,   S_ik += w_p d_pi d_pk e_p²,   J_ik += w_p d_pi d_pk,
 *
 * so σ and σ' are evaluated once per node and field. When σ and σ* are both odd or both even, e is odd or
 * even and σ' has the other parity, so every integrand is even in u and the rule keeps one node of each
 * pair ±z (`JointGaussianRule`'s `symmetric`): half the work.
 *
 * `jointRuleFor` decides where this replaces the separate integrals: the activations are smooth (the
 * product rule converges only algebraically across a kink or a step, where the split polar rules of the
 * separate integrals are exact) and n ≤ 6, with the nodes per dimension of JOINT_RULE_SIZES.
 */
import type { Activation } from '../integrals/types.ts';
import { JointGaussianRule } from '../integrals/jointGaussian.ts';
import type { SgdExpectations } from './sgd.ts';

/**
 * Nodes per dimension and pruning threshold of the joint rule by the number of fields n = m + m*, chosen
 * for ≲ 6e4 kept nodes (one right-hand side in ~20 ms at n = 6, a few ms below). Largest absolute error
 * of the right-hand side measured along an online-SGD trajectory (m students, m* teachers, a = a* = 1,
 * η = 0.5, random start d = 1000; states at α = 0, 20, 100, 300, 1000): against the erf closed forms
 * ≲ 1e-11 for n ≤ 4, ~3e-8 at n = 5, ~7e-7 at n = 6; tanh (poles at ±iπ/2, so slower convergence, and
 * slower still for larger fields) against the separate integrals at 36 nodes: ~2e-13 at n = 3, ~1e-9 at
 * n = 4, ~2e-5 at n = 6 (docs/joint-rule.md).
 */
export const JOINT_RULE_SIZES: Readonly<Record<number, { nodes: number; prune: number }>> = {
  2: { nodes: 80, prune: 1e-14 },
  3: { nodes: 64, prune: 1e-14 },
  4: { nodes: 24, prune: 1e-12 },
  5: { nodes: 12, prune: 1e-10 },
  6: { nodes: 8, prune: 1e-8 },
};

/** Functions whose kinks or steps make an activation non-smooth. */
const NON_SMOOTH = /\b(abs|sign|max|min|heaviside)\s*\(/;

/** Whether σ is built from smooth functions only (no abs, sign, max, min or heaviside in its expression). */
export function isSmooth(act: Activation): boolean {
  return !NON_SMOOTH.test(act.expr) && !NON_SMOOTH.test(act.key);
}

/**
 * 'odd' or 'even' when f(−x) = ∓f(x) exactly at 48 points spread over (0, 8) (x_k = 8·frac(k·φ), φ the
 * golden ratio), else null. An activation is an expression in elementary functions, analytic away from
 * isolated points, so a parity that holds at that many generic points holds everywhere but by design.
 */
const PARITY_POINTS = Array.from({ length: 48 }, (_, k) => 8 * (((k + 1) * 0.6180339887498949) % 1));

function parity(act: Activation): 'odd' | 'even' | null {
  const xs = PARITY_POINTS;
  if (xs.every((x) => act.f(-x) === -act.f(x))) return 'odd';
  if (xs.every((x) => act.f(-x) === act.f(x))) return 'even';
  return null;
}

/**
 * The joint rule for the online-SGD expectations of students σ and teachers σ*, m + m* fields, or null
 * where the separate integrals should be used: an activation that is not smooth, or more than six fields.
 * The caller uses it only where some I3 or I4 would otherwise be a quadrature.
 */
export function jointRuleFor(sigma: Activation, sigmaStar: Activation, m: number, mStar: number): JointGaussianRule | null {
  const size = JOINT_RULE_SIZES[m + mStar];
  if (size === undefined || !isSmooth(sigma) || !isSmooth(sigmaStar)) return null;
  const p = parity(sigma);
  return new JointGaussianRule(m + mStar, size.nodes, size.prune, p !== null && p === parity(sigmaStar));
}

/** Expectations of the online-SGD ODE by `rule` (its dim must be m + m*), students σ, teachers σ*. */
export function jointExpectations(sigma: Activation, sigmaStar: Activation, m: number, mStar: number, rule: JointGaussianRule): SgdExpectations {
  const n = m + mStar;
  if (rule.dim !== n) throw new Error(`joint rule over ${rule.dim} fields for ${n} fields`);
  const { f, df } = sigma;
  const g = sigmaStar.f;
  const d = new Float64Array(m);
  return {
    description: `joint Gauss–Hermite rule over the ${n} fields, ${rule.nodes} nodes per dimension, ${rule.size} nodes kept`,
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
