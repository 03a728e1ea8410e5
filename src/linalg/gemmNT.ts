/**
 * Dense C = A Bᵀ for row-major Float64Arrays: C[i·ldc + j] = Σ_p A[i·k + p] B[j·k + p]
 * (A: rows × k, B: cols × k). Every inner loop reads rows of A and B contiguously; outputs are
 * computed in 2 × 4 register blocks (eight independent sums per sweep, each loaded entry of A used
 * four times and of B twice), which keeps plain scalar JavaScript near the peak of this loop.
 * Allocation-free.
 */
export function gemmNT(
  A: Float64Array,
  B: Float64Array,
  C: Float64Array,
  rows: number,
  cols: number,
  k: number,
  ldc: number,
): void {
  let i = 0;
  for (; i + 1 < rows; i += 2) {
    const a0 = i * k;
    const a1 = a0 + k;
    const c0 = i * ldc;
    const c1 = c0 + ldc;
    let j = 0;
    for (; j + 3 < cols; j += 4) {
      const b0 = j * k, b1 = b0 + k, b2 = b1 + k, b3 = b2 + k;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0, t0 = 0, t1 = 0, t2 = 0, t3 = 0;
      for (let p = 0; p < k; p++) {
        const u = A[a0 + p];
        const v = A[a1 + p];
        const x0 = B[b0 + p], x1 = B[b1 + p], x2 = B[b2 + p], x3 = B[b3 + p];
        s0 += u * x0; s1 += u * x1; s2 += u * x2; s3 += u * x3;
        t0 += v * x0; t1 += v * x1; t2 += v * x2; t3 += v * x3;
      }
      C[c0 + j] = s0; C[c0 + j + 1] = s1; C[c0 + j + 2] = s2; C[c0 + j + 3] = s3;
      C[c1 + j] = t0; C[c1 + j + 1] = t1; C[c1 + j + 2] = t2; C[c1 + j + 3] = t3;
    }
    for (; j < cols; j++) {
      const b = j * k;
      let s = 0, t = 0;
      for (let p = 0; p < k; p++) {
        s += A[a0 + p] * B[b + p];
        t += A[a1 + p] * B[b + p];
      }
      C[c0 + j] = s;
      C[c1 + j] = t;
    }
  }
  for (; i < rows; i++) {
    const a = i * k;
    const c = i * ldc;
    for (let j = 0; j < cols; j++) {
      const b = j * k;
      let s = 0;
      for (let p = 0; p < k; p++) s += A[a + p] * B[b + p];
      C[c + j] = s;
    }
  }
}
