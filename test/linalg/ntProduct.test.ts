import test from 'ava';
import { join } from 'node:path';
import { NtProduct, defaultProductBackend, type ProductBackend } from '../../src/linalg/ntProduct.ts';
import { WASM_BASE64 } from '../../src/linalg/gemmNTWasm.generated.ts';
import { Rng } from '../../src/random.ts';
import { compileWat } from '../../scripts/wat.ts';

const SHAPES = [[1, 1, 1], [2, 4, 3], [3, 5, 7], [5, 7, 2], [8, 9, 16], [4, 8, 1], [7, 3, 33]];

for (const backend of ['wasm-simd', 'js'] as ProductBackend[]) {
  test(`NtProduct (${backend}) computes A Bᵀ for every remainder of its 2 × 4 blocking and of its two lanes`, (t) => {
    const rng = new Rng(5);
    for (const [rows, cols, k] of SHAPES) {
      const product = new NtProduct(rows, cols, k, backend);
      t.is(product.backend, backend);
      rng.fillNormal(product.a);
      rng.fillNormal(product.b);
      product.c.fill(NaN);
      product.run();
      for (let i = 0; i < rows; i++) {
        for (let j = 0; j < cols; j++) {
          let s = 0;
          for (let p = 0; p < k; p++) s += product.a[i * k + p] * product.b[j * k + p];
          t.true(Math.abs(product.c[i * cols + j] - s) < 1e-13, `${rows}×${cols}×${k} at (${i}, ${j})`);
        }
      }
    }
  });
}

test('Node has WebAssembly SIMD, so products default to the SIMD kernel', (t) => {
  t.is(defaultProductBackend(), 'wasm-simd');
});

test('the committed WebAssembly bytes are those of gemmNT.wat (npm run wasm)', async (t) => {
  const bytes = await compileWat(join(import.meta.dirname, '..', '..', 'src', 'linalg', 'gemmNT.wat'));
  t.is(Buffer.from(bytes).toString('base64'), WASM_BASE64);
});
