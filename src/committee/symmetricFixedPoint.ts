/**
 * The unspecialised (symmetric) fixed point of the gradient flow for the erf committee machine
 * σ(u) = erf(u/√2) with m = m* = M, a = a* = 1, T = I (derivation: docs/saad-solla.md). Every student
 * vector equals q·(w*_1 + … + w*_M)/√M, with
 *   Q_ij = q² = 1/(2M − 1) for all i, j,   R_in = q/√M = 1/√(M(2M − 1)),
 *   ε* = (M/π) [π/6 − M arcsin(1/(2M))]   (M = 2: 0.011611; M = 3: 0.020297).
 */
export function erfSymmetricFixedPoint(M: number): { Q: number[][]; R: number[][]; loss: number } {
  if (!(Number.isInteger(M) && M >= 1)) throw new RangeError(`M = ${M}: a positive integer`);
  const q2 = 1 / (2 * M - 1);
  const r = 1 / Math.sqrt(M * (2 * M - 1));
  return {
    Q: Array.from({ length: M }, () => Array(M).fill(q2)),
    R: Array.from({ length: M }, () => Array(M).fill(r)),
    loss: (M / Math.PI) * (Math.PI / 6 - M * Math.asin(1 / (2 * M))),
  };
}
