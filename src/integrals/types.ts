/**
 * Gaussian expectations of activations: the building blocks of the population risk and of the
 * order-parameter ODEs. Each integral says which path computed it.
 */

/** How an integral is computed: a tabulated closed form, an exact Wick polynomial, or Gauss–Hermite quadrature. */
export type IntegralPath = 'closed-form' | 'wick' | 'quadrature';

/** A parsed activation σ, with compiled evaluation of σ, σ' and σ''. */
export interface Activation {
  /** Canonical key: the built-in name (`linear`, `quadratic`, `erf`, `relu`, `abs`) or the simplified expression in x. */
  key: string;
  /** The expression in x as the user wrote it (or the expansion of a built-in name). */
  expr: string;
  /** LaTeX of σ(x). */
  latex: string;
  /** Polynomial coefficients c[k] of x^k when σ is a polynomial, else null. */
  polynomial: number[] | null;
  f: (x: number) => number;
  df: (x: number) => number;
  d2f: (x: number) => number;
}

/**
 * I2(c11, c22, c12) = E[σ(u) τ(v)], (u, v) ~ N(0, [[c11, c12], [c12, c22]]).
 */
export interface PairIntegral {
  path: IntegralPath;
  /** Human-readable and LaTeX forms of the closed form in c11, c22, c12 (or a description of the quadrature). */
  text: string;
  latex: string;
  value: (c11: number, c22: number, c12: number) => number;
  /** Value, with ∂/∂c11, ∂/∂c22, ∂/∂c12 written into grad[0], grad[1], grad[2]. */
  valueGrad: (c11: number, c22: number, c12: number, grad: Float64Array) => number;
  /**
   * The same over a row of pairs sharing c11: for i < n, at (c11, c22[c22Offset + i], c12[c12Offset + i]),
   * writes value, ∂/∂c11, ∂/∂c22, ∂/∂c12 to out[4i … 4i + 3]. Generated code for closed forms and Wick
   * polynomials (formulas inlined in one loop), a loop over `valueGrad` for quadrature.
   */
  row: RowKernel;
}

/** See `PairIntegral.row`. */
export type RowKernel = (
  c11: number,
  c22: Float64Array,
  c22Offset: number,
  c12: Float64Array,
  c12Offset: number,
  n: number,
  out: Float64Array,
) => void;

/**
 * I3 = E[σ'(u_a) u_b τ(u_c)] for (u_a, u_b, u_c) ~ N(0, C), C given by its six entries.
 */
export interface TripleIntegral {
  path: IntegralPath;
  value: (caa: number, cab: number, cac: number, cbb: number, cbc: number, ccc: number) => number;
}

/**
 * I4 = E[σ'(u_a) σ'(u_b) τ(u_c) ρ(u_e)] for (u_a, u_b, u_c, u_e) ~ N(0, C), C given by its ten entries.
 */
export interface QuadIntegral {
  path: IntegralPath;
  value: (
    caa: number, cab: number, cac: number, cae: number,
    cbb: number, cbc: number, cbe: number,
    ccc: number, cce: number, cee: number,
  ) => number;
}

/** J2 = E[σ'(u_a) σ'(u_b)] for (u_a, u_b) ~ N(0, [[caa, cab], [cab, cbb]]). */
export interface DerivPairIntegral {
  path: IntegralPath;
  value: (caa: number, cab: number, cbb: number) => number;
}
