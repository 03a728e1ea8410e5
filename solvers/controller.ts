/**
 * Step-size control, in one place: a PI controller on the scaled error norm
 * (Hairer, Nørsett, Wanner, Solving ODEs I, §IV.2, eq. (2.43c); Gustafsson's PI control as in DOPRI5),
 * and the floor below which a step cannot be resolved in floating point.
 */

/** Safety factor on the optimal step (scipy and DOPRI5). */
export const SAFETY = 0.9;
/** Smallest factor a step may shrink by (scipy MIN_FACTOR, DOPRI5 FAC1). */
export const MIN_FACTOR = 0.2;
/** Largest factor a step may grow by (scipy MAX_FACTOR, DOPRI5 FAC2). */
export const MAX_FACTOR = 10;
/** PI weight β on the previous error (DOPRI5 default 0.04). */
export const PI_BETA = 0.04;
/** Floor of the previous error kept by the PI term (DOPRI5: FACOLD = max(ERR, 1e-4)). */
const MIN_PREVIOUS_ERROR = 1e-4;

/**
 * True when h cannot move t in floating point with any meaning: |h| < 10·ε·|t|
 * (scipy's `10 * np.abs(np.nextafter(t, ...) - t)` criterion, written with ε).
 */
export function isStepTooSmall(h: number, t: number): boolean {
  return Math.abs(h) < 10 * Number.EPSILON * Math.abs(t);
}

/**
 * PI controller for an embedded pair whose error estimate has order q:
 * h_new = h · clamp( SAFETY · err^(−α) · errPrev^β , MIN_FACTOR, MAX_FACTOR ), α = 1/(q+1) − 0.75β.
 * After a rejection the next step may not grow (DOPRI5). Allocation-free: results are fields.
 */
export class PiController {
  private readonly alpha: number;
  private previousError = MIN_PREVIOUS_ERROR;
  private rejectedLast = false;
  /** Whether the last judged step was accepted. */
  accept = false;
  /** The proposed next step (or the retry step after a rejection). */
  hNext = 0;

  constructor(errorOrder: number) {
    this.alpha = 1 / (errorOrder + 1) - 0.75 * PI_BETA;
  }

  /** Judge a step of size h whose scaled error norm is `err`; sets `accept` and `hNext`. */
  judge(h: number, err: number): void {
    if (err <= 1) {
      let factor =
        err === 0 ? MAX_FACTOR : SAFETY * Math.pow(err, -this.alpha) * Math.pow(this.previousError, PI_BETA);
      factor = Math.min(MAX_FACTOR, Math.max(MIN_FACTOR, factor));
      if (this.rejectedLast) factor = Math.min(1, factor);
      this.previousError = Math.max(err, MIN_PREVIOUS_ERROR);
      this.rejectedLast = false;
      this.accept = true;
      this.hNext = h * factor;
    } else {
      const factor = Math.max(MIN_FACTOR, SAFETY * Math.pow(err, -this.alpha));
      this.rejectedLast = true;
      this.accept = false;
      this.hNext = h * factor;
    }
  }
}
