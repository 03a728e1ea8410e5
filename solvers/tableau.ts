/**
 * Butcher tableaus of embedded explicit Runge–Kutta pairs, as data. The generic step in `rk_step.ts`
 * reads them; a new method is a new tableau, not new code.
 */

/**
 * An embedded explicit Runge–Kutta pair with a polynomial continuous extension.
 * Stages k_i = f(t + C[i]·h, y + h·Σ_j A[i][j]·k_j), i = 0 … stages−1.
 * Solution y1 = y0 + h·Σ B[i]·k_i; error estimate h·Σ E[i]·k_i over stages + 1 slopes
 * (the last slope is f(t1, y1), free with FSAL).
 * Dense output (scipy's RkDenseOutput form): y(t0 + θh) = y0 + h·Σ_i k_i·Σ_j P[i][j]·θ^(j+1).
 * The format is first-same-as-last: the slope f(t1, y1) is always evaluated (for E and P) and becomes
 * the next step's k_0.
 */
export interface RkTableau {
  name: string;
  /** Order of the propagated solution. */
  order: number;
  /** Order of the embedded solution (drives the step-size exponent). */
  errorOrder: number;
  stages: number;
  /** Lower-triangular stage coefficients, A[i] has i entries. */
  A: readonly (readonly number[])[];
  B: readonly number[];
  C: readonly number[];
  /** B − B̂ over stages + 1 slopes. */
  E: readonly number[];
  /** Dense-output coefficients, (stages + 1) rows of polynomial coefficients in θ (θ¹ first). */
  P: readonly (readonly number[])[];
}

/**
 * Dormand–Prince 5(4): J. R. Dormand, P. J. Prince, "A family of embedded Runge–Kutta formulae",
 * J. Comput. Appl. Math. 6 (1980) 19–26; E. Hairer, S. P. Nørsett, G. Wanner, Solving ODEs I, §II.5.
 * The continuous extension is the 4th-order one of Hairer's DOPRI5 dense output (Shampine,
 * "Some practical Runge–Kutta formulas", Math. Comp. 46 (1986)), written as the coefficient matrix P:
 * it satisfies Σ_j P[i][j] = B[i] (y(1) = y1), y'(0) = k_0 and y'(1) = f(t1, y1) — checked in the tests.
 */
export const DORMAND_PRINCE_54: RkTableau = {
  name: 'dopri5',
  order: 5,
  errorOrder: 4,
  stages: 6,
  C: [0, 1 / 5, 3 / 10, 4 / 5, 8 / 9, 1],
  A: [
    [],
    [1 / 5],
    [3 / 40, 9 / 40],
    [44 / 45, -56 / 15, 32 / 9],
    [19372 / 6561, -25360 / 2187, 64448 / 6561, -212 / 729],
    [9017 / 3168, -355 / 33, 46732 / 5247, 49 / 176, -5103 / 18656],
  ],
  B: [35 / 384, 0, 500 / 1113, 125 / 192, -2187 / 6784, 11 / 84],
  E: [-71 / 57600, 0, 71 / 16695, -71 / 1920, 17253 / 339200, -22 / 525, 1 / 40],
  P: [
    [1, -8048581381 / 2820520608, 8663915743 / 2820520608, -12715105075 / 11282082432],
    [0, 0, 0, 0],
    [0, 131558114200 / 32700410799, -68118460800 / 10900136933, 87487479700 / 32700410799],
    [0, -1754552775 / 470086768, 14199869525 / 1410260304, -10690763975 / 1880347072],
    [0, 127303824393 / 49829197408, -318862633887 / 49829197408, 701980252875 / 199316789632],
    [0, -282668133 / 205662961, 2019193451 / 616988883, -1453857185 / 822651844],
    [0, 40617522 / 29380423, -110615467 / 29380423, 69997945 / 29380423],
  ],
};
