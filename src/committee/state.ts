/**
 * The committee ODE state packed in one Float64Array: Q (m×m, row-major, kept symmetric), then R (m×m*),
 * then the student second layer a (m entries) when it is trained. T and a* are fixed parameters.
 */
export interface Overlaps {
  Q: number[][];
  R: number[][];
  T: number[][];
  a: number[];
}

export class CommitteeLayout {
  readonly qOffset = 0;
  readonly rOffset: number;
  readonly aOffset: number;
  readonly size: number;

  constructor(
    readonly m: number,
    readonly mStar: number,
    readonly trainSecondLayer: boolean,
  ) {
    this.rOffset = m * m;
    this.aOffset = this.rOffset + m * mStar;
    this.size = this.aOffset + (trainSecondLayer ? m : 0);
  }

  /** Pack Q, R (and a when trained) into a new state vector. */
  pack(Q: number[][], R: number[][], a: number[]): Float64Array {
    const y = new Float64Array(this.size);
    for (let j = 0; j < this.m; j++) {
      for (let l = 0; l < this.m; l++) y[this.qOffset + j * this.m + l] = Q[j][l];
      for (let k = 0; k < this.mStar; k++) y[this.rOffset + j * this.mStar + k] = R[j][k];
      if (this.trainSecondLayer) y[this.aOffset + j] = a[j];
    }
    return y;
  }

  /** Q of a state, as nested arrays. */
  Q(y: Float64Array): number[][] {
    return rows(y, this.qOffset, this.m, this.m);
  }

  /** R of a state, as nested arrays. */
  R(y: Float64Array): number[][] {
    return rows(y, this.rOffset, this.m, this.mStar);
  }

  /** Student second layer of a state: the trained values, or the fixed `a` when not trained. */
  a(y: Float64Array, fixed: readonly number[]): number[] {
    return this.trainSecondLayer ? Array.from(y.subarray(this.aOffset, this.aOffset + this.m)) : fixed.slice();
  }
}

function rows(y: Float64Array, offset: number, r: number, c: number): number[][] {
  return Array.from({ length: r }, (_, i) => Array.from(y.subarray(offset + i * c, offset + (i + 1) * c)));
}
