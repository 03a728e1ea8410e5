/** Test problems with exact solutions, shared by the solver tests. */
import type { Rhs } from '../../solvers/index.ts';

export const METHODS = ['dopri5', 'odex'] as const;

/** y' = y, y(0) = 1: y = e^t. */
export const growth: { rhs: Rhs; exact: (t: number) => number[] } = {
  rhs: (_t, y, dydt) => {
    dydt[0] = y[0];
  },
  exact: (t) => [Math.exp(t)],
};

/**
 * Damped rotation y' = A y, A = [[−γ, −ω], [ω, −γ]], y(0) = (1, 0): y = e^{At} y0 = e^{−γt}(cos ωt, sin ωt)
 * (A = −γI + ωJ with commuting parts, so e^{At} = e^{−γt}·rotation(ωt)).
 */
export function dampedRotation(gamma: number, omega: number): { rhs: Rhs; exact: (t: number) => number[] } {
  return {
    rhs: (_t, y, dydt) => {
      dydt[0] = -gamma * y[0] - omega * y[1];
      dydt[1] = omega * y[0] - gamma * y[1];
    },
    exact: (t) => [Math.exp(-gamma * t) * Math.cos(omega * t), Math.exp(-gamma * t) * Math.sin(omega * t)],
  };
}

/** y' = −y, y(0) = 1: y = e^{−t}; y = 1/2 at t = ln 2. */
export const decay: { rhs: Rhs; exact: (t: number) => number[] } = {
  rhs: (_t, y, dydt) => {
    dydt[0] = -y[0];
  },
  exact: (t) => [Math.exp(-t)],
};

/** Largest |y_i − exact_i| / (atol + rtol·|exact_i|) over the given states. */
export function worstScaledError(
  t: number[],
  y: Float64Array[],
  exact: (t: number) => number[],
  rtol: number,
  atol: number,
): number {
  let worst = 0;
  t.forEach((tk, k) => {
    const e = exact(tk);
    e.forEach((ei, i) => (worst = Math.max(worst, Math.abs(y[k][i] - ei) / (atol + rtol * Math.abs(ei)))));
  });
  return worst;
}
