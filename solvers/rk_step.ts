import type { Rhs } from './types.ts';
import type { RkTableau } from './tableau.ts';
import { scaledRmsNorm } from './error_norm.ts';
import { linearCombination } from './linear_combination.ts';

/**
 * One embedded explicit Runge–Kutta step that reads its tableau, with preallocated buffers
 * (no allocation per step). Stages: k_i = f(t + C_i h, y + h Σ_j A_ij k_j);
 * y1 = y0 + h Σ_i B_i k_i; k_s = f(t + h, y1) (FSAL, reused as the next k_0);
 * error e = h Σ_i E_i k_i over s + 1 slopes, measured by the scaled RMS norm (`error_norm.ts`).
 */
export class RkStepper {
  /** Slopes k_0 … k_s (k_s = f(t1, y1)). */
  readonly k: Float64Array[];
  /** Proposed state after the last `attempt`. */
  readonly yNew: Float64Array;
  private readonly yStage: Float64Array;
  private readonly err: Float64Array;
  /** Column j of the dense-output matrix P, one weight per slope. */
  private readonly column: number[];
  /** Right-hand-side evaluations made by this stepper. */
  nfev = 0;

  constructor(
    readonly tableau: RkTableau,
    private readonly rhs: Rhs,
    readonly n: number,
  ) {
    this.k = Array.from({ length: tableau.stages + 1 }, () => new Float64Array(n));
    this.yNew = new Float64Array(n);
    this.yStage = new Float64Array(n);
    this.err = new Float64Array(n);
    this.column = new Array<number>(tableau.stages + 1).fill(0);
  }

  /** Evaluate k_0 = f(t, y) (only at the start; later steps reuse the FSAL slope). */
  startSlope(t: number, y: Float64Array): void {
    this.rhs(t, y, this.k[0]);
    this.nfev++;
  }

  /**
   * Attempt a step of size h from (t, y) given k_0 = f(t, y). Writes `yNew` and k_1 … k_s and returns
   * the scaled error norm, or NaN when a slope is not finite.
   */
  attempt(t: number, y: Float64Array, h: number, rtol: number, atol: number): number {
    const { A, B, C, E, stages } = this.tableau;
    const { k, yStage, yNew, err } = this;
    for (let s = 1; s < stages; s++) {
      linearCombination(yStage, 0, this.n, y, h, A[s], k, s);
      this.rhs(t + C[s] * h, yStage, k[s]);
      this.nfev++;
      if (!allFinite(k[s])) return NaN;
    }
    linearCombination(yNew, 0, this.n, y, h, B, k, stages);
    this.rhs(t + h, yNew, k[stages]);
    this.nfev++;
    if (!allFinite(k[stages]) || !allFinite(yNew)) return NaN;
    linearCombination(err, 0, this.n, null, h, E, k, stages + 1);
    return scaledRmsNorm(err, y, yNew, rtol, atol);
  }

  /**
   * Estimate of the spectral radius ρ of ∂f/∂y from the step just attempted, when its last stage sits at
   * t + h (c = 1, as in Dormand–Prince): ρ ≈ ‖k_s − k_{s−1}‖ / ‖y1 − Y_{s−1}‖, two slopes at the same time
   * (DOPRI5's stiffness detection, Hairer & Wanner, Solving ODEs II, §IV.2). NaN when not available.
   */
  spectralRadiusEstimate(): number {
    const { stages, C } = this.tableau;
    if (C[stages - 1] !== 1) return NaN;
    const a = this.k[stages];
    const b = this.k[stages - 1];
    let num = 0;
    let den = 0;
    for (let i = 0; i < this.n; i++) {
      num += (a[i] - b[i]) ** 2;
      den += (this.yNew[i] - this.yStage[i]) ** 2;
    }
    return den > 0 ? Math.sqrt(num / den) : 0;
  }

  /** After an accepted step: the FSAL slope becomes the next k_0 (buffer swap, no copy). */
  advance(): void {
    const last = this.k[this.tableau.stages];
    this.k[this.tableau.stages] = this.k[0];
    this.k[0] = last;
  }

  /**
   * Dense-output coefficients of the step just attempted: Q_j = h Σ_i k_i P_ij, packed as
   * out[j·n + i] (j = 0 … degree−1); y(t0 + θh) = y0 + Σ_j Q_j θ^(j+1). Call before `advance`.
   */
  denseCoefficients(h: number, out: Float64Array): void {
    const { P } = this.tableau;
    const { k, n } = this;
    const degree = P[0].length;
    for (let j = 0; j < degree; j++) {
      for (let s = 0; s < k.length; s++) this.column[s] = P[s][j];
      linearCombination(out, j * n, n, null, h, this.column, k, k.length);
    }
  }
}

/** True when every entry is finite. */
export function allFinite(v: Float64Array): boolean {
  for (let i = 0; i < v.length; i++) if (!Number.isFinite(v[i])) return false;
  return true;
}
