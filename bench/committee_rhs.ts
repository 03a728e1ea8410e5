/**
 * Cost of the committee gradient-flow right-hand side (run: `npx tsx bench/committee_rhs.ts`).
 * erf student and teacher, m = m*, random start at d = 1000 (scale 0.5, seed 1). For each kernel of the
 * O(m³) product (WebAssembly SIMD and plain JavaScript) prints right-hand-side evaluations per second, the
 * time of the O(m³) part (`VelocityOverlaps`: [2G | H]·C, 2m(m + m*)² flops), its FLOP rate, and the
 * peak of the same kernel on this machine: a 32×32 product that stays in L1 cache.
 */
import { buildCommitteeProblem, parseCommitteeSpec } from '../src/committee/index.ts';
import { VelocityOverlaps, gradientFlowRhs } from '../src/committee/flow.ts';
import { NtProduct, type ProductBackend } from '../src/linalg/ntProduct.ts';

const WIDTHS = [10, 50, 200];
const BACKENDS: ProductBackend[] = ['wasm-simd', 'js'];

function timeIt(fn: () => void, minSeconds = 0.5): number {
  fn();
  let reps = 1;
  for (;;) {
    const start = performance.now();
    for (let r = 0; r < reps; r++) fn();
    const seconds = (performance.now() - start) / 1000;
    if (seconds >= minSeconds) return seconds / reps;
    reps *= 2;
  }
}

/** Peak of a product kernel on an n×n product that stays in L1 cache, GFLOP/s. */
function kernelPeak(n: number, backend: ProductBackend): number {
  const product = new NtProduct(n, n, n, backend);
  product.a.forEach((_, i) => (product.a[i] = Math.sin(i)));
  product.b.forEach((_, i) => (product.b[i] = Math.cos(i)));
  return (2 * n * n * n) / timeIt(() => product.run()) / 1e9;
}

console.log(['kernel', 'm = m*', 'unknowns', 'rhs/s', 'µs per rhs', 'O(m³) part µs', 'O(m³) GFLOP/s', 'of kernel peak'].join('\t'));
for (const backend of BACKENDS) {
  const peak = kernelPeak(32, backend);
  console.log(`${backend}: peak of the kernel (32×32, L1-resident) ${peak.toFixed(2)} GFLOP/s`);
  for (const m of WIDTHS) {
    const spec = parseCommitteeSpec({
      model: { activation: 'erf', a: Array(m).fill(1), aStar: Array(m).fill(1) },
      init: { kind: 'random', d: 1000, scale: 0.5, seed: 1 },
      times: [0, 1],
    });
    const { layout, risk, y0, aFixed } = buildCommitteeProblem(spec);
    const rhs = gradientFlowRhs(risk, aFixed, backend);
    const dy = new Float64Array(y0.length);
    const perRhs = timeIt(() => rhs(0, y0, dy));
    const G = new Float64Array(m * m).map((_, i) => 1e-3 * Math.sin(i));
    const H = new Float64Array(m * m).map((_, i) => 1e-3 * Math.cos(i));
    const P = new Float64Array(m * m);
    const S = new Float64Array(m * m);
    const velocity = new VelocityOverlaps(layout, risk.T, backend);
    const perCube = timeIt(() => velocity.compute(y0, G, H, P, S));
    const rate = (2 * m * (2 * m) ** 2) / perCube / 1e9;
    const row = [backend, m, y0.length, Math.round(1 / perRhs), (perRhs * 1e6).toFixed(1), (perCube * 1e6).toFixed(1), rate.toFixed(2)];
    console.log([...row, `${((100 * rate) / peak).toFixed(0)}%`].join('\t'));
  }
}
