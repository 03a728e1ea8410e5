import test from 'ava';
import { gemmNT } from '../../src/linalg/gemmNT.ts';
import { Rng } from '../../src/random.ts';

test('gemmNT computes A Bᵀ for every shape remainder of its 2 × 4 blocking, into a wider C', (t) => {
  const rng = new Rng(3);
  for (const [rows, cols, k] of [[1, 1, 1], [2, 4, 3], [3, 5, 7], [5, 7, 2], [8, 9, 16]]) {
    const A = rng.fillNormal(new Float64Array(rows * k));
    const B = rng.fillNormal(new Float64Array(cols * k));
    const ldc = cols + 2;
    const C = new Float64Array(rows * ldc).fill(NaN);
    gemmNT(A, B, C, rows, cols, k, ldc);
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) {
        let s = 0;
        for (let p = 0; p < k; p++) s += A[i * k + p] * B[j * k + p];
        t.true(Math.abs(C[i * ldc + j] - s) < 1e-13, `${rows}×${cols}×${k} at (${i}, ${j})`);
      }
      t.true(Number.isNaN(C[i * ldc + cols]), 'columns past cols untouched');
    }
  }
});
