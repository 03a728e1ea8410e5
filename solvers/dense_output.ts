import { SpecError } from '../src/validate.ts';

/**
 * The interpolant of one accepted step on [t0, t1]. Evaluation writes into `out` and allocates nothing;
 * at t0 and t1 it returns the step's end states exactly.
 */
export interface Segment {
  readonly t0: number;
  readonly t1: number;
  readonly y0: Float64Array;
  readonly y1: Float64Array;
  evaluate(t: number, out: Float64Array): void;
}

/**
 * Runge–Kutta continuous extension y(t0 + θh) = y0 + Σ_j Q_j θ^(j+1), evaluated by Horner's rule;
 * Q (degree × n, row j at j·n) comes from `RkStepper.denseCoefficients`.
 */
export class PolynomialSegment implements Segment {
  constructor(
    readonly t0: number,
    readonly t1: number,
    readonly y0: Float64Array,
    readonly y1: Float64Array,
    private readonly q: Float64Array,
  ) {}

  evaluate(t: number, out: Float64Array): void {
    if (t === this.t1) return void out.set(this.y1);
    if (t === this.t0) return void out.set(this.y0);
    const n = this.y0.length;
    const degree = this.q.length / n;
    const theta = (t - this.t0) / (this.t1 - this.t0);
    for (let i = 0; i < n; i++) {
      let acc = this.q[(degree - 1) * n + i];
      for (let j = degree - 2; j >= 0; j--) acc = this.q[j * n + i] + theta * acc;
      out[i] = this.y0[i] + theta * acc;
    }
  }
}

/** Chebyshev–Lobatto points x_k = cos(kπ/m), k = 0 … m, on [−1, 1] (x_0 = 1, x_m = −1). */
export function chebyshevLobattoNodes(m: number): Float64Array {
  const x = new Float64Array(m + 1);
  for (let k = 0; k <= m; k++) x[k] = Math.cos((k * Math.PI) / m);
  x[0] = 1;
  x[m] = -1;
  return x;
}

/**
 * A step interpolant held as its values at m + 1 Chebyshev–Lobatto points of [t0, t1], evaluated by the
 * barycentric formula with weights (−1)^k (halved at the ends) (Berrut & Trefethen, SIAM Rev. 46 (2004),
 * eq. (5.2)). It reproduces exactly any polynomial interpolant of degree ≤ m, such as odex's dense output.
 * `values` holds node k at k·n; node 0 is t1, node m is t0.
 */
export class ChebyshevSegment implements Segment {
  constructor(
    readonly t0: number,
    readonly t1: number,
    readonly y0: Float64Array,
    readonly y1: Float64Array,
    private readonly nodes: Float64Array,
    private readonly values: Float64Array,
  ) {}

  evaluate(t: number, out: Float64Array): void {
    if (t === this.t1) return void out.set(this.y1);
    if (t === this.t0) return void out.set(this.y0);
    const n = this.y0.length;
    const m = this.nodes.length - 1;
    const x = (2 * (t - this.t0)) / (this.t1 - this.t0) - 1;
    out.fill(0);
    let denominator = 0;
    for (let k = 0; k <= m; k++) {
      const d = x - this.nodes[k];
      if (d === 0) {
        for (let i = 0; i < n; i++) out[i] = this.values[k * n + i];
        return;
      }
      const w = ((k & 1) === 0 ? 1 : -1) * (k === 0 || k === m ? 0.5 : 1) / d;
      denominator += w;
      for (let i = 0; i < n; i++) out[i] += w * this.values[k * n + i];
    }
    for (let i = 0; i < n; i++) out[i] /= denominator;
  }
}

/**
 * Dense output over [t0, tEnd]: the accepted steps' interpolants, found by binary search over the step
 * end points. `tEnd` is the last step's end, or the time of a terminal event inside it. With
 * `keepAll` false only the last step's interpolant is kept (memory O(n) instead of O(n·steps), for large
 * systems); evaluation is then refused before that step.
 */
export class DenseOutput {
  private readonly segments: Segment[] = [];
  /** Index in tSteps of the first kept segment's start. */
  private first = 0;
  /** Accepted step end points, t0 first. */
  readonly tSteps: number[];
  tEnd: number;

  constructor(
    t0: number,
    private readonly y0: Float64Array,
    private readonly keepAll = true,
  ) {
    this.tSteps = [t0];
    this.tEnd = t0;
  }

  push(segment: Segment): void {
    if (!this.keepAll && this.segments.length > 0) {
      this.segments.pop();
      this.first++;
    }
    this.segments.push(segment);
    this.tSteps.push(segment.t1);
    this.tEnd = segment.t1;
  }

  /** End the output at t inside the last step (a terminal event). */
  truncate(t: number): void {
    this.tSteps[this.tSteps.length - 1] = t;
    this.tEnd = t;
  }

  /** The state at t ∈ [t0, tEnd] (the last step only, without `keepAll`), written into `out` (allocated when omitted). */
  evaluate(t: number, out: Float64Array = new Float64Array(this.y0.length)): Float64Array {
    const tFrom = this.tSteps[this.first];
    if (!(t >= tFrom && t <= this.tEnd)) {
      const kept = this.keepAll ? '' : ' (dense output kept for the last step only: solver option denseOutput is false)';
      throw new SpecError('sol(t)', t, `a time in [${tFrom}, ${this.tEnd}]${kept}`);
    }
    if (this.segments.length === 0) {
      out.set(this.y0);
      return out;
    }
    // Largest i with tSteps[first + i] ≤ t, capped at the last segment.
    let lo = 0;
    let hi = this.segments.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.tSteps[this.first + mid] <= t) lo = mid;
      else hi = mid - 1;
    }
    this.segments[lo].evaluate(t, out);
    return out;
  }
}

/**
 * Cubic Hermite interpolant of one step from its end states and slopes:
 * y(t0 + θh) = h00 y0 + h10 h f0 + h01 y1 + h11 h f1 with h00 = 2θ³ − 3θ² + 1, h10 = θ³ − 2θ² + θ,
 * h01 = −2θ³ + 3θ², h11 = θ³ − θ² (third order: the dense output of the RKC and Rosenbrock steps).
 */
export class HermiteSegment implements Segment {
  constructor(
    readonly t0: number,
    readonly t1: number,
    readonly y0: Float64Array,
    readonly y1: Float64Array,
    private readonly f0: Float64Array,
    private readonly f1: Float64Array,
  ) {}

  evaluate(t: number, out: Float64Array): void {
    if (t === this.t1) return void out.set(this.y1);
    if (t === this.t0) return void out.set(this.y0);
    const h = this.t1 - this.t0;
    const s = (t - this.t0) / h;
    const s2 = s * s;
    const s3 = s2 * s;
    const a = 2 * s3 - 3 * s2 + 1;
    const b = h * (s3 - 2 * s2 + s);
    const c = -2 * s3 + 3 * s2;
    const d = h * (s3 - s2);
    const { y0, y1, f0, f1 } = this;
    for (let i = 0; i < y0.length; i++) out[i] = a * y0[i] + b * f0[i] + c * y1[i] + d * f1[i];
  }
}
