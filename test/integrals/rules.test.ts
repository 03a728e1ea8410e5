import test from 'ava';
import { hermiteRule } from '../../src/integrals/gaussHermite.ts';
import { legendreRule, rayleighRule } from '../../src/integrals/polar.ts';

/** Exact moments: E[z^k] for N(0, 1) ((k − 1)!! for even k), ∫ r^k r e^{−r²/2} dr = 2^{k/2} Γ(k/2 + 1), ∫_{-1}^{1} x^k dx. */
const gaussMoment = (k: number) => (k % 2 === 1 ? 0 : Array.from({ length: k / 2 }, (_, i) => 2 * i + 1).reduce((a, b) => a * b, 1));
const gammaHalfInt = (x: number): number => (x === 1 ? 1 : x === 0.5 ? Math.sqrt(Math.PI) : (x - 1) * gammaHalfInt(x - 1));
const rayleighMoment = (k: number) => 2 ** (k / 2) * gammaHalfInt(k / 2 + 1);
const legendreMoment = (k: number) => (k % 2 === 1 ? 0 : 2 / (k + 1));

function maxRelError(rule: { x: Float64Array; w: Float64Array }, moment: (k: number) => number, degree: number): number {
  let worst = 0;
  for (let k = 0; k <= degree; k++) {
    let s = 0;
    let scale = 0; // Σ w |x|^k: the size of the terms, against which round-off is measured (odd moments vanish)
    for (let i = 0; i < rule.x.length; i++) {
      s += rule.w[i] * rule.x[i] ** k;
      scale += Math.abs(rule.w[i] * rule.x[i] ** k);
    }
    worst = Math.max(worst, Math.abs(s - moment(k)) / scale);
  }
  return worst;
}

test('n-point rules integrate polynomials of degree 2n − 1 exactly (up to round-off)', (t) => {
  for (const n of [4, 10, 32, 64, 150]) {
    // 1e-12 relative to Σ w|x|^k: measured ≤ 2e-14; moments up to degree min(2n − 1, 40)
    t.true(maxRelError(hermiteRule(n), gaussMoment, Math.min(2 * n - 1, 40)) < 1e-12, `Hermite ${n}`);
  }
  for (const n of [4, 16, 32, 64]) {
    // Rayleigh rule (Stieltjes on a discretisation): measured ≤ 3e-13 up to degree 20, 4e-12 at degree 31
    t.true(maxRelError(rayleighRule(n), rayleighMoment, Math.min(2 * n - 1, 20)) < 1e-12, `Rayleigh ${n}`);
    t.true(maxRelError(legendreRule(n), legendreMoment, 2 * n - 1) < 1e-13, `Legendre ${n}`);
  }
});
