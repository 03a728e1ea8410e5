/**
 * I2, I3, I4 and J2 for polynomial activations, exactly: expand the product of the polynomials in
 * the fields and replace each monomial by its Wick moment (wick.ts). The results are polynomials
 * in the covariance entries, compiled once to JavaScript.
 */
import type { DerivPairIntegral, PairIntegral, QuadIntegral, TripleIntegral } from './types.ts';
import { DERIV_PAIR_VARS, PAIR_LATEX, PAIR_VARS, QUAD_VARS, TRIPLE_VARS } from './closedForms.ts';
import { Polynomial } from './polynomial.ts';
import { type Rational, fromNumberQ, isZeroQ, mulQ, rational } from './rational.ts';
import { WickMoments } from './wick.ts';
import * as math from 'mathjs';
import { compileRowKernel } from './codegen.ts';

type Coeffs = readonly Rational[];

/** Exact coefficients of σ (from the activation's double coefficients). */
function exactCoeffs(c: readonly number[]): Rational[] {
  return c.map(fromNumberQ);
}

/** Coefficients of σ' from those of σ. */
function derivCoeffs(c: Coeffs): Rational[] {
  return c.slice(1).map((ck, k) => mulQ(ck, rational(BigInt(k + 1))));
}

const IDENTITY: Coeffs = [rational(0n), rational(1n)];

/** Index of C_ij (i ≤ j) when the variables list the upper triangle row by row (caa, cab, …). */
function upperTriangle(n: number): (i: number, j: number) => number {
  return (i, j) => i * n - (i * (i - 1)) / 2 + (j - i);
}

/** E[Π_f p_f(u_f)] for polynomials p_f (coefficient lists) of the fields u_f, as a polynomial in C. */
function expectProduct(moments: WickMoments, factors: readonly Coeffs[]): Polynomial {
  let total = Polynomial.zero(moments.vars);
  const k = factors.map(() => 0);
  const visit = (f: number, coef: Rational): void => {
    if (f === factors.length) {
      total = total.add(moments.moment(k).scale(coef));
      return;
    }
    factors[f].forEach((c, e) => {
      if (isZeroQ(c)) return;
      k[f] = e;
      visit(f + 1, mulQ(coef, c));
    });
  };
  visit(0, rational(1n));
  return total;
}

/** Moment builders for I2 (fields u, v; variables c11, c22, c12) and the upper-triangle integrals. */
const pairMoments = () => new WickMoments(2, PAIR_VARS, (i, j) => (i === j ? i : 2));
const triangleMoments = (n: number, vars: readonly string[]) => new WickMoments(n, vars, upperTriangle(n));

type Fn3 = (c11: number, c22: number, c12: number) => number;

/** The I2 polynomial E[σ(u) τ(v)] in c11, c22, c12. */
export function wickPairPolynomial(sigma: readonly number[], tau: readonly number[]): Polynomial {
  return expectProduct(pairMoments(), [exactCoeffs(sigma), exactCoeffs(tau)]);
}

/** I2 by Wick, with its gradient from the derivative polynomials. */
export function wickPair(sigma: readonly number[], tau: readonly number[]): PairIntegral {
  const poly = wickPairPolynomial(sigma, tau);
  const value = poly.compile<Fn3>();
  const derivatives = [0, 1, 2].map((i) => poly.derivative(i));
  const [g11, g22, g12] = derivatives.map((p) => p.compile<Fn3>());
  return {
    row: compileRowKernel([poly, ...derivatives].map((p) => math.parse(p.toText())), 'Wick polynomial'),
    path: 'wick',
    text: poly.toText(),
    latex: poly.toLatex((v) => PAIR_LATEX[v] ?? v),
    value,
    valueGrad: (c11, c22, c12, grad) => {
      grad[0] = g11(c11, c22, c12);
      grad[1] = g22(c11, c22, c12);
      grad[2] = g12(c11, c22, c12);
      return value(c11, c22, c12);
    },
  };
}

/** I3 = E[σ'(u_a) u_b τ(u_c)] by Wick. */
export function wickTriple(sigma: readonly number[], tau: readonly number[]): TripleIntegral {
  const poly = expectProduct(triangleMoments(3, TRIPLE_VARS), [derivCoeffs(exactCoeffs(sigma)), IDENTITY, exactCoeffs(tau)]);
  return { path: 'wick', value: poly.compile() };
}

/** I4 = E[σ'(u_a) σ'(u_b) τ(u_c) ρ(u_e)] by Wick. */
export function wickQuad(
  sigma: readonly number[],
  tau: readonly number[],
  rho: readonly number[],
): QuadIntegral {
  const ds = derivCoeffs(exactCoeffs(sigma));
  const poly = expectProduct(triangleMoments(4, QUAD_VARS), [ds, ds, exactCoeffs(tau), exactCoeffs(rho)]);
  return { path: 'wick', value: poly.compile() };
}

/** J2 = E[σ'(u_a) σ'(u_b)] by Wick. */
export function wickDerivPair(sigma: readonly number[]): DerivPairIntegral {
  const ds = derivCoeffs(exactCoeffs(sigma));
  const poly = expectProduct(triangleMoments(2, DERIV_PAIR_VARS), [ds, ds]);
  return { path: 'wick', value: poly.compile() };
}

/** General moment E[Π_i u_i^{k_i}] of n fields with the covariance as an n×n upper-triangle list. */
export function wickMoment(k: readonly number[]): Polynomial {
  const n = k.length;
  const vars: string[] = [];
  for (let i = 0; i < n; i++) for (let j = i; j < n; j++) vars.push(`c${i + 1}${j + 1}`);
  return triangleMoments(n, vars).moment(k);
}
