/**
 * Isserlis/Wick moments: E[Π_i u_i^{k_i}] for u ~ N(0, C) as an exact polynomial in the covariance
 * entries, by Gaussian integration by parts (Stein's lemma):
 *   E[u_i F(u)] = Σ_j C_ij E[∂F/∂u_j],  so  M(k) = Σ_j C_ij k'_j M(k' − e_j),  k' = k − e_i,
 * which sums over all pairings (odd total degree gives 0). Memoized per moment builder.
 */
import { Polynomial } from './polynomial.ts';
import { rational } from './rational.ts';

/** Moments of n jointly Gaussian fields; `varOf(i, j)` (i ≤ j) is the index of C_ij in `vars`. */
export class WickMoments {
  private readonly memo = new Map<string, Polynomial>();

  constructor(
    readonly n: number,
    readonly vars: readonly string[],
    private readonly varOf: (i: number, j: number) => number,
  ) {}

  /** E[Π_i u_i^{k[i]}]. */
  moment(k: readonly number[]): Polynomial {
    const key = k.join(',');
    const hit = this.memo.get(key);
    if (hit !== undefined) return hit;
    const total = k.reduce((a, b) => a + b, 0);
    let result: Polynomial;
    if (total === 0) result = Polynomial.constant(this.vars, rational(1n));
    else if (total % 2 === 1) result = Polynomial.zero(this.vars);
    else {
      const i = k.findIndex((e) => e > 0);
      const rest = k.map((e, j) => (j === i ? e - 1 : e));
      result = Polynomial.zero(this.vars);
      for (let j = 0; j < this.n; j++) {
        if (rest[j] === 0) continue;
        const lower = rest.map((e, l) => (l === j ? e - 1 : e));
        const cij = Polynomial.variable(this.vars, this.varOf(Math.min(i, j), Math.max(i, j)));
        result = result.add(cij.mul(this.moment(lower)).scale(rational(BigInt(rest[j]))));
      }
    }
    this.memo.set(key, result);
    return result;
  }
}
